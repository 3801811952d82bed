use serde_json::json;

use super::*;
use crate::apply::extract::owned_fields;

fn set(fields: Value) -> FieldSet {
    FieldSet::from_json(&fields).unwrap()
}

fn deployment() -> Value {
    json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {
            "name": "web",
            "labels": {"app": "web", "tier": "front"},
            "finalizers": ["a.io/one", "b.io/two", "c.io/three"],
        },
        "spec": {
            "replicas": 3,
            "paused": false,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {"spec": {"containers": [
                {
                    "name": "web",
                    "image": "nginx:1",
                    "ports": [
                        {"containerPort": 80, "protocol": "TCP", "name": "http"},
                        {"containerPort": 80, "protocol": "UDP", "name": "quic"},
                    ],
                    "args": ["-a", "-b"],
                },
                {"name": "sidecar", "image": "envoy:1"},
            ]}},
        },
    })
}

#[test]
fn fields_keep_only_named_members_and_leaves_whole() {
    let owned = set(json!({
        "f:metadata": {"f:labels": {".": {}, "f:app": {}}},
        "f:spec": {"f:replicas": {}, "f:selector": {}},
    }));
    assert_eq!(
        owned.project(&deployment()),
        json!({
            "metadata": {"labels": {"app": "web"}},
            "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}}},
        })
    );
}

#[test]
fn keys_with_several_fields_pick_the_matching_item_and_keep_its_key() {
    let owned = set(
        json!({"f:spec": {"f:template": {"f:spec": {"f:containers": {
            "k:{\"name\":\"web\"}": {
                ".": {},
                "f:ports": {
                    "k:{\"containerPort\":80,\"protocol\":\"UDP\"}": {".": {}, "f:name": {}},
                },
            },
            "k:{\"name\":\"gone\"}": {".": {}, "f:image": {}},
        }}}}}),
    );
    assert_eq!(
        owned.project(&deployment()),
        json!({"spec": {"template": {"spec": {"containers": [{
            "name": "web",
            "ports": [{"containerPort": 80, "protocol": "UDP", "name": "quic"}],
        }]}}}})
    );
}

#[test]
fn set_members_and_indexes_keep_list_order() {
    let owned = set(json!({
        "f:metadata": {"f:finalizers": {".": {}, "v:\"c.io/three\"": {}, "v:\"a.io/one\"": {}, "v:\"x.io/absent\"": {}}},
        "f:spec": {"f:template": {"f:spec": {"f:containers": {"i:1": {"f:image": {}}, "i:7": {}}}}},
    }));
    assert_eq!(
        owned.project(&deployment()),
        json!({
            "metadata": {"finalizers": ["a.io/one", "c.io/three"]},
            "spec": {"template": {"spec": {"containers": [{"image": "envoy:1"}]}}},
        })
    );
}

#[test]
fn merged_sets_own_both() {
    let mut owned = set(json!({"f:spec": {"f:replicas": {}}}));
    owned.merge(set(
        json!({"f:spec": {"f:paused": {}}, "f:metadata": {"f:name": {}}}),
    ));
    assert_eq!(
        owned.project(&deployment()),
        json!({"metadata": {"name": "web"}, "spec": {"replicas": 3, "paused": false}})
    );
}

#[test]
fn malformed_sets_are_errors_naming_the_path() {
    use FieldSetProblem::*;
    let cases = [
        (
            json!({"f:spec": {"f:replicas": 1}}),
            "f:spec/f:replicas",
            NotAnObject,
            "not a JSON object",
        ),
        (
            json!({"f:spec": {"x:replicas": {}}}),
            "f:spec",
            UnknownKey,
            "none of",
        ),
        (
            json!({"f:spec": {"nocolon": {}}}),
            "f:spec",
            UnknownKey,
            "none of",
        ),
        (
            json!({"f:a": {"k:{\"name\":": {}}}),
            "f:a",
            BadAssociativeKey,
            "`k:`",
        ),
        (
            json!({"f:a": {"k:[1]": {}}}),
            "f:a",
            BadAssociativeKey,
            "`k:`",
        ),
        (
            json!({"f:a": {"k:{}": {}}}),
            "f:a",
            BadAssociativeKey,
            "`k:`",
        ),
        (json!({"f:a": {"v:nope": {}}}), "f:a", BadSetMember, "`v:`"),
        (json!({"f:a": {"i:-1": {}}}), "f:a", BadIndex, "`i:`"),
        (
            json!({"f:a": {"k:{\"secret\":\"hunter2\"}": {"q": {}}}}),
            "f:a/k:…",
            UnknownKey,
            "none of",
        ),
        (json!([]), "", NotAnObject, "not a JSON object"),
    ];
    for (fields, path, reason, text) in cases {
        let e = FieldSet::from_json(&fields).unwrap_err();
        assert_eq!(e.path, path, "{fields}");
        assert_eq!(e.reason, reason, "{fields}: {e}");
        assert!(e.to_string().contains(text), "{fields}: {e}");
        assert!(!e.to_string().contains("hunter2"));
    }
    let e = FieldSet::parse("{\"f:a\": ").unwrap_err();
    assert_eq!(
        e.reason,
        NotJson {
            category: serde_json::error::Category::Eof,
            line: 1,
            column: 8
        },
        "{e}"
    );
    assert!(
        e.to_string().contains("not JSON (Eof at line 1 column 8)"),
        "{e}"
    );
}

#[test]
fn owned_fields_are_the_managers_apply_entries_of_the_subresource() {
    let mut object = deployment();
    object["metadata"]["managedFields"] = json!([
        {"manager": "me", "operation": "Apply", "fieldsV1": {"f:spec": {"f:replicas": {}}}},
        {"manager": "me", "operation": "Update", "fieldsV1": {"f:spec": {"f:paused": {}}}},
        {"manager": "other", "operation": "Apply", "fieldsV1": {"f:metadata": {"f:labels": {}}}},
        {"manager": "me", "operation": "Apply", "subresource": "status", "fieldsV1": {"f:status": {}}},
        {"manager": "me", "operation": "Apply", "apiVersion": "apps/v1beta1", "fieldsV1": {"f:spec": {"f:selector": {}}}},
    ]);
    let main = owned_fields(&object, "me", "").unwrap();
    assert_eq!(
        main.project(&object),
        json!({"spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}}}})
    );
    let status = owned_fields(&object, "me", "status").unwrap();
    assert_eq!(status.project(&object), json!({}));
    assert!(owned_fields(&object, "nobody", "").unwrap().is_leaf());
    object["metadata"]["managedFields"][0]["fieldsV1"] = json!({"f:spec": "bad"});
    assert!(owned_fields(&object, "me", "").is_err());
}

#[test]
fn entries_without_a_subresource_give_the_status_their_status_part() {
    let mut object = deployment();
    object["status"] = json!({"phase": "Ready", "replicas": 3});
    object["metadata"]["managedFields"] = json!([
        {"manager": "me", "operation": "Apply", "fieldsV1": {"f:spec": {"f:replicas": {}}, "f:status": {"f:phase": {}}}},
    ]);
    let status = owned_fields(&object, "me", "status").unwrap();
    assert_eq!(
        status.project(&object),
        json!({"status": {"phase": "Ready"}})
    );
    let main = owned_fields(&object, "me", "").unwrap();
    assert_eq!(
        main.project(&object),
        json!({"spec": {"replicas": 3}, "status": {"phase": "Ready"}})
    );
    assert_eq!(
        owned_fields(&object, "me", "scale").unwrap(),
        FieldSet::default()
    );
}
