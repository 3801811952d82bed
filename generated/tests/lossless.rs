//! Built-in kinds lose nothing a newer server sends: members the types do
//! not know (in the root, `metadata`, nested objects, list elements and map
//! values) and explicit `null`s come back on encode, unchanged.

use kubegen::core::v1::Pod;
use serde_json::json;

#[test]
fn a_pod_from_a_newer_server_round_trips() {
    let wire = json!({
        "apiVersion": "v1", "kind": "Pod",
        "addedAtRoot": 1,
        "metadata": {"name": "p", "namespace": "ns", "addedToMeta": {"a": "b"}},
        "spec": {
            "addedToSpec": ["x"],
            "containers": [{
                "name": "c", "image": "nginx", "addedToContainer": {"mode": "new"},
                "resources": {"limits": {"cpu": "1"}, "addedToResources": true},
                "ports": [{"containerPort": 80, "addedToPort": 1}]
            }],
            "nodeSelector": {"k": "v"},
            "overhead": {"cpu": "10m"}
        },
        "status": {
            "phase": "Running",
            "conditions": [{"type": "Ready", "status": "True", "lastProbeTime": null, "addedToCondition": 2}]
        }
    });
    let pod: Pod = serde_json::from_value(wire.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&pod).expect("encodes"), wire);
    // Text input (borrowed keys) too.
    let pod: Pod = serde_json::from_str(&wire.to_string()).expect("decodes");
    assert_eq!(serde_json::to_value(&pod).expect("encodes"), wire);
}

#[test]
fn a_pod_with_nothing_unknown_keeps_nothing() {
    let pod: Pod = serde_json::from_value(json!({
        "metadata": {"name": "p"},
        "spec": {"containers": [{"name": "c"}]}
    }))
    .expect("decodes");
    assert!(pod.unknown_fields.is_empty());
    assert!(pod.metadata.unknown_fields.is_empty());
    let spec = pod.spec.expect("spec");
    assert!(spec.unknown_fields.is_empty() && spec.containers[0].unknown_fields.is_empty());
}
