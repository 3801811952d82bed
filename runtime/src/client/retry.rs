//! When a failed attempt is worth repeating, and how long to wait first, as
//! client-go decides: a request that may have done something is repeated
//! only when that is harmless or the server asked for it. Any request after
//! a 429 (which did nothing) or when the connection never opened; a 503
//! when the server sent Retry-After, or for a read, replace or delete; a
//! connection dropped mid-request only under a read (GET, HEAD, OPTIONS),
//! since a create, patch, replace or delete may already have been applied.

use std::time::Duration;

use http::{HeaderMap, Method, StatusCode};

/// The longest wait a Retry-After header can impose.
const MAX_WAIT: Duration = Duration::from_secs(30);

/// The wait before retry number `attempt` (1-based) when the server gave no Retry-After.
pub(crate) fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(100u64 << attempt.saturating_sub(1).min(8))
}

/// Whether an answer of `status` may be retried for `method`: a 429 always
/// (the request was not processed); a 503 when the server sent Retry-After or
/// repeating the request is harmless. A POST or PATCH answered 503 without
/// Retry-After may have been applied (a `generateName` create, a JSON-patch
/// `add`), so it is not repeated.
pub(crate) fn may_retry_status(method: &Method, status: StatusCode, headers: &HeaderMap) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS
        || (status == StatusCode::SERVICE_UNAVAILABLE
            && (is_idempotent(method) || headers.contains_key(http::header::RETRY_AFTER)))
}

/// Methods that do the same when sent twice.
fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE
    )
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
/// never opened always; one that dropped mid-request only under a read, as the
/// server may have applied a write (even a PUT or DELETE) before it dropped.
pub(crate) fn is_retryable(method: &Method, err: &reqwest::Error) -> bool {
    if err.is_connect() {
        return true;
    }
    let read = matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    read && was_dropped(err)
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
    fn writes_are_retried_only_when_the_server_says_so() {
        let none = HeaderMap::new();
        let mut asked = HeaderMap::new();
        asked.insert(http::header::RETRY_AFTER, "1".parse().unwrap());
        let (busy, unavailable) = (
            StatusCode::TOO_MANY_REQUESTS,
            StatusCode::SERVICE_UNAVAILABLE,
        );
        for method in [Method::POST, Method::PATCH] {
            assert!(may_retry_status(&method, busy, &none), "{method}");
            assert!(may_retry_status(&method, unavailable, &asked), "{method}");
            assert!(!may_retry_status(&method, unavailable, &none), "{method}");
        }
        for method in [Method::GET, Method::PUT, Method::DELETE] {
            assert!(may_retry_status(&method, unavailable, &none), "{method}");
        }
        assert!(!may_retry_status(
            &Method::GET,
            StatusCode::INTERNAL_SERVER_ERROR,
            &asked
        ));
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
