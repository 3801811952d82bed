//! Generation from an OpenAPI v2 spec whose definitions refer to each other
//! in any graph (cycles, chains, arrays of themselves): never a panic or a
//! stack overflow, and an input error names the spec or the declaration.
//!
//! The spec is built from structured input so that every `$ref` names a real
//! definition, which random bytes would almost never do.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use arbitrary::Arbitrary;
use kubegen_codegen::generate::{generate_file, Options};
use kubegen_codegen::Error;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

/// A schema node; `Ref(i)` names definition `D{i % count}`.
#[derive(Arbitrary, Debug)]
enum Node {
    Ref(u8),
    Scalar(Scalar),
    Array(Box<Node>),
    MapOf(Box<Node>),
    Object(Vec<(Field, Node)>),
    AllOf(Box<Node>),
    OneOf(Vec<Node>),
    Free,
}

#[derive(Arbitrary, Debug)]
enum Scalar {
    String,
    DateTime,
    Int32,
    Int64,
    Number,
    Boolean,
    IntOrString,
}

/// Property names, a few of them awkward for Rust.
#[derive(Arbitrary, Debug)]
enum Field {
    Spec,
    Status,
    Items,
    Type,
    Metadata,
    Dollar,
    Named(u8),
}

#[derive(Arbitrary, Debug)]
struct Spec {
    /// Definition `D0` is the kind's root.
    definitions: Vec<Node>,
    /// Also declare every kind the spec serves.
    all_kinds: bool,
}

fn field_name(f: &Field) -> String {
    match f {
        Field::Spec => "spec".into(),
        Field::Status => "status".into(),
        Field::Items => "items".into(),
        Field::Type => "type".into(),
        Field::Metadata => "metadata".into(),
        Field::Dollar => "$ref".into(),
        Field::Named(n) => format!("f{n}"),
    }
}

fn schema(node: &Node, count: usize) -> Value {
    match node {
        Node::Ref(i) => json!({"$ref": format!("#/definitions/D{}", usize::from(*i) % count)}),
        Node::Scalar(s) => match s {
            Scalar::String => json!({"type": "string"}),
            Scalar::DateTime => json!({"type": "string", "format": "date-time"}),
            Scalar::Int32 => json!({"type": "integer", "format": "int32"}),
            Scalar::Int64 => json!({"type": "integer"}),
            Scalar::Number => json!({"type": "number"}),
            Scalar::Boolean => json!({"type": "boolean"}),
            Scalar::IntOrString => json!({"format": "int-or-string"}),
        },
        Node::Array(item) => json!({"type": "array", "items": schema(item, count)}),
        Node::MapOf(value) => {
            json!({"type": "object", "additionalProperties": schema(value, count)})
        }
        Node::Object(fields) => {
            let properties: Map<String, Value> = fields
                .iter()
                .map(|(f, n)| (field_name(f), schema(n, count)))
                .collect();
            json!({"type": "object", "properties": properties})
        }
        Node::AllOf(inner) => json!({"allOf": [schema(inner, count)]}),
        Node::OneOf(alts) => {
            json!({"oneOf": alts.iter().map(|a| schema(a, count)).collect::<Vec<_>>()})
        }
        Node::Free => json!({}),
    }
}

fn folder() -> &'static PathBuf {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("kubegen-fuzz-openapi-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("folder");
        dir
    })
}

const DECLARATION: &str = "group: fuzz.example.com\nversions:\n  - version: v1\n    kinds:\n      - kind: Root\n        plural: roots\n        schema:\n          openapi: D0\n";

fuzz_target!(|spec: Spec| {
    if spec.definitions.is_empty() {
        return;
    }
    let count = spec.definitions.len();
    let mut definitions: Map<String, Value> = spec
        .definitions
        .iter()
        .enumerate()
        .map(|(i, n)| (format!("D{i}"), schema(n, count)))
        .collect();
    if spec.all_kinds {
        if let Some(Value::Object(root)) = definitions.get_mut("D0") {
            root.insert(
                "x-kubernetes-group-version-kind".into(),
                json!([{"group": "fuzz.example.com", "version": "v1", "kind": "Root"}]),
            );
        }
    }
    let spec_file = folder().join("swagger.json");
    let decl_file = folder().join("root.yaml");
    std::fs::write(&spec_file, json!({"definitions": definitions}).to_string()).expect("spec");
    std::fs::write(&decl_file, DECLARATION).expect("declaration");
    let options = Options {
        all_openapi_kinds: spec.all_kinds,
        ..Options::default()
    };
    match generate_file(&[spec_file.clone(), decl_file.clone()], &options) {
        Ok(_) | Err(Error::NotOpenApi { .. }) => {}
        Err(Error::Input { location, .. }) => {
            assert!(
                location.file == spec_file || location.file == decl_file,
                "{location}"
            )
        }
        Err(e) => panic!("{e}"),
    }
});
