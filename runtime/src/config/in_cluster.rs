//! The in-cluster configuration of a Pod's service account (client-go's rest.InClusterConfig).

use std::path::{Path, PathBuf};

use crate::config::{
    parse_certificates, AuthConfig, Config, ConfigError, NotInCluster, TOKEN_FILE_REFRESH,
};

/// Where the service-account files and the API server's address come from.
/// The default is what every Pod has; tests point it at a temporary folder.
#[derive(Clone, Debug)]
pub struct InClusterPaths {
    /// The folder holding `token`, `ca.crt` and `namespace`.
    pub dir: PathBuf,
    /// The API server's host (`KUBERNETES_SERVICE_HOST` by default).
    pub host: Option<String>,
    /// The API server's port (`KUBERNETES_SERVICE_PORT` by default).
    pub port: Option<String>,
}

/// The folder where Kubernetes mounts a Pod's service-account credentials.
pub const SERVICE_ACCOUNT_DIR: &str = "/var/run/secrets/kubernetes.io/serviceaccount";

impl Default for InClusterPaths {
    fn default() -> Self {
        Self {
            dir: PathBuf::from(SERVICE_ACCOUNT_DIR),
            host: std::env::var("KUBERNETES_SERVICE_HOST").ok(),
            port: std::env::var("KUBERNETES_SERVICE_PORT").ok(),
        }
    }
}

impl InClusterPaths {
    /// Builds the configuration. The token is a token file, re-read at
    /// least once a minute, so rotated bound service-account tokens keep working.
    pub fn load(&self) -> Result<Config, ConfigError> {
        let (host, port) = match (self.host.as_deref(), self.port.as_deref()) {
            (Some(h), Some(p)) if !h.is_empty() && !p.is_empty() => (h, p),
            _ => return Err(ConfigError::NotInCluster(NotInCluster::ServiceUnset)),
        };
        // An IPv6 address needs brackets in a URL.
        let host = if host.contains(':') && !host.starts_with('[') {
            format!("[{host}]")
        } else {
            host.to_owned()
        };
        let server = format!("https://{host}:{port}");
        let url = url::Url::parse(&server).map_err(|source| {
            ConfigError::NotInCluster(NotInCluster::InvalidAddress {
                address: server.clone(),
                source,
            })
        })?;
        let token = self.dir.join("token");
        std::fs::metadata(&token).map_err(|source| ConfigError::Read {
            path: token.clone(),
            source,
        })?;
        let ca_path = self.dir.join("ca.crt");
        let ca = read(&ca_path)?;
        let mut config = Config::new(url);
        config.root_certs = parse_certificates(&ca).map_err(|e| ConfigError::Invalid {
            path: ca_path.clone(),
            key: "ca.crt".into(),
            problem: e.into(),
        })?;
        config.auth = AuthConfig::TokenFile {
            path: token,
            refresh: TOKEN_FILE_REFRESH,
        };
        let namespace_path = self.dir.join("namespace");
        if let Ok(ns) = std::fs::read_to_string(&namespace_path) {
            let ns = ns.trim();
            if !ns.is_empty() {
                config.default_namespace = ns.to_owned();
            }
        }
        Ok(config)
    }
}

fn read(path: &Path) -> Result<Vec<u8>, ConfigError> {
    std::fs::read(path).map_err(|source| ConfigError::Read {
        path: path.to_owned(),
        source,
    })
}
