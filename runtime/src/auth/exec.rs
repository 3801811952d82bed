//! Exec credential plugins (client.authentication.k8s.io v1 and v1beta1):
//! run the plugin, cache its credential until it expires, run it again on
//! expiry or after a 401.

use std::process::Stdio;
use std::sync::Arc;

use base64::Engine;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use tokio::sync::Mutex;

use super::{bearer, AuthError, Credentials, ExecOutputProblem};
use crate::config::{ExecConfig, Identity};

/// An exec plugin and its cached credential.
#[derive(Debug)]
pub(crate) struct ExecAuth {
    config: ExecConfig,
    cached: Mutex<Option<Cached>>,
    /// The most output read from the plugin.
    max_output: u64,
}

/// The most a plugin may print: an ExecCredential is a few KiB.
const MAX_OUTPUT: u64 = 1 << 20;

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
            max_output: MAX_OUTPUT,
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
        let mut child = command.spawn().map_err(|source| AuthError::ExecSpawn {
            command: c.command.clone(),
            source,
            install_hint: c.install_hint.clone(),
        })?;
        let output = tokio::time::timeout(c.timeout, self.read_output(&mut child))
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
        let Some(output) = output else {
            return Err(AuthError::ExecOutput {
                command: c.command.clone(),
                problem: ExecOutputProblem::TooLong {
                    limit: self.max_output,
                },
            });
        };
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

    /// The plugin's exit status and output, each stream read up to the
    /// limit; `None` (the plugin killed) when stdout goes past it. Stderr
    /// past the limit is read and dropped, so the plugin never blocks on it.
    async fn read_output(
        &self,
        child: &mut tokio::process::Child,
    ) -> std::io::Result<Option<std::process::Output>> {
        use tokio::io::AsyncReadExt;
        let (Some(stdout), Some(mut stderr)) = (child.stdout.take(), child.stderr.take()) else {
            return Err(std::io::Error::other("the plugin's output is not piped"));
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let max = self.max_output;
        let read_out = async {
            let read = stdout.take(max + 1).read_to_end(&mut out).await;
            if out.len() as u64 > max {
                // It would block writing the rest: end it, which ends stderr too.
                child.start_kill()?;
            }
            read
        };
        let read_err = async {
            (&mut stderr).take(max).read_to_end(&mut err).await?;
            tokio::io::copy(&mut stderr, &mut tokio::io::sink()).await
        };
        let (read_out, read_err) = tokio::join!(read_out, read_err);
        read_out?;
        read_err?;
        let status = child.wait().await?;
        if out.len() as u64 > max {
            return Ok(None);
        }
        Ok(Some(std::process::Output {
            status,
            stdout: out,
            stderr: err,
        }))
    }

    fn parse(&self, stdout: &[u8]) -> Result<Cached, AuthError> {
        let bad = |problem: ExecOutputProblem| AuthError::ExecOutput {
            command: self.config.command.clone(),
            problem,
        };
        // serde_json's "invalid type" errors quote the value (a token, say), so only where it failed is told.
        let cred: ExecCredential = serde_json::from_slice(stdout).map_err(|e| {
            bad(ExecOutputProblem::Json {
                what: describe(&e),
                line: e.line(),
                column: e.column(),
            })
        })?;
        if cred.kind.as_deref() != Some("ExecCredential") {
            // What the plugin printed is not quoted: it may be a credential.
            return Err(bad(ExecOutputProblem::Kind));
        }
        if cred.api_version.as_deref() != Some(self.config.api_version.as_str()) {
            return Err(bad(ExecOutputProblem::ApiVersion {
                expected: self.config.api_version.clone(),
            }));
        }
        let status = cred
            .status
            .ok_or_else(|| bad(ExecOutputProblem::NoStatus))?;
        let authorization = match status.token.as_ref().filter(|t| !t.expose().is_empty()) {
            Some(token) => Some(bearer(token.expose())?),
            None => None,
        };
        let identity = match (&status.client_certificate_data, &status.client_key_data) {
            (Some(cert), Some(key)) => {
                let key = key.expose().as_bytes();
                // Some plugins hand out base64 of the PEM rather than the PEM.
                let engine = base64::engine::general_purpose::STANDARD;
                let identity = Identity::from_pem(cert.as_bytes(), key)
                    .or_else(
                        |pem_error| match (engine.decode(cert), engine.decode(key)) {
                            (Ok(cert), Ok(key)) => Identity::from_pem(&cert, &key),
                            _ => Err(pem_error),
                        },
                    )
                    .map_err(|e| bad(ExecOutputProblem::Certificate(e)))?;
                Some(Arc::new(identity))
            }
            (None, None) => None,
            _ => return Err(bad(ExecOutputProblem::CertificateWithoutKey)),
        };
        if authorization.is_none() && identity.is_none() {
            return Err(bad(ExecOutputProblem::NoCredentials));
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

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    const CREDENTIAL: &str = r#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}"#;

    /// An ExecAuth running `script` with sh, reading at most `max_output` bytes.
    #[test]
    fn a_wrong_kind_or_version_is_reported_without_quoting_it() {
        let secret = "zq7SECRETplanted9x";
        for output in [
            format!(
                r#"{{"apiVersion":"client.authentication.k8s.io/{secret}","kind":"ExecCredential","status":{{"token":"t"}}}}"#
            ),
            format!(
                r#"{{"apiVersion":"client.authentication.k8s.io/v1","kind":"{secret}","status":{{"token":"t"}}}}"#
            ),
        ] {
            let error = output_error(output.as_bytes()).expect("refused");
            assert!(!error.contains(secret), "{error}");
            assert!(
                error.contains("kind") || error.contains("apiVersion"),
                "{error}"
            );
        }
    }

    #[test]
    fn each_unusable_output_names_its_problem() {
        let auth = plugin("true", 1000);
        let problem = |output: &str| match auth.parse(output.as_bytes()) {
            Err(AuthError::ExecOutput { problem, .. }) => problem,
            other => panic!("{output}: want ExecOutput, got {other:?}"),
        };
        let v1 = r#""apiVersion":"client.authentication.k8s.io/v1""#;
        assert!(matches!(
            problem("not json"),
            ExecOutputProblem::Json {
                what: "not JSON",
                line: 1,
                ..
            }
        ));
        assert!(matches!(
            problem(r#"{"kind":"Secret"}"#),
            ExecOutputProblem::Kind
        ));
        assert!(matches!(
            problem(r#"{"kind":"ExecCredential","apiVersion":"v9"}"#),
            ExecOutputProblem::ApiVersion { expected } if expected == "client.authentication.k8s.io/v1"
        ));
        assert!(matches!(
            problem(&format!(r#"{{{v1},"kind":"ExecCredential"}}"#)),
            ExecOutputProblem::NoStatus
        ));
        assert!(matches!(
            problem(&format!(
                r#"{{{v1},"kind":"ExecCredential","status":{{}}}}"#
            )),
            ExecOutputProblem::NoCredentials
        ));
        assert!(matches!(
            problem(&format!(
                r#"{{{v1},"kind":"ExecCredential","status":{{"clientCertificateData":"x"}}}}"#
            )),
            ExecOutputProblem::CertificateWithoutKey
        ));
        assert!(matches!(
            problem(&format!(
                r#"{{{v1},"kind":"ExecCredential","status":{{"clientCertificateData":"x","clientKeyData":"y"}}}}"#
            )),
            ExecOutputProblem::Certificate(crate::config::PemError::NoCertificate)
        ));
    }

    fn plugin(script: &str, max_output: u64) -> ExecAuth {
        let mut auth = ExecAuth::new(ExecConfig {
            api_version: "client.authentication.k8s.io/v1".into(),
            command: "sh".into(),
            args: vec!["-c".into(), script.into()],
            env: Vec::new(),
            install_hint: None,
            interactive_mode: "Never".into(),
            cluster_info: None,
            timeout: Duration::from_secs(60),
        });
        auth.max_output = max_output;
        auth
    }

    #[tokio::test]
    async fn output_over_the_limit_is_refused() {
        let padded = format!("printf '%s' '{CREDENTIAL}'; head -c 2000 /dev/zero | tr '\\0' ' '");
        let err = plugin(&padded, 1000).credentials().await.unwrap_err();
        assert!(
            matches!(
                &err,
                AuthError::ExecOutput {
                    problem: ExecOutputProblem::TooLong { limit: 1000 },
                    ..
                }
            ),
            "{err:?}"
        );
        let limit = CREDENTIAL.len() as u64 + 2000;
        plugin(&padded, limit)
            .credentials()
            .await
            .expect("at the limit");
    }

    #[tokio::test]
    async fn endless_output_is_cut_off_not_waited_for() {
        let err = plugin("yes", 1000).credentials().await.unwrap_err();
        assert!(
            matches!(
                err,
                AuthError::ExecOutput {
                    problem: ExecOutputProblem::TooLong { .. },
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[tokio::test]
    async fn much_stderr_neither_blocks_nor_is_kept_whole() {
        let script =
            format!("head -c 200000 /dev/zero | tr '\\0' 'e' >&2; printf '%s' '{CREDENTIAL}'");
        plugin(&script, 1000)
            .credentials()
            .await
            .expect("credential");
        let script = "head -c 200000 /dev/zero | tr '\\0' 'e' >&2; exit 3";
        let err = plugin(script, 1000).credentials().await.unwrap_err();
        match err {
            AuthError::ExecFailed { stderr, .. } => assert!(stderr.len() <= STDERR_LIMIT + 3),
            other => panic!("{other:?}"),
        }
    }
}
