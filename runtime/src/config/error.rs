//! Errors from loading a kubeconfig or the in-cluster configuration.

use std::path::PathBuf;

use super::PemError;
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
    #[error("{}: {key}: {problem}", path.display())]
    Invalid {
        /// The kubeconfig (or in-cluster file).
        path: PathBuf,
        /// The key at fault, such as `contexts[dev].cluster`.
        key: String,
        /// What is wrong with it.
        #[source]
        problem: InvalidValue,
    },
    /// No kubeconfig file exists where one was looked for.
    #[error("no kubeconfig: {0}")]
    NoKubeconfig(MissingKubeconfig),
    /// Not running inside a cluster, or its service-account files are missing.
    #[error("not in a cluster: {0}")]
    NotInCluster(NotInCluster),
    /// The TLS settings (CA certificates, client certificate,
    /// tls-server-name, insecure-skip-tls-verify) cannot be used together or at all.
    #[error("unusable TLS settings: {0}")]
    Tls(#[from] TlsConfigError),
    /// `Config::infer` tried both ways and both failed.
    #[error("no configuration found; kubeconfig: {kubeconfig}; in-cluster: {in_cluster}")]
    Infer {
        /// Why the kubeconfig could not be used.
        kubeconfig: Box<ConfigError>,
        /// Why the in-cluster configuration could not be used.
        in_cluster: Box<ConfigError>,
    },
}

/// The proxy schemes kubectl takes in `proxy-url`: `socks5` resolves the
/// server's name here, `socks5h` lets the proxy resolve it.
pub(crate) const PROXY_SCHEMES: [&str; 4] = ["http", "https", "socks5", "socks5h"];

/// What is wrong with the value of a configuration key
/// ([`ConfigError::Invalid`] names the file and the key).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidValue {
    /// The key is absent or empty, and it is needed.
    #[error("missing")]
    Missing,
    /// `current-context` is unset and no context was chosen.
    #[error("not set and no context chosen")]
    NoContextChosen,
    /// The named context does not exist.
    #[error("no context named {name:?}")]
    NoSuchContext {
        /// The context's name.
        name: String,
    },
    /// The named cluster does not exist.
    #[error("no cluster named {name:?}")]
    NoSuchCluster {
        /// The cluster's name.
        name: String,
    },
    /// The named user does not exist.
    #[error("no user named {name:?}")]
    NoSuchUser {
        /// The user's name.
        name: String,
    },
    /// A server or proxy URL does not parse.
    #[error("invalid URL {url:?}: {source}")]
    Url {
        /// The URL, its password replaced.
        url: String,
        /// The URL parser's failure.
        #[source]
        source: url::ParseError,
    },
    /// `proxy-url` has a scheme other than `http`, `https`, `socks5` or `socks5h`.
    #[error("unsupported proxy scheme {scheme:?} (use one of {})", PROXY_SCHEMES.join(", "))]
    ProxyScheme {
        /// The URL's scheme.
        scheme: String,
    },
    /// insecure-skip-tls-verify is set together with a CA (refused, as client-go
    /// does: the CA would be silently ignored).
    #[error("specifying a root certificates file with the insecure flag is not allowed")]
    CaWithInsecure,
    /// Inline data is not base64.
    #[error("invalid base64: {0}")]
    Base64(#[source] base64::DecodeError),
    /// A certificate or key is not usable PEM.
    #[error(transparent)]
    Pem(#[from] PemError),
    /// A client certificate is set without a client key.
    #[error("a client certificate is set but no client key")]
    CertificateWithoutKey,
    /// A client key is set without a client certificate.
    #[error("a client key is set but no client certificate")]
    KeyWithoutCertificate,
    /// An `auth-provider` entry: those plugins are not supported.
    #[error("auth-provider plugins are not supported; configure an exec credential plugin instead (for GKE: gke-gcloud-auth-plugin, for Azure: kubelogin)")]
    AuthProvider,
    /// An exec plugin's apiVersion is neither `client.authentication.k8s.io/v1` nor `v1beta1`.
    #[error("{api_version:?} is not supported (use client.authentication.k8s.io/v1 or v1beta1)")]
    ExecApiVersion {
        /// The apiVersion given.
        api_version: String,
    },
    /// `client.authentication.k8s.io/v1` needs an exec plugin's interactiveMode.
    #[error("required by client.authentication.k8s.io/v1 (Never, IfAvailable or Always)")]
    InteractiveModeRequired,
    /// An exec plugin's interactiveMode is not `Never`, `IfAvailable` or `Always`.
    #[error("{mode:?} is not Never, IfAvailable or Always")]
    InteractiveMode {
        /// The mode given.
        mode: String,
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

/// Why the TLS settings of a [`Config`](crate::Config) cannot be turned into
/// a TLS client configuration; the TLS library's failure is kept as the source.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TlsConfigError {
    /// Root certificates and insecure-skip-tls-verify are both set, so the
    /// certificates would be ignored (refused, as client-go does).
    #[error("root certificates together with insecure-skip-tls-verify are not allowed: the certificates would be ignored")]
    RootCertificatesWithInsecure,
    /// A CA certificate cannot be used as a trust anchor.
    #[error("unusable CA certificate: {source}")]
    CaCertificate {
        /// The TLS library's failure.
        #[source]
        source: BoxError,
    },
    /// The client certificate and key cannot be presented.
    #[error("unusable client certificate: {source}")]
    ClientCertificate {
        /// The TLS library's failure.
        #[source]
        source: BoxError,
    },
    /// tls-server-name is not a DNS name or IP address.
    #[error("invalid tls-server-name {name:?}: {source}")]
    ServerName {
        /// The configured name.
        name: String,
        /// Why it is not a server name.
        #[source]
        source: BoxError,
    },
    /// The protocol versions or the certificate verifier could not be set up.
    #[error("cannot build the {part}: {source}")]
    Build {
        /// What could not be built: `protocol versions` or `certificate verifier`.
        part: &'static str,
        /// The TLS library's failure.
        #[source]
        source: BoxError,
    },
}
