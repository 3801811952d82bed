//! The queue's metrics (client-go's set), counted in virtual time.

use std::sync::Arc;
use std::time::Duration;

use crate::metrics::recording::Recording;
use crate::workqueue::{ItemExponentialFailureRateLimiter, RateLimitingQueue};

#[tokio::test(start_paused = true)]
async fn adds_depth_latency_work_retries_and_unfinished_work_are_reported() {
    let q = RateLimitingQueue::with_name(
        "things",
        ItemExponentialFailureRateLimiter::new(Duration::from_secs(1), Duration::from_secs(8)),
    );
    let metrics = Arc::new(Recording::default());
    assert!(q.set_metrics(metrics.clone()));
    assert!(!q.set_metrics(Arc::new(Recording::default())), "set once");

    q.add("a");
    q.add("a"); // already waiting: not an add
    q.add("b");
    tokio::time::sleep(Duration::from_secs(3)).await;
    let a = q.get().await.unwrap();
    tokio::time::sleep(Duration::from_secs(2)).await;
    q.report_unfinished_work();
    q.add_rate_limited(a);
    q.done(&a);

    let lines = metrics.lines();
    assert_eq!(metrics.count("add things"), 2, "{lines:?}");
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("depth"))
            .collect::<Vec<_>>(),
        ["depth things 1", "depth things 2", "depth things 1"]
    );
    assert!(lines.contains(&"latency things 3s".to_owned()), "{lines:?}");
    assert!(
        lines.contains(&"unfinished things 2s 2s".to_owned()),
        "{lines:?}"
    );
    assert_eq!(metrics.count("retry things"), 1);
    assert!(lines.contains(&"work things 2s".to_owned()), "{lines:?}");
}

#[tokio::test(start_paused = true)]
async fn without_metrics_no_times_are_kept() {
    let q = RateLimitingQueue::with_name(
        "plain",
        ItemExponentialFailureRateLimiter::new(Duration::from_secs(1), Duration::from_secs(8)),
    );
    q.add("a");
    let a = q.get().await.unwrap();
    q.done(&a);
    let state = q.state();
    assert!(state.added_at.is_empty() && state.taken_at.is_empty());
}
