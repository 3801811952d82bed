//! The clientset generated from the EMQX operator's CRD, against the real
//! server: the example's life cycle, every other verb, and a typed round trip
//! that keeps every field.

use std::time::Duration;

use futures::StreamExt;
use kubegen::meta::{IntOrString, Map, ObjectMeta};
use kubegen::{
    ApplyOptions, Clientset, CompactString, CreateOptions, GetOptions, ListOptions, Patch,
    PatchOptions, WatchEvent,
};
use kubegen_examples::crds::apps_emqx_io::v1beta1::{
    EmqxBroker, EmqxBrokerSpec, EmqxBrokerSpecEnv, EmqxBrokerSpecResources,
};
use kubegen_tests::{admin, test_namespace};

#[tokio::test]
async fn the_operator_example_runs_its_whole_life_cycle() {
    let client = admin();
    let ns = test_namespace(&client, "emqx").await;
    let outcome = kubegen_examples::emqx::run(client, &ns, |_| {})
        .await
        .unwrap();
    assert_eq!(outcome.listed, ["emqx", "emqx-edge"]);
    assert_eq!(
        outcome.update_attempts, 2,
        "the interloper's write forced exactly one retry"
    );
    assert_eq!(outcome.scale_replicas, Some(3));
    assert_eq!(outcome.ready_condition.as_deref(), Some("False"));
    let deleting = outcome
        .deleting
        .expect("foreground deletion returns the object");
    assert!(deleting.metadata.deletion_timestamp.is_some());
    assert_eq!(deleting.metadata.finalizers, ["foregroundDeletion"]);
}

fn full_broker(name: &str) -> EmqxBroker {
    EmqxBroker {
        metadata: ObjectMeta {
            name: Some(name.into()),
            labels: Map::from([("app".into(), "emqx".into())]),
            annotations: Map::from([("note".into(), "round trip".into())]),
            ..ObjectMeta::default()
        },
        spec: Some(EmqxBrokerSpec {
            image: "emqx/emqx:4.3.10".into(),
            replicas: Some(2),
            service_account_name: Some("emqx".into()),
            env: Some(vec![
                EmqxBrokerSpecEnv {
                    name: "A".into(),
                    value: Some("1".into()),
                    ..Default::default()
                },
                EmqxBrokerSpecEnv {
                    name: "EMPTY".into(),
                    value: Some(CompactString::new("")),
                    ..Default::default()
                },
            ]),
            labels: Some(Map::from([("tier".into(), "edge".into())])),
            resources: Some(Box::new(EmqxBrokerSpecResources {
                limits: Some(Map::from([
                    ("cpu".into(), IntOrString::String("500m".into())),
                    ("pods".into(), IntOrString::Int(4)),
                ])),
                requests: Some(Map::from([(
                    "memory".into(),
                    IntOrString::String("256Mi".into()),
                )])),
                ..Default::default()
            })),
            emqx_template: Some(
                serde_json::json!({"listener": {"tcp": {"port": 1883, "acceptors": [1, 2]}}, "flag": true}),
            ),
            ..Default::default()
        }),
        ..EmqxBroker::default()
    }
}

#[tokio::test]
async fn generated_crd_client_every_verb_and_lossless_round_trip() {
    let client = admin();
    kubegen_examples::crd_install::install(
        &Clientset::from_client(client.clone()),
        kubegen_examples::emqx::CRD,
    )
    .await
    .unwrap();
    let ns = test_namespace(&client, "emqx-verbs").await;
    let cs = kubegen_examples::crds::Clientset::from_client(client);
    let brokers = cs.apps_emqx_io().v1beta1().emqx_brokers(&ns);

    let rv = brokers
        .list(&ListOptions::default())
        .await
        .unwrap()
        .metadata
        .resource_version
        .unwrap();
    let mut watch = brokers
        .watch(&ListOptions::default().resource_version(rv))
        .await
        .unwrap();

    let sent = full_broker("full");
    let created = brokers
        .create(&sent, &CreateOptions::default())
        .await
        .unwrap();
    let got = brokers.get("full", &GetOptions::default()).await.unwrap();
    assert_eq!(
        got.spec, sent.spec,
        "every spec field survives the server and our types"
    );
    assert_eq!(got.metadata.labels, sent.metadata.labels);
    assert_eq!(got.metadata.annotations, sent.metadata.annotations);
    assert_eq!(got.api_version, "apps.emqx.io/v1beta1");
    assert_eq!(got.kind, "EmqxBroker");
    // Decode then encode gives back what the server sent, field for field.
    let raw: serde_json::Value = brokers
        .inner()
        .client()
        .get_json(&format!(
            "/apis/apps.emqx.io/v1beta1/namespaces/{ns}/emqxbrokers/full"
        ))
        .await
        .unwrap();
    let typed: EmqxBroker = serde_json::from_value(raw.clone()).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), raw);

    let patched = brokers
        .patch(
            "full",
            &Patch::Merge(serde_json::json!({"spec": {"replicas": 5}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(patched.spec.as_ref().unwrap().replicas, Some(5));
    let applied = brokers
        .apply(
            "full",
            &serde_json::json!({"apiVersion": "apps.emqx.io/v1beta1", "kind": "EmqxBroker", "metadata": {"name": "full"}, "spec": {"image": "emqx/emqx:5.0.0"}}),
            &ApplyOptions::new("e2e").force(true),
        )
        .await
        .unwrap();
    assert_eq!(applied.spec.as_ref().unwrap().image, "emqx/emqx:5.0.0");
    brokers.delete("full", &Default::default()).await.unwrap();

    let mut seen = Vec::new();
    while seen.len() < 4 {
        let event = tokio::time::timeout(Duration::from_secs(10), watch.next())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        seen.push(match event {
            WatchEvent::Added(b) => format!("ADDED {}", b.metadata.uid == created.metadata.uid),
            WatchEvent::Modified(b) => format!("MODIFIED {}", b.spec.unwrap().image),
            WatchEvent::Deleted(_) => "DELETED".into(),
            WatchEvent::Bookmark(_) => continue,
        });
    }
    assert_eq!(
        seen,
        [
            "ADDED true",
            "MODIFIED emqx/emqx:4.3.10",
            "MODIFIED emqx/emqx:5.0.0",
            "DELETED"
        ]
    );
}
