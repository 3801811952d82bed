//! Secrets planted in a kubeconfig, a configuration and an exec plugin's
//! output appear in no Debug output and no error message.

use std::time::Duration;

use kubegen_runtime::config::ExecConfig;
use kubegen_runtime::fuzzing::{exec_credential_errors, kubeconfig_debug_and_errors};
use kubegen_runtime::{AuthConfig, Client, Config};

const SECRETS: [&str; 10] = [
    "PROXY-PASSWORD",
    "TOKEN-SECRET",
    "BASIC-PASSWORD",
    "ID-TOKEN-SECRET",
    "REFRESH-TOKEN-SECRET",
    "EXEC-ARG-SECRET",
    "EXEC-ENV-SECRET",
    "EXTRA-KEY-SECRET",
    "BAD-PROXY-PASSWORD",
    "BAD-SERVER-PASSWORD",
];

const KUBECONFIG: &str = r#"
current-context: token
clusters:
- name: proxied
  cluster:
    server: https://127.0.0.1:6443
    proxy-url: http://user:PROXY-PASSWORD@proxy.local:3128
- name: bad-proxy
  cluster:
    server: https://127.0.0.1:6443
    proxy-url: "http://user:BAD-PROXY-PASSWORD@[bad"
- name: bad-server
  cluster:
    server: "https://user:BAD-SERVER-PASSWORD@[bad"
users:
- name: token
  user:
    token: TOKEN-SECRET
    future-key: EXTRA-KEY-SECRET
- name: basic
  user:
    username: alice
    password: BASIC-PASSWORD
- name: oidc
  user:
    auth-provider:
      name: oidc
      config:
        id-token: ID-TOKEN-SECRET
        refresh-token: REFRESH-TOKEN-SECRET
- name: exec
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: plugin
      args: ["--token=EXEC-ARG-SECRET"]
      env: [{name: TOKEN, value: EXEC-ENV-SECRET}]
      interactiveMode: Never
contexts:
- {name: token, context: {cluster: proxied, user: token}}
- {name: basic, context: {cluster: proxied, user: basic}}
- {name: oidc, context: {cluster: proxied, user: oidc}}
- {name: exec, context: {cluster: proxied, user: exec}}
- {name: bad-proxy, context: {cluster: bad-proxy, user: token}}
- {name: bad-server, context: {cluster: bad-server, user: token}}
"#;

fn assert_hidden(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{secret} shown in {text}");
    }
}

#[test]
fn kubeconfig_secrets_stay_out_of_debug_output_and_errors() {
    let shown = kubeconfig_debug_and_errors(KUBECONFIG);
    let all = shown.join("\n");
    assert_hidden(&all);
    // Every context was resolved or refused, and the refusals say why.
    assert!(all.contains("users[oidc].auth-provider"), "{all}");
    assert!(all.contains("clusters[bad-proxy].proxy-url"), "{all}");
    assert!(all.contains("clusters[bad-server].server"), "{all}");
    assert!(all.contains("proxy.local"), "{all}");
    assert!(
        all.contains("name: \"TOKEN\""),
        "exec env names are shown: {all}"
    );
}

fn exec_config() -> Config {
    let mut config = Config::new("https://127.0.0.1:6443".parse().unwrap());
    config.proxy_url = Some(
        "http://user:PROXY-PASSWORD@proxy.local:3128"
            .parse()
            .unwrap(),
    );
    let mut exec = ExecConfig::new("plugin");
    exec.args = vec!["--token=EXEC-ARG-SECRET".into()];
    exec.env = vec![("TOKEN".into(), "EXEC-ENV-SECRET".into())];
    exec.interactive_mode = "Never".into();
    exec.cluster_info = Some(serde_json::json!({"proxy-url": "http://u:PROXY-PASSWORD@p"}));
    exec.timeout = Duration::from_secs(1);
    config.auth = AuthConfig::Exec(exec);
    config
}

#[test]
fn config_and_client_debug_hide_proxy_password_and_exec_settings() {
    let config = exec_config();
    let text = format!("{config:?}");
    assert_hidden(&text);
    assert!(
        text.contains("proxy.local") && text.contains("TOKEN"),
        "{text}"
    );
    let client = Client::new(config).unwrap();
    assert_hidden(&format!("{client:?}"));
}

#[test]
fn exec_plugin_output_errors_quote_no_value() {
    let v1 = r#""apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential""#;
    for output in [
        format!(r#"{{{v1}, "status": "TOKEN-SECRET"}}"#),
        format!(r#"{{{v1}, "status": {{"token": 31337313373133}}}}"#),
        format!(r#"{{{v1}, "status": {{"token": ["TOKEN-SECRET"], "x": 1}}}}"#),
        format!(r#"{{{v1}, "status": {{"expirationTimestamp": "TOKEN-SECRET"}}}}"#),
        format!(r#"{{{v1}, "status": {{"token": "TOKEN-SECRET"}}"#),
        "TOKEN-SECRET".to_owned(),
    ] {
        let err = exec_credential_errors(output.as_bytes()).expect("refused");
        assert_hidden(&err);
        assert!(!err.contains("31337313373133"), "{err}");
    }
    let good = format!(r#"{{{v1}, "status": {{"token": "TOKEN-SECRET"}}}}"#);
    assert_eq!(exec_credential_errors(good.as_bytes()), None);
}
