//! Kubeconfig parsing, merging, resolution and error messages, on fixtures.

use std::path::{Path, PathBuf};

use base64::Engine;

use crate::config::{
    AuthConfig, ConfigError, InvalidValue, Kubeconfig, KubeconfigOptions, PemError,
};

fn pki(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/pki")
        .join(name)
}

fn b64(path: &Path) -> String {
    base64::engine::general_purpose::STANDARD.encode(std::fs::read(path).unwrap())
}

/// A folder with a kubeconfig using every way in, and the files it names (relative).
fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "ca.crt",
        "ec-sec1.crt",
        "ec-sec1.key",
        "rsa-pkcs8.crt",
        "rsa-pkcs8.key",
    ] {
        std::fs::copy(pki(name), dir.path().join(name)).unwrap();
    }
    std::fs::write(dir.path().join("token"), "file-token\n").unwrap();
    let text = format!(
        r#"
apiVersion: v1
kind: Config
current-context: token
preferences: {{}}
future-top-level-key: kept
clusters:
- name: main
  cluster:
    server: https://127.0.0.1:6443
    certificate-authority: ca.crt
    tls-server-name: kubernetes.local
    proxy-url: http://proxy.local:3128
- name: data
  cluster:
    server: https://10.1.2.3
    certificate-authority-data: {ca}
- name: insecure
  cluster:
    server: https://127.0.0.1:6443
    insecure-skip-tls-verify: true
users:
- name: token
  user:
    token: s3cr3t-token
- name: token-file
  user:
    tokenFile: token
- name: cert
  user:
    client-certificate: ec-sec1.crt
    client-key: ec-sec1.key
- name: cert-data
  user:
    client-certificate-data: {cert}
    client-key-data: {key}
- name: basic
  user:
    username: alice
    password: pa55word
- name: exec
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./bin/plugin
      args: [get-token, --verbose]
      env:
      - name: PLUGIN_MODE
        value: test
      installHint: install the plugin with apt
      provideClusterInfo: true
      interactiveMode: Never
- name: gcp
  user:
    auth-provider:
      name: gcp
contexts:
- name: token
  context: {{cluster: main, user: token, namespace: team-a}}
- name: token-file
  context: {{cluster: main, user: token-file}}
- name: cert
  context: {{cluster: data, user: cert}}
- name: cert-data
  context: {{cluster: data, user: cert-data}}
- name: basic
  context: {{cluster: insecure, user: basic}}
- name: exec
  context: {{cluster: main, user: exec}}
- name: gcp
  context: {{cluster: main, user: gcp}}
- name: no-cluster
  context: {{cluster: missing, user: token}}
- name: no-user
  context: {{cluster: main, user: missing}}
"#,
        ca = b64(&pki("ca.crt")),
        cert = b64(&pki("rsa-pkcs8.crt")),
        key = b64(&pki("rsa-pkcs8.key")),
    );
    let path = dir.path().join("config");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn config_of(path: &Path, context: &str) -> Result<crate::Config, ConfigError> {
    Kubeconfig::read(path)?.to_config(&KubeconfigOptions::context(context))
}

/// The key and the problem of an [`ConfigError::Invalid`], or a panic naming what came instead.
fn invalid_key_and_problem(err: &ConfigError) -> (&str, &InvalidValue) {
    match err {
        ConfigError::Invalid { key, problem, .. } => (key, problem),
        other => panic!("want ConfigError::Invalid, got {other:?}"),
    }
}

#[test]
fn current_context_with_token_namespace_and_cluster_settings() {
    let (_dir, path) = fixture();
    let kc = Kubeconfig::read(&path).unwrap();
    assert_eq!(
        kc.extra.get("future-top-level-key"),
        Some(&serde_json::Value::from("kept")),
        "unknown keys are kept"
    );
    let config = kc.to_config(&KubeconfigOptions::default()).unwrap();
    assert_eq!(config.cluster_url.as_str(), "https://127.0.0.1:6443/");
    assert_eq!(config.default_namespace, "team-a");
    assert_eq!(config.root_certs.len(), 1);
    assert_eq!(config.tls_server_name.as_deref(), Some("kubernetes.local"));
    assert_eq!(
        config.proxy_url.as_ref().unwrap().as_str(),
        "http://proxy.local:3128/"
    );
    assert!(!config.insecure_skip_tls_verify);
    match &config.auth {
        AuthConfig::Token(t) => assert_eq!(t.expose(), "s3cr3t-token"),
        other => panic!("want a token, got {other:?}"),
    }
}

#[test]
fn relative_paths_resolve_against_the_kubeconfig_folder() {
    let (dir, path) = fixture();
    match config_of(&path, "token-file").unwrap().auth {
        AuthConfig::TokenFile { path, .. } => assert_eq!(path, dir.path().join("token")),
        other => panic!("want a token file, got {other:?}"),
    }
    let config = config_of(&path, "cert").unwrap();
    assert!(config.identity.is_some());
    assert_eq!(config.default_namespace, "default");
    match config_of(&path, "exec").unwrap().auth {
        AuthConfig::Exec(exec) => {
            assert_eq!(exec.command, dir.path().join("./bin/plugin"));
            assert_eq!(exec.args, ["get-token", "--verbose"]);
            assert_eq!(exec.env, [("PLUGIN_MODE".to_owned(), "test".to_owned())]);
            assert_eq!(
                exec.install_hint.as_deref(),
                Some("install the plugin with apt")
            );
            assert_eq!(exec.interactive_mode, "Never");
            let info = exec.cluster_info.expect("provideClusterInfo");
            assert_eq!(info["server"], "https://127.0.0.1:6443");
            assert_eq!(info["tls-server-name"], "kubernetes.local");
            assert_eq!(
                info["certificate-authority-data"],
                b64(&pki("ca.crt")).as_str()
            );
        }
        other => panic!("want exec, got {other:?}"),
    }
}

#[test]
fn inline_data_basic_auth_and_insecure() {
    let (_dir, path) = fixture();
    let config = config_of(&path, "cert-data").unwrap();
    assert_eq!(config.root_certs.len(), 1);
    assert!(config.identity.is_some());
    let config = config_of(&path, "basic").unwrap();
    assert!(config.insecure_skip_tls_verify);
    assert!(config.root_certs.is_empty());
    match config.auth {
        AuthConfig::Basic { username, password } => {
            assert_eq!(username, "alice");
            assert_eq!(password.expose(), "pa55word");
        }
        other => panic!("want basic, got {other:?}"),
    }
}

#[test]
fn every_key_form_is_accepted() {
    for form in ["ec-sec1", "ec-pkcs8", "rsa-pkcs1", "rsa-pkcs8"] {
        let cert = std::fs::read(pki(&format!("{form}.crt"))).unwrap();
        let key = std::fs::read(pki(&format!("{form}.key"))).unwrap();
        crate::config::Identity::from_pem(&cert, &key).unwrap_or_else(|e| panic!("{form}: {e}"));
    }
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let (_dir, path) = fixture();
    for context in ["token", "cert-data", "basic"] {
        let text = format!("{:?}", config_of(&path, context).unwrap());
        for secret in ["s3cr3t-token", "pa55word", "PRIVATE KEY"] {
            assert!(!text.contains(secret), "{context}: {secret} in {text}");
        }
    }
    let kc = format!("{:?}", Kubeconfig::read(&path).unwrap());
    assert!(
        !kc.contains("s3cr3t-token") && !kc.contains("pa55word"),
        "{kc}"
    );
}

#[test]
fn missing_entries_name_file_and_key() {
    let (_dir, path) = fixture();
    let err = config_of(&path, "no-cluster").unwrap_err();
    assert!(
        matches!(
            invalid_key_and_problem(&err),
            ("contexts[no-cluster].cluster", InvalidValue::NoSuchCluster { name }) if name == "missing"
        ),
        "{err:?}"
    );
    let err = err.to_string();
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains("contexts[no-cluster].cluster"), "{err}");
    assert!(err.contains("\"missing\""), "{err}");
    let err = config_of(&path, "no-user").unwrap_err();
    assert!(
        matches!(
            invalid_key_and_problem(&err),
            ("contexts[no-user].user", InvalidValue::NoSuchUser { name }) if name == "missing"
        ),
        "{err:?}"
    );
    let err = config_of(&path, "nope").unwrap_err();
    assert!(
        matches!(
            invalid_key_and_problem(&err),
            ("current-context", InvalidValue::NoSuchContext { name }) if name == "nope"
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("no context named \"nope\""),
        "{err}"
    );
}

#[test]
fn no_current_context_and_none_chosen_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config");
    std::fs::write(&path, "clusters: []\n").unwrap();
    let err = Kubeconfig::read(&path)
        .unwrap()
        .to_config(&KubeconfigOptions::default())
        .unwrap_err();
    assert!(
        matches!(
            invalid_key_and_problem(&err),
            ("current-context", InvalidValue::NoContextChosen)
        ),
        "{err:?}"
    );
}

#[test]
fn auth_provider_points_to_exec_plugins() {
    let (_dir, path) = fixture();
    let err = config_of(&path, "gcp").unwrap_err();
    assert!(
        matches!(
            invalid_key_and_problem(&err),
            ("users[gcp].auth-provider", InvalidValue::AuthProvider)
        ),
        "{err:?}"
    );
    let err = err.to_string();
    assert!(err.contains("users[gcp].auth-provider"), "{err}");
    assert!(
        err.contains("not supported") && err.contains("exec"),
        "{err}"
    );
}

#[test]
fn unreadable_certificate_names_file_key_and_path() {
    let (dir, path) = fixture();
    std::fs::remove_file(dir.path().join("ec-sec1.key")).unwrap();
    let err = config_of(&path, "cert").unwrap_err().to_string();
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains("users[cert].client-key"), "{err}");
    assert!(
        err.contains(&dir.path().join("ec-sec1.key").display().to_string()),
        "{err}"
    );
}

#[test]
fn bad_yaml_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken");
    std::fs::write(
        &path,
        "apiVersion: v1\nclusters:\n- name: a\n  cluster: [unclosed\n",
    )
    .unwrap();
    let err = Kubeconfig::read(&path).unwrap_err().to_string();
    assert!(err.contains(&path.display().to_string()), "{err}");
    assert!(err.contains("line"), "{err}");

    std::fs::write(
        &path,
        "clusters:\n- name: a\n  cluster:\n    server: 42\n    insecure-skip-tls-verify: maybe\n",
    )
    .unwrap();
    let err = Kubeconfig::read(&path).unwrap_err().to_string();
    assert!(
        err.contains("insecure-skip-tls-verify") || err.contains("line 5"),
        "{err}"
    );
}

#[test]
fn invalid_values_name_their_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config");
    let write = |cluster: &str, user: &str| {
        std::fs::write(
            &path,
            format!("current-context: c\nclusters:\n- name: k\n  cluster:\n{cluster}\nusers:\n- name: u\n  user:\n{user}\ncontexts:\n- name: c\n  context: {{cluster: k, user: u}}\n"),
        )
        .unwrap();
        Kubeconfig::read(&path)
            .unwrap()
            .to_config(&KubeconfigOptions::default())
            .unwrap_err()
    };
    let err = write("    server: ''", "    token: t");
    assert!(
        matches!(
            invalid_key_and_problem(&err),
            ("clusters[k].server", InvalidValue::Missing)
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("clusters[k].server"), "{err}");

    let err = write("    server: 'https://[bad'", "    token: t");
    assert!(
        matches!(
            invalid_key_and_problem(&err),
            ("clusters[k].server", InvalidValue::Url { url, .. }) if url == "https://[bad"
        ),
        "{err:?}"
    );

    let err = write(
        "    server: https://x\n    certificate-authority-data: '!!!'",
        "    token: t",
    );
    assert!(
        matches!(
            invalid_key_and_problem(&err),
            (
                "clusters[k].certificate-authority-data",
                InvalidValue::Base64(base64::DecodeError::InvalidByte(0, b'!'))
            )
        ),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(
        text.contains("clusters[k].certificate-authority-data") && text.contains("invalid base64"),
        "{text}"
    );

    let err = write(
        "    server: https://x",
        "    exec:\n      apiVersion: client.authentication.k8s.io/v1alpha1\n      command: x",
    );
    assert!(
        matches!(
            invalid_key_and_problem(&err),
            ("users[u].exec.apiVersion", InvalidValue::ExecApiVersion { api_version })
                if api_version == "client.authentication.k8s.io/v1alpha1"
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("users[u].exec.apiVersion"),
        "{err}"
    );

    let err = write("    server: https://x", "    exec:\n      command: x");
    assert!(
        matches!(
            invalid_key_and_problem(&err),
            ("users[u].exec.apiVersion", InvalidValue::Missing)
        ),
        "{err:?}"
    );

    let err = write(
        "    server: https://x",
        "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: x",
    );
    assert!(
        matches!(
            invalid_key_and_problem(&err),
            (
                "users[u].exec.interactiveMode",
                InvalidValue::InteractiveModeRequired
            )
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("users[u].exec.interactiveMode"),
        "{err}"
    );

    let err = write(
        "    server: https://x",
        "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: x\n      interactiveMode: Sometimes",
    );
    assert!(
        matches!(
            invalid_key_and_problem(&err),
            ("users[u].exec.interactiveMode", InvalidValue::InteractiveMode { mode }) if mode == "Sometimes"
        ),
        "{err:?}"
    );

    let err = write(
        "    server: https://x",
        "    client-certificate-data: aGVsbG8=\n    client-key-data: aGVsbG8=",
    );
    assert!(
        matches!(
            invalid_key_and_problem(&err),
            (
                "users[u].client-certificate-data",
                InvalidValue::Pem(PemError::NoCertificate)
            )
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("users[u].client-certificate-data"),
        "{err}"
    );

    let err = write(
        "    server: https://x",
        &format!("    client-certificate-data: {}", b64(&pki("ec-sec1.crt"))),
    );
    assert!(
        matches!(
            invalid_key_and_problem(&err),
            ("users[u].client-key", InvalidValue::CertificateWithoutKey)
        ),
        "{err:?}"
    );
    let err = write(
        "    server: https://x",
        &format!("    client-key-data: {}", b64(&pki("ec-sec1.key"))),
    );
    assert!(
        matches!(
            invalid_key_and_problem(&err),
            (
                "users[u].client-certificate",
                InvalidValue::KeyWithoutCertificate
            )
        ),
        "{err:?}"
    );
}

#[test]
fn insecure_with_a_ca_is_refused_naming_file_and_cluster() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(pki("ca.crt"), dir.path().join("ca.crt")).unwrap();
    let path = dir.path().join("config");
    for ca in [
        "certificate-authority: ca.crt".to_owned(),
        format!("certificate-authority-data: {}", b64(&pki("ca.crt"))),
    ] {
        std::fs::write(
            &path,
            format!("current-context: c\nclusters:\n- name: k\n  cluster:\n    server: https://x\n    insecure-skip-tls-verify: true\n    {ca}\ncontexts:\n- name: c\n  context: {{cluster: k}}\n"),
        )
        .unwrap();
        let err = Kubeconfig::read(&path)
            .unwrap()
            .to_config(&KubeconfigOptions::default())
            .unwrap_err();
        assert!(
            matches!(
                invalid_key_and_problem(&err),
                (
                    "clusters[k].insecure-skip-tls-verify",
                    InvalidValue::CaWithInsecure
                )
            ),
            "{err:?}"
        );
        let err = err.to_string();
        assert!(err.contains(&path.display().to_string()), "{err}");
        assert!(
            err.contains("clusters[k].insecure-skip-tls-verify"),
            "{err}"
        );
        assert!(
            err.contains("root certificates file with the insecure flag"),
            "{err}"
        );
    }
}

#[test]
fn merging_keeps_the_first_value_of_every_key() {
    let (_dir, first) = fixture();
    let second_dir = tempfile::tempdir().unwrap();
    std::fs::copy(pki("ca.crt"), second_dir.path().join("other-ca.crt")).unwrap();
    let second = second_dir.path().join("config");
    std::fs::write(
        &second,
        "current-context: other\nclusters:\n- name: main\n  cluster:\n    server: https://shadowed\n- name: extra\n  cluster:\n    server: https://extra:443\n    certificate-authority: other-ca.crt\nusers:\n- name: token\n  user:\n    token: shadowed\ncontexts:\n- name: other\n  context: {cluster: extra, user: token}\n",
    )
    .unwrap();
    let merged = Kubeconfig::read_merged([&first, &second]).unwrap();
    assert_eq!(merged.current_context.as_deref(), Some("token"));
    let main = merged.clusters.iter().find(|c| c.name == "main").unwrap();
    assert_eq!(
        main.cluster.server.as_deref(),
        Some("https://127.0.0.1:6443")
    );
    assert_eq!(
        merged.clusters.iter().filter(|c| c.name == "main").count(),
        1
    );
    // An entry only the second file has keeps its own folder for relative paths.
    let other = merged
        .to_config(&KubeconfigOptions::context("other"))
        .unwrap();
    assert_eq!(other.cluster_url.as_str(), "https://extra/");
    assert_eq!(other.root_certs.len(), 1);
    match other.auth {
        AuthConfig::Token(t) => assert_eq!(t.expose(), "s3cr3t-token"),
        a => panic!("{a:?}"),
    }

    // Reversed order: the second file's current-context wins now.
    let merged = Kubeconfig::read_merged([&second, &first]).unwrap();
    assert_eq!(merged.current_context.as_deref(), Some("other"));
    let main = merged.clusters.iter().find(|c| c.name == "main").unwrap();
    assert_eq!(main.cluster.server.as_deref(), Some("https://shadowed"));
}

#[test]
fn overrides_choose_cluster_and_user() {
    let (_dir, path) = fixture();
    let options = KubeconfigOptions {
        context: Some("token".into()),
        cluster: Some("insecure".into()),
        user: Some("basic".into()),
    };
    let config = Kubeconfig::read(&path)
        .unwrap()
        .to_config(&options)
        .unwrap();
    assert!(config.insecure_skip_tls_verify);
    assert!(matches!(config.auth, AuthConfig::Basic { .. }));
}

#[test]
fn empty_and_null_lists_parse() {
    let kc = Kubeconfig::parse("clusters: null\nusers: []\ncontexts:\n", Path::new("/x")).unwrap();
    assert!(kc.clusters.is_empty() && kc.users.is_empty() && kc.contexts.is_empty());
    let kc = Kubeconfig::parse("", Path::new("/x")).unwrap();
    assert!(kc.current_context.is_none());
}

#[test]
fn number_and_boolean_keys_in_free_form_parts_are_text_as_kubectl_reads_them() {
    let text = "\
clusters:
- name: a
  cluster:
    server: https://127.0.0.1:6443
    extensions:
    - name: tool
      extension: {1: one, true: yes, nested: [{2.5: x}]}
preferences: {7: seven}
extensions:
- name: top
  extension: {false: no}
";
    let kc = Kubeconfig::parse(text, Path::new("/x")).unwrap();
    let extension = &kc.clusters[0].cluster.extensions.as_ref().unwrap()[0]["extension"];
    assert_eq!(
        *extension,
        serde_json::json!({"1": "one", "true": "yes", "nested": [{"2.5": "x"}]})
    );
    assert_eq!(kc.preferences, Some(serde_json::json!({"7": "seven"})));
    let top = &kc.extensions.as_ref().unwrap()[0]["extension"];
    assert_eq!(*top, serde_json::json!({"false": "no"}));
}

#[test]
fn a_key_that_cannot_be_text_is_still_an_error_with_its_line() {
    for bad_key in ["[1, 2]", "{a: b}"] {
        let text = format!("clusters: []\nusers: []\npreferences:\n  ? {bad_key}\n  : value\n");
        let err = Kubeconfig::parse(&text, Path::new("/x/config")).unwrap_err();
        assert!(
            matches!(err, ConfigError::Parse { .. }),
            "{bad_key}: {err:?}"
        );
        let message = err.to_string();
        assert!(
            message.contains("/x/config") && message.contains("line"),
            "{message}"
        );
    }
}
