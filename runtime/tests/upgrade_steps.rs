//! The upgrade handshake of exec, attach and port-forward takes the same
//! steps as every other request: counted in the metrics, held by the
//! client-side rate limiter, and sent once more with fresh credentials after
//! a 401.

mod support;

use std::sync::Arc;
use std::time::Duration;

use kubegen_runtime::remote::ExecOptions;
use kubegen_runtime::{AuthConfig, Client, ResourceClient};
use serde_json::json;
use support::pod::Pod;
use support::requests::Requests;
use support::{Recorder, Reply};

fn forbidden() -> Reply {
    Reply::json(
        403,
        json!({"kind": "Status", "status": "Failure", "reason": "Forbidden", "code": 403}),
    )
}

#[tokio::test]
async fn the_handshake_is_counted_in_the_metrics() {
    let server = Recorder::start().await;
    let client = Client::new(server.config()).unwrap();
    let metrics = Arc::new(Requests::default());
    assert!(client.set_metrics(metrics.clone()));
    let pods = ResourceClient::<Pod>::namespaced(client, "shop");

    server.reply(forbidden());
    pods.attach("web-0", &ExecOptions::default())
        .await
        .unwrap_err();

    let seen = metrics.0.lock().unwrap().clone();
    assert_eq!(seen, [("GET".to_owned(), Some(403))]);
}

#[tokio::test]
async fn the_handshake_waits_for_the_rate_limiter() {
    let server = Recorder::start().await;
    // One request at once, and the next token practically never.
    let config = server.config().qps(Some(f32::MIN_POSITIVE)).burst(1);
    let pods = ResourceClient::<Pod>::namespaced(Client::new(config).unwrap(), "shop");

    server.reply(forbidden()).reply(forbidden());
    pods.attach("web-0", &ExecOptions::default())
        .await
        .unwrap_err();
    let second = tokio::time::timeout(
        Duration::from_millis(500),
        pods.attach("web-0", &ExecOptions::default()),
    )
    .await;
    assert!(second.is_err(), "the second handshake waits for a token");
    assert_eq!(server.requests().len(), 1, "and is not sent meanwhile");
}

#[tokio::test]
async fn a_401_is_retried_once_with_fresh_credentials() {
    let server = Recorder::start().await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("token");
    std::fs::write(&path, "first-secret-token").unwrap();
    let mut config = server.config();
    config.auth = AuthConfig::TokenFile {
        path: path.clone(),
        refresh: Duration::from_secs(3600),
    };
    let pods = ResourceClient::<Pod>::namespaced(Client::new(config).unwrap(), "shop");

    // The first call reads the token; it rotates before the handshake.
    server.reply(Reply::json(200, json!({"metadata": {"name": "web-0"}})));
    pods.get("web-0", &Default::default()).await.unwrap();
    std::fs::write(&path, "second-secret-token").unwrap();
    let unauthorized = Reply::json(
        401,
        json!({"kind": "Status", "status": "Failure", "reason": "Unauthorized", "code": 401}),
    );
    server.reply(unauthorized.clone()).reply(unauthorized);
    let err = pods
        .exec("web-0", &["true"], &ExecOptions::default())
        .await
        .unwrap_err();

    assert!(err.is_unauthorized(), "{err}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("secret-token"), "{shown}");
    let sent: Vec<_> = server
        .requests()
        .iter()
        .map(|r| r.header("authorization").map(str::to_owned))
        .collect();
    assert_eq!(
        sent,
        [
            Some("Bearer first-secret-token".to_owned()),
            Some("Bearer first-secret-token".to_owned()),
            Some("Bearer second-secret-token".to_owned()),
        ],
        "the handshake after a 401 is sent once more, with the re-read token"
    );
}
