//! Without a control plane, e2e helpers fail loudly and say how to start one.

#[test]
fn missing_control_plane_fails_with_instructions() {
    let empty = tempfile::tempdir().unwrap();
    // This test binary has this one test, so changing the environment races with nothing.
    std::env::set_var("KUBEGEN_CLUSTER_DIR", empty.path());
    let panic = std::panic::catch_unwind(|| kubegen_tests::config("token")).unwrap_err();
    let message = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    assert!(message.contains("cargo xtask test"), "{message}");
    assert!(message.contains("cargo xtask cluster up"), "{message}");
}
