//! add_after, in virtual time.

use std::time::Duration;

use tokio::time::{advance, Instant};

use super::ready_soon;
use crate::workqueue::DelayingQueue;

/// Lets the background task run after a time jump.
async fn settle() {
    for _ in 0..5 {
        tokio::task::yield_now().await;
    }
}

#[tokio::test(start_paused = true)]
async fn key_appears_only_once_its_delay_passes() {
    let q = DelayingQueue::new();
    let start = Instant::now();
    q.add_after("a", Duration::from_millis(100));
    settle().await;
    assert_eq!(q.len(), 0);
    assert_eq!(q.waiting_len(), 1);
    advance(Duration::from_millis(99)).await;
    settle().await;
    assert_eq!(q.len(), 0, "not before the delay");
    advance(Duration::from_millis(1)).await;
    settle().await;
    assert_eq!(q.len(), 1, "visible once the delay passed");
    assert_eq!(q.waiting_len(), 0);
    assert_eq!(q.get().await, Some("a"));
    assert_eq!(start.elapsed(), Duration::from_millis(100));
}

#[tokio::test(start_paused = true)]
async fn get_waits_exactly_the_delay() {
    let q = DelayingQueue::new();
    let start = Instant::now();
    q.add_after(1, Duration::from_secs(5));
    assert_eq!(q.get().await, Some(1));
    assert_eq!(start.elapsed(), Duration::from_secs(5));
}

#[tokio::test(start_paused = true)]
async fn zero_delay_adds_now() {
    let q = DelayingQueue::new();
    q.add_after("a", Duration::ZERO);
    assert_eq!(q.len(), 1);
    assert_eq!(q.waiting_len(), 0);
}

#[tokio::test(start_paused = true)]
async fn shorter_re_add_wins() {
    let q = DelayingQueue::new();
    let start = Instant::now();
    q.add_after("a", Duration::from_secs(10));
    q.add_after("a", Duration::from_secs(2));
    q.add_after("a", Duration::from_secs(5));
    assert_eq!(q.waiting_len(), 1);
    assert_eq!(q.get().await, Some("a"));
    assert_eq!(start.elapsed(), Duration::from_secs(2));
    q.done(&"a");
    advance(Duration::from_secs(20)).await;
    settle().await;
    assert_eq!(q.len(), 0, "the longer schedules were dropped");
}

#[tokio::test(start_paused = true)]
async fn keys_come_out_in_ready_order() {
    let q = DelayingQueue::new();
    q.add_after("c", Duration::from_millis(30));
    q.add_after("a", Duration::from_millis(10));
    q.add_after("b", Duration::from_millis(20));
    q.add_after("b2", Duration::from_millis(20));
    assert_eq!(q.get().await, Some("a"));
    assert_eq!(q.get().await, Some("b"));
    assert_eq!(q.get().await, Some("b2"));
    assert_eq!(q.get().await, Some("c"));
}

#[tokio::test(start_paused = true)]
async fn delayed_key_dedupes_with_a_queued_one() {
    let q = DelayingQueue::new();
    q.add("a");
    q.add_after("a", Duration::from_millis(10));
    advance(Duration::from_millis(10)).await;
    settle().await;
    assert_eq!(q.len(), 1);
}

#[tokio::test(start_paused = true)]
async fn add_after_while_shut_down_is_ignored() {
    let q = DelayingQueue::new();
    q.shutdown();
    q.add_after("a", Duration::from_millis(10));
    q.add_after("b", Duration::ZERO);
    assert_eq!(q.waiting_len(), 0);
    advance(Duration::from_millis(20)).await;
    settle().await;
    assert_eq!(q.len(), 0);
    assert_eq!(q.get().await, None);
}

#[tokio::test(start_paused = true)]
async fn shutdown_drops_keys_still_waiting() {
    let q = DelayingQueue::new();
    q.add_after("a", Duration::from_millis(10));
    settle().await;
    q.shutdown();
    assert_eq!(ready_soon(q.get()).await, Some(None));
    assert_eq!(q.len(), 0);
}

#[tokio::test(start_paused = true)]
async fn huge_delay_does_not_overflow() {
    let q = DelayingQueue::new();
    q.add_after("a", Duration::MAX);
    assert_eq!(ready_soon(q.get()).await, None);
    assert_eq!(q.waiting_len(), 1);
}

fn alive_tasks() -> usize {
    tokio::runtime::Handle::current()
        .metrics()
        .num_alive_tasks()
}

#[tokio::test(start_paused = true)]
async fn background_task_stops_when_the_queue_is_dropped() {
    let q = DelayingQueue::new();
    q.add_after("a", Duration::from_secs(1));
    q.add_after("b", Duration::from_secs(2));
    settle().await;
    assert_eq!(alive_tasks(), 1, "one task per queue");
    drop(q);
    settle().await;
    assert_eq!(alive_tasks(), 0);
}

#[tokio::test(start_paused = true)]
async fn background_task_stops_on_shutdown() {
    let q = DelayingQueue::new();
    q.add_after("a", Duration::from_secs(1));
    settle().await;
    assert_eq!(alive_tasks(), 1);
    q.shutdown();
    settle().await;
    assert_eq!(alive_tasks(), 0);
}

#[test]
fn background_task_restarts_in_a_new_runtime() {
    let runtime = || {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap()
    };
    let q = DelayingQueue::new();
    runtime().block_on(async {
        q.add_after("a", Duration::from_secs(1));
        assert_eq!(q.get().await, Some("a"));
        q.done(&"a");
        q.add_after("b", Duration::from_secs(1));
    });
    // The first runtime, and its task, are gone.
    runtime().block_on(async {
        // Each paused runtime has its own clock, so only the set is certain.
        q.add_after("c", Duration::from_secs(1));
        let mut got = [q.get().await, q.get().await];
        got.sort();
        assert_eq!(got, [Some("b"), Some("c")]);
    });
}
