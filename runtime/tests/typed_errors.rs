//! Failures are variants with fields that say what failed, and the transport's
//! cause stays reachable through `source()` without naming the HTTP stack.

use std::error::Error as _;

use kubegen_runtime::config::TlsConfigError;
use kubegen_runtime::{Client, Config, ConfigError, Error};

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

#[tokio::test]
async fn a_failed_handshake_is_a_tls_error_with_the_tls_librarys_cause() {
    // A server that answers the ClientHello with plain HTTP.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for mut stream in listener.incoming().flatten() {
            let _ = stream.read(&mut [0; 1024]);
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n");
        }
    });
    let url = format!("https://127.0.0.1:{port}").parse().unwrap();
    let client = Client::new(Config::new(url).max_retries(0)).unwrap();

    let err = client
        .get_json::<serde_json::Value>("/version")
        .await
        .unwrap_err();
    assert!(err.is_tls(), "{err:?}");
    let cause = err.source().expect("the cause is kept");
    assert!(cause.is::<rustls::Error>(), "{cause:?}");
    assert!(
        err.to_string().contains(&cause.to_string()),
        "the message still tells the cause: {err}"
    );
}

#[test]
fn unusable_tls_settings_are_a_config_error_not_a_handshake_failure() {
    let pem = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/pki/ca.crt")).unwrap();
    let mut config = Config::new("https://127.0.0.1:6443".parse().unwrap());
    config.root_certs = kubegen_runtime::config::parse_certificates(&pem).unwrap();
    config.insecure_skip_tls_verify = true;

    let err = Client::new(config).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Config(ConfigError::Tls(
                TlsConfigError::RootCertificatesWithInsecure
            ))
        ),
        "{err:?}"
    );
    assert!(!err.is_tls(), "no handshake took place");
}
