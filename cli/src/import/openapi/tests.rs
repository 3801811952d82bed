//! Finding and trimming on the committed v1.20.2 spec; the trimmed copy must
//! generate exactly what the whole spec does.

use std::path::{Path, PathBuf};

use kubegen_runtime::discovery::{ApiResource, ApiSubresource};
use serde_json::{json, Value};

use super::{definitions, find_kind, trim};
use kubegen_codegen::declaration::{Declaration, DeclaredKind, DeclaredVersion};

use crate::import::declaration::declared_kind;

fn swagger_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/openapi/swagger-v1.20.2.json")
}

fn swagger() -> Value {
    serde_json::from_str(&std::fs::read_to_string(swagger_path()).expect("swagger")).expect("json")
}

#[test]
fn finds_kinds_by_their_extension_not_their_name() {
    let spec = json!({"definitions": {
        "dev.kubegen.e2e.v1.Widget": {"x-kubernetes-group-version-kind": [
            {"group": "e2e.kubegen.dev", "version": "v1", "kind": "Widget"}]},
        "meta.DeleteOptions": {"x-kubernetes-group-version-kind": [
            {"group": "e2e.kubegen.dev", "version": "v1", "kind": "DeleteOptions"},
            {"group": "apps", "version": "v1", "kind": "DeleteOptions"}]},
        "z.DeleteOptions": {"x-kubernetes-group-version-kind": [
            {"group": "e2e.kubegen.dev", "version": "v1", "kind": "DeleteOptions"}]}
    }});
    let defs = definitions(&spec).expect("defs");
    assert_eq!(
        find_kind(defs, "e2e.kubegen.dev", "v1", "Widget"),
        Some("dev.kubegen.e2e.v1.Widget")
    );
    assert_eq!(
        find_kind(defs, "e2e.kubegen.dev", "v1", "DeleteOptions"),
        Some("z.DeleteOptions")
    );
    assert_eq!(find_kind(defs, "e2e.kubegen.dev", "v2", "Widget"), None);
}

#[test]
fn trims_to_the_closure_and_keeps_package_placement() {
    let spec = swagger();
    let defs = definitions(&spec).expect("defs");
    let deployment = find_kind(defs, "apps", "v1", "Deployment").expect("Deployment");
    assert_eq!(deployment, "io.k8s.api.apps.v1.Deployment");
    let trimmed = trim(&spec, &[deployment]).expect("trim");
    let kept = trimmed["definitions"].as_object().expect("definitions");
    assert!(kept.contains_key("io.k8s.api.core.v1.PodTemplateSpec"));
    assert!(
        kept.len() < defs.len() / 2,
        "{} of {}",
        kept.len(),
        defs.len()
    );
    // core/v1 keeps a kind, so PodTemplateSpec still lands in the core module.
    assert!(kept
        .iter()
        .any(|(name, def)| name.starts_with("io.k8s.api.core.v1.")
            && def.get("x-kubernetes-group-version-kind").is_some()));
}

fn resource(kind: &str, plural: &str, subresources: &[&str]) -> ApiResource {
    let mut r = ApiResource::new("apps", "v1", kind, plural, true);
    r.verbs = [
        "create", "delete", "get", "list", "patch", "update", "watch",
    ]
    .map(String::from)
    .to_vec();
    r.subresources = subresources
        .iter()
        .map(|s| ApiSubresource {
            name: s.to_string(),
            ..ApiSubresource::default()
        })
        .collect();
    r
}

#[test]
fn trimmed_spec_generates_the_same_code() {
    let spec = swagger();
    let defs = definitions(&spec).expect("defs");
    let kinds: Vec<DeclaredKind> = [
        resource("Deployment", "deployments", &["status", "scale"]),
        resource("StatefulSet", "statefulsets", &["status"]),
    ]
    .iter()
    .map(|r| {
        declared_kind(
            r,
            find_kind(defs, "apps", "v1", &r.kind).expect("definition"),
        )
    })
    .collect();
    let roots: Vec<&str> = kinds
        .iter()
        .flat_map(|k| k.schema.openapi.as_deref())
        .collect();
    let trimmed = trim(&spec, &roots).expect("trim");
    let declaration = Declaration {
        group: "apps".into(),
        versions: vec![DeclaredVersion {
            version: "v1".into(),
            kinds,
        }],
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let decl = dir.path().join("apps.yaml");
    std::fs::write(&decl, serde_yaml::to_string(&declaration).expect("yaml")).expect("write");
    let small = dir.path().join("openapi.json");
    std::fs::write(&small, serde_json::to_string(&trimmed).expect("json")).expect("write");
    let opts = kubegen_codegen::generate::Options::default();
    let generate = |spec: PathBuf| {
        kubegen_codegen::generate::generate_file(&[decl.clone(), spec], &opts)
            .expect("generate")
            .1
    };
    let from_trimmed = generate(small);
    assert!(from_trimmed.contains("pub struct PodTemplateSpec"));
    assert_eq!(from_trimmed, generate(swagger_path()));
}
