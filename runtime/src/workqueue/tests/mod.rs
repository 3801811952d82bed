//! Unit tests for the work queue, one file per part.

mod concurrency;
mod delaying;
mod limiters;
mod metrics;
mod queue;
mod rate_limiting;
mod shutdown;

use std::future::Future;
use std::time::Duration;

/// Whether `fut` finishes within 10 ms of (virtual) time.
async fn ready_soon<F: Future>(fut: F) -> Option<F::Output> {
    tokio::time::timeout(Duration::from_millis(10), fut)
        .await
        .ok()
}
