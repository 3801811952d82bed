//! Many workers over many keys: every key processed, none concurrently.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::workqueue::WorkQueue;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_workers_never_share_a_key() {
    const KEYS: u32 = 50;
    const ADDS: u32 = 1_000;
    let q = WorkQueue::new();
    let in_process = Arc::new(Mutex::new(HashSet::new()));
    let processed = Arc::new(Mutex::new(HashMap::<u32, u32>::new()));
    let peak = Arc::new(Mutex::new(0));

    let workers: Vec<_> = (0..8)
        .map(|_| {
            let q = q.clone();
            let in_process = in_process.clone();
            let processed = processed.clone();
            let peak = peak.clone();
            tokio::spawn(async move {
                while let Some(key) = q.get().await {
                    {
                        let mut in_process = crate::poison::lock(&in_process);
                        assert!(in_process.insert(key), "{key} held twice");
                        let mut peak = crate::poison::lock(&peak);
                        *peak = (*peak).max(in_process.len());
                    }
                    tokio::time::sleep(Duration::from_micros(500)).await;
                    assert!(crate::poison::lock(&in_process).remove(&key));
                    *crate::poison::lock(&processed).entry(key).or_default() += 1;
                    q.done(&key);
                }
            })
        })
        .collect();

    for i in 0..ADDS {
        q.add(i % KEYS);
        tokio::task::yield_now().await;
        if i % 20 == 0 {
            // Let workers take keys, so later adds hit keys in process.
            tokio::time::sleep(Duration::from_micros(500)).await;
        }
    }
    q.shutdown();
    for worker in workers {
        worker.await.unwrap();
    }

    let processed = crate::poison::lock(&processed);
    assert_eq!(processed.len(), KEYS as usize, "every key processed");
    let total: u32 = processed.values().sum();
    assert!((KEYS..=ADDS).contains(&total), "total {total}");
    eprintln!(
        "DEBUG total {total} max {}",
        processed.values().max().unwrap()
    );
    assert!(crate::poison::lock(&in_process).is_empty());
    assert!(q.is_empty());
}
