//! Exec credential plugins against the local control plane: the documented
//! environment, caching until expiry, a fresh credential after a 401, and
//! clear errors for failing, hanging and missing plugins.

use std::path::{Path, PathBuf};
use std::time::Duration;

use kubegen::config::ExecConfig;
use kubegen::{AuthConfig, Client, Config};
use kubegen_tests::{config, read_cluster_file};
use serde_json::Value;

/// Writes an executable script into `dir`.
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn exec_config(command: PathBuf, api_version: &str) -> ExecConfig {
    let mut exec = ExecConfig::new(command);
    exec.api_version = api_version.into();
    exec.env = vec![("PLUGIN_SETTING".into(), "on".into())];
    exec.install_hint = Some("get the plugin from your platform team".into());
    exec.interactive_mode = "Never".into();
    exec.cluster_info = Some(serde_json::json!({"server": "https://example.invalid"}));
    exec.timeout = Duration::from_secs(10);
    exec
}

fn with_exec(exec: ExecConfig) -> Config {
    let mut config = config("token");
    config.auth = AuthConfig::Exec(exec);
    config
}

/// A plugin that logs each call and prints a credential whose token and
/// expiry come from files the test controls.
fn counting_plugin(dir: &Path) -> PathBuf {
    script(
        dir,
        "plugin.sh",
        &format!(
            r#"d={dir}
echo call >> $d/calls
printf '%s' "$KUBERNETES_EXEC_INFO" > $d/info.json
printf '%s' "$PLUGIN_SETTING" > $d/setting
printf '{{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{{"token":"%s","expirationTimestamp":"%s"}}}}' "$(cat $d/token)" "$(cat $d/expiry)""#,
            dir = dir.display()
        ),
    )
}

fn calls(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join("calls"))
        .map(|s| s.lines().count())
        .unwrap_or(0)
}

#[tokio::test]
async fn credential_is_cached_until_it_expires() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("token"), read_cluster_file("exec.token")).unwrap();
    std::fs::write(d.join("expiry"), "2999-01-01T00:00:00Z").unwrap();
    let client = Client::new(with_exec(exec_config(
        counting_plugin(d),
        "client.authentication.k8s.io/v1beta1",
    )))
    .unwrap();
    for _ in 0..3 {
        client
            .get_json::<Value>("/api/v1/namespaces")
            .await
            .unwrap();
    }
    assert_eq!(calls(d), 1, "a valid credential is reused");

    let info: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("info.json")).unwrap()).unwrap();
    assert_eq!(info["apiVersion"], "client.authentication.k8s.io/v1beta1");
    assert_eq!(info["kind"], "ExecCredential");
    assert_eq!(info["spec"]["interactive"], false);
    assert_eq!(info["spec"]["cluster"]["server"], "https://example.invalid");
    assert_eq!(std::fs::read_to_string(d.join("setting")).unwrap(), "on");

    // An expired credential is fetched again on every request.
    std::fs::write(d.join("expiry"), "2000-01-01T00:00:00Z").unwrap();
    let client = Client::new(with_exec(exec_config(
        counting_plugin(d),
        "client.authentication.k8s.io/v1beta1",
    )))
    .unwrap();
    client
        .get_json::<Value>("/api/v1/namespaces")
        .await
        .unwrap();
    client
        .get_json::<Value>("/api/v1/namespaces")
        .await
        .unwrap();
    assert_eq!(calls(d), 3);
}

#[tokio::test]
async fn a_401_fetches_a_new_credential() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("token"), "revoked-token").unwrap();
    std::fs::write(d.join("expiry"), "2999-01-01T00:00:00Z").unwrap();
    let client = Client::new(with_exec(exec_config(
        counting_plugin(d),
        "client.authentication.k8s.io/v1beta1",
    )))
    .unwrap();
    let err = client
        .get_json::<Value>("/api/v1/namespaces")
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    assert_eq!(
        calls(d),
        2,
        "the 401 made the client ask the plugin once more"
    );

    std::fs::write(d.join("token"), read_cluster_file("exec.token")).unwrap();
    client
        .get_json::<Value>("/api/v1/namespaces")
        .await
        .expect("the new credential works");
    assert_eq!(calls(d), 3);
}

#[tokio::test]
async fn failing_plugin_quotes_stderr_and_install_hint() {
    let dir = tempfile::tempdir().unwrap();
    let plugin = script(dir.path(), "fail.sh", "echo 'login expired' >&2; exit 3");
    let client = Client::new(with_exec(exec_config(
        plugin,
        "client.authentication.k8s.io/v1",
    )))
    .unwrap();
    let err = client
        .get_json::<Value>("/version")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("login expired"), "{err}");
    assert!(
        err.contains("get the plugin from your platform team"),
        "{err}"
    );
}

#[tokio::test]
async fn hanging_plugin_times_out_with_install_hint() {
    let dir = tempfile::tempdir().unwrap();
    let plugin = script(dir.path(), "hang.sh", "sleep 30");
    let mut exec = exec_config(plugin, "client.authentication.k8s.io/v1");
    exec.timeout = Duration::from_millis(500);
    let client = Client::new(with_exec(exec)).unwrap();
    let started = std::time::Instant::now();
    let err = client
        .get_json::<Value>("/version")
        .await
        .unwrap_err()
        .to_string();
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(err.contains("did not finish"), "{err}");
    assert!(
        err.contains("get the plugin from your platform team"),
        "{err}"
    );
}

#[tokio::test]
async fn missing_plugin_and_bad_output_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    let exec = exec_config(
        dir.path().join("no-such-plugin"),
        "client.authentication.k8s.io/v1",
    );
    let err = Client::new(with_exec(exec))
        .unwrap()
        .get_json::<Value>("/version")
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("no-such-plugin") && err.contains("get the plugin from your platform team"),
        "{err}"
    );

    let plugin = script(
        dir.path(),
        "wrong.sh",
        r#"echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"x"}}'"#,
    );
    let exec = exec_config(plugin, "client.authentication.k8s.io/v1");
    let err = Client::new(with_exec(exec))
        .unwrap()
        .get_json::<Value>("/version")
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("apiVersion"), "{err}");
    assert!(!err.contains("\"x\""), "the token must not appear: {err}");
}

#[tokio::test]
async fn plugin_can_hand_out_a_client_certificate() {
    // The credential is the admin client certificate; no token at all.
    let dir = tempfile::tempdir().unwrap();
    let credential = serde_json::json!({
        "apiVersion": "client.authentication.k8s.io/v1",
        "kind": "ExecCredential",
        "status": {
            "clientCertificateData": read_cluster_file("admin-ec-pkcs8.crt"),
            "clientKeyData": read_cluster_file("admin-ec-pkcs8.key"),
            "expirationTimestamp": "2999-01-01T00:00:00Z",
        }
    });
    let file = dir.path().join("credential.json");
    std::fs::write(&file, credential.to_string()).unwrap();
    let plugin = script(dir.path(), "cert.sh", &format!("cat {}", file.display()));
    let client = Client::new(with_exec(exec_config(
        plugin,
        "client.authentication.k8s.io/v1",
    )))
    .unwrap();
    let list: Value = client
        .get_json("/api/v1/namespaces")
        .await
        .expect("authenticated by the certificate");
    assert_eq!(list["kind"], "NamespaceList");
}
