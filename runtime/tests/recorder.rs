//! The event recorder on the wire: the Event it creates, and a repeat within
//! the series window sent as a merge patch of `series` on the first one.

mod support;

use std::time::Duration;

use kubegen_runtime::recorder::{Event, EventType, ObjectReference, Recorder, Reporter};
use kubegen_runtime::Client;
use serde_json::{json, Value};
use support::{Recorded, Reply};

const COLLECTION: &str = "/apis/events.k8s.io/v1/namespaces/shop/events";

fn service() -> ObjectReference {
    ObjectReference {
        api_version: Some("v1".into()),
        kind: Some("Service".into()),
        name: Some("web".into()),
        namespace: Some("shop".into()),
        uid: Some("5f0c-uid".into()),
        resource_version: Some("41".into()),
        ..ObjectReference::default()
    }
}

fn created() -> Event {
    Event {
        type_: EventType::Normal,
        reason: "Created".into(),
        action: "CreateIngress".into(),
        note: Some("created Ingress shop/web".into()),
        related: None,
    }
}

/// The server's answer to a create: the Event under the name it was given.
fn stored(name: &str) -> Reply {
    Reply::json(
        201,
        json!({"apiVersion": "events.k8s.io/v1", "kind": "Event",
        "metadata": {"name": name, "namespace": "shop"}}),
    )
}

fn is_microtime(value: &Value) -> bool {
    let text = value.as_str().unwrap_or_default();
    // 2026-11-23T14:05:06.123456Z
    text.len() == 27 && text.ends_with('Z') && text.as_bytes()[19] == b'.'
}

fn assert_patch_of_series(request: &Recorded, name: &str, count: i64) {
    assert_eq!(request.method, "PATCH");
    assert_eq!(request.path, format!("{COLLECTION}/{name}"));
    assert_eq!(
        request.header("content-type"),
        Some("application/merge-patch+json")
    );
    let body = request.json();
    assert_eq!(body["series"]["count"], count, "{body}");
    assert!(is_microtime(&body["series"]["lastObservedTime"]), "{body}");
    assert_eq!(
        body.as_object().unwrap().len(),
        1,
        "only the series: {body}"
    );
}

#[tokio::test]
async fn creates_an_event_then_counts_repeats_in_its_series() {
    let server = support::Recorder::start().await;
    let recorder = Recorder::new(
        Client::new(server.config()).unwrap(),
        Reporter {
            controller: "example.com/ingress-manager".into(),
            instance: "ingress-manager-7d9f".into(),
        },
    );
    server
        .reply(stored("web.17f3a"))
        .reply(Reply::json(200, json!({})))
        .reply(Reply::json(200, json!({})));
    for _ in 0..3 {
        recorder.publish(&created(), &service()).await.unwrap();
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 3);

    let create = &requests[0];
    assert_eq!(
        (create.method.as_str(), create.path.as_str()),
        ("POST", COLLECTION)
    );
    let body = create.json();
    let name = body["metadata"]["name"].as_str().unwrap();
    let (object, nanos) = name.split_once('.').unwrap();
    assert_eq!(object, "web");
    assert!(u64::from_str_radix(nanos, 16).is_ok(), "{name}");
    assert!(is_microtime(&body["eventTime"]), "{body}");
    let mut expected = json!({
        "apiVersion": "events.k8s.io/v1", "kind": "Event",
        "metadata": {"name": name, "namespace": "shop"},
        "eventTime": body["eventTime"],
        "reportingController": "example.com/ingress-manager",
        "reportingInstance": "ingress-manager-7d9f",
        "action": "CreateIngress", "reason": "Created", "type": "Normal",
        "note": "created Ingress shop/web",
        "regarding": {"apiVersion": "v1", "kind": "Service", "name": "web",
            "namespace": "shop", "uid": "5f0c-uid", "resourceVersion": "41"}
    });
    assert_eq!(body, expected);

    // The repeats patch the Event the server named.
    assert_patch_of_series(&requests[1], "web.17f3a", 2);
    assert_patch_of_series(&requests[2], "web.17f3a", 3);

    // Other words are the same event; another reason is another event.
    server.reply(Reply::json(200, json!({})));
    let reworded = Event {
        note: Some("created it again".into()),
        ..created()
    };
    recorder.publish(&reworded, &service()).await.unwrap();
    assert_patch_of_series(&server.requests()[3], "web.17f3a", 4);
    server.reply(stored("web.17f3b"));
    let failed = Event {
        type_: EventType::Warning,
        reason: "FailedCreate".into(),
        ..created()
    };
    recorder.publish(&failed, &service()).await.unwrap();
    let body = server.requests()[4].json();
    expected["type"] = "Warning".into();
    expected["reason"] = "FailedCreate".into();
    expected["metadata"]["name"] = body["metadata"]["name"].clone();
    expected["eventTime"] = body["eventTime"].clone();
    assert_eq!(body, expected);
}

#[tokio::test]
async fn a_cluster_object_reports_in_kube_system_and_old_or_expired_events_start_anew() {
    let server = support::Recorder::start().await;
    let client = Client::new(server.config()).unwrap();
    let node = ObjectReference {
        api_version: Some("v1".into()),
        kind: Some("Node".into()),
        name: Some("worker-1".into()),
        ..ObjectReference::default()
    };
    let recorder = Recorder::new(client.clone(), Reporter::new("example.com/nodes"));
    server.reply(stored("worker-1.1"));
    recorder.publish(&created(), &node).await.unwrap();
    let create = server.single();
    assert_eq!(
        create.path,
        "/apis/events.k8s.io/v1/namespaces/kube-system/events"
    );
    assert_eq!(create.json()["metadata"]["namespace"], "kube-system");
    assert!(create.json()["reportingInstance"]
        .as_str()
        .is_some_and(|s| !s.is_empty()));

    // The server dropped it (events expire): the repeat creates it again.
    server
        .reply(Reply::json(
            404,
            json!({"kind": "Status", "code": 404, "reason": "NotFound"}),
        ))
        .reply(stored("worker-1.2"));
    recorder.publish(&created(), &node).await.unwrap();
    let methods: Vec<String> = server.requests()[1..]
        .iter()
        .map(|r| r.method.clone())
        .collect();
    assert_eq!(methods, ["PATCH", "POST"]);

    // With no window, every publish is a new Event.
    let eager = Recorder::new(client, Reporter::new("example.com/nodes"))
        .with_series_window(Duration::ZERO);
    server
        .reply(stored("worker-1.3"))
        .reply(stored("worker-1.4"));
    eager.publish(&created(), &node).await.unwrap();
    eager.publish(&created(), &node).await.unwrap();
    let methods: Vec<String> = server.requests()[3..]
        .iter()
        .map(|r| r.method.clone())
        .collect();
    assert_eq!(methods, ["POST", "POST"]);
}
