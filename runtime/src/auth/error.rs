//! Errors while obtaining credentials.

use std::path::PathBuf;
use std::time::Duration;

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
    #[error("exec plugin {}: invalid ExecCredential: {message}", command.display())]
    ExecOutput {
        /// The plugin's command.
        command: PathBuf,
        /// What is wrong with the output.
        message: String,
    },
}

fn hint(install_hint: &Option<String>) -> String {
    match install_hint {
        Some(h) if !h.trim().is_empty() => format!("; install hint: {}", h.trim()),
        _ => String::new(),
    }
}
