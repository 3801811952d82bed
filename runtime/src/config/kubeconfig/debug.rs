//! `Debug` for kubeconfig entries without their secrets: passwords in URLs,
//! auth-provider settings (`id-token`, `refresh-token` ...), exec plugin
//! arguments and environment values, and unknown keys' values are hidden.

use std::fmt;

use super::model::{Cluster, ExecEnvVar, ExecPlugin, Extra, User};
use crate::secret::{shown_url, Redacted};

/// Unknown keys, without their values (which may be anything).
struct KeysOnly<'a>(&'a Extra);

impl fmt::Debug for KeysOnly<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.keys().map(|k| (k, Redacted)))
            .finish()
    }
}

impl fmt::Debug for Cluster {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cluster")
            .field("server", &self.server.as_deref().map(shown_url))
            .field("certificate_authority", &self.certificate_authority)
            .field(
                "certificate_authority_data",
                &self.certificate_authority_data.as_ref().map(String::len),
            )
            .field("insecure_skip_tls_verify", &self.insecure_skip_tls_verify)
            .field("tls_server_name", &self.tls_server_name)
            .field("proxy_url", &self.proxy_url.as_deref().map(shown_url))
            .field("disable_compression", &self.disable_compression)
            .field("extensions", &self.extensions.as_ref().map(|_| Redacted))
            .field("extra", &KeysOnly(&self.extra))
            .finish()
    }
}

impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let provider = self.auth_provider.as_ref().map(|p| {
            p.get("name")
                .and_then(|n| n.as_str())
                .unwrap_or("")
                .to_owned()
        });
        f.debug_struct("User")
            .field("client_certificate", &self.client_certificate)
            .field(
                "client_certificate_data",
                &self.client_certificate_data.as_ref().map(String::len),
            )
            .field("client_key", &self.client_key)
            .field("client_key_data", &self.client_key_data)
            .field("token", &self.token)
            .field("token_file", &self.token_file)
            .field("username", &self.username)
            .field("password", &self.password)
            .field("impersonate", &self.impersonate)
            .field("impersonate_groups", &self.impersonate_groups)
            .field("auth_provider", &provider)
            .field("exec", &self.exec)
            .field("extensions", &self.extensions.as_ref().map(|_| Redacted))
            .field("extra", &KeysOnly(&self.extra))
            .finish()
    }
}

impl fmt::Debug for ExecPlugin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExecPlugin")
            .field("api_version", &self.api_version)
            .field("command", &self.command)
            .field("args", &format_args!("<{} redacted>", self.args.len()))
            .field("env", &self.env)
            .field("install_hint", &self.install_hint)
            .field("provide_cluster_info", &self.provide_cluster_info)
            .field("interactive_mode", &self.interactive_mode)
            .field("extra", &KeysOnly(&self.extra))
            .finish()
    }
}

impl fmt::Debug for ExecEnvVar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExecEnvVar")
            .field("name", &self.name)
            .field("value", &Redacted)
            .finish()
    }
}
