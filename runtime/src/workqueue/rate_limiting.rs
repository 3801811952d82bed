//! A delaying queue with per-key retry backoff (client-go's
//! `RateLimitingInterface`).

use std::fmt;
use std::hash::Hash;
use std::ops::Deref;
use std::sync::Arc;

use super::delaying::DelayingQueue;
use super::rate_limiter::{default_controller_rate_limiter, RateLimiter};

/// The queue controllers use: a failed key goes back with
/// [`add_rate_limited`](Self::add_rate_limited) and waits as its limiter
/// says; a key that succeeds is [`forget`](Self::forget)-ten.
///
/// Dereferences to [`DelayingQueue`], and through it to
/// [`WorkQueue`](super::WorkQueue). Clones share the queue and limiter.
///
/// A worker's loop: take a key, handle it, then forget it or put it back
/// to retry later.
///
/// ```no_run
/// # async fn example() {
/// use kubegen_runtime::workqueue::RateLimitingQueue;
///
/// # async fn sync(key: &str) -> Result<(), String> { Ok(()) }
/// let queue = RateLimitingQueue::<String>::with_default_rate_limiter();
/// queue.add("default/web".to_owned());            // from an informer's handler
/// while let Some(key) = queue.get().await {        // None once shut down
///     match sync(&key).await {
///         Ok(()) => queue.forget(&key),
///         Err(_) if queue.num_requeues(&key) < 5 => queue.add_rate_limited(key.clone()),
///         Err(e) => { eprintln!("giving up on {key}: {e}"); queue.forget(&key) }
///     }
///     queue.done(&key);
/// }
/// # }
/// ```
pub struct RateLimitingQueue<T> {
    queue: DelayingQueue<T>,
    limiter: Arc<dyn RateLimiter<T>>,
}

impl<T> Clone for RateLimitingQueue<T> {
    fn clone(&self) -> Self {
        Self {
            queue: self.queue.clone(),
            limiter: self.limiter.clone(),
        }
    }
}

impl<T> fmt::Debug for RateLimitingQueue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RateLimitingQueue")
            .field("queue", &self.queue)
            .finish_non_exhaustive()
    }
}

impl<T> Deref for RateLimitingQueue<T> {
    type Target = DelayingQueue<T>;

    fn deref(&self) -> &DelayingQueue<T> {
        &self.queue
    }
}

impl<T: Clone + Eq + Hash + Send + Sync + 'static> RateLimitingQueue<T> {
    /// An empty queue backing off as `limiter` says.
    pub fn new(limiter: impl RateLimiter<T> + 'static) -> Self {
        Self::from_queue(DelayingQueue::new(), limiter)
    }

    /// An empty queue with [`default_controller_rate_limiter`].
    pub fn with_default_rate_limiter() -> Self {
        Self::new(default_controller_rate_limiter())
    }

    /// An empty queue whose name appears in its tracing events.
    pub fn with_name(name: impl Into<String>, limiter: impl RateLimiter<T> + 'static) -> Self {
        Self::from_queue(DelayingQueue::with_name(name), limiter)
    }

    /// Adds rate limiting on top of `queue`.
    pub fn from_queue(queue: DelayingQueue<T>, limiter: impl RateLimiter<T> + 'static) -> Self {
        Self {
            queue,
            limiter: Arc::new(limiter),
        }
    }

    /// The underlying delaying queue.
    pub fn delaying(&self) -> &DelayingQueue<T> {
        &self.queue
    }

    /// Records a failure of `item` and adds it back once the limiter allows.
    /// Ignored once shutting down (the failure is still recorded).
    ///
    /// # Panics
    ///
    /// As [`DelayingQueue::add_after`]: outside a Tokio runtime when a
    /// delay is needed.
    pub fn add_rate_limited(&self, item: T) {
        let delay = self.limiter.when(&item);
        if let Some(metrics) = self.queue.metrics() {
            metrics.queue_retry(self.queue.name().unwrap_or(""));
        }
        self.queue.add_after(item, delay);
    }

    /// Forgets `item`'s failures, so its next failure starts backoff over.
    /// It does not remove the key from the queue.
    pub fn forget(&self, item: &T) {
        self.limiter.forget(item);
    }

    /// How many failures of `item` the limiter has on record.
    pub fn num_requeues(&self, item: &T) -> u32 {
        self.limiter.num_requeues(item)
    }
}
