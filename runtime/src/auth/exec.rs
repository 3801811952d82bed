//! Exec credential plugins (client.authentication.k8s.io v1 and v1beta1):
//! run the plugin, cache its credential until it expires, run it again on
//! expiry or after a 401.

use std::process::Stdio;
use std::sync::Arc;

use base64::Engine;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use tokio::sync::Mutex;

use super::{bearer, AuthError, Credentials};
use crate::config::{ExecConfig, Identity};

/// An exec plugin and its cached credential.
#[derive(Debug)]
pub(crate) struct ExecAuth {
    config: ExecConfig,
    cached: Mutex<Option<Cached>>,
}

#[derive(Debug)]
struct Cached {
    credentials: Credentials,
    expires: Option<DateTime<Utc>>,
}

/// The plugin's output.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExecCredential {
    api_version: Option<String>,
    kind: Option<String>,
    status: Option<ExecCredentialStatus>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExecCredentialStatus {
    token: Option<crate::secret::Secret>,
    expiration_timestamp: Option<DateTime<Utc>>,
    client_certificate_data: Option<String>,
    client_key_data: Option<crate::secret::Secret>,
}

/// What the output parser says of `stdout` (message and Debug), `None` when
/// it is a usable ExecCredential: for fuzz targets checking no input leaks.
pub(crate) fn output_error(stdout: &[u8]) -> Option<String> {
    let auth = ExecAuth::new(ExecConfig {
        api_version: "client.authentication.k8s.io/v1".into(),
        command: "plugin".into(),
        args: Vec::new(),
        env: Vec::new(),
        install_hint: None,
        interactive_mode: "Never".into(),
        cluster_info: None,
        timeout: std::time::Duration::from_secs(1),
    });
    let err = auth.parse(stdout).err()?;
    Some(format!("{err}\n{err:?}"))
}

/// What kind of failure a JSON error is, in words that quote nothing of the input.
fn describe(e: &serde_json::Error) -> &'static str {
    match e.classify() {
        serde_json::error::Category::Io => "cannot read the output",
        serde_json::error::Category::Syntax => "not JSON",
        serde_json::error::Category::Eof => "JSON ends too soon",
        serde_json::error::Category::Data => "not an ExecCredential (a field has the wrong type)",
    }
}

/// Most of stderr a failing plugin's error quotes.
const STDERR_LIMIT: usize = 2048;

impl ExecAuth {
    pub(crate) fn new(config: ExecConfig) -> Self {
        Self {
            config,
            cached: Mutex::new(None),
        }
    }

    pub(crate) async fn credentials(&self) -> Result<Credentials, AuthError> {
        let mut cached = self.cached.lock().await;
        if let Some(c) = cached.as_ref() {
            if c.expires.is_none_or(|at| Utc::now() < at) {
                return Ok(c.credentials.clone());
            }
        }
        let fresh = self.run().await?;
        let credentials = fresh.credentials.clone();
        *cached = Some(fresh);
        Ok(credentials)
    }

    pub(crate) async fn invalidate(&self) {
        *self.cached.lock().await = None;
    }

    async fn run(&self) -> Result<Cached, AuthError> {
        let c = &self.config;
        if c.interactive_mode == "Always" {
            return Err(AuthError::ExecFailed {
                command: c.command.clone(),
                status: "not run".into(),
                stderr: "interactiveMode is Always but kubegen gives plugins no terminal".into(),
                install_hint: c.install_hint.clone(),
            });
        }
        let mut spec = serde_json::json!({ "interactive": false });
        if let Some(cluster) = &c.cluster_info {
            spec["cluster"] = cluster.clone();
        }
        let info = serde_json::json!({
            "apiVersion": c.api_version,
            "kind": "ExecCredential",
            "spec": spec,
        });
        let mut command = tokio::process::Command::new(&c.command);
        command
            .args(&c.args)
            .envs(c.env.iter().map(|(k, v)| (k, v)))
            .env("KUBERNETES_EXEC_INFO", info.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let child = command.spawn().map_err(|source| AuthError::ExecSpawn {
            command: c.command.clone(),
            source,
            install_hint: c.install_hint.clone(),
        })?;
        let output = tokio::time::timeout(c.timeout, child.wait_with_output())
            .await
            .map_err(|_| AuthError::ExecTimeout {
                command: c.command.clone(),
                timeout: c.timeout,
                install_hint: c.install_hint.clone(),
            })?
            .map_err(|source| AuthError::ExecSpawn {
                command: c.command.clone(),
                source,
                install_hint: c.install_hint.clone(),
            })?;
        if !output.status.success() {
            let mut stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
            if stderr.len() > STDERR_LIMIT {
                let cut = (0..=STDERR_LIMIT)
                    .rev()
                    .find(|i| stderr.is_char_boundary(*i))
                    .unwrap_or(0);
                stderr.truncate(cut);
                stderr.push_str("...");
            }
            return Err(AuthError::ExecFailed {
                command: c.command.clone(),
                status: output.status.to_string(),
                stderr,
                install_hint: c.install_hint.clone(),
            });
        }
        self.parse(&output.stdout)
    }

    fn parse(&self, stdout: &[u8]) -> Result<Cached, AuthError> {
        let bad = |message: String| AuthError::ExecOutput {
            command: self.config.command.clone(),
            message,
        };
        // serde_json's "invalid type" errors quote the value (a token, say), so only where it failed is told.
        let cred: ExecCredential = serde_json::from_slice(stdout).map_err(|e| {
            bad(format!(
                "{} at line {} column {}",
                describe(&e),
                e.line(),
                e.column()
            ))
        })?;
        if cred.kind.as_deref() != Some("ExecCredential") {
            return Err(bad(format!(
                "kind is {:?}, want \"ExecCredential\"",
                cred.kind
            )));
        }
        if cred.api_version.as_deref() != Some(self.config.api_version.as_str()) {
            return Err(bad(format!(
                "apiVersion is {:?}, want {:?}",
                cred.api_version, self.config.api_version
            )));
        }
        let status = cred.status.ok_or_else(|| bad("no status".into()))?;
        let authorization = match status.token.as_ref().filter(|t| !t.expose().is_empty()) {
            Some(token) => Some(bearer(token.expose())?),
            None => None,
        };
        let identity = match (&status.client_certificate_data, &status.client_key_data) {
            (Some(cert), Some(key)) => {
                let key = key.expose().as_bytes();
                let identity = Identity::from_pem(cert.as_bytes(), key)
                    .or_else(|_| {
                        // Some plugins hand out base64 of the PEM rather than the PEM.
                        let engine = base64::engine::general_purpose::STANDARD;
                        let cert = engine.decode(cert).map_err(|e| e.to_string())?;
                        let key = engine.decode(key).map_err(|e| e.to_string())?;
                        Identity::from_pem(&cert, &key)
                    })
                    .map_err(|e| bad(format!("clientCertificateData/clientKeyData: {e}")))?;
                Some(Arc::new(identity))
            }
            (None, None) => None,
            _ => {
                return Err(bad(
                    "clientCertificateData and clientKeyData must be set together".into(),
                ))
            }
        };
        if authorization.is_none() && identity.is_none() {
            return Err(bad(
                "status has neither a token nor a client certificate".into()
            ));
        }
        Ok(Cached {
            credentials: Credentials {
                authorization,
                identity,
            },
            expires: status.expiration_timestamp,
        })
    }
}
