//! The mapper's rules on a fixture shaped like a 1.20 server with two CRDs.

use std::sync::Arc;

use serde_json::json;

use super::*;
use crate::discovery::wire::{ApiGroupList, ApiResourceList, ApiVersions};
use crate::error::{ApiError, Error};
use crate::meta::Status;

fn list(gv: &str, resources: serde_json::Value) -> (String, crate::Result<ApiResourceList>) {
    let list = serde_json::from_value(json!({"groupVersion": gv, "resources": resources})).unwrap();
    (gv.to_owned(), Ok(list))
}

fn group(name: &str, versions: &[&str], preferred: &str) -> serde_json::Value {
    let gv = |v: &str| json!({"groupVersion": format!("{name}/{v}"), "version": v});
    json!({
        "name": name,
        "versions": versions.iter().map(|v| gv(v)).collect::<Vec<_>>(),
        "preferredVersion": gv(preferred),
    })
}

fn fixture() -> RestMapper {
    let core: ApiVersions = serde_json::from_value(json!({"versions": ["v1"]})).unwrap();
    let groups: ApiGroupList = serde_json::from_value(json!({"groups": [
        group("apps", &["v1"], "v1"),
        group("events.k8s.io", &["v1", "v1beta1"], "v1"),
        group("extensions", &["v1beta1"], "v1beta1"),
        group("networking.k8s.io", &["v1", "v1beta1"], "v1"),
        group("networking.istio.io", &["v1alpha3", "v1beta1"], "v1beta1"),
        group("networking.x-k8s.io", &["v1alpha1"], "v1alpha1"),
        group("metrics.k8s.io", &["v1beta1"], "v1beta1"),
    ]}))
    .unwrap();
    let vs = json!([
        {"name": "virtualservices", "singularName": "virtualservice", "namespaced": true, "kind": "VirtualService", "verbs": ["get", "list"], "shortNames": ["vs"], "categories": ["istio-io"]},
        {"name": "virtualservices/status", "singularName": "", "namespaced": true, "kind": "VirtualService", "verbs": ["get", "patch", "update"]},
        {"name": "gateways", "singularName": "gateway", "namespaced": true, "kind": "Gateway", "verbs": ["get"], "shortNames": ["gw"]}
    ]);
    let lists = vec![
        list(
            "v1",
            json!([
                {"name": "pods", "singularName": "", "namespaced": true, "kind": "Pod", "verbs": ["get", "list"], "shortNames": ["po"], "categories": ["all"]},
                {"name": "pods/log", "singularName": "", "namespaced": true, "kind": "Pod", "verbs": ["get"]},
                {"name": "events", "singularName": "", "namespaced": true, "kind": "Event", "verbs": ["get"], "shortNames": ["ev"]},
                {"name": "nodes", "singularName": "", "namespaced": false, "kind": "Node", "verbs": ["get"], "shortNames": ["no"]}
            ]),
        ),
        list(
            "apps/v1",
            json!([
                {"name": "deployments", "singularName": "", "namespaced": true, "kind": "Deployment", "verbs": ["get", "list", "patch"], "shortNames": ["deploy"], "categories": ["all"]},
                {"name": "deployments/scale", "singularName": "", "namespaced": true, "group": "autoscaling", "version": "v1", "kind": "Scale", "verbs": ["get", "patch", "update"]},
                {"name": "deployments/status", "singularName": "", "namespaced": true, "kind": "Deployment", "verbs": ["get"]}
            ]),
        ),
        list(
            "events.k8s.io/v1",
            json!([{"name": "events", "singularName": "", "namespaced": true, "kind": "Event", "verbs": ["get"], "shortNames": ["ev"]}]),
        ),
        list(
            "events.k8s.io/v1beta1",
            json!([{"name": "events", "singularName": "", "namespaced": true, "kind": "Event", "verbs": ["get"], "shortNames": ["ev"]}]),
        ),
        list(
            "extensions/v1beta1",
            json!([{"name": "ingresses", "singularName": "", "namespaced": true, "kind": "Ingress", "verbs": ["get"], "shortNames": ["ing"]}]),
        ),
        list(
            "networking.k8s.io/v1",
            json!([{"name": "ingresses", "singularName": "", "namespaced": true, "kind": "Ingress", "verbs": ["get"], "shortNames": ["ing"]}]),
        ),
        list(
            "networking.k8s.io/v1beta1",
            json!([{"name": "ingresses", "singularName": "", "namespaced": true, "kind": "Ingress", "verbs": ["get"], "shortNames": ["ing"]}]),
        ),
        list("networking.istio.io/v1alpha3", vs.clone()),
        list("networking.istio.io/v1beta1", vs),
        list(
            "networking.x-k8s.io/v1alpha1",
            json!([{"name": "gateways", "singularName": "gateway", "namespaced": true, "kind": "Gateway", "verbs": ["get"]}]),
        ),
        (
            "metrics.k8s.io/v1beta1".to_owned(),
            Err(Error::Api(Box::new(ApiError {
                code: 503,
                status: Status {
                    code: Some(503),
                    message: Some("the server is currently unable to handle the request".into()),
                    ..Status::default()
                },
                method: "GET".into(),
                url: "/apis/metrics.k8s.io/v1beta1".into(),
            }))),
        ),
    ];
    RestMapper::new(Arc::new(DiscoveredApis::from_parts(&core, &groups, lists)))
}

fn resolved(input: &str) -> String {
    fixture()
        .resolve(input)
        .unwrap_or_else(|e| panic!("{input}: {e}"))
        .full_name()
}

#[test]
fn plural_singular_short_name_and_kind() {
    for input in ["pods", "pod", "po", "Pod", "POD", " pods "] {
        assert_eq!(resolved(input), "pods.v1", "{input}");
    }
    for input in ["deployments", "deployment", "deploy", "Deployment"] {
        assert_eq!(resolved(input), "deployments.v1.apps", "{input}");
    }
}

#[test]
fn qualified_forms() {
    assert_eq!(resolved("deployments.apps"), "deployments.v1.apps");
    assert_eq!(resolved("deploy.apps"), "deployments.v1.apps");
    assert_eq!(resolved("deployments.v1.apps"), "deployments.v1.apps");
    assert_eq!(resolved("events.events.k8s.io"), "events.v1.events.k8s.io");
    assert_eq!(
        resolved("events.v1beta1.events.k8s.io"),
        "events.v1beta1.events.k8s.io"
    );
    assert_eq!(
        resolved("virtualservices.networking.istio.io"),
        "virtualservices.v1beta1.networking.istio.io"
    );
    assert_eq!(
        resolved("vs.v1alpha3.networking.istio.io"),
        "virtualservices.v1alpha3.networking.istio.io"
    );
    assert!(fixture().resolve("deployments.v2.apps").is_err());
    assert!(fixture().resolve("deployments.batch").is_err());
}

#[test]
fn preferred_version_wins_within_a_group() {
    assert_eq!(
        resolved("vs"),
        "virtualservices.v1beta1.networking.istio.io"
    );
    assert_eq!(
        resolved("VirtualService"),
        "virtualservices.v1beta1.networking.istio.io"
    );
}

#[test]
fn core_then_built_in_groups_win_across_groups() {
    assert_eq!(resolved("events"), "events.v1");
    assert_eq!(resolved("ev"), "events.v1");
    // Two built-in groups: the server's priority order decides, as in kubectl.
    assert_eq!(resolved("ing"), "ingresses.v1beta1.extensions");
    assert_eq!(
        resolved("ingresses.networking.k8s.io"),
        "ingresses.v1.networking.k8s.io"
    );
}

#[test]
fn ambiguity_among_other_groups_lists_the_candidates() {
    match fixture().resolve("gateways").unwrap_err() {
        MapError::Ambiguous { input, candidates } => {
            assert_eq!(input, "gateways");
            assert_eq!(
                candidates,
                [
                    "gateways.v1beta1.networking.istio.io",
                    "gateways.v1alpha1.networking.x-k8s.io"
                ]
            );
        }
        other => panic!("{other:?}"),
    }
    // The short name only one group declares is not ambiguous.
    assert_eq!(resolved("gw"), "gateways.v1beta1.networking.istio.io");
    assert_eq!(
        resolved("gateways.networking.x-k8s.io"),
        "gateways.v1alpha1.networking.x-k8s.io"
    );
}

#[test]
fn unknown_names_mention_failed_group_versions() {
    let err = fixture().resolve("podmetrics").unwrap_err();
    assert_eq!(
        err,
        MapError::NotFound {
            input: "podmetrics".into(),
            unavailable: vec!["metrics.k8s.io/v1beta1".into()]
        }
    );
    assert!(err.to_string().contains("metrics.k8s.io/v1beta1"), "{err}");
}

#[test]
fn kind_to_resource_and_back() {
    let m = fixture();
    let deploy = m.resource_for_kind("apps", None, "Deployment").unwrap();
    assert_eq!(
        (deploy.plural.as_str(), deploy.version.as_str()),
        ("deployments", "v1")
    );
    let vs = m
        .resource_for_api_version("networking.istio.io/v1alpha3", "VirtualService")
        .unwrap();
    assert_eq!(vs.version, "v1alpha3");
    assert_eq!(vs.plural, "virtualservices");
    assert!(vs.namespaced);
    let node = m.resource_for_api_version("v1", "Node").unwrap();
    assert!(!node.namespaced);
    assert_eq!(m.kind_for("", None, "pods").unwrap().kind, "Pod");
    assert_eq!(
        m.kind_for("networking.istio.io", None, "virtualservices")
            .unwrap()
            .version,
        "v1beta1"
    );
    assert!(m.resource_for_kind("apps", None, "Pod").is_err());
}

#[test]
fn subresources_attach_to_their_parent() {
    let m = fixture();
    let deploy = m.resolve("deploy").unwrap();
    let scale = deploy.subresource("scale").unwrap();
    assert_eq!(
        (
            scale.group.as_str(),
            scale.version.as_str(),
            scale.kind.as_str()
        ),
        ("autoscaling", "v1", "Scale")
    );
    assert_eq!(deploy.subresource("status").unwrap().kind, "Deployment");
    assert_eq!(m.resolve("po").unwrap().subresources[0].name, "log");
    // Subresources are never matched as resources of their own.
    assert!(m.resolve("deployments/scale").is_err());
    assert_eq!(deploy.singular, "deployment");
    assert_eq!(deploy.api_version(), "apps/v1");
    assert!(deploy.supports("patch") && !deploy.supports("watch"));
}

#[test]
fn snapshot_accessors_and_failures() {
    let m = fixture();
    let apis = m.apis();
    assert_eq!(apis.groups()[0].name, "");
    assert_eq!(
        apis.preferred_version("networking.istio.io"),
        Some("v1beta1")
    );
    assert_eq!(apis.preferred_version("nope"), None);
    assert_eq!(apis.resources("apps/v1").unwrap().len(), 1);
    assert!(apis.resources("metrics.k8s.io/v1beta1").is_none());
    assert!(apis.resource("v1", "nodes").is_some());
    let err = apis.check_complete().unwrap_err();
    assert_eq!(
        err.failures.keys().collect::<Vec<_>>(),
        ["metrics.k8s.io/v1beta1"]
    );
    assert!(err.to_string().contains("unable to handle"), "{err}");
    assert!(is_builtin("") && is_builtin("apps") && is_builtin("networking.k8s.io"));
    assert!(!is_builtin("networking.istio.io") && !is_builtin("networking.x-k8s.io"));
}
