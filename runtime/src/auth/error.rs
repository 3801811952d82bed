//! Errors while obtaining credentials.

use std::path::PathBuf;
use std::time::Duration;

use crate::config::PemError;

/// Why credentials could not be obtained. No variant carries a secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// A token file could not be read.
    #[error("cannot read token file {}: {source}", path.display())]
    TokenFile {
        /// The file.
        path: PathBuf,
        /// The I/O failure.
        source: std::io::Error,
    },
    /// A token holds characters an HTTP header cannot carry.
    #[error("the token contains characters that are not allowed in an HTTP header")]
    InvalidToken,
    /// The exec plugin could not be started.
    #[error("exec plugin {}: cannot run: {source}{}", command.display(), hint(install_hint))]
    ExecSpawn {
        /// The plugin's command.
        command: PathBuf,
        /// Why it could not start.
        source: std::io::Error,
        /// The kubeconfig's installHint.
        install_hint: Option<String>,
    },
    /// The exec plugin exited with an error.
    #[error("exec plugin {} failed ({status}): {stderr}{}", command.display(), hint(install_hint))]
    ExecFailed {
        /// The plugin's command.
        command: PathBuf,
        /// How it exited.
        status: String,
        /// What it wrote to stderr (truncated).
        stderr: String,
        /// The kubeconfig's installHint.
        install_hint: Option<String>,
    },
    /// The exec plugin did not finish in time.
    #[error("exec plugin {} did not finish within {timeout:?}{}", command.display(), hint(install_hint))]
    ExecTimeout {
        /// The plugin's command.
        command: PathBuf,
        /// How long it was given.
        timeout: Duration,
        /// The kubeconfig's installHint.
        install_hint: Option<String>,
    },
    /// The exec plugin printed something that is not a usable ExecCredential.
    #[error("exec plugin {}: invalid ExecCredential: {problem}", command.display())]
    ExecOutput {
        /// The plugin's command.
        command: PathBuf,
        /// What is wrong with the output.
        #[source]
        problem: ExecOutputProblem,
    },
}

/// What is wrong with an exec plugin's output. What the plugin printed is
/// never quoted: it may be a credential.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExecOutputProblem {
    /// More output than is read from a plugin.
    #[error("more than {limit} bytes of output")]
    TooLong {
        /// The most that is read.
        limit: u64,
    },
    /// The output is not JSON of the ExecCredential's shape. The JSON
    /// parser's own error is not kept: it quotes values.
    #[error("{what} at line {line} column {column}")]
    Json {
        /// What failed, such as `not JSON` or `JSON ends too soon`.
        what: &'static str,
        /// The line it failed on.
        line: usize,
        /// The column it failed at.
        column: usize,
    },
    /// `kind` is not `ExecCredential`.
    #[error("kind is not \"ExecCredential\"")]
    Kind,
    /// `apiVersion` is not the one the kubeconfig asks for.
    #[error("apiVersion is not {expected:?}, the version the kubeconfig asks for")]
    ApiVersion {
        /// The kubeconfig's apiVersion.
        expected: String,
    },
    /// There is no `status`.
    #[error("no status")]
    NoStatus,
    /// Only one of `clientCertificateData` and `clientKeyData` is set.
    #[error("clientCertificateData and clientKeyData must be set together")]
    CertificateWithoutKey,
    /// The client certificate or key is not usable PEM (nor base64 of PEM).
    #[error("clientCertificateData/clientKeyData: {0}")]
    Certificate(#[source] PemError),
    /// The status holds neither a token nor a client certificate.
    #[error("status has neither a token nor a client certificate")]
    NoCredentials,
}

fn hint(install_hint: &Option<String>) -> String {
    match install_hint {
        Some(h) if !h.trim().is_empty() => format!("; install hint: {}", h.trim()),
        _ => String::new(),
    }
}
