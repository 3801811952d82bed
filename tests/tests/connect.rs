//! Connecting to the local control plane every way a kubeconfig allows, and
//! the typed failures of wrong CAs, wrong names, bad tokens and missing rights.

use std::time::Duration;

use kubegen::{AuthConfig, Client, Config};
use kubegen_tests::{cluster_file, config, read_cluster_file};
use serde_json::Value;

async fn version(config: Config) -> kubegen::Result<Value> {
    Client::new(config)?.get_json("/version").await
}

#[tokio::test]
async fn every_context_reaches_version() {
    for context in [
        "token",
        "token-file",
        "client-cert",
        "client-cert-data",
        "client-cert-rsa-pkcs8",
        "client-cert-ec-pkcs8",
        "exec",
        "insecure",
        "no-rights",
    ] {
        let v = version(config(context))
            .await
            .unwrap_or_else(|e| panic!("context {context}: {e}"));
        assert_eq!(v["gitVersion"], "v1.20.2", "context {context}: {v}");
    }
}

#[tokio::test]
async fn each_way_in_authenticates_as_its_user() {
    // An admin-only path proves the credential was sent and accepted.
    for context in [
        "token",
        "token-file",
        "client-cert",
        "client-cert-data",
        "client-cert-rsa-pkcs8",
        "client-cert-ec-pkcs8",
        "exec",
        "insecure",
    ] {
        let client = Client::new(config(context)).unwrap();
        let list: Value = client
            .get_json("/api/v1/namespaces")
            .await
            .unwrap_or_else(|e| panic!("context {context}: {e}"));
        assert_eq!(list["kind"], "NamespaceList", "context {context}");
    }
}

#[tokio::test]
async fn wrong_ca_is_a_tls_error_naming_the_cause() {
    let mut config = config("token");
    config.root_certs =
        kubegen::config::parse_certificates(read_cluster_file("wrong-ca.crt").as_bytes()).unwrap();
    let err = version(config).await.unwrap_err();
    assert!(err.is_tls(), "want a TLS error, got {err:?}");
    let text = err.to_string();
    assert!(
        text.contains("UnknownIssuer") || text.contains("unknown issuer"),
        "{text}"
    );
}

#[tokio::test]
async fn tls_server_name_is_what_gets_verified() {
    let mut wrong = config("token");
    wrong.tls_server_name = Some("not-the-server.example".into());
    let err = version(wrong).await.unwrap_err();
    assert!(err.is_tls(), "want a TLS error, got {err:?}");
    assert!(
        err.to_string().contains("NotValidForName")
            || err.to_string().contains("not valid for name"),
        "{err}"
    );

    let mut right = config("token");
    right.tls_server_name = Some("localhost".into());
    version(right)
        .await
        .expect("the serving certificate is valid for localhost");
}

#[tokio::test]
async fn bad_token_is_unauthorized() {
    let mut config = config("token");
    config.auth = AuthConfig::Token("not-a-valid-token".to_owned().into());
    let err = Client::new(config)
        .unwrap()
        .get_json::<Value>("/api/v1/namespaces")
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "want 401, got {err:?}");
    assert_eq!(err.api().unwrap().code, 401);
    assert!(!err.to_string().contains("not-a-valid-token"), "{err}");
}

#[tokio::test]
async fn user_without_rights_is_forbidden() {
    let client = Client::new(config("no-rights")).unwrap();
    let err = client
        .get_json::<Value>("/api/v1/namespaces")
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "want 403, got {err:?}");
    let status = err.status().unwrap();
    assert_eq!(status.reason.as_deref(), Some("Forbidden"));
    assert!(
        status
            .message
            .as_deref()
            .unwrap_or("")
            .contains("kubegen-norights"),
        "{status:?}"
    );
    assert_eq!(
        status.details.as_ref().unwrap().kind.as_deref(),
        Some("namespaces")
    );
}

#[tokio::test]
async fn rewritten_token_file_is_picked_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("token");
    std::fs::write(&path, "stale-token").unwrap();
    let mut config = config("token");
    config.auth = AuthConfig::TokenFile {
        path: path.clone(),
        refresh: Duration::from_secs(60),
    };
    let client = Client::new(config).unwrap();
    let err = client
        .get_json::<Value>("/api/v1/namespaces")
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");

    // Rotated while the client runs: the next 401 makes it read the file again.
    std::fs::write(&path, read_cluster_file("admin.token")).unwrap();
    let list: Value = client
        .get_json("/api/v1/namespaces")
        .await
        .expect("rotated token used");
    assert_eq!(list["kind"], "NamespaceList");
}

#[tokio::test]
async fn token_file_is_reread_after_its_refresh_period() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("token");
    std::fs::write(&path, read_cluster_file("admin.token")).unwrap();
    let mut config = config("token");
    config.auth = AuthConfig::TokenFile {
        path: path.clone(),
        refresh: Duration::from_millis(200),
    };
    let client = Client::new(config).unwrap();
    client
        .get_json::<Value>("/api/v1/namespaces")
        .await
        .unwrap();
    // The no-rights token authenticates but is forbidden: proof the file was read again without a 401.
    std::fs::write(&path, read_cluster_file("norights.token")).unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let err = client
        .get_json::<Value>("/api/v1/namespaces")
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err:?}");
}

#[tokio::test]
async fn config_from_kubeconfig_file_on_disk() {
    // The kubeconfig uses relative paths; it must work from any working directory.
    let kc = kubegen::Kubeconfig::read(cluster_file("kubeconfig")).unwrap();
    assert_eq!(kc.current_context.as_deref(), Some("token"));
    let config = kc.to_config(&Default::default()).unwrap();
    assert_eq!(config.default_namespace, "default");
    version(config).await.unwrap();
}

#[tokio::test]
async fn in_cluster_config_reaches_the_server() {
    // A Pod's service-account folder, pointed at the local control plane.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("token"), read_cluster_file("admin.token")).unwrap();
    std::fs::copy(cluster_file("ca.crt"), dir.path().join("ca.crt")).unwrap();
    std::fs::write(dir.path().join("namespace"), "kube-system").unwrap();
    let server = config("token").cluster_url;
    let paths = kubegen::config::InClusterPaths {
        dir: dir.path().to_owned(),
        host: server.host_str().map(str::to_owned),
        port: server.port().map(|p| p.to_string()),
    };
    let client = Client::new(paths.load().unwrap()).unwrap();
    assert_eq!(client.default_namespace(), "kube-system");
    let list: Value = client.get_json("/api/v1/namespaces").await.unwrap();
    assert_eq!(list["kind"], "NamespaceList");
}
