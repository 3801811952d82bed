//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// `codegen/tests/<rel>`.
pub fn tests_dir(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(rel)
}

/// The v1.20.2 OpenAPI spec, committed once as data of the `generated` crate.
pub fn swagger() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../generated/openapi/swagger-v1.20.2.json")
}

/// The v1.36 OpenAPI spec, committed beside it.
pub fn swagger_v1_36() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../generated/openapi/swagger-v1.36.json")
}

/// The golden cases: name, inputs, whether features are emitted.
pub fn cases() -> Vec<(&'static str, Vec<PathBuf>, bool)> {
    vec![
        ("builtin", vec![tests_dir("cases/builtin"), swagger()], true),
        ("crd", vec![tests_dir("cases/crd")], false),
        ("edge", vec![tests_dir("cases/edge")], false),
        ("prelude", vec![tests_dir("cases/prelude")], false),
    ]
}

/// Generates one case as a single file, the way build.rs does.
pub fn generate(inputs: &[PathBuf], features: bool) -> String {
    let opts = kubegen_codegen::generate::Options {
        feature_per_group: features,
        all_openapi_kinds: false,
        runtime_crate: "::kubegen_runtime".into(),
    };
    kubegen_codegen::generate::generate_file(inputs, &opts)
        .expect("generate")
        .1
}
