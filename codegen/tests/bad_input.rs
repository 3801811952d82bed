//! Bad inputs fail with the file, the line and the key in the message; no
//! panic and no output file.

mod common;

use kubegen_codegen::Builder;

/// Generates `tests/bad/<file>` (plus the spec when asked) and returns the error text.
fn error_of(file: &str, with_spec: bool) -> String {
    let out = std::env::temp_dir().join(format!("kubegen-bad-{}-{file}.rs", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let mut b = Builder::new()
        .quiet(true)
        .out_file(&out)
        .input(common::tests_dir(&format!("bad/{file}")));
    if with_spec {
        b = b.openapi(common::swagger());
    }
    let err = b.generate().expect_err("bad input must fail").to_string();
    assert!(!out.exists(), "no output is written for bad input {file}");
    err
}

fn check(file: &str, with_spec: bool, line: usize, key: &str) {
    let err = error_of(file, with_spec);
    assert!(err.contains(file), "{file}: file not named: {err}");
    assert!(
        err.contains(&format!(":{line}")),
        "{file}: line {line} not named: {err}"
    );
    assert!(err.contains(key), "{file}: key `{key}` not named: {err}");
}

#[test]
fn bad_yaml() {
    check("bad_yaml.yaml", false, 4, "(document)");
}

#[test]
fn kind_without_kind() {
    check("no_kind.yaml", false, 5, "versions[0].kinds[0]");
    assert!(error_of("no_kind.yaml", false).contains("missing field `kind`"));
}

#[test]
fn unknown_scope() {
    check("bad_scope.yaml", false, 6, "versions[0].kinds[0].scope");
    assert!(error_of("bad_scope.yaml", false).contains("Namespace"));
}

#[test]
fn crd_without_plural() {
    check("crd_no_plural.yaml", false, 9, "spec.names");
    assert!(error_of("crd_no_plural.yaml", false).contains("plural"));
}

#[test]
fn schema_type_typo() {
    check("objekt.yaml", false, 11, "properties.spec.type");
    assert!(error_of("objekt.yaml", false).contains("objekt"));
}

#[test]
fn typo_in_a_schema_file() {
    // The error is in the referenced schema file, and names that file.
    let err = error_of("schema_file_ref.yaml", false);
    assert!(err.contains("bad/thing.schema.yaml:7"), "{err}");
    assert!(
        err.contains("properties.spec.properties.size.type"),
        "{err}"
    );
}

#[test]
fn missing_openapi_definition() {
    check(
        "missing_openapi.yaml",
        true,
        10,
        "versions[0].kinds[1].schema.openapi",
    );
}

#[test]
fn openapi_reference_without_spec() {
    let err = error_of("missing_openapi.yaml", false);
    assert!(err.contains("needs an OpenAPI v2 spec"), "{err}");
    assert!(err.contains(":7"), "{err}");
}

#[test]
fn duplicate_kind() {
    check("duplicate_kind.yaml", false, 7, "versions[0].kinds[1].kind");
}

#[test]
fn invalid_kind_name() {
    check("bad_kind_name.yaml", false, 5, "versions[0].kinds[0].kind");
}

#[test]
fn unknown_verb() {
    check("bad_verb.yaml", false, 6, "versions[0].kinds[0].verbs[1]");
}

#[test]
fn unknown_key() {
    check("unknown_key.yaml", false, 6, "verbz");
}

#[test]
fn unsupported_reference() {
    check("bad_ref.yaml", false, 11, "properties.spec.$ref");
}

#[test]
fn a_runtime_crate_that_is_not_a_path_is_refused() {
    let out = std::env::temp_dir().join(format!("kubegen-bad-{}-runtime.rs", std::process::id()));
    let err = Builder::new()
        .quiet(true)
        .out_file(&out)
        .runtime_crate("not a path!")
        .input(common::tests_dir("cases/edge/edge.yaml"))
        .generate()
        .expect_err("a bad runtime path must fail");
    assert!(
        matches!(&err, kubegen_codegen::Error::RuntimePath { path, .. } if path == "not a path!"),
        "{err:?}"
    );
    assert!(!out.exists(), "no output is written");
}

#[test]
fn serving_kinds_of_a_file_that_is_no_openapi_spec_is_refused() {
    let file = common::tests_dir("cases/edge/edge.yaml");
    let err = kubegen_codegen::declaration::served_by(&file).expect_err("not a spec");
    assert!(
        matches!(&err, kubegen_codegen::Error::NotOpenApi { path } if *path == file),
        "{err:?}"
    );
    assert!(err.to_string().contains("not an OpenAPI v2 spec"), "{err}");
}
