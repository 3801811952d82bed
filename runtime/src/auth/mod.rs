//! Credentials for each request: fixed tokens, rotating token files, basic
//! auth and exec plugins, refreshed on expiry or when the server answers 401.

mod error;
mod exec;
mod token_file;

use std::sync::Arc;

use base64::Engine;
use http::HeaderValue;

pub use error::{AuthError, ExecOutputProblem};
pub(crate) use exec::output_error as exec_output_error;

use crate::config::{AuthConfig, Identity};
use exec::ExecAuth;
use token_file::TokenFile;

/// What a request carries to prove who sends it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Credentials {
    /// The `Authorization` header, marked sensitive.
    pub authorization: Option<HeaderValue>,
    /// A client certificate handed out by an exec plugin.
    pub identity: Option<Arc<Identity>>,
}

/// Produces the credentials of every request from an [`AuthConfig`].
#[derive(Debug)]
pub(crate) enum Authenticator {
    Fixed(Option<HeaderValue>),
    TokenFile(TokenFile),
    Exec(ExecAuth),
}

impl Authenticator {
    pub(crate) fn new(config: &AuthConfig) -> Result<Self, AuthError> {
        Ok(match config {
            AuthConfig::None => Self::Fixed(None),
            AuthConfig::Token(token) => Self::Fixed(Some(bearer(token.expose())?)),
            AuthConfig::Basic { username, password } => {
                let raw = format!("{username}:{}", password.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(raw);
                Self::Fixed(Some(sensitive(&format!("Basic {encoded}"))?))
            }
            AuthConfig::TokenFile { path, refresh } => {
                Self::TokenFile(TokenFile::new(path.clone(), *refresh))
            }
            AuthConfig::Exec(exec) => Self::Exec(ExecAuth::new(exec.clone())),
        })
    }

    /// The credentials for the next request, fetched or re-read when stale.
    pub(crate) async fn credentials(&self) -> Result<Credentials, AuthError> {
        match self {
            Self::Fixed(header) => Ok(Credentials {
                authorization: header.clone(),
                identity: None,
            }),
            Self::TokenFile(file) => Ok(Credentials {
                authorization: Some(bearer(file.token().await?.expose())?),
                identity: None,
            }),
            Self::Exec(exec) => exec.credentials().await,
        }
    }

    /// Drops cached credentials after a 401; true when fetching again may help.
    pub(crate) async fn invalidate(&self) -> bool {
        match self {
            Self::Fixed(_) => false,
            Self::TokenFile(file) => {
                file.invalidate().await;
                true
            }
            Self::Exec(exec) => {
                exec.invalidate().await;
                true
            }
        }
    }
}

fn bearer(token: &str) -> Result<HeaderValue, AuthError> {
    sensitive(&format!("Bearer {}", token.trim()))
}

fn sensitive(value: &str) -> Result<HeaderValue, AuthError> {
    let mut header = HeaderValue::from_str(value).map_err(|_| AuthError::InvalidToken)?;
    header.set_sensitive(true);
    Ok(header)
}
