//! The version features pick the built-in types: `v1_36` alone gives the
//! 1.36 types, `v1_20` the 1.20 ones, and both together the oldest (with a
//! build warning). A probe crate names `core::v1::PodResourceClaim`, a type
//! 1.36 has and 1.20 lacks, and is checked (not built) with each choice.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Check {
    ok: bool,
    stderr: String,
}

/// `cargo check` of a probe crate depending on this crate with `features`
/// (default features off), in a target folder kept across runs.
fn check_probe(features: &str) -> Check {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let krate = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("kubegen-version-probe");
    std::fs::create_dir_all(krate.join("src")).expect("mkdir");
    let kubegen = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::write(
        krate.join("Cargo.toml"),
        format!(
            "[package]\nname = \"kubegen-version-probe\"\nversion = \"0.0.0\"\n\
             edition = \"2021\"\npublish = false\n\n[dependencies]\n\
             kubegen = {{ path = {kubegen:?}, default-features = false, features = [{features}] }}\n\n\
             [workspace]\n"
        ),
    )
    .expect("write Cargo.toml");
    std::fs::write(
        krate.join("src/lib.rs"),
        "//! Names a type of one Kubernetes version only.\n\
         pub type OnlyIn136 = kubegen::core::v1::PodResourceClaim;\n\
         pub const VERSION: &str = kubegen::KUBERNETES_VERSION;\n",
    )
    .expect("write lib.rs");
    std::fs::copy(workspace.join("Cargo.lock"), krate.join("Cargo.lock")).expect("copy lock");
    let out = Command::new(env!("CARGO"))
        .args(["check", "--offline"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", workspace.join("target/version-probe"))
        .output()
        .expect("run cargo");
    Check {
        ok: out.status.success(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn the_version_features_choose_the_types_and_the_oldest_wins() {
    let new = check_probe("\"v1_36\", \"core\"");
    assert!(new.ok, "v1_36 has PodResourceClaim:\n{}", new.stderr);
    assert!(!new.stderr.contains("warning: kubegen"), "{}", new.stderr);

    let old = check_probe("\"v1_20\", \"core\"");
    assert!(!old.ok, "v1_20 has no PodResourceClaim");
    assert!(old.stderr.contains("PodResourceClaim"), "{}", old.stderr);
    assert!(!old.stderr.contains("warning: kubegen"), "{}", old.stderr);

    let both = check_probe("\"v1_20\", \"v1_36\", \"core\"");
    assert!(!both.ok, "with both, the 1.20 types are built");
    assert!(both.stderr.contains("PodResourceClaim"), "{}", both.stderr);
    assert!(
        both.stderr
            .contains("v1_20, v1_36 are all on; the oldest wins"),
        "{}",
        both.stderr
    );

    let none = check_probe("\"core\"");
    assert!(
        none.ok,
        "no version feature gives the newest:\n{}",
        none.stderr
    );
    // An app that turns default features off for a few groups (the README's
    // first client) is not told about versions it did not ask about.
    assert!(!none.stderr.contains("warning: kubegen"), "{}", none.stderr);
}
