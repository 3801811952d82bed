//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `codegen/tests/<rel>`.
pub fn tests_dir(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(rel)
}

/// The workspace's root folder.
pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace")
        .to_path_buf()
}

/// The OpenAPI spec of one Kubernetes version (`v1.20.2`, `v1.36`),
/// committed as data of the `generated` crate.
pub fn swagger_of(version: &str) -> PathBuf {
    workspace().join(format!("generated/openapi/swagger-{version}.json"))
}

/// The v1.20.2 OpenAPI spec.
pub fn swagger() -> PathBuf {
    swagger_of("v1.20.2")
}

/// The v1.36 OpenAPI spec.
pub fn swagger_v1_36() -> PathBuf {
    swagger_of("v1.36")
}

/// The folder of a case's test material (options, samples, checks), which
/// the generator does not read: see `tests/cases/README.md`.
pub const CHECK_DIR: &str = "check";

/// The cases: every folder under `tests/cases/`, sorted by name, as its
/// name, the generator's inputs (the folder first, then any OpenAPI spec its
/// options name) and whether it emits a feature per group.
pub fn cases() -> Vec<(String, Vec<PathBuf>, bool)> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(tests_dir("cases"))
        .expect("read tests/cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter().map(|dir| case(&dir)).collect()
}

/// One case folder, with the options of `check/options` when there is one.
fn case(dir: &Path) -> (String, Vec<PathBuf>, bool) {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .expect("case folder name")
        .to_string();
    let mut inputs = vec![dir.to_path_buf()];
    let mut feature_per_group = false;
    let options = dir.join(CHECK_DIR).join("options");
    let text = std::fs::read_to_string(&options).unwrap_or_default();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .map(|(k, v)| (k.trim(), v.trim()))
            .unwrap_or_else(|| panic!("{}: `{line}` is not `key = value`", options.display()));
        match key {
            "openapi" => {
                let spec = swagger_of(value);
                assert!(
                    spec.is_file(),
                    "{}: no {}",
                    options.display(),
                    spec.display()
                );
                inputs.push(spec);
            }
            "feature-per-group" => {
                feature_per_group = value.parse().unwrap_or_else(|_| {
                    panic!("{}: `{value}` is not true or false", options.display())
                });
            }
            _ => panic!(
                "{}: unknown option `{key}` (openapi, feature-per-group)",
                options.display()
            ),
        }
    }
    (name, inputs, feature_per_group)
}

/// Generates one case as a single file, the way build.rs does.
pub fn generate(inputs: &[PathBuf], features: bool) -> String {
    let opts = kubegen_codegen::generate::Options {
        feature_per_group: features,
        runtime_crate: "::kubegen_runtime".into(),
        ..Default::default()
    };
    kubegen_codegen::generate::generate_file(inputs, &opts)
        .expect("generate")
        .1
}

/// Writes `files` (name, text) into a fresh folder; the folder lives as long
/// as the returned guard.
pub fn folder(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let path = dir.path().to_path_buf();
    (dir, path)
}
