//! In-cluster configuration and `infer` on temporary folders.

use std::path::PathBuf;

use super::*;

fn pki(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/pki")
        .join(name)
}

fn service_account_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("token"), "sa-token\n").unwrap();
    std::fs::copy(pki("ca.crt"), dir.path().join("ca.crt")).unwrap();
    std::fs::write(dir.path().join("namespace"), "team-a\n").unwrap();
    dir
}

fn paths(dir: &std::path::Path, host: &str) -> InClusterPaths {
    InClusterPaths {
        dir: dir.to_owned(),
        host: Some(host.into()),
        port: Some("443".into()),
    }
}

#[test]
fn in_cluster_reads_the_service_account_folder() {
    let dir = service_account_dir();
    let config = paths(dir.path(), "10.0.0.1").load().unwrap();
    assert_eq!(config.cluster_url.as_str(), "https://10.0.0.1/");
    assert_eq!(config.default_namespace, "team-a");
    assert_eq!(config.root_certs.len(), 1);
    match &config.auth {
        AuthConfig::TokenFile { path, refresh } => {
            assert_eq!(path, &dir.path().join("token"));
            assert!(*refresh <= std::time::Duration::from_secs(60));
        }
        other => panic!("want a token file, got {other:?}"),
    }
}

#[test]
fn in_cluster_brackets_ipv6_hosts() {
    let dir = service_account_dir();
    let config = paths(dir.path(), "fd00::1").load().unwrap();
    assert_eq!(config.cluster_url.as_str(), "https://[fd00::1]/");
}

#[test]
fn in_cluster_without_env_or_files_says_why() {
    let dir = service_account_dir();
    let mut no_env = paths(dir.path(), "10.0.0.1");
    no_env.host = None;
    let err = no_env.load().unwrap_err();
    assert!(
        matches!(err, ConfigError::NotInCluster(NotInCluster::ServiceUnset)),
        "{err:?}"
    );
    assert!(err.to_string().contains("KUBERNETES_SERVICE_HOST"), "{err}");
    let mut bad_port = paths(dir.path(), "10.0.0.1");
    bad_port.port = Some("not-a-port".into());
    let err = bad_port.load().unwrap_err();
    assert!(
        matches!(&err, ConfigError::NotInCluster(NotInCluster::InvalidAddress { address, .. }) if address == "https://10.0.0.1:not-a-port"),
        "{err:?}"
    );

    let empty = tempfile::tempdir().unwrap();
    let err = paths(empty.path(), "10.0.0.1")
        .load()
        .unwrap_err()
        .to_string();
    assert!(err.contains("token"), "{err}");

    std::fs::write(dir.path().join("ca.crt"), "not a certificate").unwrap();
    let err = paths(dir.path(), "10.0.0.1").load().unwrap_err();
    assert!(
        matches!(
            &err,
            ConfigError::Invalid { key, problem: InvalidValue::Pem(PemError::NoCertificate), .. }
                if key == "ca.crt"
        ),
        "{err:?}"
    );
    let err = err.to_string();
    assert!(
        err.contains("ca.crt") && err.contains("certificate"),
        "{err}"
    );
}

#[test]
fn infer_reports_both_failures() {
    let err = Config::infer_from(
        || {
            Err(ConfigError::NoKubeconfig(
                MissingKubeconfig::ListedFilesMissing {
                    list: "/nowhere/config".into(),
                },
            ))
        },
        || Err(ConfigError::NotInCluster(NotInCluster::ServiceUnset)),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("/nowhere/config"), "{err}");
    assert!(err.contains("KUBERNETES_SERVICE_HOST and"), "{err}");
}

#[test]
fn infer_falls_back_to_in_cluster() {
    let dir = service_account_dir();
    let config = Config::infer_from(
        || Err(ConfigError::NoKubeconfig(MissingKubeconfig::NoHome)),
        || paths(dir.path(), "10.0.0.1").load(),
    )
    .unwrap();
    assert_eq!(config.default_namespace, "team-a");
}

#[test]
fn pem_failures_say_which_part_is_at_fault() {
    assert!(matches!(
        parse_certificates(b""),
        Err(PemError::NoCertificate)
    ));
    let cert = std::fs::read(pki("ca.crt")).unwrap();
    let err = Identity::from_pem(&cert, b"not a key").unwrap_err();
    assert!(matches!(err, PemError::NoKey { .. }), "{err:?}");
    assert!(err.to_string().contains("no usable private key"), "{err}");
}
