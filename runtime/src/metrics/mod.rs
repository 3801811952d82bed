//! What a controller process can measure: work queues (client-go's
//! `MetricsProvider` set), reconciles, and requests to the API server.
//!
//! Install a [`Metrics`] on a [`Client`](crate::Client) with
//! [`set_metrics`](crate::Client::set_metrics), on a work queue with
//! [`WorkQueue::set_metrics`][queue-metrics], or
//! on a controller builder; with none installed each hook is one atomic load.
//! The `prometheus` feature adds `Prometheus`, an implementation on the
//! `prometheus-client` crate.
//!
#![cfg_attr(
    feature = "runtime",
    doc = "[queue-metrics]: crate::workqueue::WorkQueue::set_metrics"
)]
// Work queues are left out of this build (feature `runtime` off).
#![cfg_attr(not(feature = "runtime"), doc = "[queue-metrics]: crate#features")]

#[cfg(feature = "prometheus")]
mod prometheus;
#[cfg(all(test, feature = "runtime"))]
pub(crate) mod recording;

#[cfg(feature = "prometheus")]
pub use self::prometheus::Prometheus;

use std::fmt;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Receives measurements. Every method has an empty default, so an
/// implementation records only what it cares about. Called on hot paths:
/// keep them quick (update a counter, not a request).
pub trait Metrics: Send + Sync + 'static {
    /// A key was added to `queue` (and was not already waiting).
    fn queue_add(&self, _queue: &str) {}
    /// How many keys now wait in `queue` (including re-adds of keys in process).
    fn queue_depth(&self, _queue: &str, _depth: usize) {}
    /// How long a key waited in `queue` before a worker took it.
    fn queue_latency(&self, _queue: &str, _waited: Duration) {}
    /// How long a worker held a key of `queue`.
    fn work_duration(&self, _queue: &str, _took: Duration) {}
    /// A key of `queue` was put back with backoff after a failure.
    fn queue_retry(&self, _queue: &str) {}
    /// Work in process in `queue`: the time all held keys have been held
    /// so far, summed, and the longest of them.
    fn unfinished_work(&self, _queue: &str, _total: Duration, _longest: Duration) {}
    /// A reconcile of `controller` ended with `outcome` after `took`.
    fn reconcile(&self, _controller: &str, _outcome: ReconcileOutcome, _took: Duration) {}
    /// A request (one attempt) ended: its HTTP verb, the status code (`None`
    /// when no answer came) and how long it took to get the answer's head.
    fn request(&self, _verb: &str, _status: Option<u16>, _took: Duration) {}
}

/// How a reconcile ended, as a metric label.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReconcileOutcome {
    /// It succeeded and asked for nothing more.
    Success,
    /// It succeeded and asked to be run again after a while.
    Requeue,
    /// It failed (or panicked); the key goes back with backoff.
    Error,
}

impl ReconcileOutcome {
    /// The label value: `success`, `requeue` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            ReconcileOutcome::Success => "success",
            ReconcileOutcome::Requeue => "requeue",
            ReconcileOutcome::Error => "error",
        }
    }
}

/// Where a client or queue keeps its metrics: set at most once, read with
/// one atomic load.
#[derive(Default)]
pub(crate) struct MetricsSlot(OnceLock<Arc<dyn Metrics>>);

impl MetricsSlot {
    /// The installed metrics, if any.
    pub(crate) fn get(&self) -> Option<&Arc<dyn Metrics>> {
        self.0.get()
    }

    /// Installs `metrics`; false when some were installed already.
    pub(crate) fn set(&self, metrics: Arc<dyn Metrics>) -> bool {
        self.0.set(metrics).is_ok()
    }
}

impl fmt::Debug for MetricsSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.get().is_some() {
            "Some(Metrics)"
        } else {
            "None"
        })
    }
}
