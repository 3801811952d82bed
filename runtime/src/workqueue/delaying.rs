//! Adding keys after a delay (client-go's `DelayingInterface`).

use std::fmt;
use std::hash::Hash;
use std::ops::Deref;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;
use tokio::time::{sleep_until, Instant};

use super::lock;
use super::queue::WorkQueue;
use super::waiting::Waiting;

/// The longest delay honoured (about 30 years); longer ones are clamped so
/// the deadline arithmetic cannot overflow.
const MAX_DELAY: Duration = Duration::from_secs(30 * 365 * 24 * 3600);

/// A [`WorkQueue`] that can also add keys after a delay.
///
/// One background task per queue, started on the first delayed add, moves
/// keys into the queue as their time comes; it stops on shutdown or when
/// the last clone is dropped. Dereferences to the [`WorkQueue`].
pub struct DelayingQueue<T> {
    queue: WorkQueue<T>,
    shared: Arc<Shared<T>>,
}

struct Shared<T> {
    waiting: Mutex<Slot<T>>,
    /// Wakes the background task: a new key, or the queue was dropped.
    wake: Arc<Notify>,
}

struct Slot<T> {
    waiting: Waiting<T>,
    /// The background task, once started; restarted if its runtime died.
    task: Option<JoinHandle<()>>,
}

impl<T> Drop for Shared<T> {
    fn drop(&mut self) {
        // The task holds only a weak reference; wake it so it sees that and
        // exits.
        self.wake.notify_one();
    }
}

impl<T> Clone for DelayingQueue<T> {
    fn clone(&self) -> Self {
        Self {
            queue: self.queue.clone(),
            shared: self.shared.clone(),
        }
    }
}

impl<T> fmt::Debug for DelayingQueue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DelayingQueue")
            .field("queue", &self.queue)
            .field("waiting", &lock(&self.shared.waiting).waiting.len())
            .finish()
    }
}

impl<T> Deref for DelayingQueue<T> {
    type Target = WorkQueue<T>;

    fn deref(&self) -> &WorkQueue<T> {
        &self.queue
    }
}

impl<T: Clone + Eq + Hash + Send + Sync + 'static> Default for DelayingQueue<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Clone + Eq + Hash + Send + Sync + 'static> DelayingQueue<T> {
    /// An empty, unnamed queue.
    pub fn new() -> Self {
        Self::from_queue(WorkQueue::new())
    }

    /// An empty queue whose name appears in its tracing events.
    pub fn with_name(name: impl Into<String>) -> Self {
        Self::from_queue(WorkQueue::with_name(name))
    }

    /// Adds delaying on top of `queue`; keys land in it when due.
    pub fn from_queue(queue: WorkQueue<T>) -> Self {
        let slot = Slot {
            waiting: Waiting::new(),
            task: None,
        };
        Self {
            queue,
            shared: Arc::new(Shared {
                waiting: Mutex::new(slot),
                wake: Arc::new(Notify::new()),
            }),
        }
    }

    /// The underlying queue.
    pub fn queue(&self) -> &WorkQueue<T> {
        &self.queue
    }

    /// Adds `item` once `delay` has passed; a zero delay adds it now. If the
    /// key already waits, the earlier of the two times wins. Ignored once
    /// shutting down.
    ///
    /// # Panics
    ///
    /// On the first non-zero delay, if called outside a Tokio runtime (the
    /// background task is spawned then).
    pub fn add_after(&self, item: T, delay: Duration) {
        if self.queue.is_shutting_down() {
            return;
        }
        if delay.is_zero() {
            self.queue.add(item);
            return;
        }
        let at = Instant::now() + delay.min(MAX_DELAY);
        let mut slot = lock(&self.shared.waiting);
        if !slot.waiting.insert(item, at) {
            return;
        }
        if slot.task.as_ref().is_some_and(|task| !task.is_finished()) {
            drop(slot);
            self.shared.wake.notify_one();
            return;
        }
        slot.task = Some(tokio::spawn(waiting_loop(
            self.queue.clone(),
            Arc::downgrade(&self.shared),
            self.shared.wake.clone(),
            self.queue.shutdown_signal(),
        )));
    }

    /// How many keys wait for their delay to pass.
    pub fn waiting_len(&self) -> usize {
        lock(&self.shared.waiting).waiting.len()
    }
}

/// Moves due keys into `queue` until shutdown or until `shared` is gone.
async fn waiting_loop<T: Clone + Eq + Hash + Send + Sync + 'static>(
    queue: WorkQueue<T>,
    shared: Weak<Shared<T>>,
    wake: Arc<Notify>,
    mut shut: watch::Receiver<bool>,
) {
    loop {
        let next = {
            let Some(shared) = shared.upgrade() else {
                return;
            };
            let (due, next) = {
                let mut slot = lock(&shared.waiting);
                let due = slot.waiting.pop_due(Instant::now());
                (due, slot.waiting.next_at())
            };
            for item in due {
                queue.add(item);
            }
            next
        };
        let sleep = async {
            match next {
                Some(at) => sleep_until(at).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            () = sleep => {}
            () = wake.notified() => {}
            _ = shut.wait_for(|shut| *shut) => {
                tracing::trace!(queue = queue.name(), "delaying loop stopped");
                return;
            }
        }
    }
}
