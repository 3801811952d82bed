//! `kubegen crd`: a CRD manifest per declared custom kind, built-in kinds
//! skipped with a note, nothing written on bad input.

mod common;

use common::{kubegen, run_ok};

#[test]
fn writes_a_manifest_per_custom_kind_and_skips_built_in_ones() {
    let out = tempfile::tempdir().expect("tempdir");
    let dir = out.path().join("crds");
    let done = run_ok(
        kubegen()
            .args(["crd", "--out"])
            .arg(&dir)
            .arg(common::codegen_tests_dir("cases/crd"))
            .arg(common::codegen_tests_dir("cases/builtin"))
            .arg(common::swagger()),
    );
    let manifest = std::fs::read_to_string(dir.join("emqxbrokers.apps.emqx.io.yaml"))
        .expect("emqxbrokers manifest");
    let crd: serde_yaml::Value = serde_yaml::from_str(&manifest).expect("yaml");
    assert_eq!(crd["kind"], "CustomResourceDefinition");
    assert_eq!(crd["spec"]["names"]["kind"], "EmqxBroker");
    assert!(!dir.join("deployments.apps.yaml").exists());
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(stderr.contains("skipped apps/v1 Deployment"), "{stderr}");
}

#[test]
fn bad_input_writes_nothing() {
    common::bad_input_writes_nothing("crd");
}
