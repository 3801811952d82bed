//! Where the cluster is and how to authenticate to it: from a kubeconfig,
//! from a Pod's service account, or inferred from whichever is present.

mod debug;
mod error;
mod flags;
mod identity;
mod in_cluster;
pub mod kubeconfig;

use std::path::PathBuf;
use std::time::Duration;

use rustls::pki_types::CertificateDer;
use url::Url;

pub use error::{ConfigError, InvalidValue, MissingKubeconfig, NotInCluster, TlsConfigError};
pub use flags::{AllNamespacesFlag, ConfigFlags};
pub use identity::{parse_certificates, Identity, PemError};
pub use in_cluster::InClusterPaths;
pub use kubeconfig::{Kubeconfig, KubeconfigOptions};

#[cfg(test)]
mod flags_tests;
#[cfg(test)]
mod tests;

use crate::secret::Secret;

/// Everything a [`Client`](crate::Client) needs to reach one API server.
/// Its `Debug` output hides the proxy's password and the exec plugin's
/// arguments and environment values.
#[derive(Clone)]
#[non_exhaustive]
pub struct Config {
    /// The API server's base URL, such as `https://127.0.0.1:6443`.
    pub cluster_url: Url,
    /// The namespace used when a call names none.
    pub default_namespace: String,
    /// CA certificates that sign the server's certificate; the system's roots when empty.
    pub root_certs: Vec<CertificateDer<'static>>,
    /// Verify the server's certificate against this name instead of the URL's host.
    pub tls_server_name: Option<String>,
    /// Accept any server certificate. Only ever set from an explicit
    /// configuration, and never with `root_certs` (refused, as client-go does).
    pub insecure_skip_tls_verify: bool,
    /// A client certificate and key presented to the server.
    pub identity: Option<Identity>,
    /// How requests authenticate.
    pub auth: AuthConfig,
    /// An HTTP(S) proxy to send requests through.
    pub proxy_url: Option<Url>,
    /// Do not ask the server for gzip-compressed responses.
    pub disable_compression: bool,
    /// Timeout for each non-watch request (default 30 s).
    pub timeout: Option<Duration>,
    /// Impersonate this user (`Impersonate-User`).
    pub impersonate: Option<String>,
    /// Impersonate these groups (`Impersonate-Group`).
    pub impersonate_groups: Vec<String>,
    /// Client-side rate limit in requests per second; `None`, zero, a
    /// negative value or NaN turn it off, as in client-go (default [`DEFAULT_QPS`]).
    pub qps: Option<f32>,
    /// Requests allowed at once above the rate (default [`DEFAULT_BURST`]).
    pub burst: u32,
    /// Retries after a 429, a 503, or a connection failure, where repeating
    /// the request is safe: a create or patch only when the server asked for
    /// it (a 429, or Retry-After), and no write after a connection dropped
    /// mid-request (default [`DEFAULT_MAX_RETRIES`]).
    pub max_retries: u32,
}

/// How requests authenticate, beyond any client certificate.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub enum AuthConfig {
    /// No credentials (or a client certificate only).
    #[default]
    None,
    /// A fixed bearer token.
    Token(Secret),
    /// A bearer token read from a file and re-read as it rotates.
    TokenFile {
        /// The file.
        path: PathBuf,
        /// How long a read stays fresh (client-go re-reads every minute).
        refresh: Duration,
    },
    /// HTTP basic authentication.
    Basic {
        /// The user name.
        username: String,
        /// The password.
        password: Secret,
    },
    /// An exec credential plugin.
    Exec(ExecConfig),
}

/// An exec credential plugin, resolved and ready to run. Its `Debug` output
/// hides the arguments, the environment values and the cluster details.
#[derive(Clone)]
#[non_exhaustive]
pub struct ExecConfig {
    /// `client.authentication.k8s.io/v1` or `v1beta1`.
    pub api_version: String,
    /// The program (relative commands with a `/` resolve against the kubeconfig's folder).
    pub command: PathBuf,
    /// Its arguments.
    pub args: Vec<String>,
    /// Extra environment variables.
    pub env: Vec<(String, String)>,
    /// Quoted in errors when the plugin cannot be run.
    pub install_hint: Option<String>,
    /// `Never`, `IfAvailable` or `Always`.
    pub interactive_mode: String,
    /// The cluster's details for KUBERNETES_EXEC_INFO, when `provideClusterInfo` is set.
    pub cluster_info: Option<serde_json::Value>,
    /// How long the plugin may run before it counts as hung.
    pub timeout: Duration,
}

impl ExecConfig {
    /// A `client.authentication.k8s.io/v1` plugin run as `command` with no
    /// arguments, no extra environment, `IfAvailable` interaction and
    /// [`EXEC_TIMEOUT`]; set the public fields for the rest.
    pub fn new(command: impl Into<PathBuf>) -> Self {
        Self {
            api_version: "client.authentication.k8s.io/v1".into(),
            command: command.into(),
            args: Vec::new(),
            env: Vec::new(),
            install_hint: None,
            interactive_mode: "IfAvailable".into(),
            cluster_info: None,
            timeout: EXEC_TIMEOUT,
        }
    }
}

/// How long an exec credential plugin may run by default.
pub const EXEC_TIMEOUT: Duration = Duration::from_secs(30);

/// The default timeout of a non-watch request.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The default client-side rate limit, requests per second (client-go's is 5,
/// which throttles controllers needlessly; kubectl uses 50).
pub const DEFAULT_QPS: f32 = 50.0;

/// The default burst above [`DEFAULT_QPS`].
pub const DEFAULT_BURST: u32 = 100;

/// The default number of retries of a throttled or dropped request.
pub const DEFAULT_MAX_RETRIES: u32 = 3;

/// How long a token file's content is trusted before it is read again.
pub const TOKEN_FILE_REFRESH: Duration = Duration::from_secs(60);

impl Config {
    /// A configuration for `url` with no TLS settings and no credentials.
    pub fn new(cluster_url: Url) -> Self {
        Self {
            cluster_url,
            default_namespace: "default".into(),
            root_certs: Vec::new(),
            tls_server_name: None,
            insecure_skip_tls_verify: false,
            identity: None,
            auth: AuthConfig::None,
            proxy_url: None,
            disable_compression: false,
            timeout: Some(DEFAULT_TIMEOUT),
            impersonate: None,
            impersonate_groups: Vec::new(),
            qps: Some(DEFAULT_QPS),
            burst: DEFAULT_BURST,
            max_retries: DEFAULT_MAX_RETRIES,
        }
    }

    /// Sets the namespace used when a call names none.
    pub fn default_namespace(mut self, namespace: impl Into<String>) -> Self {
        self.default_namespace = namespace.into();
        self
    }

    /// Trusts these CA certificates instead of the system's roots.
    pub fn root_certs(mut self, certs: Vec<CertificateDer<'static>>) -> Self {
        self.root_certs = certs;
        self
    }

    /// Verifies the server's certificate against `name` instead of the URL's host.
    pub fn tls_server_name(mut self, name: impl Into<String>) -> Self {
        self.tls_server_name = Some(name.into());
        self
    }

    /// Accepts any server certificate (never together with `root_certs`).
    pub fn insecure_skip_tls_verify(mut self, skip: bool) -> Self {
        self.insecure_skip_tls_verify = skip;
        self
    }

    /// Presents a client certificate and key.
    pub fn identity(mut self, identity: Identity) -> Self {
        self.identity = Some(identity);
        self
    }

    /// Sets how requests authenticate.
    pub fn auth(mut self, auth: AuthConfig) -> Self {
        self.auth = auth;
        self
    }

    /// Sends requests through a proxy.
    pub fn proxy_url(mut self, url: Url) -> Self {
        self.proxy_url = Some(url);
        self
    }

    /// Turns off gzip-compressed responses.
    pub fn disable_compression(mut self, disable: bool) -> Self {
        self.disable_compression = disable;
        self
    }

    /// Sets (or, with `None`, removes) the timeout of each non-watch request.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Impersonates `user`.
    pub fn impersonate(mut self, user: impl Into<String>) -> Self {
        self.impersonate = Some(user.into());
        self
    }

    /// Impersonates these groups.
    pub fn impersonate_groups(mut self, groups: Vec<String>) -> Self {
        self.impersonate_groups = groups;
        self
    }

    /// Sets the client-side rate limit; `None` turns it off.
    pub fn qps(mut self, qps: Option<f32>) -> Self {
        self.qps = qps;
        self
    }

    /// Sets the requests allowed at once above the rate.
    pub fn burst(mut self, burst: u32) -> Self {
        self.burst = burst;
        self
    }

    /// Sets how often a throttled or dropped request is retried.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The kubeconfig's current context, else the in-cluster configuration.
    /// When both fail the error says why each one did.
    ///
    /// ```no_run
    /// use kubegen_runtime::{Client, Config};
    ///
    /// # async fn example() -> kubegen_runtime::Result<()> {
    /// let config = Config::infer().await?;
    /// println!("{} (namespace {})", config.cluster_url, config.default_namespace);
    /// let client = Client::new(config)?;
    /// let version: serde_json::Value = client.get_json("/version").await?;
    /// println!("server {}", version["gitVersion"]);
    /// # Ok(()) }
    /// ```
    pub async fn infer() -> Result<Self, ConfigError> {
        Self::infer_from(
            || Self::from_kubeconfig(&KubeconfigOptions::default()),
            Self::in_cluster,
        )
    }

    /// The first of two sources that succeeds; both errors when neither does.
    fn infer_from(
        kubeconfig: impl FnOnce() -> Result<Self, ConfigError>,
        in_cluster: impl FnOnce() -> Result<Self, ConfigError>,
    ) -> Result<Self, ConfigError> {
        let kubeconfig = match kubeconfig() {
            Ok(config) => return Ok(config),
            Err(e) => e,
        };
        in_cluster().map_err(|in_cluster| ConfigError::Infer {
            kubeconfig: Box::new(kubeconfig),
            in_cluster: Box::new(in_cluster),
        })
    }

    /// The configuration of a context of the kubeconfig named by `KUBECONFIG`
    /// (or `~/.kube/config`): the current one unless `options` choose another.
    pub fn from_kubeconfig(options: &KubeconfigOptions) -> Result<Self, ConfigError> {
        Kubeconfig::from_env()?.to_config(options)
    }

    /// The configuration of a Pod's service account: `KUBERNETES_SERVICE_HOST`
    /// and `_PORT`, and the token, CA and namespace files.
    pub fn in_cluster() -> Result<Self, ConfigError> {
        InClusterPaths::default().load()
    }
}
