//! Self-referential and very deep schemas end in a type or an error naming the
//! input, never in a stack overflow (which aborts the build script or
//! `kubegen import`).

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

/// Generates from a declaration of kind `Thing` (root definition `Root`) and
/// an OpenAPI spec with `definitions`, in a fresh folder.
fn generate_openapi(definitions: Value) -> Result<String, String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let decl = "group: cycle.example.com\nversions:\n  - version: v1\n    kinds:\n      - kind: Thing\n        plural: things\n        schema:\n          openapi: Root\n";
    std::fs::write(dir.path().join("thing.yaml"), decl).expect("write declaration");
    let spec = json!({ "definitions": definitions });
    std::fs::write(dir.path().join("swagger.json"), spec.to_string()).expect("write spec");
    generate(dir.path())
}

fn generate(dir: &Path) -> Result<String, String> {
    let opts = kubegen_codegen::generate::Options::default();
    kubegen_codegen::generate::generate_file(&[PathBuf::from(dir)], &opts)
        .map(|(_, code)| code)
        .map_err(|e| e.to_string())
}

/// True if `code` declares `decl`, ignoring how the printer broke lines (and
/// the trailing commas it adds when it does).
fn declares(code: &str, decl: &str) -> bool {
    let squeeze = |s: &str| s.split_whitespace().collect::<String>().replace(",>", ">");
    squeeze(code).contains(&squeeze(decl))
}

/// A root object whose field `items` has the schema `field`.
fn root_with(field: Value) -> Value {
    json!({
        "type": "object",
        "properties": {
            "apiVersion": {"type": "string"},
            "kind": {"type": "string"},
            "metadata": {"$ref": "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"},
            "items": field,
        },
    })
}

#[test]
fn array_of_itself_is_a_list_of_json_values() {
    let code = generate_openapi(json!({
        "Root": root_with(json!({"$ref": "#/definitions/T"})),
        "T": {"type": "array", "items": {"$ref": "#/definitions/T"}},
    }))
    .expect("generates");
    assert!(
        declares(
            &code,
            "pub items: ::core::option::Option<::std::vec::Vec<::kubegen::__runtime::serde_json::Value>>,"
        ),
        "{code}"
    );
}

#[test]
fn reference_to_itself_is_a_json_value() {
    let code = generate_openapi(json!({
        "Root": root_with(json!({"$ref": "#/definitions/T"})),
        "T": {"$ref": "#/definitions/T"},
    }))
    .expect("generates");
    assert!(
        declares(
            &code,
            "pub items: ::core::option::Option<::kubegen::__runtime::serde_json::Value>,"
        ),
        "{code}"
    );
}

#[test]
fn cycle_of_references_without_properties_is_a_json_value() {
    let code = generate_openapi(json!({
        "Root": root_with(json!({"$ref": "#/definitions/A"})),
        "A": {"type": "object", "additionalProperties": {"$ref": "#/definitions/B"}},
        "B": {"allOf": [{"$ref": "#/definitions/C"}]},
        "C": {"type": "array", "items": {"$ref": "#/definitions/A"}},
    }))
    .expect("generates");
    // A = map of B, B = C, C = list of A; the inner A is the cut.
    assert!(
        declares(
            &code,
            "pub items: ::core::option::Option<::kubegen::__runtime::meta::Map<::kubegen::__runtime::CompactString, ::std::vec::Vec<::kubegen::__runtime::serde_json::Value>>>,"
        ),
        "{code}"
    );
}

#[test]
fn long_chain_of_definitions_is_an_error_naming_the_spec() {
    // Each definition is a struct whose one field refers to the next.
    let mut definitions = serde_json::Map::new();
    definitions.insert(
        "Root".into(),
        root_with(json!({"$ref": "#/definitions/D0"})),
    );
    for i in 0..10_000 {
        definitions.insert(
            format!("D{i}"),
            json!({"type": "object", "properties": {"next": {"$ref": format!("#/definitions/D{}", i + 1)}}}),
        );
    }
    definitions.insert("D10000".into(), json!({"type": "string"}));
    let err = generate_openapi(Value::Object(definitions)).expect_err("too deep");
    assert!(err.contains("swagger.json"), "{err}");
    assert!(err.contains("nested deeper than"), "{err}");
}

#[test]
fn deeply_nested_crd_schema_is_an_error_naming_the_file() {
    let depth = 10_000;
    let schema = format!(
        "{}{{type: string}}{}",
        "{type: object, properties: {a: ".repeat(depth),
        "}}".repeat(depth)
    );
    let crd = format!(
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {{name: deeps.deep.example.com}}\nspec:\n  group: deep.example.com\n  names: {{kind: Deep, plural: deeps}}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema: {{type: object, properties: {{spec: {schema}}}}}\n"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("deep.yaml"), crd).expect("write CRD");
    let err = generate(dir.path()).expect_err("too deep");
    assert!(err.contains("deep.yaml"), "{err}");
    assert!(err.contains("recursion limit"), "{err}");
}

#[test]
fn nesting_below_the_limit_still_generates() {
    // Sixty levels of objects in a CRD: deep, but real CRDs come close.
    let schema = format!(
        "{}{{type: string}}{}",
        "{type: object, properties: {a: ".repeat(60),
        "}}".repeat(60)
    );
    let crd = format!(
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {{name: deeps.deep.example.com}}\nspec:\n  group: deep.example.com\n  names: {{kind: Deep, plural: deeps}}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema: {{type: object, properties: {{spec: {schema}}}}}\n"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("deep.yaml"), crd).expect("write CRD");
    generate(dir.path()).expect("sixty levels generate");
}
