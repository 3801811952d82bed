//! Compile test: the generated code for every golden case is built against
//! the stand-in runtime in `tests/stub-runtime` (same names and signatures as
//! the runtime contract) with warnings denied, in both layouts (single file
//! for `include!`, module tree from the CLI), with no group feature and with
//! all of them; clippy and rustdoc run with warnings denied; and the round-trip
//! tests in `tests/compile/roundtrip.rs` run against it.
//!
//! Needs the crates.io cache (`serde`, `serde_json`); runs cargo `--offline`.
//! Set `KUBEGEN_SKIP_COMPILE_TEST=1` to skip.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use kubegen_codegen::generate::{generate_file, generate_tree, Options};

fn cargo(dir: &Path, args: &[&str], rustdocflags: Option<&str>) {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.current_dir(dir)
        .arg("--offline")
        .args(args)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("RUSTFLAGS", "-D warnings");
    if let Some(flags) = rustdocflags {
        cmd.env("RUSTDOCFLAGS", flags);
    }
    let out = cmd.output().expect("run cargo");
    assert!(
        out.status.success(),
        "cargo {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Writes a crate at `dir` holding the generated code in both layouts; returns its features.
fn prepare(dir: &Path, inputs: &[PathBuf], opts: &Options) -> Vec<String> {
    let src = dir.join("src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(src.join("tree")).expect("mkdir");
    std::fs::create_dir_all(dir.join("tests")).expect("mkdir");
    let (loaded, single) = generate_file(inputs, opts).expect("generate");
    let (_, tree) = generate_tree(inputs, opts).expect("generate tree");
    std::fs::write(src.join("single.rs"), single).expect("write");
    for (rel, code) in tree {
        let path = src.join("tree").join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, code).expect("write");
    }
    std::fs::write(
        src.join("lib.rs"),
        "#![deny(warnings, missing_docs)]\n//! Compile test of generated code.\n\
         /// As `include!`d by build.rs.\npub mod single {\n    include!(\"single.rs\");\n}\n\
         /// As written by the CLI.\npub mod tree;\n",
    )
    .expect("write");
    let runtime = common::tests_dir("stub-runtime");
    let features: String = loaded
        .features()
        .iter()
        .map(|f| format!("{f} = []\n"))
        .collect();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"ct\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nkubegen-runtime = {{ path = {runtime:?} }}\n\
             serde = \"1\"\n\n[features]\n{features}\n[workspace]\n"
        ),
    )
    .expect("write");
    loaded.features()
}

/// Clippy with warnings denied, when clippy is installed (the generated crate
/// lives in a workspace whose CI runs clippy `-D warnings`).
fn clippy(dir: &Path) {
    let has_clippy = Command::new(env!("CARGO"))
        .args(["clippy", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if has_clippy {
        cargo(
            dir,
            &[
                "clippy",
                "--all-features",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
            None,
        );
    } else {
        eprintln!("clippy not installed: lint check skipped");
    }
}

fn skipped() -> bool {
    let skip = std::env::var_os("KUBEGEN_SKIP_COMPILE_TEST").is_some();
    if skip {
        eprintln!("skipped: KUBEGEN_SKIP_COMPILE_TEST is set");
    }
    skip
}

#[test]
fn generated_code_compiles_and_round_trips() {
    if skipped() {
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kubegen-compile-test");
    let mut inputs = Vec::new();
    for (_, case_inputs, _) in common::cases() {
        inputs.extend(case_inputs);
    }
    let opts = Options {
        feature_per_group: true,
        all_openapi_kinds: false,
        runtime_crate: "::kubegen_runtime".into(),
    };
    prepare(&dir, &inputs, &opts);
    std::fs::copy(
        common::tests_dir("compile/roundtrip.rs"),
        dir.join("tests/roundtrip.rs"),
    )
    .expect("copy");
    cargo(&dir, &["check", "--lib"], None);
    // One group alone still has every type it reaches in other groups' modules.
    cargo(&dir, &["check", "--lib", "--features", "apps"], None);
    cargo(&dir, &["test", "--all-features"], None);
    clippy(&dir);
    cargo(
        &dir,
        &["doc", "--no-deps", "--all-features"],
        Some("-D warnings"),
    );
}

/// Every kind of the v1.20.2 spec (about 20 s more): `cargo test -- --ignored`.
#[test]
#[ignore = "slow: builds every built-in group"]
fn every_builtin_group_compiles() {
    if skipped() {
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kubegen-compile-test-all");
    let opts = Options {
        feature_per_group: true,
        all_openapi_kinds: true,
        runtime_crate: "::kubegen_runtime".into(),
    };
    prepare(&dir, &[common::swagger()], &opts);
    cargo(&dir, &["check", "--lib", "--features", "batch"], None);
    cargo(&dir, &["check", "--lib", "--all-features"], None);
    clippy(&dir);
    cargo(
        &dir,
        &["doc", "--no-deps", "--all-features"],
        Some("-D warnings"),
    );
}

/// Every kind of the v1.36 spec, alpha and beta versions too (minutes):
/// `cargo test -- --ignored`.
#[test]
#[ignore = "slow: builds every group of the v1.36 spec"]
fn every_v1_36_group_compiles() {
    if skipped() {
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("kubegen-compile-test-v1-36");
    let opts = Options {
        feature_per_group: true,
        all_openapi_kinds: true,
        runtime_crate: "::kubegen_runtime".into(),
    };
    prepare(&dir, &[common::swagger_v1_36()], &opts);
    cargo(&dir, &["check", "--lib", "--all-features"], None);
    clippy(&dir);
    cargo(
        &dir,
        &["doc", "--no-deps", "--all-features"],
        Some("-D warnings"),
    );
}
