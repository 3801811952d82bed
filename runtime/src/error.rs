//! The one error type of every call: the server's Status kept whole, and
//! transport, TLS, decode, auth and config failures kept apart.

use crate::auth::AuthError;
use crate::config::ConfigError;
use crate::meta::Status;

/// Any failure of a call to the API server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with an error status; its `Status` is kept whole.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The TLS handshake failed (unknown CA, wrong name, expired certificate ...).
    #[error("TLS handshake with {url} failed: {source}")]
    Tls {
        /// The server's URL.
        url: String,
        /// The TLS library's failure.
        #[source]
        source: BoxError,
    },
    /// The request could not be sent or its answer not read (connection refused, reset, timeout ...).
    #[error("request to {url} failed: {source}")]
    Transport {
        /// The request's URL.
        url: String,
        /// The underlying failure (see [`Error::is_connect`] and
        /// [`Error::is_transport_timeout`] to tell the usual ones apart).
        #[source]
        source: BoxError,
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
    /// An object or options could not be encoded as JSON; nothing was sent.
    #[error("cannot encode {what}: {source}")]
    Encode {
        /// What was being encoded, such as `ConfigMap` or `delete options`.
        what: String,
        /// The encoder's failure.
        #[source]
        source: serde_json::Error,
    },
    /// An object to write has no `metadata.name`; nothing was sent.
    #[error("the {kind} has no metadata.name")]
    MissingName {
        /// The object's kind.
        kind: String,
    },
    /// A request could not be assembled from its parts; nothing was sent.
    #[error("invalid request {uri}: {source}")]
    BuildRequest {
        /// The request's path and query.
        uri: String,
        /// What `http` refused.
        #[source]
        source: http::Error,
    },
    /// A header value holds characters HTTP does not allow; nothing was sent.
    #[error("invalid {header} header value {value:?}")]
    InvalidHeader {
        /// The header, such as `Impersonate-User`.
        header: &'static str,
        /// The refused value.
        value: String,
    },
    /// The proxy URL cannot be used.
    #[error("invalid proxy-url: {source}")]
    InvalidProxy {
        /// Why the HTTP stack refused it.
        #[source]
        source: BoxError,
    },
    /// A watch sent an event type the API does not define; the stream ends.
    #[error("unknown watch event type {event_type:?} in the watch of {url}")]
    UnknownWatchEvent {
        /// The event's `type`.
        event_type: String,
        /// The watch's URL.
        url: String,
    },
    /// A namespaced resource was used without a namespace.
    #[error("{resource} is namespaced: choose a namespace with .namespace(ns)")]
    NamespaceRequired {
        /// The resource, as `plural.version.group`.
        resource: String,
    },
    /// A cluster-scoped resource was given a namespace.
    #[error("{resource} is cluster-scoped: it cannot be used in namespace {namespace:?}")]
    NotNamespaced {
        /// The resource, as `plural.version.group`.
        resource: String,
        /// The namespace it was given.
        namespace: String,
    },
    /// What was typed does not map to exactly one resource.
    #[cfg(feature = "discovery")]
    #[error(transparent)]
    Map(#[from] crate::discovery::MapError),
    /// `exec` was called with no command.
    #[error("exec needs a command")]
    EmptyCommand,
    /// A port-forward asked for no ports, too many, or port 0.
    #[error("{problem}")]
    InvalidPorts {
        /// What is wrong with the ports.
        problem: PortsProblem,
    },
    /// A local port of a port-forward could not be listened on.
    #[error("listening on {address}: {source}")]
    Listen {
        /// The local address, such as `127.0.0.1:8080`.
        address: String,
        /// The socket's failure.
        #[source]
        source: std::io::Error,
    },
    /// A leader election's settings break a rule; nothing was started.
    #[error("leader election: {setting} {rule}")]
    LeaderElection {
        /// The setting at fault, such as `lease_duration`.
        setting: &'static str,
        /// The rule it breaks, such as `must be greater than renew_deadline`.
        rule: &'static str,
    },
    /// An exec, attach or port-forward stream broke the channel protocol or
    /// ended without the process's exit status (the connection dropped mid-stream).
    #[cfg(feature = "ws")]
    #[error("remote command: {0}")]
    Remote(#[from] crate::remote::RemoteError),
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
#[non_exhaustive]
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

/// What a port-forward's ports can have wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PortsProblem {
    /// No ports at all.
    #[error("port-forward needs at least one port")]
    Empty,
    /// More ports than one connection carries.
    #[error("port-forward needs 1 to {max} ports, got {count}")]
    TooMany {
        /// How many were given.
        count: usize,
        /// The most one connection carries.
        max: usize,
    },
    /// Port 0 is not a port.
    #[error("port 0 cannot be forwarded")]
    Zero,
}

/// A boxed error kept as a source without naming its crate's type.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

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

    /// The connection could not be opened (refused, unreachable, DNS ...).
    pub fn is_connect(&self) -> bool {
        self.transport_source().is_some_and(|e| e.is_connect())
    }

    /// The request timed out before the server answered (the client's own
    /// timeout; a server's 504 is [`Error::is_timeout`]).
    pub fn is_transport_timeout(&self) -> bool {
        self.transport_source().is_some_and(|e| e.is_timeout())
    }

    fn transport_source(&self) -> Option<&reqwest::Error> {
        match self {
            Error::Transport { source, .. } => source.downcast_ref(),
            _ => None,
        }
    }
}
