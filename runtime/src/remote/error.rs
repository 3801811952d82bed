//! How an exec, attach or port-forward stream failed after it was asked for.

/// A failure of a Pod's stream: the upgrade, the channel protocol, or the
/// connection under it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RemoteError {
    /// The server answered a success that is not `101 Switching Protocols`.
    #[error("the server answered HTTP {status} instead of switching protocols")]
    NotUpgraded {
        /// The HTTP status code.
        status: u16,
    },
    /// The `Sec-WebSocket-Accept` answer does not match the key sent.
    #[error("the server's WebSocket handshake does not match the request")]
    HandshakeMismatch,
    /// The server chose a subprotocol that was not offered.
    #[error("the server chose an unsupported protocol {protocol:?}")]
    UnsupportedProtocol {
        /// The protocol it chose.
        protocol: String,
    },
    /// The WebSocket connection failed mid-stream.
    #[error("connection lost: {source}")]
    ConnectionLost {
        /// The WebSocket layer's failure.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The connection closed before the command's exit status arrived.
    #[error("the connection closed before the command's exit status arrived")]
    NoExitStatus,
    /// The exit status message is longer than any real one.
    #[error("the exit status is too long")]
    ExitStatusTooLong,
    /// The command has ended, so it can no longer be resized.
    #[error("the command has ended")]
    Ended,
    /// A one-time result (`exit status`, `forward's end`) was already taken.
    #[error("the {what} was already taken")]
    AlreadyTaken {
        /// What was taken.
        what: &'static str,
    },
    /// The task that drives the connection stopped without a result.
    #[error("the connection task ended")]
    TaskEnded,
}

impl RemoteError {
    /// A lost connection, keeping the WebSocket error as the source.
    pub(crate) fn lost(source: tokio_tungstenite::tungstenite::Error) -> Self {
        RemoteError::ConnectionLost {
            source: Box::new(source),
        }
    }
}
