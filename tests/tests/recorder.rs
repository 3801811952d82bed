//! The event recorder against the real API server: the server accepts the
//! Events it writes (events.k8s.io/v1 validation), repeats land in one
//! Event's series, and the core/v1 view `kubectl describe` reads finds them.

use kubegen::core::v1::ConfigMap;
use kubegen::meta::ObjectMeta;
use kubegen::recorder::{Event, EventType, ObjectReference, Recorder, Reporter};
use kubegen::{Clientset, CreateOptions};
use kubegen_tests::{admin, test_namespace};
use serde_json::Value;

fn event(type_: EventType, reason: &str) -> Event {
    Event {
        type_,
        reason: reason.into(),
        action: "Reconcile".into(),
        note: Some(format!("{reason} while reconciling")),
        related: None,
    }
}

/// The events.k8s.io/v1 Events of `namespace`.
async fn events(namespace: &str) -> Vec<Value> {
    let list: Value = admin()
        .get_json(&format!(
            "/apis/events.k8s.io/v1/namespaces/{namespace}/events"
        ))
        .await
        .unwrap();
    list["items"].as_array().unwrap().clone()
}

#[tokio::test]
async fn repeats_count_in_one_event_that_describe_finds() {
    let client = admin();
    let namespace = test_namespace(&client, "recorder").await;
    let cs = Clientset::from_client(client.clone());
    let config_map = cs
        .core()
        .v1()
        .config_maps(&namespace)
        .create(
            &ConfigMap {
                metadata: ObjectMeta {
                    name: Some("settings".into()),
                    ..ObjectMeta::default()
                },
                ..ConfigMap::default()
            },
            &CreateOptions::default(),
        )
        .await
        .unwrap();
    let regarding = ObjectReference::to(&config_map);
    let recorder = Recorder::new(
        client.clone(),
        Reporter {
            controller: "e2e.kubegen.dev/recorder".into(),
            instance: "recorder-test".into(),
        },
    );
    for _ in 0..3 {
        recorder
            .publish(&event(EventType::Normal, "Synced"), &regarding)
            .await
            .unwrap();
    }
    recorder
        .publish(&event(EventType::Warning, "SyncFailed"), &regarding)
        .await
        .unwrap();

    let mut found = events(&namespace).await;
    found.sort_by_key(|e| e["reason"].as_str().unwrap_or_default().to_owned());
    assert_eq!(found.len(), 2, "{found:#?}");
    let (failed, synced) = (&found[0], &found[1]);
    assert_eq!(synced["reason"], "Synced");
    assert_eq!(synced["type"], "Normal");
    assert_eq!(synced["series"]["count"], 3);
    assert_eq!(synced["note"], "Synced while reconciling");
    assert_eq!(synced["reportingController"], "e2e.kubegen.dev/recorder");
    assert_eq!(synced["reportingInstance"], "recorder-test");
    assert_eq!(
        synced["regarding"]["uid"].as_str(),
        config_map.metadata.uid.as_deref()
    );
    assert_eq!(failed["type"], "Warning");
    assert!(failed.get("series").is_none(), "sent once: {failed}");

    // kubectl describe lists core/v1 Events by the involved object.
    let described: Value = client
        .get_json(&format!(
            "/api/v1/namespaces/{namespace}/events?fieldSelector=involvedObject.name%3Dsettings"
        ))
        .await
        .unwrap();
    let mut reasons: Vec<&str> = described["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["reason"].as_str().unwrap())
        .collect();
    reasons.sort();
    assert_eq!(reasons, ["SyncFailed", "Synced"]);
}

#[tokio::test]
async fn events_about_cluster_objects_go_to_kube_system() {
    let client = admin();
    let namespace = test_namespace(&client, "recorder-ns").await;
    let regarding = ObjectReference {
        api_version: Some("v1".into()),
        kind: Some("Namespace".into()),
        name: Some(namespace.as_str().into()),
        ..ObjectReference::default()
    };
    Recorder::new(client, Reporter::new("e2e.kubegen.dev/recorder"))
        .publish(&event(EventType::Normal, "Labelled"), &regarding)
        .await
        .unwrap();
    let ours: Vec<Value> = events("kube-system")
        .await
        .into_iter()
        .filter(|e| e["regarding"]["name"] == namespace.as_str())
        .collect();
    assert_eq!(ours.len(), 1, "{ours:#?}");
    assert_eq!(ours[0]["reason"], "Labelled");
}
