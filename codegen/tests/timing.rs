//! Measures generating every group of the v1.20.2 spec (printed, not asserted).
//! Run with `cargo test -p kubegen-codegen --release --test timing -- --nocapture`.

mod common;

use std::time::Instant;

use kubegen_codegen::generate::{generate_tree, Options};

#[test]
fn generate_every_builtin_group() {
    let opts = Options {
        feature_per_group: true,
        all_openapi_kinds: true,
        runtime_crate: "::kubegen_runtime".into(),
    };
    let start = Instant::now();
    let (loaded, files) = generate_tree(&[common::swagger()], &opts).expect("generate");
    let elapsed = start.elapsed();
    let kinds: usize = loaded
        .model
        .groups
        .values()
        .flat_map(|g| g.versions.values())
        .map(|v| v.kinds.len())
        .sum();
    let bytes: usize = files.values().map(String::len).sum();
    eprintln!(
        "kubegen: {} groups, {kinds} kinds, {} types, {} files, {bytes} bytes in {elapsed:?}",
        loaded.model.groups.len(),
        loaded.model.types.types.len(),
        files.len(),
    );
    assert!(kinds > 50, "every built-in kind is declared");
}
