//! Regenerating gives byte-identical output, whatever the order of the inputs.

mod common;

use std::path::PathBuf;

use kubegen_codegen::generate::{generate_file, generate_tree, Options};

fn every_file(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(common::tests_dir(dir))
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

#[test]
fn twice_is_identical() {
    for (_, inputs, features) in common::cases() {
        assert_eq!(
            common::generate(&inputs, features),
            common::generate(&inputs, features)
        );
    }
}

#[test]
fn input_order_does_not_matter() {
    let mut files = every_file("cases/builtin");
    files.extend(every_file("cases/crd"));
    files.extend(every_file("cases/edge"));
    files.push(common::swagger());
    let opts = Options::default();
    let forward = generate_file(&files, &opts).expect("forward").1;
    files.reverse();
    let backward = generate_file(&files, &opts).expect("backward").1;
    // Folders instead of files: the same set, read another way.
    let folders = vec![
        common::swagger(),
        common::tests_dir("cases/edge"),
        common::tests_dir("cases/crd"),
        common::tests_dir("cases/builtin"),
    ];
    let by_folder = generate_file(&folders, &opts).expect("folders").1;
    assert_eq!(forward, backward);
    assert_eq!(forward, by_folder);
}

#[test]
fn every_builtin_group_is_deterministic() {
    let opts = Options {
        feature_per_group: true,
        all_openapi_kinds: true,
        runtime_crate: "::kubegen_runtime".into(),
        ..Default::default()
    };
    let a = generate_tree(&[common::swagger()], &opts).expect("first").1;
    let b = generate_tree(&[common::swagger()], &opts)
        .expect("second")
        .1;
    assert_eq!(a, b);
}
