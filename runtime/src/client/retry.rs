//! When a failed attempt is worth repeating, and how long to wait first:
//! 429 and 503 answers (honouring Retry-After), connections that never
//! opened, and connections dropped under an idempotent request.

use std::time::Duration;

use http::{HeaderMap, Method, StatusCode};

/// The longest wait a Retry-After header can impose.
const MAX_WAIT: Duration = Duration::from_secs(30);

/// The wait before retry number `attempt` (1-based) when the server gave no Retry-After.
pub(crate) fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(100u64 << attempt.saturating_sub(1).min(8))
}

/// The server asks the client to come back later.
pub(crate) fn is_throttled(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE
}

/// How long the server asked to wait (Retry-After in seconds), capped.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds: u64 = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(seconds).min(MAX_WAIT))
}

/// Whether a transport failure may be retried for `method`: a connection that
/// never opened always; one that dropped only when repeating the request is harmless.
pub(crate) fn is_retryable(method: &Method, err: &reqwest::Error) -> bool {
    if err.is_connect() {
        return true;
    }
    let idempotent = matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE
    );
    idempotent && was_dropped(err)
}

fn was_dropped(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(err);
    while let Some(e) = cause {
        if let Some(h) = e.downcast_ref::<hyper::Error>() {
            if h.is_incomplete_message() || h.is_canceled() {
                return true;
            }
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::*;
            if matches!(
                io.kind(),
                ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof
            ) {
                return true;
            }
        }
        cause = e.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles() {
        assert_eq!(backoff(1), Duration::from_millis(100));
        assert_eq!(backoff(2), Duration::from_millis(200));
        assert_eq!(backoff(3), Duration::from_millis(400));
    }

    #[test]
    fn retry_after_is_read_and_capped() {
        let mut h = HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert(http::header::RETRY_AFTER, "2".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        h.insert(http::header::RETRY_AFTER, "3600".parse().unwrap());
        assert_eq!(retry_after(&h), Some(MAX_WAIT));
        h.insert(
            http::header::RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&h), None);
    }
}
