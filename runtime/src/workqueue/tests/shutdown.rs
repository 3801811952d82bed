//! Shutdown and drain.

use std::time::Duration;

use super::ready_soon;
use crate::workqueue::WorkQueue;

#[tokio::test(start_paused = true)]
async fn shutdown_wakes_every_waiting_worker_with_none() {
    let q = WorkQueue::<u32>::new();
    let workers: Vec<_> = (0..3)
        .map(|_| {
            let q = q.clone();
            tokio::spawn(async move { q.get().await })
        })
        .collect();
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(workers.iter().all(|w| !w.is_finished()), "all waiting");
    q.shutdown();
    for worker in workers {
        assert_eq!(worker.await.unwrap(), None);
    }
    assert!(q.is_shutting_down());
}

#[tokio::test]
async fn adds_after_shutdown_are_ignored() {
    let q = WorkQueue::new();
    q.shutdown();
    q.add("a");
    assert_eq!(q.len(), 0);
    assert_eq!(q.get().await, None);
}

#[tokio::test]
async fn queued_keys_are_still_handed_out_after_shutdown() {
    let q = WorkQueue::new();
    q.add("a");
    q.add("b");
    q.shutdown();
    assert_eq!(q.get().await, Some("a"));
    assert_eq!(q.get().await, Some("b"));
    assert_eq!(q.get().await, None);
}

#[tokio::test]
async fn key_re_added_before_shutdown_is_requeued_on_done() {
    let q = WorkQueue::new();
    q.add("a");
    assert_eq!(q.get().await, Some("a"));
    q.add("a");
    q.shutdown();
    q.done(&"a");
    assert_eq!(q.get().await, Some("a"));
    q.done(&"a");
    assert_eq!(q.get().await, None);
}

#[tokio::test(start_paused = true)]
async fn shutdown_with_drain_waits_for_done() {
    let q = WorkQueue::new();
    q.add("a");
    q.add("b");
    assert_eq!(q.get().await, Some("a"));
    assert_eq!(q.get().await, Some("b"));
    let drain = tokio::spawn({
        let q = q.clone();
        async move { q.shutdown_with_drain().await }
    });
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(q.is_shutting_down());
    assert!(!drain.is_finished());
    q.add("c");
    assert_eq!(q.len(), 0, "no adds while draining");
    q.done(&"a");
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(!drain.is_finished(), "b is still in process");
    q.done(&"b");
    assert_eq!(ready_soon(drain).await.map(Result::unwrap), Some(()));
    assert_eq!(q.get().await, None);
}

#[tokio::test]
async fn shutdown_with_drain_returns_at_once_when_idle() {
    let q = WorkQueue::<u8>::new();
    q.shutdown_with_drain().await;
    assert!(q.is_shutting_down());
}

#[tokio::test(start_paused = true)]
async fn plain_shutdown_releases_a_drain() {
    let q = WorkQueue::new();
    q.add(1);
    assert_eq!(q.get().await, Some(1));
    let drain = tokio::spawn({
        let q = q.clone();
        async move { q.shutdown_with_drain().await }
    });
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(!drain.is_finished());
    q.shutdown();
    assert_eq!(ready_soon(drain).await.map(Result::unwrap), Some(()));
}
