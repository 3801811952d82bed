//! Dedupe and one-worker-per-key behaviour of the base queue.

use super::ready_soon;
use crate::workqueue::WorkQueue;

#[tokio::test]
async fn dedupes_keys_waiting_for_a_worker() {
    let q = WorkQueue::new();
    q.add("a");
    q.add("a");
    q.add("b");
    assert_eq!(q.len(), 2);
    assert_eq!(q.get().await, Some("a"));
    assert_eq!(q.get().await, Some("b"));
    assert_eq!(q.len(), 0);
    assert!(q.is_empty());
}

#[tokio::test(start_paused = true)]
async fn key_in_process_is_not_handed_out_again_until_done() {
    let q = WorkQueue::new();
    q.add("a");
    assert_eq!(q.get().await, Some("a"));
    q.add("a");
    q.add("a");
    assert_eq!(q.len(), 0, "a key in process is not queued");
    assert_eq!(ready_soon(q.get()).await, None, "no second worker gets it");
    q.done(&"a");
    assert_eq!(q.len(), 1);
    assert_eq!(q.get().await, Some("a"));
    q.done(&"a");
    assert_eq!(q.len(), 0);
    assert_eq!(ready_soon(q.get()).await, None, "handed out only once");
}

#[tokio::test]
async fn re_added_while_processing_is_processed_again_after_done() {
    let q = WorkQueue::new();
    q.add(1);
    q.add(2);
    assert_eq!(q.get().await, Some(1));
    q.add(1);
    q.done(&1);
    assert_eq!(q.get().await, Some(2), "re-added key goes to the back");
    assert_eq!(q.get().await, Some(1));
    q.done(&1);
    q.done(&2);
    assert!(q.is_empty());
}

#[tokio::test]
async fn done_without_get_is_ignored() {
    let q = WorkQueue::new();
    q.add("a");
    q.done(&"a");
    assert_eq!(q.len(), 1, "a queued key is not queued twice");
    assert_eq!(q.get().await, Some("a"));
}

#[tokio::test(start_paused = true)]
async fn waiting_worker_wakes_on_add() {
    let q = WorkQueue::new();
    let worker = tokio::spawn({
        let q = q.clone();
        async move { q.get().await }
    });
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    assert!(!worker.is_finished());
    q.add(7);
    assert_eq!(worker.await.unwrap(), Some(7));
}

#[tokio::test]
async fn name_is_kept_and_shown() {
    let q = WorkQueue::<u8>::with_name("pods");
    assert_eq!(q.name(), Some("pods"));
    q.add(1);
    assert_eq!(
        format!("{q:?}"),
        r#"WorkQueue { name: Some("pods"), queued: 1, processing: 0, shutting_down: false }"#
    );
    assert_eq!(WorkQueue::<u8>::new().name(), None);
}
