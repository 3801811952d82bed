//! Measures generating every group of the v1.20.2 and v1.36 specs (printed,
//! not asserted).
//! Run with `cargo test -p kubegen-codegen --release --test timing -- --nocapture`.

mod common;

use std::time::Instant;

use kubegen_codegen::generate::{generate_tree, Options};

#[test]
fn generate_every_builtin_group() {
    generate_every_group_of(common::swagger());
}

#[test]
fn generate_every_v1_36_group() {
    generate_every_group_of(common::swagger_v1_36());
}

fn generate_every_group_of(spec: std::path::PathBuf) {
    let opts = Options {
        feature_per_group: true,
        all_openapi_kinds: true,
        runtime_crate: "::kubegen_runtime".into(),
        ..Default::default()
    };
    let start = Instant::now();
    let (loaded, files) = generate_tree(std::slice::from_ref(&spec), &opts).expect("generate");
    let elapsed = start.elapsed();
    let kinds = loaded.kind_count();
    let bytes: usize = files.values().map(String::len).sum();
    eprintln!(
        "kubegen: {}: {} groups, {kinds} kinds, {} types, {} files, {bytes} bytes in {elapsed:?}",
        spec.display(),
        loaded.group_count(),
        loaded.type_count(),
        files.len(),
    );
    assert!(kinds > 50, "every built-in kind is declared");
}
