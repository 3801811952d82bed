//! Failures are variants with fields that say what failed, and the transport's
//! cause stays reachable through `source()` without naming the HTTP stack.

use std::error::Error as _;

use kubegen_runtime::{Client, Config, Error};

#[tokio::test]
async fn a_refused_connection_is_a_transport_error_with_its_cause() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let url = format!("http://127.0.0.1:{port}").parse().unwrap();
    let client = Client::new(Config::new(url).max_retries(0)).unwrap();

    let err = client
        .get_json::<serde_json::Value>("/version")
        .await
        .unwrap_err();
    assert!(matches!(&err, Error::Transport { url, .. } if url.ends_with("/version")));
    assert!(err.is_connect(), "{err:?}");
    assert!(!err.is_transport_timeout(), "{err:?}");
    assert!(err.source().is_some(), "the cause is kept");
    assert!(
        err.to_string().contains(&format!("127.0.0.1:{port}")),
        "{err}"
    );
}
