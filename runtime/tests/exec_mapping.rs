//! exec on the wire: the upgrade request it sends, and answers that refuse
//! the upgrade coming back as typed errors without the credentials.

mod support;

use kubegen_runtime::remote::ExecOptions;
use kubegen_runtime::Error;
use serde_json::json;
use support::pod::pods_in_shop;
use support::Reply;

#[tokio::test]
async fn exec_asks_for_a_websocket_with_v5_then_v4_and_a_refusal_is_typed() {
    let (server, pods) = pods_in_shop().await;
    server.reply(Reply::json(
        403,
        json!({"kind": "Status", "status": "Failure", "reason": "Forbidden", "code": 403,
               "message": "pods \"web-0\" is forbidden"}),
    ));
    let options = ExecOptions::default().container("web").stdin(true);
    let err = pods
        .exec("web-0", &["sh", "-c", "echo hi"], &options)
        .await
        .unwrap_err();
    assert_eq!(err.status().and_then(|s| s.code), Some(403), "{err}");
    assert!(!format!("{err} {err:?}").contains("test-token"));

    let request = server.single();
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/api/v1/namespaces/shop/pods/web-0/exec");
    assert_eq!(
        request.query.as_deref(),
        Some("command=sh&command=-c&command=echo+hi&container=web&stdin=true&stdout=true&stderr=true")
    );
    assert_eq!(request.header("upgrade"), Some("websocket"));
    assert_eq!(request.header("connection"), Some("Upgrade"));
    assert_eq!(request.header("sec-websocket-version"), Some("13"));
    assert_eq!(
        request.header("sec-websocket-protocol"),
        Some("v5.channel.k8s.io, v4.channel.k8s.io")
    );
    assert_eq!(request.header("authorization"), Some("Bearer test-token"));
}

#[tokio::test]
async fn a_success_that_does_not_switch_protocols_is_an_error() {
    let (server, pods) = pods_in_shop().await;
    server.reply(Reply::raw(200, "text/plain", b"not a websocket"));
    let err = pods
        .attach("web-0", &ExecOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Remote(_)), "{err:?}");
    assert!(err.to_string().contains("HTTP 200"), "{err}");
    assert_eq!(
        server.single().path,
        "/api/v1/namespaces/shop/pods/web-0/attach"
    );
}
