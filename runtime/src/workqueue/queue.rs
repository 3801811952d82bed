//! The base queue (client-go's `workqueue.Type`).

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::{watch, Notify};
use tokio::time::Instant;

use super::lock;
use crate::metrics::{Metrics, MetricsSlot};

/// A queue of keys for controller workers.
///
/// A key added many times before a worker takes it is handed out once; a key
/// added while a worker holds it is handed out again only after that worker
/// calls [`done`](Self::done), so no two workers ever hold the same key.
/// Clones share the same queue.
pub struct WorkQueue<T> {
    inner: Arc<Inner<T>>,
}

struct Inner<T> {
    name: Option<String>,
    state: Mutex<State<T>>,
    /// One notification per key made ready, so one waiting `get` wakes.
    ready: Notify,
    /// Wakes `shutdown_with_drain` when the last key in process is done.
    idle: Notify,
    /// Turns true on shutdown, so background tasks can stop.
    shut: watch::Sender<bool>,
    metrics: MetricsSlot,
}

pub(super) struct State<T> {
    /// Keys ready for a worker, in order.
    queue: VecDeque<T>,
    /// Keys that need processing: queued ones and ones re-added in process.
    dirty: HashSet<T>,
    /// Keys a worker holds.
    processing: HashSet<T>,
    shutting_down: bool,
    drain: bool,
    /// When each dirty key was added, and when each held key was taken;
    /// kept only while metrics are installed.
    pub(super) added_at: HashMap<T, Instant>,
    pub(super) taken_at: HashMap<T, Instant>,
}

impl<T> Clone for WorkQueue<T> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
        }
    }
}

impl<T> fmt::Debug for WorkQueue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = lock(&self.inner.state);
        f.debug_struct("WorkQueue")
            .field("name", &self.inner.name)
            .field("queued", &state.queue.len())
            .field("processing", &state.processing.len())
            .field("shutting_down", &state.shutting_down)
            .finish()
    }
}

impl<T: Clone + Eq + Hash + Send + Sync + 'static> Default for WorkQueue<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Clone + Eq + Hash + Send + Sync + 'static> WorkQueue<T> {
    /// An empty, unnamed queue.
    pub fn new() -> Self {
        Self::build(None)
    }

    /// An empty queue whose name appears in its tracing events.
    pub fn with_name(name: impl Into<String>) -> Self {
        Self::build(Some(name.into()))
    }

    fn build(name: Option<String>) -> Self {
        let state = State {
            queue: VecDeque::new(),
            dirty: HashSet::new(),
            processing: HashSet::new(),
            shutting_down: false,
            drain: false,
            added_at: HashMap::new(),
            taken_at: HashMap::new(),
        };
        Self {
            inner: Arc::new(Inner {
                name,
                state: Mutex::new(state),
                ready: Notify::new(),
                idle: Notify::new(),
                shut: watch::Sender::new(false),
                metrics: MetricsSlot::default(),
            }),
        }
    }

    /// The name given at construction, for logs.
    pub fn name(&self) -> Option<&str> {
        self.inner.name.as_deref()
    }

    pub(super) fn state(&self) -> MutexGuard<'_, State<T>> {
        lock(&self.inner.state)
    }

    /// Reports this queue's depth, adds, latency, work duration, retries and
    /// unfinished work to `metrics`, under the queue's name (`""` when
    /// unnamed). False when metrics were installed already.
    pub fn set_metrics(&self, metrics: Arc<dyn Metrics>) -> bool {
        self.inner.metrics.set(metrics)
    }

    /// The metrics installed with [`set_metrics`](Self::set_metrics).
    pub fn metrics(&self) -> Option<&Arc<dyn Metrics>> {
        self.inner.metrics.get()
    }

    fn label(&self) -> &str {
        self.name().unwrap_or("")
    }

    /// Reports the work in process now: held keys' time held so far, summed,
    /// and the longest. Called as keys finish and by controllers on a timer.
    pub fn report_unfinished_work(&self) {
        let Some(metrics) = self.metrics() else {
            return;
        };
        let now = Instant::now();
        let (total, longest) = {
            let state = self.state();
            state
                .taken_at
                .values()
                .map(|taken| now - *taken)
                .fold((Duration::ZERO, Duration::ZERO), |(sum, max), held| {
                    (sum + held, max.max(held))
                })
        };
        metrics.unfinished_work(self.label(), total, longest);
    }

    /// Marks `item` as needing processing. Ignored once shutting down; a key
    /// already waiting is not queued twice, and a key in process is queued
    /// again only when its worker calls [`done`](Self::done).
    pub fn add(&self, item: T) {
        let mut state = self.state();
        if state.shutting_down {
            tracing::trace!(queue = self.name(), "add ignored: queue is shutting down");
            return;
        }
        if state.dirty.contains(&item) {
            return;
        }
        state.dirty.insert(item.clone());
        if let Some(metrics) = self.metrics() {
            metrics.queue_add(self.label());
            metrics.queue_depth(self.label(), state.dirty.len());
            state.added_at.insert(item.clone(), Instant::now());
        }
        if state.processing.contains(&item) {
            return;
        }
        state.queue.push_back(item);
        drop(state);
        self.inner.ready.notify_one();
    }

    /// Waits for a key and hands it to the caller, who must call
    /// [`done`](Self::done) with it afterwards. Keys still queued at shutdown
    /// are handed out first; `None` means the queue is shut down and empty.
    /// Cancel-safe: a key is taken only when this returns.
    pub async fn get(&self) -> Option<T> {
        loop {
            let notified = self.inner.ready.notified();
            tokio::pin!(notified);
            // Register before looking, so an add in between still wakes us.
            notified.as_mut().enable();
            {
                let mut state = self.state();
                if let Some(item) = state.queue.pop_front() {
                    state.dirty.remove(&item);
                    state.processing.insert(item.clone());
                    if let Some(metrics) = self.metrics() {
                        let now = Instant::now();
                        metrics.queue_depth(self.label(), state.dirty.len());
                        if let Some(added) = state.added_at.remove(&item) {
                            metrics.queue_latency(self.label(), now - added);
                        }
                        state.taken_at.insert(item.clone(), now);
                    }
                    let more = !state.queue.is_empty();
                    drop(state);
                    if more {
                        // Pass the baton in case our wake-up was meant for
                        // another key.
                        self.inner.ready.notify_one();
                    }
                    return Some(item);
                }
                if state.shutting_down {
                    return None;
                }
            }
            notified.await;
        }
    }

    /// Tells the queue a worker finished `item`. If it was added again
    /// meanwhile, it is queued now. A key not in process is ignored.
    pub fn done(&self, item: &T) {
        let mut state = self.state();
        if !state.processing.remove(item) {
            return;
        }
        if let Some(taken) = state.taken_at.remove(item) {
            if let Some(metrics) = self.metrics() {
                metrics.work_duration(self.label(), Instant::now() - taken);
            }
        }
        if state.dirty.contains(item) {
            state.queue.push_back(item.clone());
            drop(state);
            self.inner.ready.notify_one();
        } else if state.processing.is_empty() {
            drop(state);
            self.inner.idle.notify_waiters();
        }
    }

    /// How many keys wait for a worker (not counting keys in process).
    pub fn len(&self) -> usize {
        self.state().queue.len()
    }

    /// Whether no key waits for a worker.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether [`shutdown`](Self::shutdown) or
    /// [`shutdown_with_drain`](Self::shutdown_with_drain) was called.
    pub fn is_shutting_down(&self) -> bool {
        self.state().shutting_down
    }

    /// Stops accepting keys and wakes every waiting worker; `get` returns
    /// the keys still queued, then `None`. Also releases a pending
    /// `shutdown_with_drain`, as in client-go.
    pub fn shutdown(&self) {
        self.begin_shutdown(false);
        self.inner.idle.notify_waiters();
    }

    /// Like [`shutdown`](Self::shutdown), then waits until every key handed
    /// out is [`done`](Self::done), so callers can stop cleanly.
    pub async fn shutdown_with_drain(&self) {
        self.begin_shutdown(true);
        loop {
            let idle = self.inner.idle.notified();
            tokio::pin!(idle);
            idle.as_mut().enable();
            {
                let state = self.state();
                if state.processing.is_empty() || !state.drain {
                    return;
                }
            }
            idle.await;
        }
    }

    fn begin_shutdown(&self, drain: bool) {
        {
            let mut state = self.state();
            state.shutting_down = true;
            state.drain = drain;
        }
        tracing::debug!(queue = self.name(), drain, "work queue shutting down");
        self.inner.shut.send_replace(true);
        self.inner.ready.notify_waiters();
    }

    /// A receiver that turns true on shutdown, for background tasks.
    pub(super) fn shutdown_signal(&self) -> watch::Receiver<bool> {
        self.inner.shut.subscribe()
    }
}
