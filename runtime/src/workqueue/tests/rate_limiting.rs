//! The rate-limited queue end to end, in virtual time.

use std::time::Duration;

use tokio::time::Instant;

use super::ready_soon;
use crate::workqueue::{ItemExponentialFailureRateLimiter, RateLimitingQueue};

const MS: Duration = Duration::from_millis(1);

#[tokio::test(start_paused = true)]
async fn failed_key_is_retried_with_growing_backoff() {
    let q = RateLimitingQueue::new(ItemExponentialFailureRateLimiter::new(
        10 * MS,
        Duration::from_secs(1),
    ));
    q.add("a");
    let mut key = q.get().await.unwrap();
    let mut gaps = Vec::new();
    for _ in 0..4 {
        // The worker fails: put the key back rate limited.
        q.add_rate_limited(key);
        q.done(&key);
        let failed_at = Instant::now();
        key = q.get().await.unwrap();
        gaps.push(failed_at.elapsed());
    }
    assert_eq!(gaps, [10 * MS, 20 * MS, 40 * MS, 80 * MS]);
    assert_eq!(q.num_requeues(&"a"), 4);

    // Success: forget, and the next failure starts over.
    q.forget(&"a");
    q.done(&key);
    assert_eq!(q.num_requeues(&"a"), 0);
    let failed_at = Instant::now();
    q.add_rate_limited("a");
    assert_eq!(q.get().await, Some("a"));
    assert_eq!(failed_at.elapsed(), 10 * MS);
}

#[tokio::test(start_paused = true)]
async fn rate_limited_add_while_processing_waits_for_done() {
    let q = RateLimitingQueue::new(ItemExponentialFailureRateLimiter::new(
        10 * MS,
        Duration::from_secs(1),
    ));
    q.add(1);
    assert_eq!(q.get().await, Some(1));
    q.add_rate_limited(1);
    tokio::time::sleep(50 * MS).await;
    assert_eq!(q.len(), 0, "still in process");
    assert_eq!(ready_soon(q.get()).await, None);
    q.done(&1);
    assert_eq!(q.get().await, Some(1));
}

#[tokio::test(start_paused = true)]
async fn default_queue_backs_off_from_five_ms() {
    let q = RateLimitingQueue::with_default_rate_limiter();
    let start = Instant::now();
    q.add_rate_limited("a".to_owned());
    assert_eq!(q.get().await.as_deref(), Some("a"));
    assert_eq!(start.elapsed(), 5 * MS);
    assert_eq!(q.num_requeues(&"a".to_owned()), 1);
}

#[tokio::test(start_paused = true)]
async fn shutdown_stops_rate_limited_adds_and_wakes_workers() {
    let q = RateLimitingQueue::with_name("test", ItemExponentialFailureRateLimiter::default());
    assert_eq!(q.name(), Some("test"));
    let worker = tokio::spawn({
        let q = q.clone();
        async move { q.get().await }
    });
    q.add_rate_limited(3u8);
    q.shutdown();
    assert_eq!(worker.await.unwrap(), None);
    q.add_rate_limited(4);
    assert_eq!(q.waiting_len(), 1, "only the key added before shutdown");
    assert_eq!(q.get().await, None);
}
