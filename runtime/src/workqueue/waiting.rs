//! The keys waiting for their delay to pass, earliest first (client-go's
//! `waitForPriorityQueue` plus `waitingEntryByData`).

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};
use std::hash::Hash;

use tokio::time::Instant;

/// A min-heap of ready times with one live entry per key.
///
/// Moving a key earlier pushes a new heap entry and leaves the old one
/// stale; stale entries are skipped when they reach the top.
pub(super) struct Waiting<T> {
    heap: BinaryHeap<Reverse<Entry<T>>>,
    /// Each key's live entry: its ready time and sequence number.
    live: HashMap<T, (Instant, u64)>,
    next_seq: u64,
}

struct Entry<T> {
    at: Instant,
    /// Insertion order, so keys ready at the same time keep FIFO order.
    seq: u64,
    item: T,
}

impl<T> PartialEq for Entry<T> {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}

impl<T> Eq for Entry<T> {}

impl<T> PartialOrd for Entry<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> Ord for Entry<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.at, self.seq).cmp(&(other.at, other.seq))
    }
}

impl<T> Waiting<T> {
    /// How many keys wait.
    pub(super) fn len(&self) -> usize {
        self.live.len()
    }
}

impl<T: Clone + Eq + Hash> Waiting<T> {
    pub(super) fn new() -> Self {
        Self {
            heap: BinaryHeap::new(),
            live: HashMap::new(),
            next_seq: 0,
        }
    }

    /// Schedules `item` at `at`, unless it already waits for an earlier or
    /// equal time. Returns whether anything changed.
    pub(super) fn insert(&mut self, item: T, at: Instant) -> bool {
        if let Some(&(current, _)) = self.live.get(&item) {
            if current <= at {
                return false;
            }
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        self.live.insert(item.clone(), (at, seq));
        self.heap.push(Reverse(Entry { at, seq, item }));
        true
    }

    /// Removes and returns the keys whose time has come, earliest first.
    pub(super) fn pop_due(&mut self, now: Instant) -> Vec<T> {
        let mut due = Vec::new();
        while let Some(Reverse(top)) = self.heap.peek() {
            if top.at > now {
                break;
            }
            let Some(Reverse(entry)) = self.heap.pop() else {
                break;
            };
            if self.is_live(&entry) {
                self.live.remove(&entry.item);
                due.push(entry.item);
            }
        }
        due
    }

    /// The earliest live ready time, dropping stale entries on the way.
    pub(super) fn next_at(&mut self) -> Option<Instant> {
        while let Some(Reverse(top)) = self.heap.peek() {
            if self.is_live(top) {
                return Some(top.at);
            }
            self.heap.pop();
        }
        None
    }

    fn is_live(&self, entry: &Entry<T>) -> bool {
        self.live.get(&entry.item).map(|&(_, seq)| seq) == Some(entry.seq)
    }
}
