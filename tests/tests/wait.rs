//! `await_condition` against the real API server: it sees a change and a
//! deletion made after it started, through a watch of the one object.

use std::time::Duration;

use kubegen::core::v1::ConfigMap;
use kubegen::meta::ObjectMeta;
use kubegen::wait::{await_condition, conditions};
use kubegen::{Clientset, CreateOptions, DeleteOptions, Patch, PatchOptions, Resource};
use kubegen_tests::{admin, test_namespace};
use serde_json::json;

#[tokio::test]
async fn sees_a_later_change_then_the_deletion() {
    let client = admin();
    let namespace = test_namespace(&client, "wait").await;
    let cs = Clientset::from_client(client);
    let config_maps = cs.core().v1().config_maps(&namespace);
    let created = config_maps
        .create(
            &ConfigMap {
                metadata: ObjectMeta {
                    name: Some("flag".into()),
                    ..ObjectMeta::default()
                },
                ..ConfigMap::default()
            },
            &CreateOptions::default(),
        )
        .await
        .unwrap();
    let uid = created.uid().unwrap().to_owned();

    let ready = |cm: Option<&ConfigMap>| {
        cm.and_then(|c| c.data.as_ref())
            .is_some_and(|d| d.get("ready").is_some_and(|v| v == "true"))
    };
    let waiting = tokio::spawn({
        let inner = config_maps.inner().clone();
        async move { await_condition(&inner, "flag", ready).await }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!waiting.is_finished(), "not ready yet");
    config_maps
        .patch(
            "flag",
            &Patch::Merge(json!({"data": {"ready": "true"}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    let seen = tokio::time::timeout(Duration::from_secs(10), waiting)
        .await
        .expect("seen within 10 s")
        .unwrap()
        .unwrap()
        .expect("the object");
    assert!(ready(Some(&seen)));

    let gone = tokio::spawn({
        let inner = config_maps.inner().clone();
        async move { await_condition(&inner, "flag", conditions::is_deleted(&uid)).await }
    });
    config_maps
        .delete("flag", &DeleteOptions::default())
        .await
        .unwrap();
    let last = tokio::time::timeout(Duration::from_secs(10), gone)
        .await
        .expect("seen within 10 s")
        .unwrap()
        .unwrap();
    assert!(last.is_none());
}
