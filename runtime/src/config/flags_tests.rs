//! kubectl's precedence for `ConfigFlags`: flag, then KUBECONFIG (or
//! ~/.kube/config), then in-cluster; `-n` and `-A`.

use std::path::{Path, PathBuf};

use super::*;

/// A kubeconfig whose one context, `ctx`, points at `server` in `namespace`.
fn kubeconfig_file(dir: &Path, name: &str, server: &str, namespace: &str) -> PathBuf {
    let path = dir.join(name);
    let text = format!(
        "apiVersion: v1\nkind: Config\ncurrent-context: ctx\n\
         clusters: [{{name: c, cluster: {{server: {server}}}}}]\n\
         users: [{{name: u, user: {{token: t}}}}]\n\
         contexts:\n\
         - {{name: ctx, context: {{cluster: c, user: u, namespace: {namespace}}}}}\n\
         - {{name: other, context: {{cluster: c, user: u, namespace: other-ns}}}}\n"
    );
    std::fs::write(&path, text).unwrap();
    path
}

/// A Pod's service-account folder for the in-cluster fallback.
fn in_cluster(dir: &Path) -> InClusterPaths {
    let sa = dir.join("sa");
    std::fs::create_dir(&sa).unwrap();
    std::fs::write(sa.join("token"), "sa-token\n").unwrap();
    let ca = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/pki/ca.crt");
    std::fs::copy(ca, sa.join("ca.crt")).unwrap();
    std::fs::write(sa.join("namespace"), "pod-ns\n").unwrap();
    InClusterPaths {
        dir: sa,
        host: Some("10.0.0.1".into()),
        port: Some("443".into()),
    }
}

fn no_env_kubeconfig() -> Result<Kubeconfig, ConfigError> {
    Err(ConfigError::NoKubeconfig(MissingKubeconfig::NoHome))
}

#[test]
fn the_kubeconfig_flag_wins_over_the_environment_and_the_pod() {
    let dir = tempfile::tempdir().unwrap();
    let flag = kubeconfig_file(dir.path(), "flag", "https://flag.example:6443", "flag-ns");
    let env = kubeconfig_file(dir.path(), "env", "https://env.example:6443", "env-ns");
    let flags = ConfigFlags {
        kubeconfig: Some(flag),
        ..ConfigFlags::default()
    };
    let config = flags
        .load_from(|| Kubeconfig::read(&env), &in_cluster(dir.path()))
        .unwrap();
    assert_eq!(config.cluster_url.host_str(), Some("flag.example"));
    assert_eq!(config.default_namespace, "flag-ns");
}

#[test]
fn the_environments_kubeconfig_wins_over_the_pod() {
    let dir = tempfile::tempdir().unwrap();
    let env = kubeconfig_file(dir.path(), "env", "https://env.example:6443", "env-ns");
    let config = ConfigFlags::default()
        .load_from(|| Kubeconfig::read(&env), &in_cluster(dir.path()))
        .unwrap();
    assert_eq!(config.cluster_url.host_str(), Some("env.example"));
    assert_eq!(config.default_namespace, "env-ns");
}

#[test]
fn without_a_kubeconfig_the_pods_service_account_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let config = ConfigFlags::default()
        .load_from(no_env_kubeconfig, &in_cluster(dir.path()))
        .unwrap();
    assert_eq!(config.cluster_url.as_str(), "https://10.0.0.1/");
    assert_eq!(config.default_namespace, "pod-ns");
}

#[test]
fn a_missing_kubeconfig_flag_file_is_an_error_not_a_fallback() {
    let dir = tempfile::tempdir().unwrap();
    let flags = ConfigFlags {
        kubeconfig: Some(dir.path().join("absent")),
        ..ConfigFlags::default()
    };
    let err = flags
        .load_from(no_env_kubeconfig, &in_cluster(dir.path()))
        .unwrap_err();
    assert!(matches!(err, ConfigError::Read { .. }), "{err}");
    assert!(err.to_string().contains("absent"), "{err}");
}

#[test]
fn a_context_chooses_the_kubeconfig_entry_and_never_falls_back_to_the_pod() {
    let dir = tempfile::tempdir().unwrap();
    let env = kubeconfig_file(dir.path(), "env", "https://env.example:6443", "env-ns");
    let pod = in_cluster(dir.path());
    let other = ConfigFlags {
        context: Some("other".into()),
        ..ConfigFlags::default()
    };
    let config = other.load_from(|| Kubeconfig::read(&env), &pod).unwrap();
    assert_eq!(config.default_namespace, "other-ns");

    let err = other.load_from(no_env_kubeconfig, &pod).unwrap_err();
    assert!(matches!(err, ConfigError::NoKubeconfig(_)), "{err}");
}

#[test]
fn nothing_found_says_why_each_source_failed() {
    let err = ConfigFlags::default()
        .load_from(
            no_env_kubeconfig,
            &InClusterPaths {
                dir: PathBuf::from("/nonexistent"),
                host: None,
                port: None,
            },
        )
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("KUBECONFIG is unset"), "{text}");
    assert!(text.contains("KUBERNETES_SERVICE_HOST"), "{text}");
    assert!(!text.contains('\n'), "one line: {text}");
}

#[test]
fn the_namespace_flag_overrides_the_context_and_all_namespaces_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let env = kubeconfig_file(dir.path(), "env", "https://env.example:6443", "env-ns");
    let flags = ConfigFlags {
        namespace: Some("flag-ns".into()),
        ..ConfigFlags::default()
    };
    let config = flags
        .load_from(|| Kubeconfig::read(&env), &in_cluster(dir.path()))
        .unwrap();
    assert_eq!(config.default_namespace, "flag-ns");
    let one = AllNamespacesFlag::default();
    assert_eq!(one.scope(&config), Some("flag-ns"));
    let all = AllNamespacesFlag {
        all_namespaces: true,
    };
    assert_eq!(all.scope(&config), None);
}

#[cfg(feature = "clap")]
mod parsing {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct App {
        #[command(flatten)]
        config: ConfigFlags,
        #[command(flatten)]
        all: AllNamespacesFlag,
    }

    #[test]
    fn kubectls_spellings_parse() {
        let app = App::try_parse_from(["app", "--kubeconfig", "/k", "--context", "c", "-n", "ns"])
            .unwrap();
        assert_eq!(app.config.kubeconfig, Some(PathBuf::from("/k")));
        assert_eq!(app.config.context.as_deref(), Some("c"));
        assert_eq!(app.config.namespace.as_deref(), Some("ns"));
        assert!(!app.all.all_namespaces);
        assert!(
            App::try_parse_from(["app", "-A"])
                .unwrap()
                .all
                .all_namespaces
        );
    }

    #[test]
    fn a_namespace_and_all_namespaces_conflict() {
        let err = App::try_parse_from(["app", "-n", "ns", "-A"])
            .err()
            .expect("-n with -A is refused");
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
    }
}
