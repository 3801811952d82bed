//! Turning one context of a kubeconfig into a [`Config`].

use std::path::{Path, PathBuf};

use base64::Engine;

use super::model::{Cluster, Kubeconfig, NamedCluster, NamedUser, User};
use crate::config::error::PROXY_SCHEMES;
use crate::config::{
    parse_certificates, AuthConfig, Config, ConfigError, ExecConfig, Identity, InvalidValue,
    TOKEN_FILE_REFRESH,
};
use crate::secret::{shown_url, Secret};

/// Which context to use, and overrides on top of it (as kubectl's flags).
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct KubeconfigOptions {
    /// The context; the file's `current-context` when unset.
    pub context: Option<String>,
    /// Use this cluster entry instead of the context's.
    pub cluster: Option<String>,
    /// Use this user entry instead of the context's.
    pub user: Option<String>,
}

impl KubeconfigOptions {
    /// Options that choose the context `name`.
    pub fn context(name: impl Into<String>) -> Self {
        Self {
            context: Some(name.into()),
            ..Self::default()
        }
    }

    /// Uses the cluster entry `name` instead of the context's.
    pub fn cluster(mut self, name: impl Into<String>) -> Self {
        self.cluster = Some(name.into());
        self
    }

    /// Uses the user entry `name` instead of the context's.
    pub fn user(mut self, name: impl Into<String>) -> Self {
        self.user = Some(name.into());
        self
    }
}

impl Kubeconfig {
    /// Builds the configuration of the chosen (or current) context. Files the
    /// context refers to are read now, so a missing one fails here, naming
    /// the kubeconfig and the key that refers to it.
    pub fn to_config(&self, options: &KubeconfigOptions) -> Result<Config, ConfigError> {
        let first_file = self
            .contexts
            .first()
            .map(|c| c.origin.clone())
            .unwrap_or_default();
        let context_name = options
            .context
            .clone()
            .or_else(|| self.current_context.clone().filter(|c| !c.is_empty()))
            .ok_or_else(|| {
                invalid(
                    &first_file,
                    "current-context",
                    InvalidValue::NoContextChosen,
                )
            })?;
        let context = self
            .contexts
            .iter()
            .find(|c| c.name == context_name)
            .ok_or_else(|| {
                invalid(
                    &first_file,
                    "current-context",
                    InvalidValue::NoSuchContext {
                        name: context_name.clone(),
                    },
                )
            })?;
        let context_key = format!("contexts[{}]", context.name);
        let cluster_name = options
            .cluster
            .as_deref()
            .unwrap_or(&context.context.cluster);
        let cluster = self
            .clusters
            .iter()
            .find(|c| c.name == cluster_name)
            .ok_or_else(|| {
                invalid(
                    &context.origin,
                    format!("{context_key}.cluster"),
                    InvalidValue::NoSuchCluster {
                        name: cluster_name.to_owned(),
                    },
                )
            })?;
        let user_name = options.user.as_deref().unwrap_or(&context.context.user);
        let user = if user_name.is_empty() {
            None
        } else {
            Some(
                self.users
                    .iter()
                    .find(|u| u.name == user_name)
                    .ok_or_else(|| {
                        invalid(
                            &context.origin,
                            format!("{context_key}.user"),
                            InvalidValue::NoSuchUser {
                                name: user_name.to_owned(),
                            },
                        )
                    })?,
            )
        };

        let mut config = cluster_config(cluster)?;
        if let Some(ns) = context
            .context
            .namespace
            .as_ref()
            .filter(|ns| !ns.is_empty())
        {
            config.default_namespace = ns.clone();
        }
        if let Some(user) = user {
            apply_user(&mut config, user, &cluster.cluster)?;
        }
        Ok(config)
    }
}

fn cluster_config(named: &NamedCluster) -> Result<Config, ConfigError> {
    let key = format!("clusters[{}]", named.name);
    let file = &named.origin;
    let cluster = &named.cluster;
    let server = cluster
        .server
        .as_deref()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| invalid(file, format!("{key}.server"), InvalidValue::Missing))?;
    let url = parse_url(server).map_err(|e| invalid(file, format!("{key}.server"), e))?;
    let mut config = Config::new(url);
    config.insecure_skip_tls_verify = cluster.insecure_skip_tls_verify.unwrap_or(false);
    let has_ca =
        cluster.certificate_authority_data.is_some() || cluster.certificate_authority.is_some();
    if config.insecure_skip_tls_verify && has_ca {
        // As client-go: the CA would be silently ignored, which hides a mistake.
        return Err(invalid(
            file,
            format!("{key}.insecure-skip-tls-verify"),
            InvalidValue::CaWithInsecure,
        ));
    }
    let ca_pem = if let Some(data) = &cluster.certificate_authority_data {
        Some(
            decode_base64(data)
                .map_err(|e| invalid(file, format!("{key}.certificate-authority-data"), e))?,
        )
    } else if let Some(path) = &cluster.certificate_authority {
        Some(read_referenced(
            file,
            format!("{key}.certificate-authority"),
            path,
        )?)
    } else {
        None
    };
    if let Some(pem) = ca_pem {
        let field = if cluster.certificate_authority_data.is_some() {
            "certificate-authority-data"
        } else {
            "certificate-authority"
        };
        config.root_certs = parse_certificates(&pem)
            .map_err(|e| invalid(file, format!("{key}.{field}"), e.into()))?;
    }
    config.tls_server_name = cluster.tls_server_name.clone().filter(|s| !s.is_empty());
    config.disable_compression = cluster.disable_compression.unwrap_or(false);
    if let Some(proxy) = cluster.proxy_url.as_deref().filter(|p| !p.is_empty()) {
        let url = parse_url(proxy).map_err(|e| invalid(file, format!("{key}.proxy-url"), e))?;
        if !PROXY_SCHEMES.contains(&url.scheme()) {
            return Err(invalid(
                file,
                format!("{key}.proxy-url"),
                InvalidValue::ProxyScheme {
                    scheme: url.scheme().to_owned(),
                },
            ));
        }
        config.proxy_url = Some(url);
    }
    Ok(config)
}

fn apply_user(
    config: &mut Config,
    named: &NamedUser,
    cluster: &Cluster,
) -> Result<(), ConfigError> {
    let key = format!("users[{}]", named.name);
    let file = &named.origin;
    let user: &User = &named.user;
    if user.auth_provider.is_some() {
        return Err(invalid(
            file,
            format!("{key}.auth-provider"),
            InvalidValue::AuthProvider,
        ));
    }

    let cert = if let Some(data) = &user.client_certificate_data {
        Some((
            decode_base64(data)
                .map_err(|e| invalid(file, format!("{key}.client-certificate-data"), e))?,
            "client-certificate-data",
        ))
    } else if let Some(path) = &user.client_certificate {
        Some((
            read_referenced(file, format!("{key}.client-certificate"), path)?,
            "client-certificate",
        ))
    } else {
        None
    };
    let key_pem = if let Some(data) = &user.client_key_data {
        Some((
            decode_base64(data.expose())
                .map_err(|e| invalid(file, format!("{key}.client-key-data"), e))?,
            "client-key-data",
        ))
    } else if let Some(path) = &user.client_key {
        Some((
            read_referenced(file, format!("{key}.client-key"), path)?,
            "client-key",
        ))
    } else {
        None
    };
    match (cert, key_pem) {
        (Some((cert, cert_field)), Some((key_pem, key_field))) => {
            let certs = parse_certificates(&cert)
                .map_err(|e| invalid(file, format!("{key}.{cert_field}"), e.into()))?;
            let identity = Identity::new(certs, &key_pem)
                .map_err(|e| invalid(file, format!("{key}.{key_field}"), e.into()))?;
            config.identity = Some(identity);
        }
        (Some(_), None) => {
            return Err(invalid(
                file,
                format!("{key}.client-key"),
                InvalidValue::CertificateWithoutKey,
            ))
        }
        (None, Some(_)) => {
            return Err(invalid(
                file,
                format!("{key}.client-certificate"),
                InvalidValue::KeyWithoutCertificate,
            ))
        }
        (None, None) => {}
    }

    config.auth = if let Some(token) = user.token.as_ref().filter(|t| !t.expose().is_empty()) {
        AuthConfig::Token(token.clone())
    } else if let Some(path) = user.token_file.as_deref().filter(|p| !p.is_empty()) {
        let path = resolve_path(file, path);
        if let Err(source) = std::fs::metadata(&path) {
            return Err(ConfigError::ReadReferenced {
                path: file.clone(),
                key: format!("{key}.tokenFile"),
                file: path,
                source,
            });
        }
        AuthConfig::TokenFile {
            path,
            refresh: TOKEN_FILE_REFRESH,
        }
    } else if let Some(username) = user.username.as_ref().filter(|u| !u.is_empty()) {
        AuthConfig::Basic {
            username: username.clone(),
            password: user.password.clone().unwrap_or_else(|| Secret::new("")),
        }
    } else if let Some(exec) = &user.exec {
        AuthConfig::Exec(exec_config(file, &key, exec, cluster)?)
    } else {
        AuthConfig::None
    };
    config.impersonate = user.impersonate.clone().filter(|s| !s.is_empty());
    config.impersonate_groups = user.impersonate_groups.clone().unwrap_or_default();
    Ok(())
}

fn exec_config(
    file: &Path,
    key: &str,
    exec: &super::model::ExecPlugin,
    cluster: &Cluster,
) -> Result<ExecConfig, ConfigError> {
    let key = format!("{key}.exec");
    if exec.command.is_empty() {
        return Err(invalid(
            file,
            format!("{key}.command"),
            InvalidValue::Missing,
        ));
    }
    let api_version = exec
        .api_version
        .clone()
        .ok_or_else(|| invalid(file, format!("{key}.apiVersion"), InvalidValue::Missing))?;
    if !matches!(
        api_version.as_str(),
        "client.authentication.k8s.io/v1" | "client.authentication.k8s.io/v1beta1"
    ) {
        return Err(invalid(
            file,
            format!("{key}.apiVersion"),
            InvalidValue::ExecApiVersion { api_version },
        ));
    }
    let interactive_mode = match (&exec.interactive_mode, api_version.ends_with("/v1")) {
        (Some(mode), _) => mode.clone(),
        (None, true) => {
            return Err(invalid(
                file,
                format!("{key}.interactiveMode"),
                InvalidValue::InteractiveModeRequired,
            ))
        }
        (None, false) => "IfAvailable".to_owned(),
    };
    if !matches!(
        interactive_mode.as_str(),
        "Never" | "IfAvailable" | "Always"
    ) {
        return Err(invalid(
            file,
            format!("{key}.interactiveMode"),
            InvalidValue::InteractiveMode {
                mode: interactive_mode,
            },
        ));
    }
    // client-go resolves a relative command containing a path separator against the kubeconfig's folder.
    let command = if exec.command.contains('/') {
        resolve_path(file, &exec.command)
    } else {
        PathBuf::from(&exec.command)
    };
    let cluster_info = exec.provide_cluster_info.then(|| {
        let mut info = serde_json::Map::new();
        if let Some(server) = &cluster.server {
            info.insert("server".into(), server.clone().into());
        }
        if let Some(name) = &cluster.tls_server_name {
            info.insert("tls-server-name".into(), name.clone().into());
        }
        if let Some(skip) = cluster.insecure_skip_tls_verify {
            info.insert("insecure-skip-tls-verify".into(), skip.into());
        }
        if let Some(data) = &cluster.certificate_authority_data {
            info.insert("certificate-authority-data".into(), data.clone().into());
        } else if let Some(path) = &cluster.certificate_authority {
            if let Ok(pem) = std::fs::read(resolve_path(file, path)) {
                let b64 = base64::engine::general_purpose::STANDARD.encode(pem);
                info.insert("certificate-authority-data".into(), b64.into());
            }
        }
        if let Some(proxy) = &cluster.proxy_url {
            info.insert("proxy-url".into(), proxy.clone().into());
        }
        serde_json::Value::Object(info)
    });
    let mut config = ExecConfig::new(command);
    config.api_version = api_version;
    config.args = exec.args.clone();
    config.env = exec
        .env
        .iter()
        .map(|v| (v.name.clone(), v.value.clone()))
        .collect();
    config.install_hint = exec.install_hint.clone();
    config.interactive_mode = interactive_mode;
    config.cluster_info = cluster_info;
    Ok(config)
}

fn invalid(file: &Path, key: impl Into<String>, problem: InvalidValue) -> ConfigError {
    ConfigError::Invalid {
        path: file.to_owned(),
        key: key.into(),
        problem,
    }
}

/// Parses a server or proxy URL; the error shows the URL without its password.
fn parse_url(text: &str) -> Result<url::Url, InvalidValue> {
    url::Url::parse(text).map_err(|source| InvalidValue::Url {
        url: shown_url(text),
        source,
    })
}

/// Resolves `path` against the folder of the kubeconfig that named it.
fn resolve_path(kubeconfig: &Path, path: &str) -> PathBuf {
    let path = Path::new(path);
    if path.is_absolute() {
        return path.to_owned();
    }
    kubeconfig
        .parent()
        .map(|dir| dir.join(path))
        .unwrap_or_else(|| path.to_owned())
}

fn read_referenced(kubeconfig: &Path, key: String, path: &str) -> Result<Vec<u8>, ConfigError> {
    let resolved = resolve_path(kubeconfig, path);
    std::fs::read(&resolved).map_err(|source| ConfigError::ReadReferenced {
        path: kubeconfig.to_owned(),
        key,
        file: resolved,
        source,
    })
}

/// Decodes inline data, ignoring the line breaks and spaces YAML may add.
fn decode_base64(data: &str) -> Result<Vec<u8>, InvalidValue> {
    let compact: String = data.split_whitespace().collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(InvalidValue::Base64)
}
