//! CRD manifests from declarations (`kubegen_codegen::crd`): names, scope,
//! versions, subresources and the schema as written; built-in kinds skipped;
//! schemas the server would refuse fail here with their key path.

mod common;

use std::path::Path;

use kubegen_codegen::crd::crd_manifests;
use serde_yaml::Value;

const TOYS: &str = r#"
group: toys.example.net
versions:
  - version: v1alpha1
    kinds:
      - kind: Widget
        shortNames: [wd]
        subresources: [status, scale]
        schema:
          inline:
            type: object
            properties:
              spec: {type: object, properties: {replicas: {type: integer}}}
  - version: v1
    kinds:
      - kind: Widget
        shortNames: [wd]
        subresources: [status, scale]
        schema: ./widget.schema.yaml
      - kind: Gadget
        scope: Cluster
        schema: {inline: {type: object, x-kubernetes-preserve-unknown-fields: true}}
"#;

const WIDGET_SCHEMA: &str = r#"
type: object
properties:
  spec:
    type: object
    required: [size]
    properties:
      size: {type: integer, minimum: 1}
      color: {type: string, enum: [red, blue]}
      tags: {type: array, items: {type: string, maxLength: 10}}
      extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
  status:
    type: object
    properties:
      replicas: {type: integer}
"#;

fn manifests(dir: &Path) -> Vec<(String, Value)> {
    crd_manifests(&[dir.to_path_buf()])
        .expect("manifests")
        .crds
        .into_iter()
        .map(|c| (c.name, serde_yaml::from_str(&c.yaml).expect("yaml")))
        .collect()
}

#[test]
fn a_declaration_becomes_one_crd_per_kind() {
    let (_keep, dir) =
        common::folder(&[("toys.yaml", TOYS), ("widget.schema.yaml", WIDGET_SCHEMA)]);
    let crds = manifests(&dir);
    let names: Vec<&str> = crds.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["gadgets.toys.example.net", "widgets.toys.example.net"]
    );

    let widget = &crds[1].1;
    assert_eq!(widget["apiVersion"], "apiextensions.k8s.io/v1");
    assert_eq!(widget["kind"], "CustomResourceDefinition");
    assert_eq!(widget["metadata"]["name"], "widgets.toys.example.net");
    let spec = &widget["spec"];
    assert_eq!(spec["group"], "toys.example.net");
    assert_eq!(spec["scope"], "Namespaced");
    assert_eq!(spec["names"]["plural"], "widgets");
    assert_eq!(spec["names"]["singular"], "widget");
    assert_eq!(spec["names"]["kind"], "Widget");
    assert_eq!(spec["names"]["shortNames"][0], "wd");
    let versions = spec["versions"].as_sequence().expect("versions");
    let summary: Vec<(&str, bool, bool)> = versions
        .iter()
        .map(|v| {
            (
                v["name"].as_str().expect("name"),
                v["served"].as_bool().expect("served"),
                v["storage"].as_bool().expect("storage"),
            )
        })
        .collect();
    assert_eq!(summary, [("v1alpha1", true, false), ("v1", true, true)]);
    let v1 = &versions[1];
    assert_eq!(
        v1["subresources"]["scale"]["specReplicasPath"],
        ".spec.replicas"
    );
    assert!(v1["subresources"]["status"].is_mapping());
    // The schema as written: validation keys and enums kept.
    let schema = &v1["schema"]["openAPIV3Schema"];
    let written: Value = serde_yaml::from_str(WIDGET_SCHEMA).expect("schema");
    assert_eq!(schema, &written);
    assert_eq!(
        schema["properties"]["spec"]["properties"]["size"]["minimum"],
        1
    );

    let gadget = &crds[0].1;
    assert_eq!(gadget["spec"]["scope"], "Cluster");
    assert_eq!(
        gadget["spec"]["versions"][0]["schema"]["openAPIV3Schema"]
            ["x-kubernetes-preserve-unknown-fields"],
        true
    );
    assert!(gadget["spec"]["versions"][0].get("subresources").is_none());
}

#[test]
fn built_in_kinds_are_skipped_with_a_note() {
    let found =
        crd_manifests(&[common::tests_dir("cases/builtin"), common::swagger()]).expect("manifests");
    assert!(found.crds.is_empty());
    assert!(
        found
            .skipped
            .iter()
            .any(|s| s.starts_with("apps/v1 Deployment: ")),
        "{:?}",
        found.skipped
    );
}

#[test]
fn a_crd_manifest_input_gives_its_crd_back() {
    let found = manifests(&common::tests_dir("cases/crd"));
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"emqxbrokers.apps.emqx.io"), "{names:?}");
}

#[test]
fn a_schema_that_is_not_structural_fails_with_its_key() {
    let untyped = TOYS.replace(
        "properties: {replicas: {type: integer}}",
        "properties: {replicas: {description: no type}}",
    );
    let (_keep, dir) = common::folder(&[
        ("toys.yaml", &untyped),
        ("widget.schema.yaml", WIDGET_SCHEMA),
    ]);
    let err = crd_manifests(&[dir])
        .expect_err("not structural")
        .to_string();
    assert!(err.contains("toys.yaml"), "{err}");
    assert!(err.contains("spec.properties.replicas"), "{err}");
    assert!(err.contains("no `type`"), "{err}");
}

#[test]
fn one_kind_with_other_names_in_two_versions_is_an_error() {
    let renamed = TOYS.replacen("shortNames: [wd]", "shortNames: [w]", 1);
    let (_keep, dir) = common::folder(&[
        ("toys.yaml", &renamed),
        ("widget.schema.yaml", WIDGET_SCHEMA),
    ]);
    let err = crd_manifests(&[dir]).expect_err("names differ").to_string();
    assert!(err.contains("one CRD serves every version"), "{err}");
}
