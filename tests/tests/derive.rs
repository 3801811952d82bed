//! `#[derive(CustomResource, KubeSchema)]` without a server: the schemas of
//! Rust types (docs, serde names, optional fields, enums, maps, free-form
//! and int-or-string values, validation keywords), the kind type and its
//! `Resource` impl, and the CustomResourceDefinition.

use std::collections::{BTreeMap, HashMap};

use kubegen::meta::{IntOrString, Map, Quantity, Time};
use kubegen::{CompactString, CustomResource, KubeSchema, Resource};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// How a gizmo is rolled out.
#[derive(KubeSchema, Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
enum Strategy {
    Recreate,
    RollingUpdate,
    #[serde(rename = "blue-green")]
    BlueGreen,
    #[serde(skip)]
    Internal,
}

/// Where a gizmo's traffic goes.
#[derive(KubeSchema, Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Endpoint {
    /// Port number or name.
    target_port: IntOrString,
    /// The host, if not the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    host_name: Option<String>,
}

/// Labels shared by several parts, flattened into the spec.
#[derive(KubeSchema, Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
struct Common {
    /// Who owns it.
    team: String,
}

/// What a gizmo should be.
#[derive(CustomResource, Clone, Debug, PartialEq, Serialize, Deserialize)]
#[kubegen(
    group = "derive.kubegen.dev",
    version = "v1",
    kind = "Gizmo",
    plural = "gizmos",
    short_names = ["gz", "gzm"],
    namespaced,
    status = "GizmoStatus",
    scale(spec_replicas_path = ".spec.replicas", status_replicas_path = ".status.replicas"),
    printer_column(name = "Size", type = "integer", json_path = ".spec.size", priority = 1),
    category = "all"
)]
#[serde(rename_all = "camelCase")]
struct GizmoSpec {
    /// How big.
    #[kubegen(validate(min = 1, max = 10))]
    size: i32,
    /// How many copies.
    #[serde(default)]
    replicas: i32,
    /// Its name in lights.
    #[kubegen(validate(pattern = "^[a-z]+$", max_length = 20))]
    display_name: String,
    strategy: Strategy,
    #[kubegen(validate(min_items = 1))]
    endpoints: Vec<Endpoint>,
    limits: Map<CompactString, Quantity>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    annotations: BTreeMap<String, String>,
    weights: HashMap<String, f64>,
    /// Anything the plugin wants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    plugin_config: Option<Value>,
    #[serde(rename = "ratio")]
    #[kubegen(validate(min = -0.5, max = 2.5))]
    scale_ratio: Option<f64>,
    #[serde(skip)]
    cache: Vec<u8>,
    #[serde(flatten)]
    common: Common,
    started: Option<Time>,
    nested: Option<Box<Endpoint>>,
}

/// What a gizmo is.
#[derive(KubeSchema, Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
struct GizmoStatus {
    replicas: i32,
    /// Short words about the state.
    phase: Option<String>,
}

fn spec_schema() -> Value {
    <GizmoSpec as kubegen::KubeSchema>::schema()
}

#[test]
fn fields_become_properties_under_their_serde_names_with_docs() {
    let schema = spec_schema();
    assert_eq!(schema["type"], "object");
    assert_eq!(schema["description"], "What a gizmo should be.");
    let properties = schema["properties"].as_object().unwrap();
    let mut names: Vec<&str> = properties.keys().map(String::as_str).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "annotations",
            "displayName",
            "endpoints",
            "limits",
            "nested",
            "pluginConfig",
            "ratio",
            "replicas",
            "size",
            "started",
            "strategy",
            "team",
            "weights",
        ],
        "renamed, `cache` skipped, `common` flattened"
    );
    assert_eq!(properties["size"]["description"], "How big.");
    assert_eq!(properties["team"]["description"], "Who owns it.");
    assert_eq!(properties["started"]["format"], "date-time");
}

#[test]
fn option_default_and_skip_serializing_if_are_not_required() {
    let schema = spec_schema();
    let mut required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    required.sort_unstable();
    assert_eq!(
        required,
        [
            "displayName",
            "endpoints",
            "limits",
            "size",
            "strategy",
            "team",
            "weights"
        ]
    );
    assert_eq!(schema["properties"]["ratio"]["nullable"], true);
    assert!(schema["properties"]["size"].get("nullable").is_none());
}

#[test]
fn validation_attributes_become_schema_keywords() {
    let p = &spec_schema()["properties"];
    assert_eq!(p["size"]["minimum"], 1.0);
    assert_eq!(p["size"]["maximum"], 10.0);
    assert_eq!(p["displayName"]["pattern"], "^[a-z]+$");
    assert_eq!(p["displayName"]["maxLength"], 20);
    assert_eq!(p["endpoints"]["minItems"], 1);
    assert_eq!(p["ratio"]["minimum"], -0.5);
    assert_eq!(p["ratio"]["maximum"], 2.5);
}

#[test]
fn unit_enums_are_string_enums_under_serde_names() {
    assert_eq!(
        Strategy::schema(),
        json!({
            "description": "How a gizmo is rolled out.",
            "type": "string",
            "enum": ["recreate", "rollingUpdate", "blue-green"],
        })
    );
    // The names the schema allows are the names serde writes.
    assert_eq!(
        serde_json::to_value(Strategy::RollingUpdate).unwrap(),
        "rollingUpdate"
    );
    assert_eq!(
        serde_json::to_value(Strategy::BlueGreen).unwrap(),
        "blue-green"
    );
    assert!(
        serde_json::to_value(Strategy::Internal).is_err(),
        "skipped: never written"
    );
}

#[test]
fn maps_free_form_and_int_or_string_fields() {
    let p = &spec_schema()["properties"];
    assert_eq!(
        p["limits"]["additionalProperties"]["x-kubernetes-int-or-string"],
        true
    );
    assert_eq!(
        p["annotations"]["additionalProperties"],
        json!({"type": "string"})
    );
    assert_eq!(p["weights"]["additionalProperties"]["format"], "double");
    assert_eq!(
        p["pluginConfig"]["x-kubernetes-preserve-unknown-fields"],
        true
    );
    assert_eq!(
        p["pluginConfig"]["description"],
        "Anything the plugin wants."
    );
    let endpoint = &p["endpoints"]["items"];
    assert_eq!(endpoint["required"], json!(["targetPort"]));
    assert_eq!(
        endpoint["properties"]["targetPort"]["x-kubernetes-int-or-string"],
        true
    );
    assert_eq!(
        p["nested"]["properties"], endpoint["properties"],
        "Box is transparent"
    );
}

fn spec() -> GizmoSpec {
    GizmoSpec {
        size: 3,
        replicas: 2,
        display_name: "gizmo".into(),
        strategy: Strategy::RollingUpdate,
        endpoints: vec![Endpoint {
            target_port: IntOrString::Int(8080),
            host_name: None,
        }],
        limits: Map::new(),
        annotations: BTreeMap::new(),
        weights: HashMap::new(),
        plugin_config: None,
        scale_ratio: Some(0.5),
        cache: vec![1],
        common: Common {
            team: "core".into(),
        },
        started: None,
        nested: None,
    }
}

#[test]
fn the_kind_implements_resource_like_generated_kinds() {
    assert_eq!(Gizmo::GROUP, "derive.kubegen.dev");
    assert_eq!(Gizmo::VERSION, "v1");
    assert_eq!(Gizmo::KIND, "Gizmo");
    assert_eq!(Gizmo::PLURAL, "gizmos");
    assert_eq!(Gizmo::api_version(), "derive.kubegen.dev/v1");
    const { assert!(<<Gizmo as Resource>::Scope as kubegen::resource::Scope>::NAMESPACED) };

    let mut gizmo = Gizmo::new("g1", spec());
    assert_eq!(gizmo.name(), Some("g1"));
    gizmo.labels_mut().insert("app".into(), "demo".into());
    let json = serde_json::to_value(&gizmo).unwrap();
    assert_eq!(json["apiVersion"], "derive.kubegen.dev/v1");
    assert_eq!(json["kind"], "Gizmo");
    assert_eq!(
        json["metadata"],
        json!({"name": "g1", "labels": {"app": "demo"}})
    );
    assert_eq!(json["spec"]["team"], "core");
    assert!(json.get("status").is_none());
    let back: Gizmo = serde_json::from_value(json).unwrap();
    assert_eq!(
        back.spec,
        GizmoSpec {
            cache: vec![],
            ..spec()
        }
    );
    let list: GizmoList =
        serde_json::from_value(json!({"items": [{"spec": spec_json()}]})).unwrap();
    assert_eq!(list.items[0].spec.size, 3);
}

fn spec_json() -> Value {
    serde_json::to_value(spec()).unwrap()
}

#[test]
fn the_crd_names_the_kind_and_carries_both_schemas() {
    let json = Gizmo::crd_json();
    assert_eq!(json["metadata"]["name"], "gizmos.derive.kubegen.dev");
    assert_eq!(json["spec"]["names"]["shortNames"], json!(["gz", "gzm"]));
    assert_eq!(json["spec"]["names"]["categories"], json!(["all"]));
    let version = &json["spec"]["versions"][0];
    assert_eq!(
        version["subresources"]["scale"]["specReplicasPath"],
        ".spec.replicas"
    );
    assert_eq!(version["subresources"]["status"], json!({}));
    assert_eq!(
        version["additionalPrinterColumns"][0]["jsonPath"],
        ".spec.size"
    );
    let root = &version["schema"]["openAPIV3Schema"];
    assert_eq!(root["properties"]["spec"], spec_schema());
    assert_eq!(root["properties"]["status"], GizmoStatus::schema());

    // The typed CRD holds every keyword: encoding it gives the same JSON.
    let crd = Gizmo::crd();
    assert_eq!(crd.spec.scope, "Namespaced");
    assert_eq!(serde_json::to_value(&crd).unwrap(), json);
}

/// A cluster-scoped kind without status: no status field, no subresources.
#[derive(CustomResource, Clone, Debug, Serialize, Deserialize)]
#[kubegen(
    group = "derive.kubegen.dev",
    version = "v1alpha1",
    kind = "Plain",
    plural = "plains",
    cluster
)]
struct PlainSpec {
    note: String,
}

#[test]
fn a_cluster_kind_without_status() {
    const { assert!(!<<Plain as Resource>::Scope as kubegen::resource::Scope>::NAMESPACED) };
    let json = serde_json::to_value(Plain::new("p", PlainSpec { note: "n".into() })).unwrap();
    assert_eq!(
        json,
        json!({"apiVersion": "derive.kubegen.dev/v1alpha1", "kind": "Plain", "metadata": {"name": "p"}, "spec": {"note": "n"}})
    );
    let crd = Plain::crd_json();
    assert_eq!(crd["spec"]["scope"], "Cluster");
    assert!(crd["spec"]["versions"][0].get("subresources").is_none());
}

/// A newtype: its inner type's schema, with its own doc.
#[derive(KubeSchema, Serialize, Deserialize)]
struct Port(u16);

#[test]
fn a_newtype_has_its_inner_schema() {
    assert_eq!(
        Port::schema(),
        json!({"type": "integer", "format": "int32", "description": "A newtype: its inner type's schema, with its own doc."})
    );
}
