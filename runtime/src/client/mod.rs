//! The HTTP client under every call: TLS and credentials from a [`Config`],
//! one connection pool (HTTP/2 where offered), and error statuses turned into
//! typed [`Error`]s.

mod body;
mod rate_limit;
mod redact;
mod retry;
mod send;
mod tls;
#[cfg(feature = "ws")]
mod upgrade;

pub use body::BodyStream;
pub(crate) use send::transport_error;

use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::auth::Authenticator;
use crate::config::{Config, ConfigError, Identity};
use crate::error::{Error, Result};
use crate::metrics::{Metrics, MetricsSlot};
use crate::poison;

/// A client of one API server. Cheap to clone: clones share connections and credentials.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: Config,
    auth: Authenticator,
    limiter: Option<rate_limit::RateLimiter>,
    http: RwLock<Http>,
    metrics: MetricsSlot,
}

/// The reqwest client, and the exec-plugin certificate it was built with.
#[derive(Clone, Debug)]
struct Http {
    client: reqwest::Client,
    identity: Option<Arc<Identity>>,
}

/// The User-Agent sent with every request: `kubegen/<version> (<os>/<arch>)`.
pub fn user_agent() -> String {
    format!(
        "kubegen/{} ({}/{})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

impl Client {
    /// A client for `config`. Fails when the TLS settings are unusable.
    pub fn new(config: Config) -> Result<Self> {
        let auth = Authenticator::new(&config.auth)?;
        let client = build_http(&config, config.identity.as_ref(), false)?;
        Ok(Self {
            inner: Arc::new(Inner {
                limiter: rate_limit::RateLimiter::for_qps(config.qps, config.burst),
                config,
                auth,
                http: RwLock::new(Http {
                    client,
                    identity: None,
                }),
                metrics: MetricsSlot::default(),
            }),
        })
    }

    /// A client for [`Config::infer`]: the kubeconfig, else the in-cluster configuration.
    pub async fn try_default() -> Result<Self> {
        Self::new(Config::infer().await?)
    }

    /// Reports every request this client and its clones send (verb, status
    /// code, time to the answer) to `metrics`. False when metrics were
    /// installed already.
    pub fn set_metrics(&self, metrics: Arc<dyn Metrics>) -> bool {
        self.inner.metrics.set(metrics)
    }

    /// The configuration this client was built from.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The namespace used when a call names none (from the context or the service account).
    pub fn default_namespace(&self) -> &str {
        &self.inner.config.default_namespace
    }

    /// The reqwest client for these credentials, rebuilt when an exec plugin
    /// hands out a new client certificate.
    fn http_for(&self, identity: Option<&Arc<Identity>>) -> Result<reqwest::Client> {
        {
            let http = poison::read(&self.inner.http);
            let same = match (identity, http.identity.as_ref()) {
                (None, _) => true,
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (Some(_), None) => false,
            };
            if same {
                return Ok(http.client.clone());
            }
        }
        let identity = identity.cloned();
        let client = build_http(&self.inner.config, identity.as_deref(), false)?;
        let mut http = poison::write(&self.inner.http);
        *http = Http {
            client: client.clone(),
            identity,
        };
        Ok(client)
    }
}

/// The reqwest client for `config`; `http1_only` for upgrades (exec, attach,
/// port-forward), which HTTP/2 cannot carry.
fn build_http(
    config: &Config,
    identity: Option<&Identity>,
    http1_only: bool,
) -> Result<reqwest::Client> {
    let mut tls = tls::client_config(config, identity).map_err(ConfigError::from)?;
    if http1_only {
        tls.alpn_protocols = vec![b"http/1.1".to_vec()];
    }
    let builder = reqwest::Client::builder()
        .use_preconfigured_tls(tls)
        .user_agent(user_agent())
        // As client-go's REST client: a redirect would carry the body, the
        // impersonation headers and perhaps credentials to another origin.
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(30));
    #[cfg(feature = "http2")]
    let builder = builder
        .http2_keep_alive_interval(Duration::from_secs(30))
        .http2_keep_alive_while_idle(true);
    let mut builder = builder;
    if let Some(proxy) = &config.proxy_url {
        let proxy = reqwest::Proxy::all(proxy.clone())
            .map_err(|e| Error::InvalidProxy { source: e.into() })?;
        builder = builder.proxy(proxy);
    }
    if http1_only {
        builder = builder.http1_only();
    }
    if config.disable_compression {
        builder = builder.no_gzip();
    }
    builder.build().map_err(|source| Error::Transport {
        url: config.cluster_url.to_string(),
        source: Box::new(source),
    })
}
