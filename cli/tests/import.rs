//! `kubegen import` against the local control plane: a CRD's group becomes
//! declarations that `kubegen generate` turns into code that compiles, a
//! built-in group keeps its subresources, and a group's versions share one
//! declaration.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{install_widget_crd, kubegen, kubegen_on_cluster, run_ok};
use serde_yaml::Value;

/// Imports `groups` into a fresh folder and returns it with its declarations.
fn import(groups: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("import");
    run_ok(
        kubegen_on_cluster("import")
            .arg("--out")
            .arg(&out)
            .args(groups),
    );
    assert!(out.join("openapi.json").is_file());
    (dir, out)
}

/// Kind `name` of the declaration's first version.
fn kind<'a>(decl: &'a Value, name: &str) -> &'a Value {
    kind_of_version(decl, 0, name)
}

/// Kind `name` of the declaration's `index`th version.
fn kind_of_version<'a>(decl: &'a Value, index: usize, name: &str) -> &'a Value {
    decl["versions"][index]["kinds"]
        .as_sequence()
        .expect("kinds")
        .iter()
        .find(|k| k["kind"] == name)
        .unwrap_or_else(|| panic!("no kind {name} in version {index} of {decl:?}"))
}

/// Runs `kubegen generate` on the imported folder into `<dir>/crate/src/generated`; returns the crate folder.
fn generate(dir: &Path, imported: &Path) -> PathBuf {
    let krate = dir.join("crate");
    run_ok(
        kubegen()
            .args(["generate", "--runtime-crate", "::kubegen_runtime", "--out"])
            .arg(krate.join("src/generated"))
            .arg(imported),
    );
    krate
}

fn read_yaml(path: &Path) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).expect("read")).expect("yaml")
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_sequence()
        .expect("sequence")
        .iter()
        .map(|v| v.as_str().expect("string"))
        .collect()
}

#[test]
fn imported_crd_generates_code_that_compiles() {
    install_widget_crd();
    let (dir, out) = import(&["e2e.kubegen.dev"]);
    let decl = read_yaml(&out.join("e2e.kubegen.dev.yaml"));
    assert_eq!(decl["group"], "e2e.kubegen.dev");
    assert_eq!(decl["versions"][0]["version"], "v1");
    let widget = kind(&decl, "Widget");
    assert_eq!(widget["plural"], "widgets");
    assert_eq!(widget["singular"], "widget");
    assert_eq!(strings(&widget["shortNames"]), ["wd"]);
    assert_eq!(widget["scope"], "Namespaced");
    assert_eq!(strings(&widget["subresources"]), ["status", "scale"]);
    assert_eq!(strings(&widget["verbs"]), ["all"]);
    // Found by x-kubernetes-group-version-kind: 1.20 names it by the reversed group.
    assert_eq!(widget["schema"]["openapi"], "dev.kubegen.e2e.v1.Widget");

    let krate = generate(dir.path(), &out);
    let code = std::fs::read_to_string(krate.join("src/generated/e2e_kubegen_dev/v1.rs"))
        .expect("generated e2e_kubegen_dev/v1.rs");
    assert!(code.contains("pub struct Widget"));
    assert!(code.contains("update_scale"));
    build_crate(&krate);
}

/// Builds a crate of its own that includes the generated tree, warnings
/// denied, offline, in a target folder shared across runs (fast when repeated).
fn build_crate(krate: &Path) {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let runtime = workspace.join("runtime");
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"kubegen-cli-e2e-import\"\nversion = \"0.0.0\"\n\
             edition = \"2021\"\npublish = false\n\n\
             [dependencies]\nkubegen-runtime = {{ path = {runtime:?} }}\n\n[workspace]\n"
        ),
    )
    .expect("write Cargo.toml");
    std::fs::write(
        krate.join("src/lib.rs"),
        "#![deny(warnings)]\n//! Code generated from `kubegen import`.\n\n\
         /// The generated module tree.\npub mod generated;\n",
    )
    .expect("write lib.rs");
    // The workspace's lock file: the same (cached, already built) versions.
    std::fs::copy(workspace.join("Cargo.lock"), krate.join("Cargo.lock")).expect("copy lock");
    let out = Command::new(env!("CARGO"))
        .args(["build", "--offline"])
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", workspace.join("target/cli-e2e-target"))
        // Only whether it builds matters; debug info would triple the folder.
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .output()
        .expect("run cargo");
    assert!(
        out.status.success(),
        "the generated crate does not build:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn imported_apps_keeps_status_and_scale() {
    let (_dir, out) = import(&["apps"]);
    let decl = read_yaml(&out.join("apps.yaml"));
    assert_eq!(decl["group"], "apps");
    assert_eq!(decl["versions"][0]["version"], "v1");
    let deployment = kind(&decl, "Deployment");
    assert_eq!(deployment["plural"], "deployments");
    assert_eq!(strings(&deployment["shortNames"]), ["deploy"]);
    assert_eq!(strings(&deployment["subresources"]), ["status", "scale"]);
    assert_eq!(strings(&deployment["verbs"]), ["all"]);
    assert_eq!(
        deployment["schema"]["openapi"],
        "io.k8s.api.apps.v1.Deployment"
    );
    assert_eq!(
        strings(&kind(&decl, "DaemonSet")["subresources"]),
        ["status"]
    );
    assert!(kind(&decl, "ControllerRevision")
        .get("subresources")
        .is_none());
    let spec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("openapi.json")).expect("read"))
            .expect("json");
    let defs = spec["definitions"].as_object().expect("definitions");
    assert!(defs.contains_key("io.k8s.api.core.v1.PodTemplateSpec"));
    assert!(!defs.contains_key("io.k8s.api.batch.v1.Job"), "trimmed");
}

#[test]
fn core_group_and_chosen_version() {
    let (_dir, out) = import(&["core"]);
    let decl = read_yaml(&out.join("core.yaml"));
    assert_eq!(decl["group"], "");
    assert_eq!(kind(&decl, "Node")["scope"], "Cluster");
    assert_eq!(
        strings(&kind(&decl, "Pod")["subresources"]),
        ["status", "log", "eviction"]
    );
    assert_eq!(strings(&kind(&decl, "Binding")["verbs"]), ["create"]);
    let (_dir, out) = import(&["--version", "v1beta1", "policy"]);
    assert_eq!(
        read_yaml(&out.join("policy.yaml"))["versions"][0]["version"],
        "v1beta1"
    );
}

#[test]
fn every_version_of_a_group_generates_and_compiles() {
    let (dir, out) = import(&["--all-versions", "autoscaling", "apps/v1"]);
    let decl = read_yaml(&out.join("autoscaling.yaml"));
    let versions: Vec<&str> = decl["versions"]
        .as_sequence()
        .expect("versions")
        .iter()
        .map(|v| v["version"].as_str().expect("version"))
        .collect();
    assert_eq!(versions, ["v1", "v2beta1", "v2beta2"]);
    for (i, version) in versions.iter().enumerate() {
        let hpa = kind_of_version(&decl, i, "HorizontalPodAutoscaler");
        assert_eq!(
            hpa["schema"]["openapi"],
            format!("io.k8s.api.autoscaling.{version}.HorizontalPodAutoscaler")
        );
    }
    assert_eq!(
        read_yaml(&out.join("apps.yaml"))["versions"][0]["version"],
        "v1"
    );

    let krate = generate(dir.path(), &out);
    for version in versions {
        let code =
            std::fs::read_to_string(krate.join(format!("src/generated/autoscaling/{version}.rs")))
                .unwrap_or_else(|e| panic!("generated autoscaling/{version}.rs: {e}"));
        assert!(
            code.contains("pub struct HorizontalPodAutoscaler"),
            "{version}"
        );
    }
    build_crate(&krate);
}

#[test]
fn unknown_group_or_version_is_an_error() {
    for args in [
        &["no.such.group"][..],
        &["--version", "v9", "apps"][..],
        &["apps/v9"][..],
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = kubegen_on_cluster("import")
            .arg("--out")
            .arg(dir.path().join("x"))
            .args(args)
            .output()
            .expect("run kubegen");
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("it serves: "), "{stderr}");
        assert!(!dir.path().join("x").exists(), "nothing written");
    }
}
