//! No field is lost: Pods of the recorded shape (three field managers, every
//! kind of sub-structure the benchmark relies on), read from the real API
//! server, decode into kubegen's types and encode back to the same JSON, by
//! a single GET, in a list and in watch events.
//!
//! No difference is allowed: a member the server writes as `null` (Go's
//! zero `metav1.Time` does, as `lastProbeTime: null` in Pod conditions,
//! though the spec does not mark it nullable) comes back as `null`.

use futures::StreamExt;
use kubegen::core::v1::Pod;
use kubegen::{ListOptions, ObjectList, ResourceClient, WatchEvent};
use kubegen_bench::pods;
use kubegen_tests::{admin, test_namespace};
use serde_json::Value;

const COUNT: usize = 6;

/// Decodes `raw` as a Pod and encodes it again; both must be equal, and
/// managedFields must come back as sent.
fn assert_lossless(raw: &Value) {
    let name = raw["metadata"]["name"].clone();
    let pod: Pod = serde_json::from_value(raw.clone()).expect("decodes");
    let encoded = serde_json::to_value(&pod).expect("encodes");
    assert_eq!(
        encoded, *raw,
        "{name} changed in a decode-encode round trip"
    );
    let managed = &pod.metadata.managed_fields;
    assert_eq!(managed.len(), 3, "{name}: three field managers");
    for (entry, raw_entry) in managed
        .iter()
        .zip(raw["metadata"]["managedFields"].as_array().unwrap())
    {
        let text = entry.fields_v1.as_ref().expect("fieldsV1").as_str();
        assert_eq!(
            serde_json::from_str::<Value>(text).unwrap(),
            raw_entry["fieldsV1"],
            "{name}: fieldsV1 of {:?}",
            entry.manager
        );
    }
}

#[tokio::test]
async fn recorded_pods_round_trip_without_loss() {
    let client = admin();
    let ns = test_namespace(&client, "lossless").await;
    let api = ResourceClient::<Pod>::namespaced(client.clone(), &ns);
    for i in 0..COUNT {
        pods::create(&api, i)
            .await
            .expect("creating a recorded-shape Pod");
    }

    // One GET per Pod: the object exactly as the server writes it.
    for i in 0..COUNT {
        let path = format!("/api/v1/namespaces/{ns}/pods/{}", pods::name(i));
        let raw: Value = client.get_json(&path).await.unwrap();
        assert_eq!(raw["spec"]["containers"].as_array().map(Vec::len), Some(2));
        assert_eq!(
            raw["spec"]["initContainers"].as_array().map(Vec::len),
            Some(1)
        );
        assert_lossless(&raw);
    }

    // The list: every item, and the list's own fields, through ObjectList.
    let path = format!("/api/v1/namespaces/{ns}/pods");
    let raw: Value = client.get_json(&path).await.unwrap();
    let list: ObjectList<Pod> = serde_json::from_value(raw.clone()).unwrap();
    assert_eq!(list.items.len(), COUNT);
    assert_eq!(
        serde_json::to_value(&list).unwrap(),
        raw,
        "the list changed"
    );
    // The same list through the client, decoded as its chunks arrive.
    let streamed = api.list(&ListOptions::default()).await.unwrap();
    assert_eq!(streamed.items, list.items, "the streamed list differs");
    assert_eq!(serde_json::to_value(&streamed.items).unwrap(), raw["items"]);
    for item in raw["items"].as_array().unwrap() {
        let mut item = item.clone();
        // List items carry no apiVersion and kind; a lone Pod does.
        item["apiVersion"] = "v1".into();
        item["kind"] = "Pod".into();
        assert_lossless(&item);
    }

    // Watch events: the typed objects equal the listed ones.
    let from_list = ListOptions::default().resource_version("0");
    let mut events = api.watch(&from_list).await.unwrap();
    let mut seen = 0;
    while seen < COUNT {
        match events.next().await.expect("an event").unwrap() {
            WatchEvent::Added(pod) => {
                let name = pod.metadata.name.clone().unwrap();
                let listed = list
                    .items
                    .iter()
                    .find(|p| p.metadata.name.as_ref() == Some(&name))
                    .expect("a listed Pod");
                // Events carry apiVersion and kind; list items do not.
                assert_eq!((pod.api_version.as_str(), pod.kind.as_str()), ("v1", "Pod"));
                assert_eq!(
                    (&pod.metadata, &pod.spec, &pod.status),
                    (&listed.metadata, &listed.spec, &listed.status),
                    "{name} differs between watch and list"
                );
                assert_lossless(&serde_json::to_value(&pod).unwrap());
                seen += 1;
            }
            other => panic!("unexpected event {other:?}"),
        }
    }
}
