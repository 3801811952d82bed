//! The kinds' own decoders (`Resource::from_json` and `list_from_json`),
//! which the verbs read every answer with, read what `serde_json` reads and
//! lose nothing.

use kubegen::apps::v1::Deployment;
use kubegen::core::v1::{Pod, PodList};
use kubegen::Resource;
use serde_json::json;

#[test]
fn one_object_reads_as_serde_reads_it() {
    let wire = json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "web", "addedToMeta": 1},
        "spec": {
            "replicas": 2, "selector": {"matchLabels": {"app": "web"}}, "template": {},
            "addedToSpec": [true]
        },
        "status": null
    });
    let body = wire.to_string();
    let read = Deployment::from_json(body.as_bytes()).expect("decodes");
    assert_eq!(read.spec.as_ref().and_then(|s| s.replicas), Some(2));
    assert_eq!(serde_json::to_value(&read).expect("encodes"), wire);
    let serde: Deployment = serde_json::from_str(&body).expect("decodes");
    assert_eq!(read, serde);
}

#[test]
fn a_list_reads_its_items_and_a_null_list_as_empty() {
    let body = json!({
        "apiVersion": "v1", "kind": "PodList",
        "metadata": {"resourceVersion": "7", "continue": "next"},
        "items": [
            {"metadata": {"name": "a"}, "spec": {"containers": [{"name": "c", "addedToContainer": 3}]}},
            {"metadata": {"name": "b"}}
        ]
    })
    .to_string();
    let list: PodList = Pod::list_from_json(body.as_bytes()).expect("decodes");
    let names: Vec<_> = list.iter().map(|p| p.metadata.name.as_deref()).collect();
    assert_eq!(names, [Some("a"), Some("b")]);
    assert_eq!(list.metadata.resource_version.as_deref(), Some("7"));
    assert_eq!(list.metadata.continue_.as_deref(), Some("next"));
    let container =
        serde_json::to_value(&list.items[0].spec.as_ref().unwrap().containers[0]).expect("encodes");
    assert_eq!(container["addedToContainer"], 3);

    let empty = Pod::list_from_json(br#"{"kind":"PodList","items":null}"#).expect("decodes");
    assert!(empty.items.is_empty());
}

#[test]
fn a_body_that_is_not_the_kind_is_an_error() {
    assert!(Pod::from_json(b"[1, 2]").is_err());
    assert!(Pod::list_from_json(br#"{"items": {"not": "a list"}}"#).is_err());
    assert!(Pod::from_json(b"").is_err());
}
