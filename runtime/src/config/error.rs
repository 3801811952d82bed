//! Errors from loading a kubeconfig or the in-cluster configuration.

use std::path::PathBuf;

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
        /// The parser's message, with line and column.
        source: serde_yaml::Error,
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
    NoKubeconfig(String),
    /// Not running inside a cluster, or its service-account files are missing.
    #[error("not in a cluster: {0}")]
    NotInCluster(String),
    /// `Config::infer` tried both ways and both failed.
    #[error("no configuration found; kubeconfig: {kubeconfig}; in-cluster: {in_cluster}")]
    Infer {
        /// Why the kubeconfig could not be used.
        kubeconfig: Box<ConfigError>,
        /// Why the in-cluster configuration could not be used.
        in_cluster: Box<ConfigError>,
    },
}
