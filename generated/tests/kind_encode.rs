//! The kinds' own encoders (`Resource::to_json`), which create and update
//! write their bodies with: the bytes the generic encoding writes, with
//! `apiVersion` and `kind` filled in only where the object lacks them.

use kubegen::apps::v1::{Deployment, DeploymentSpec};
use kubegen::core::v1::ConfigMap;
use kubegen::Resource;
use serde_json::{json, Value};

/// The generic encoding a write used before kinds had their own: the
/// object as a JSON value, the two members added when absent, then bytes.
fn generic_encoding(object: &impl serde::Serialize, api_version: &str, kind: &str) -> Vec<u8> {
    let mut value = serde_json::to_value(object).unwrap();
    let map = value.as_object_mut().unwrap();
    map.entry("apiVersion")
        .or_insert_with(|| api_version.into());
    map.entry("kind").or_insert_with(|| kind.into());
    serde_json::to_vec(&value).unwrap()
}

#[test]
fn a_bare_object_gets_its_api_version_and_kind() {
    let mut deployment = Deployment::default();
    deployment.metadata.name = Some("web".into());
    deployment.spec = Some(DeploymentSpec {
        replicas: Some(2),
        ..DeploymentSpec::default()
    });
    let body = deployment.to_json().unwrap();
    assert_eq!(body, generic_encoding(&deployment, "apps/v1", "Deployment"));
    let read: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        (
            &read["apiVersion"],
            &read["kind"],
            &read["spec"]["replicas"]
        ),
        (&json!("apps/v1"), &json!("Deployment"), &json!(2))
    );
}

#[test]
fn members_the_object_sets_are_kept() {
    let map: ConfigMap = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "m"},
        "data": {"k": "v"}, "addedByServer": [1]
    }))
    .unwrap();
    let body = map.to_json().unwrap();
    assert_eq!(body, generic_encoding(&map, "unused", "unused"));
    assert_eq!(
        serde_json::from_slice::<Value>(&body).unwrap(),
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "m"}, "data": {"k": "v"}, "addedByServer": [1]})
    );
}
