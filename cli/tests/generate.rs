//! `kubegen generate` (moved here from the codegen crate with the CLI): a
//! module tree on success, nothing on failure.

mod common;

use common::kubegen;

#[test]
fn writes_a_module_tree() {
    let out = tempfile::tempdir().expect("tempdir");
    let status = kubegen()
        .args(["generate", "--feature-per-group", "--out"])
        .arg(out.path())
        .arg(common::codegen_tests_dir("cases/crd"))
        .arg(common::codegen_tests_dir("cases/builtin"))
        .arg(common::swagger())
        .output()
        .expect("run kubegen");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    for file in [
        "mod.rs",
        "apps/mod.rs",
        "apps/v1.rs",
        "core/v1.rs",
        "apps_emqx_io/v1beta1.rs",
    ] {
        assert!(out.path().join(file).is_file(), "{file} written");
    }
    let root = std::fs::read_to_string(out.path().join("mod.rs")).expect("mod.rs");
    assert!(root.contains("pub mod apps;"));
    assert!(root.contains("#[cfg(feature = \"apps_emqx_io\")]"));
    assert!(String::from_utf8_lossy(&status.stdout).contains(
        "features: apiextensions, apply, apps, apps_emqx_io, coordination, core, runtime"
    ));
}

#[test]
fn bad_input_writes_nothing() {
    common::bad_input_writes_nothing("generate");
}

#[test]
fn needs_inputs() {
    let status = kubegen()
        .args(["generate", "--out", "x"])
        .output()
        .expect("run kubegen");
    assert!(!status.status.success());
}
