//! A [`Metrics`] that writes every call down as text, for tests.

use std::sync::Mutex;
use std::time::Duration;

use super::{Metrics, ReconcileOutcome};
use crate::poison::lock;

/// Every call, as `name label value` lines.
#[derive(Default)]
pub(crate) struct Recording(Mutex<Vec<String>>);

impl Recording {
    /// The lines written so far.
    pub(crate) fn lines(&self) -> Vec<String> {
        lock(&self.0).clone()
    }

    /// How many lines start with `prefix`.
    pub(crate) fn count(&self, prefix: &str) -> usize {
        lock(&self.0)
            .iter()
            .filter(|l| l.starts_with(prefix))
            .count()
    }

    fn write(&self, line: String) {
        lock(&self.0).push(line);
    }
}

impl Metrics for Recording {
    fn queue_add(&self, queue: &str) {
        self.write(format!("add {queue}"));
    }
    fn queue_depth(&self, queue: &str, depth: usize) {
        self.write(format!("depth {queue} {depth}"));
    }
    fn queue_latency(&self, queue: &str, waited: Duration) {
        self.write(format!("latency {queue} {waited:?}"));
    }
    fn work_duration(&self, queue: &str, took: Duration) {
        self.write(format!("work {queue} {took:?}"));
    }
    fn queue_retry(&self, queue: &str) {
        self.write(format!("retry {queue}"));
    }
    fn unfinished_work(&self, queue: &str, total: Duration, longest: Duration) {
        self.write(format!("unfinished {queue} {total:?} {longest:?}"));
    }
    fn reconcile(&self, controller: &str, outcome: ReconcileOutcome, took: Duration) {
        self.write(format!(
            "reconcile {controller} {} {took:?}",
            outcome.as_str()
        ));
    }
    fn request(&self, verb: &str, status: Option<u16>, took: Duration) {
        self.write(format!("request {verb} {status:?} {took:?}"));
    }
}
