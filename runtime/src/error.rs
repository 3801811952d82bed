//! The one error type of every call: the server's Status kept whole, and
//! transport, TLS, decode, auth and config failures kept apart.

use crate::auth::AuthError;
use crate::config::ConfigError;
use crate::meta::Status;

/// Any failure of a call to the API server.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The server answered with an error status; its `Status` is kept whole.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The TLS handshake failed (unknown CA, wrong name, expired certificate ...).
    #[error("TLS handshake with {url} failed: {message}")]
    Tls {
        /// The server's URL.
        url: String,
        /// The cause, as rustls reports it.
        message: String,
    },
    /// The request could not be sent or its answer not read (connection refused, reset, timeout ...).
    #[error("request to {url} failed: {source}")]
    Transport {
        /// The request's URL.
        url: String,
        /// The underlying failure.
        #[source]
        source: reqwest::Error,
    },
    /// The answer is not the JSON that was expected.
    #[error("cannot decode {what}: {source}")]
    Decode {
        /// What was being decoded, such as `ConfigMap from GET /api/v1/...`.
        what: String,
        /// The parser's failure (it quotes no input).
        #[source]
        source: serde_json::Error,
    },
    /// Credentials could not be obtained.
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// The configuration is unusable.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The request could not be built (bad name, bad option ...).
    #[error("invalid request: {0}")]
    Request(String),
    /// An exec or attach stream broke the channel protocol or ended without
    /// the process's exit status (the connection dropped mid-stream).
    #[error("remote command: {0}")]
    Remote(String),
    /// A streamed answer (watch, log) has a line longer than
    /// [`MAX_LINE`](crate::watch::MAX_LINE): the stream ends.
    #[error(transparent)]
    LineTooLong(#[from] crate::watch::LineTooLong),
    /// A name, namespace or path would not stay in its collection once in a
    /// URL (see [`ResourcePath`](crate::request::ResourcePath) for the rule); nothing was sent.
    #[error("{what} {value:?} cannot be used in a URL path")]
    InvalidPath {
        /// Which part is at fault: `name`, `namespace`, `request path` ...
        what: String,
        /// The refused value.
        value: String,
    },
}

/// An error status from the API server.
#[derive(Clone, Debug, thiserror::Error)]
#[error("{method} {url}: {code} {}: {}", status.reason.as_deref().unwrap_or(""), status.message.as_deref().unwrap_or(""))]
pub struct ApiError {
    /// The HTTP status code.
    pub code: u16,
    /// The server's Status (synthesised from the body when it sent none).
    pub status: Status,
    /// The request's method.
    pub method: String,
    /// The request's URL.
    pub url: String,
}

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The server's answer, when this is an API error.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The server's Status, when this is an API error.
    pub fn status(&self) -> Option<&Status> {
        self.api().map(|e| &e.status)
    }

    fn code_or_reason(&self, code: u16, reason: &str) -> bool {
        self.api().is_some_and(|e| {
            e.code == code
                || e.status.code == Some(code)
                || e.status.reason.as_deref() == Some(reason)
        })
    }

    fn reason_is(&self, reason: &str) -> bool {
        self.status().and_then(|s| s.reason.as_deref()) == Some(reason)
    }

    /// 404 NotFound.
    pub fn is_not_found(&self) -> bool {
        self.code_or_reason(404, "NotFound")
    }
    /// 409 AlreadyExists: a create of a name that is taken.
    pub fn is_already_exists(&self) -> bool {
        self.reason_is("AlreadyExists")
    }
    /// 409 Conflict: an update with a stale resourceVersion.
    pub fn is_conflict(&self) -> bool {
        self.api().is_some_and(|e| e.code == 409) && !self.is_already_exists()
    }
    /// 403 Forbidden.
    pub fn is_forbidden(&self) -> bool {
        self.code_or_reason(403, "Forbidden")
    }
    /// 401 Unauthorized.
    pub fn is_unauthorized(&self) -> bool {
        self.code_or_reason(401, "Unauthorized")
    }
    /// 410 Gone (or Expired): a resourceVersion too old to watch or list from.
    pub fn is_gone(&self) -> bool {
        self.code_or_reason(410, "Gone") || self.reason_is("Expired")
    }
    /// 422 Invalid: the object failed validation.
    pub fn is_invalid(&self) -> bool {
        self.code_or_reason(422, "Invalid")
    }
    /// 504 Timeout, or a 500 ServerTimeout.
    pub fn is_timeout(&self) -> bool {
        self.code_or_reason(504, "Timeout") || self.reason_is("ServerTimeout")
    }
    /// 429 TooManyRequests.
    pub fn is_too_many_requests(&self) -> bool {
        self.code_or_reason(429, "TooManyRequests")
    }
    /// The TLS handshake failed.
    pub fn is_tls(&self) -> bool {
        matches!(self, Error::Tls { .. })
    }
}
