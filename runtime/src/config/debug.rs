//! `Debug` for configurations, which get logged: everything but secrets. A
//! proxy URL may hold a password, and an exec plugin's arguments and
//! environment often hold tokens or keys.

use std::fmt;

use super::{Config, ExecConfig};
use crate::secret::{shown_url, Redacted};

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("cluster_url", &shown_url(self.cluster_url.as_str()))
            .field("default_namespace", &self.default_namespace)
            .field("root_certs", &self.root_certs.len())
            .field("tls_server_name", &self.tls_server_name)
            .field("insecure_skip_tls_verify", &self.insecure_skip_tls_verify)
            .field("identity", &self.identity)
            .field("auth", &self.auth)
            .field(
                "proxy_url",
                &self.proxy_url.as_ref().map(|u| shown_url(u.as_str())),
            )
            .field("disable_compression", &self.disable_compression)
            .field("timeout", &self.timeout)
            .field("impersonate", &self.impersonate)
            .field("impersonate_groups", &self.impersonate_groups)
            .field("qps", &self.qps)
            .field("burst", &self.burst)
            .field("max_retries", &self.max_retries)
            .finish()
    }
}

impl fmt::Debug for ExecConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let env: Vec<(&str, Redacted)> = self
            .env
            .iter()
            .map(|(k, _)| (k.as_str(), Redacted))
            .collect();
        f.debug_struct("ExecConfig")
            .field("api_version", &self.api_version)
            .field("command", &self.command)
            .field("args", &format_args!("<{} redacted>", self.args.len()))
            .field("env", &env)
            .field("install_hint", &self.install_hint)
            .field("interactive_mode", &self.interactive_mode)
            .field(
                "cluster_info",
                &self.cluster_info.as_ref().map(|_| Redacted),
            )
            .field("timeout", &self.timeout)
            .finish()
    }
}
