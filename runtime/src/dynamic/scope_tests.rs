//! Which URL each scope gives, and which calls are refused before any I/O.

use super::*;
use crate::discovery::ApiResource;
use crate::{Client, Config};

fn dynamic() -> DynamicClient {
    let url = "https://127.0.0.1:6443".parse().unwrap();
    DynamicClient::new(Client::new(Config::new(url)).unwrap())
}

fn path(resource: &DynamicResource, object_ns: Option<&str>, item: bool) -> String {
    match resource.builder(object_ns, item) {
        Ok(builder) => builder.path().collection().unwrap(),
        Err(e) => format!("error: {e}"),
    }
}

#[test]
fn namespaced_resources() {
    let vs = ApiResource::new(
        "networking.istio.io",
        "v1alpha3",
        "VirtualService",
        "virtualservices",
        true,
    );
    let all = dynamic().resource(&vs);
    assert_eq!(
        path(&all, None, false),
        "/apis/networking.istio.io/v1alpha3/virtualservices"
    );
    assert!(path(&all, None, true).contains("is namespaced"));
    assert_eq!(
        path(&all, Some("obj"), true),
        "/apis/networking.istio.io/v1alpha3/namespaces/obj/virtualservices"
    );
    let one = all.clone().namespace("ns");
    assert_eq!(one.target_namespace(), Some("ns"));
    assert_eq!(
        path(&one, Some("obj"), true),
        "/apis/networking.istio.io/v1alpha3/namespaces/ns/virtualservices"
    );
    assert_eq!(one.all_namespaces().target_namespace(), None);
}

#[test]
fn cluster_scoped_resources() {
    let nodes = ApiResource::new("", "v1", "Node", "nodes", false);
    let r = dynamic().resource(&nodes);
    assert_eq!(path(&r, None, true), "/api/v1/nodes");
    assert_eq!(path(&r, Some("ignored"), true), "/api/v1/nodes");
    assert!(path(&r.namespace("ns"), None, false).contains("cluster-scoped"));
}

#[test]
fn writes_fill_in_api_version_and_kind() {
    let cm = ApiResource::new("", "v1", "ConfigMap", "configmaps", true);
    let r = dynamic().resource(&cm);
    let object = DynamicObject {
        metadata: crate::meta::ObjectMeta {
            name: Some("a".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    let body: serde_json::Value = serde_json::from_slice(&r.encode(&object).unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}})
    );
    let kept = serde_json::json!({"apiVersion": "v2", "kind": "Other"});
    let body: serde_json::Value = serde_json::from_slice(&r.encode(&kept).unwrap()).unwrap();
    assert_eq!(body, kept);
}
