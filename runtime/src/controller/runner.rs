//! Workers that take keys from a rate-limited queue and reconcile them
//! (client-go's sample-controller loop, made reusable).

use std::any::Any;
use std::fmt::Display;
use std::future::Future;
use std::hash::Hash;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use futures::FutureExt;
use tokio::time::Instant;
use tracing::Instrument;

use crate::metrics::ReconcileOutcome;
use crate::workqueue::RateLimitingQueue;

/// How often work in process is reported to metrics (client-go's period).
const UNFINISHED_WORK_PERIOD: Duration = Duration::from_millis(500);

/// What a reconcile asks for next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// The key is in the wanted state; forget its failures.
    Done,
    /// Look at the key again after this long (e.g. to poll something external).
    RequeueAfter(Duration),
}

impl Action {
    /// Reconcile again after `after`, even if nothing changes.
    pub fn requeue(after: Duration) -> Self {
        Action::RequeueAfter(after)
    }

    /// Reconcile again only when something watched changes.
    pub fn await_change() -> Self {
        Action::Done
    }
}

/// Runs reconciles for the keys of a queue.
pub struct Controller<T> {
    queue: RateLimitingQueue<T>,
    workers: usize,
    max_retries: u32,
}

impl<T: Clone + Eq + Hash + Send + Sync + std::fmt::Debug + 'static> Controller<T> {
    /// A controller with `workers` workers over `queue`, retrying a failing key
    /// at most 15 times (then it is dropped until it is added again).
    pub fn new(queue: RateLimitingQueue<T>, workers: usize) -> Self {
        Self {
            queue,
            workers: workers.max(1),
            max_retries: 15,
        }
    }

    /// Retries of a failing key before it is dropped.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The queue: informers' handlers add keys to it.
    pub fn queue(&self) -> &RateLimitingQueue<T> {
        &self.queue
    }

    /// Runs the workers until the queue shuts down and they have finished.
    /// A key is never reconciled by two workers at once (the queue guarantees
    /// it). Once the queue shuts down no new reconcile starts (keys still
    /// waiting are dropped) and the ones in flight finish. Each reconcile
    /// runs in a `reconcile` span with its key; with metrics installed on
    /// the queue, reconciles and work in process are reported under the
    /// queue's name.
    pub async fn run<F, Fut, E>(&self, reconcile: F)
    where
        F: Fn(T) -> Fut + Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<Action, E>> + Send + 'static,
        E: Display + Send + 'static,
    {
        let workers: Vec<_> = (0..self.workers)
            .map(|_| {
                let queue = self.queue.clone();
                let reconcile = reconcile.clone();
                let max_retries = self.max_retries;
                tokio::spawn(async move {
                    while let Some(key) = queue.get().await {
                        if queue.is_shutting_down() {
                            queue.done(&key);
                            continue;
                        }
                        let name = queue.name().unwrap_or("");
                        let span = tracing::info_span!("reconcile", controller = name, key = ?key);
                        let started = Instant::now();
                        let outcome = reconcile_guarded(&reconcile, &key).instrument(span).await;
                        if let Some(metrics) = queue.metrics() {
                            metrics.reconcile(name, outcome_of(&outcome), started.elapsed());
                        }
                        handle(&queue, &key, outcome, max_retries);
                        queue.done(&key);
                    }
                })
            })
            .collect();
        if self.queue.metrics().is_some() {
            let queue = self.queue.clone();
            tokio::spawn(async move {
                while !queue.is_shutting_down() {
                    tokio::time::sleep(UNFINISHED_WORK_PERIOD).await;
                    queue.report_unfinished_work();
                }
            });
        }
        for worker in workers {
            if let Err(e) = worker.await {
                if e.is_panic() {
                    tracing::error!("a controller worker panicked: {e}");
                }
            }
        }
    }
}

/// Runs one reconcile; a panic becomes a failure, so the key is released and
/// retried with backoff instead of being held for ever.
async fn reconcile_guarded<T, F, Fut, E>(reconcile: &F, key: &T) -> Result<Action, Failure<E>>
where
    T: Clone + std::fmt::Debug,
    F: Fn(T) -> Fut,
    Fut: Future<Output = Result<Action, E>>,
{
    match AssertUnwindSafe(async { reconcile(key.clone()).await })
        .catch_unwind()
        .await
    {
        Ok(outcome) => outcome.map_err(Failure::Error),
        Err(panic) => {
            let message = panic_message(panic.as_ref());
            tracing::error!(?key, panic = %message, "reconcile panicked; requeued with backoff");
            Err(Failure::Panic(message))
        }
    }
}

/// The metrics label of a reconcile's outcome.
fn outcome_of<E>(outcome: &Result<Action, E>) -> ReconcileOutcome {
    match outcome {
        Ok(Action::Done) => ReconcileOutcome::Success,
        Ok(Action::RequeueAfter(_)) => ReconcileOutcome::Requeue,
        Err(_) => ReconcileOutcome::Error,
    }
}

/// Why a reconcile failed.
enum Failure<E> {
    Error(E),
    Panic(String),
}

impl<E: Display> Display for Failure<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Error(e) => e.fmt(f),
            Failure::Panic(message) => write!(f, "panicked: {message}"),
        }
    }
}

/// The text a panic was raised with.
fn panic_message(panic: &(dyn Any + Send)) -> String {
    match (panic.downcast_ref::<&str>(), panic.downcast_ref::<String>()) {
        (Some(s), _) => (*s).to_owned(),
        (_, Some(s)) => s.clone(),
        _ => "a non-text panic".to_owned(),
    }
}

fn handle<T, E>(queue: &RateLimitingQueue<T>, key: &T, outcome: Result<Action, E>, max_retries: u32)
where
    T: Clone + Eq + Hash + Send + Sync + std::fmt::Debug + 'static,
    E: Display,
{
    match outcome {
        Ok(Action::Done) => queue.forget(key),
        Ok(Action::RequeueAfter(delay)) => {
            queue.forget(key);
            queue.add_after(key.clone(), delay);
        }
        Err(e) if queue.num_requeues(key) < max_retries => {
            // Visible by default, as client-go's and controller-runtime's reconcile errors are.
            tracing::warn!(?key, error = %e, retries = queue.num_requeues(key), "reconcile failed; requeued with backoff");
            queue.add_rate_limited(key.clone());
        }
        Err(e) => {
            tracing::warn!(?key, error = %e, "reconcile failed too often; dropping the key");
            queue.forget(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::workqueue::ItemExponentialFailureRateLimiter;

    #[tokio::test(start_paused = true)]
    async fn failures_retry_with_backoff_up_to_the_limit_and_requeue_after_works() {
        let limiter = ItemExponentialFailureRateLimiter::new(
            Duration::from_millis(5),
            Duration::from_secs(10),
        );
        let controller = Controller::new(RateLimitingQueue::new(limiter), 2).max_retries(3);
        let calls: Arc<Mutex<HashMap<&'static str, u32>>> = Arc::default();
        let logged = Capture::default();
        let _logging = tracing::subscriber::set_default(logged.clone());
        controller.queue().add("ok");
        controller.queue().add("flaky");
        controller.queue().add("broken");
        controller.queue().add("poll");
        let queue = controller.queue().clone();
        let log = calls.clone();
        let run = controller.run(move |key: &'static str| {
            let log = log.clone();
            async move {
                let n = {
                    let mut log = crate::poison::lock(&log);
                    let n = log.entry(key).or_default();
                    *n += 1;
                    *n
                };
                match key {
                    "flaky" if n < 3 => Err(format!("attempt {n} failed")),
                    "broken" => Err("always".to_owned()),
                    "poll" if n < 2 => Ok(Action::RequeueAfter(Duration::from_secs(60))),
                    _ => Ok(Action::Done),
                }
            }
        });
        let stop = async {
            tokio::time::sleep(Duration::from_secs(120)).await;
            queue.shutdown();
        };
        tokio::join!(run, stop);
        let calls = crate::poison::lock(&calls).clone();
        assert_eq!(calls["ok"], 1);
        assert_eq!(calls["flaky"], 3, "two failures then success");
        assert_eq!(
            calls["broken"], 4,
            "one try and three retries, then dropped"
        );
        assert_eq!(calls["poll"], 2, "requeued after 60 s once");
        // Every failure is logged where a default log level shows it.
        let warnings = logged.at(tracing::Level::WARN);
        let about = |key: &str| {
            let quoted = format!("key={key:?}");
            warnings.iter().filter(|w| w.contains(&quoted)).count()
        };
        assert_eq!(about("flaky"), 2, "{warnings:?}");
        assert_eq!(
            about("broken"),
            4,
            "three retries, then the drop: {warnings:?}"
        );
        assert!(
            warnings.iter().any(|w| w.contains("attempt 1 failed")),
            "{warnings:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_panicking_reconcile_releases_its_key_and_is_retried_with_backoff() {
        let limiter =
            ItemExponentialFailureRateLimiter::new(Duration::from_secs(1), Duration::from_secs(10));
        let controller = Controller::new(RateLimitingQueue::new(limiter), 1);
        let tries: Arc<Mutex<Vec<tokio::time::Instant>>> = Arc::default();
        let logged = Capture::default();
        let _logging = tracing::subscriber::set_default(logged.clone());
        controller.queue().add("boom");
        let queue = controller.queue().clone();
        let log = tries.clone();
        let run = controller.run(move |_key: &'static str| {
            let log = log.clone();
            async move {
                let n = {
                    let mut log = crate::poison::lock(&log);
                    log.push(tokio::time::Instant::now());
                    log.len()
                };
                if n < 3 {
                    panic!("reconcile bug {n}");
                }
                Ok::<_, String>(Action::Done)
            }
        });
        let stop = async {
            tokio::time::sleep(Duration::from_secs(60)).await;
            tokio::time::timeout(Duration::from_secs(10), queue.shutdown_with_drain())
                .await
                .expect("the key was released");
        };
        tokio::join!(run, stop);
        let tries = crate::poison::lock(&tries).clone();
        assert_eq!(tries.len(), 3, "two panics, then success");
        assert!(tries[1] - tries[0] >= Duration::from_secs(1), "backoff");
        assert!(
            tries[2] - tries[1] >= Duration::from_secs(2),
            "backoff grows"
        );
        let errors = logged.errors();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].contains(r#"key="boom""#) && errors[0].contains("reconcile bug 1"),
            "{errors:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn shutdown_lets_reconciles_in_flight_finish_and_starts_no_new_one() {
        let queue = RateLimitingQueue::with_default_rate_limiter();
        let controller = Controller::new(queue.clone(), 1);
        let (started, finished) = (
            Arc::new(Mutex::new(Vec::new())),
            Arc::new(Mutex::new(Vec::new())),
        );
        queue.add("slow");
        queue.add("next");
        let (s, f) = (started.clone(), finished.clone());
        let run = controller.run(move |key: &'static str| {
            let (s, f) = (s.clone(), f.clone());
            async move {
                crate::poison::lock(&s).push(key);
                tokio::time::sleep(Duration::from_secs(10)).await;
                crate::poison::lock(&f).push(key);
                Ok::<_, String>(Action::Done)
            }
        });
        let stop = async {
            tokio::time::sleep(Duration::from_secs(1)).await;
            assert_eq!(*crate::poison::lock(&started), ["slow"]);
            queue.shutdown();
        };
        tokio::join!(run, stop);
        assert_eq!(
            *crate::poison::lock(&finished),
            ["slow"],
            "the one in flight finished"
        );
        assert_eq!(
            *crate::poison::lock(&started),
            ["slow"],
            "the waiting key was not started"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn reconciles_are_counted_by_outcome_under_the_queue_name() {
        let limiter =
            ItemExponentialFailureRateLimiter::new(Duration::from_secs(1), Duration::from_secs(10));
        let queue = RateLimitingQueue::with_name("things", limiter);
        let metrics = Arc::new(crate::metrics::recording::Recording::default());
        queue.set_metrics(metrics.clone());
        let controller = Controller::new(queue.clone(), 2).max_retries(1);
        for key in ["ok", "poll", "broken"] {
            queue.add(key);
        }
        let polled = Arc::new(Mutex::new(false));
        let run = controller.run(move |key: &'static str| {
            let polled = polled.clone();
            async move {
                tokio::time::sleep(Duration::from_secs(2)).await;
                match key {
                    "poll" if !std::mem::replace(&mut *crate::poison::lock(&polled), true) => {
                        Ok(Action::requeue(Duration::from_secs(5)))
                    }
                    "broken" => Err("no".to_owned()),
                    _ => Ok(Action::await_change()),
                }
            }
        });
        let stop = async {
            tokio::time::sleep(Duration::from_secs(60)).await;
            queue.shutdown();
        };
        tokio::join!(run, stop);
        assert_eq!(
            metrics.count("reconcile things success 2s"),
            2,
            "ok, then poll the second time"
        );
        assert_eq!(metrics.count("reconcile things requeue 2s"), 1);
        assert_eq!(
            metrics.count("reconcile things error 2s"),
            2,
            "a try and one retry"
        );
        assert_eq!(metrics.count("retry things"), 1);
        assert!(
            metrics.count("unfinished things") > 0,
            "reported on a timer while running"
        );
    }

    /// Collects the ERROR events logged on this thread, as text.
    #[derive(Clone, Default)]
    struct Capture(Arc<Mutex<Vec<(tracing::Level, String)>>>);

    impl Capture {
        fn at(&self, level: tracing::Level) -> Vec<String> {
            let events = crate::poison::lock(&self.0);
            let at_level = events.iter().filter(|(l, _)| *l == level);
            at_level.map(|(_, text)| text.clone()).collect()
        }
        fn errors(&self) -> Vec<String> {
            self.at(tracing::Level::ERROR)
        }
    }

    impl tracing::Subscriber for Capture {
        fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
            tracing::span::Id::from_u64(1)
        }
        fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
        fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
        fn event(&self, event: &tracing::Event<'_>) {
            let mut text = String::new();
            event.record(
                &mut |field: &tracing::field::Field, value: &dyn std::fmt::Debug| {
                    text.push_str(&format!("{}={value:?} ", field.name()));
                },
            );
            let level = *event.metadata().level();
            crate::poison::lock(&self.0).push((level, text));
        }
        fn enter(&self, _: &tracing::span::Id) {}
        fn exit(&self, _: &tracing::span::Id) {}
    }
}
