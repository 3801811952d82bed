//! Request metrics from the one place requests are sent: each attempt's verb,
//! status code (none when no answer came) and time, counted on a recording
//! server.

mod support;

use std::sync::Arc;

use kubegen_runtime::{Client, GetOptions, ResourceClient};
use serde_json::json;
use support::pod::Pod;
use support::requests::Requests;
use support::{Recorder, Reply};

#[tokio::test]
async fn each_attempt_is_counted_by_verb_and_status() {
    let server = Recorder::start().await;
    let mut config = server.config();
    config.max_retries = 0;
    let client = Client::new(config).unwrap();
    let metrics = Arc::new(Requests::default());
    assert!(client.set_metrics(metrics.clone()));
    let pods = ResourceClient::<Pod>::namespaced(client.clone(), "shop");

    server.reply(Reply::json(
        200,
        json!({"metadata": {"name": "a", "namespace": "shop"}}),
    ));
    pods.get("a", &GetOptions::default()).await.unwrap();
    server.reply(Reply::json(
        404,
        json!({"kind": "Status", "code": 404, "reason": "NotFound"}),
    ));
    assert!(pods
        .get("b", &GetOptions::default())
        .await
        .unwrap_err()
        .is_not_found());
    server.reply(Reply::dropped());
    // A clone shares the metrics.
    let clone = ResourceClient::<Pod>::namespaced(client.clone(), "shop");
    clone.delete("c", &Default::default()).await.unwrap_err();

    let seen = metrics.0.lock().unwrap().clone();
    assert_eq!(
        seen,
        [
            ("GET".to_owned(), Some(200)),
            ("GET".to_owned(), Some(404)),
            ("DELETE".to_owned(), None),
        ]
    );
}
