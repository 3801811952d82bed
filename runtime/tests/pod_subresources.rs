//! A Pod's log and eviction on the wire: the exact requests, a text answer,
//! lines followed across chunks, error statuses as typed errors, and the
//! Eviction version a server without `policy/v1` needs.

mod support;

use futures::StreamExt;
use kubegen_runtime::LogOptions;
use serde_json::json;
use support::pod::pods_in_shop;
use support::Reply;

#[tokio::test]
async fn logs_are_read_as_text() {
    let (server, pods) = pods_in_shop().await;
    server.reply(Reply::raw(200, "text/plain", b"starting\nready on :8080\n"));
    let text = pods
        .logs("web-0", &LogOptions::default().container("web").tail(2))
        .await
        .unwrap();
    assert_eq!(text, "starting\nready on :8080\n");
    let request = server.single();
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/api/v1/namespaces/shop/pods/web-0/log");
    assert_eq!(request.query.as_deref(), Some("container=web&tailLines=2"));
    assert_eq!(request.header("accept"), Some("*/*"));
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn a_followed_log_arrives_line_by_line() {
    let (server, pods) = pods_in_shop().await;
    server.reply(Reply::chunked(vec![
        b"GET /health".to_vec(),
        b"z 200\n\nGET / 200\n".to_vec(),
        b"shutting down".to_vec(),
    ]));
    let lines: Vec<String> = pods
        .log_stream("web-0", &LogOptions::default().follow())
        .await
        .unwrap()
        .map(Result::unwrap)
        .collect()
        .await;
    assert_eq!(
        lines,
        ["GET /healthz 200", "", "GET / 200", "shutting down"]
    );
    assert_eq!(server.single().query.as_deref(), Some("follow=true"));
}

#[tokio::test]
async fn a_refused_log_is_a_typed_error() {
    let (server, pods) = pods_in_shop().await;
    server.reply(Reply::json(
        400,
        json!({"kind": "Status", "status": "Failure", "reason": "BadRequest", "code": 400,
               "message": "a container name must be specified for pod web-0, choose one of: [web sidecar]"}),
    ));
    let err = pods
        .logs("web-0", &LogOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.status().and_then(|s| s.code), Some(400));
    assert!(
        err.to_string().contains("choose one of: [web sidecar]"),
        "{err}"
    );
    let stream_err = pods.log_stream("web-0", &LogOptions::default()).await;
    assert!(stream_err.is_err(), "no reply queued: a 500 Status");
}

#[tokio::test]
async fn an_eviction_falls_back_to_the_version_the_server_has() {
    let (server, pods) = pods_in_shop().await;
    server
        .reply(Reply::json(
            400,
            json!({"kind": "Status", "status": "Failure", "reason": "BadRequest", "code": 400,
                   "message": "Eviction in version \"v1\" cannot be handled as a Eviction: no kind \"Eviction\" is registered for version \"policy/v1\" in scheme \"pkg/api/legacyscheme/scheme.go:30\""}),
        ))
        .reply(Reply::json(201, json!({"kind": "Status", "status": "Success", "code": 201})));
    let options = kubegen_runtime::DeleteOptions::default().grace_period(0);
    pods.evict("web-0", &options).await.unwrap();
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    for (request, version) in sent.iter().zip(["policy/v1", "policy/v1beta1"]) {
        assert_eq!(request.method, "POST");
        assert_eq!(request.path, "/api/v1/namespaces/shop/pods/web-0/eviction");
        assert_eq!(
            request.json(),
            json!({"apiVersion": version, "kind": "Eviction",
                   "metadata": {"name": "web-0", "namespace": "shop"},
                   "deleteOptions": {"kind": "DeleteOptions", "apiVersion": "v1",
                                     "gracePeriodSeconds": 0}})
        );
    }

    // Any other refusal is the caller's, after one request.
    server.reply(Reply::json(
        404,
        json!({"kind": "Status", "status": "Failure", "reason": "NotFound", "code": 404,
               "message": "pods \"gone\" not found"}),
    ));
    let err = pods.evict("gone", &Default::default()).await.unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(server.requests().len(), 3);
}
