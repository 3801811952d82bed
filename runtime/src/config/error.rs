//! Errors from loading a kubeconfig or the in-cluster configuration.

use std::path::PathBuf;

use crate::error::BoxError;

/// Why a configuration could not be loaded. Each variant names the file and,
/// where there is one, the key at fault; none of them carries a secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A file could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O failure.
        source: std::io::Error,
    },
    /// A file referenced from a kubeconfig key could not be read.
    #[error("{}: {key}: cannot read {}: {source}", path.display(), file.display())]
    ReadReferenced {
        /// The kubeconfig.
        path: PathBuf,
        /// The key that names the file, such as `users[admin].client-certificate`.
        key: String,
        /// The referenced file.
        file: PathBuf,
        /// The I/O failure.
        source: std::io::Error,
    },
    /// A kubeconfig is not valid YAML for the kubeconfig format.
    #[error("{}: invalid kubeconfig: {source}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// The parser's failure, with line and column.
        source: BoxError,
    },
    /// A key holds a value that cannot be used.
    #[error("{}: {key}: {message}", path.display())]
    Invalid {
        /// The kubeconfig (or in-cluster file).
        path: PathBuf,
        /// The key at fault, such as `contexts[dev].cluster`.
        key: String,
        /// What is wrong with it.
        message: String,
    },
    /// No kubeconfig file exists where one was looked for.
    #[error("no kubeconfig: {0}")]
    NoKubeconfig(MissingKubeconfig),
    /// Not running inside a cluster, or its service-account files are missing.
    #[error("not in a cluster: {0}")]
    NotInCluster(NotInCluster),
    /// `Config::infer` tried both ways and both failed.
    #[error("no configuration found; kubeconfig: {kubeconfig}; in-cluster: {in_cluster}")]
    Infer {
        /// Why the kubeconfig could not be used.
        kubeconfig: Box<ConfigError>,
        /// Why the in-cluster configuration could not be used.
        in_cluster: Box<ConfigError>,
    },
}

/// Where a kubeconfig was looked for and not found.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MissingKubeconfig {
    /// `KUBECONFIG` is set, but none of its files exist.
    #[error("none of the files in KUBECONFIG exist ({list})")]
    ListedFilesMissing {
        /// `KUBECONFIG`'s value.
        list: String,
    },
    /// `KUBECONFIG` is unset and there is no home folder to look in.
    #[error("KUBECONFIG is unset and the home folder is unknown")]
    NoHome,
    /// `KUBECONFIG` is unset and `~/.kube/config` does not exist.
    #[error("KUBECONFIG is unset and {} does not exist", path.display())]
    DefaultMissing {
        /// The file looked for.
        path: PathBuf,
    },
}

/// Why the in-cluster configuration does not apply.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NotInCluster {
    /// The service's environment variables are missing.
    #[error("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must both be set")]
    ServiceUnset,
    /// The variables do not make a URL.
    #[error("invalid API server address {address:?}: {source}")]
    InvalidAddress {
        /// The address built from them.
        address: String,
        /// The URL parser's failure.
        source: url::ParseError,
    },
}
