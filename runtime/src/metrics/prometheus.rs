//! [`Metrics`] on the `prometheus-client` crate, under the names client-go
//! and controller-runtime use, so existing dashboards work.

use std::sync::atomic::AtomicU64;
use std::time::Duration;

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;

use super::{Metrics, ReconcileOutcome};

/// Label pairs of one series.
type Labels = Vec<(&'static str, String)>;
type Counters = Family<Labels, Counter>;
type Gauges = Family<Labels, Gauge<f64, AtomicU64>>;
type Histograms = Family<Labels, Histogram, fn() -> Histogram>;

/// Buckets from 1 ms to about 33 s, doubling (client-go's range).
fn seconds_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 16))
}

/// The metrics of a controller process in one registry; share it (in an
/// `Arc`) between the client, the queues and the controllers, and serve
/// [`encode`](Self::encode) on `/metrics`.
pub struct Prometheus {
    registry: Registry,
    depth: Gauges,
    adds: Counters,
    queue_latency: Histograms,
    work_duration: Histograms,
    retries: Counters,
    unfinished: Gauges,
    longest: Gauges,
    reconciles: Counters,
    reconcile_time: Histograms,
    requests: Counters,
    request_latency: Histograms,
}

impl Default for Prometheus {
    fn default() -> Self {
        Self::new()
    }
}

impl Prometheus {
    /// A registry with every metric registered and no series yet.
    pub fn new() -> Self {
        let histograms = || Histograms::new_with_constructor(seconds_histogram);
        let mut metrics = Self {
            registry: Registry::default(),
            depth: Gauges::default(),
            adds: Counters::default(),
            queue_latency: histograms(),
            work_duration: histograms(),
            retries: Counters::default(),
            unfinished: Gauges::default(),
            longest: Gauges::default(),
            reconciles: Counters::default(),
            reconcile_time: histograms(),
            requests: Counters::default(),
            request_latency: histograms(),
        };
        let r = &mut metrics.registry;
        r.register(
            "workqueue_depth",
            "Current depth of the work queue",
            metrics.depth.clone(),
        );
        r.register(
            "workqueue_adds",
            "Adds handled by the work queue",
            metrics.adds.clone(),
        );
        r.register(
            "workqueue_queue_duration_seconds",
            "How long a key waits in the work queue before it is taken",
            metrics.queue_latency.clone(),
        );
        r.register(
            "workqueue_work_duration_seconds",
            "How long processing a key takes",
            metrics.work_duration.clone(),
        );
        r.register(
            "workqueue_retries",
            "Retries handled by the work queue",
            metrics.retries.clone(),
        );
        r.register(
            "workqueue_unfinished_work_seconds",
            "Seconds of work in progress not yet observed by work_duration",
            metrics.unfinished.clone(),
        );
        r.register(
            "workqueue_longest_running_processor_seconds",
            "How long the longest-running processor has been running",
            metrics.longest.clone(),
        );
        r.register(
            "controller_runtime_reconcile",
            "Reconciles per controller and result",
            metrics.reconciles.clone(),
        );
        r.register(
            "controller_runtime_reconcile_time_seconds",
            "Time per reconcile, per controller",
            metrics.reconcile_time.clone(),
        );
        r.register(
            "rest_client_requests",
            "Requests to the API server, by status code and method",
            metrics.requests.clone(),
        );
        r.register(
            "rest_client_request_duration_seconds",
            "Request latency to the API server, by verb",
            metrics.request_latency.clone(),
        );
        metrics
    }

    /// The registry, to add an application's own metrics to.
    pub fn registry_mut(&mut self) -> &mut Registry {
        &mut self.registry
    }

    /// Every metric in the Prometheus text exposition format.
    pub fn encode(&self) -> String {
        let mut text = String::new();
        encode(&mut text, &self.registry).expect("writing to a String cannot fail");
        text
    }
}

fn name(queue: &str) -> Labels {
    vec![("name", queue.to_owned())]
}

impl Metrics for Prometheus {
    fn queue_add(&self, queue: &str) {
        self.adds.get_or_create(&name(queue)).inc();
    }
    fn queue_depth(&self, queue: &str, depth: usize) {
        self.depth.get_or_create(&name(queue)).set(depth as f64);
    }
    fn queue_latency(&self, queue: &str, waited: Duration) {
        self.queue_latency
            .get_or_create(&name(queue))
            .observe(waited.as_secs_f64());
    }
    fn work_duration(&self, queue: &str, took: Duration) {
        self.work_duration
            .get_or_create(&name(queue))
            .observe(took.as_secs_f64());
    }
    fn queue_retry(&self, queue: &str) {
        self.retries.get_or_create(&name(queue)).inc();
    }
    fn unfinished_work(&self, queue: &str, total: Duration, longest: Duration) {
        self.unfinished
            .get_or_create(&name(queue))
            .set(total.as_secs_f64());
        self.longest
            .get_or_create(&name(queue))
            .set(longest.as_secs_f64());
    }
    fn reconcile(&self, controller: &str, outcome: ReconcileOutcome, took: Duration) {
        let controller = ("controller", controller.to_owned());
        self.reconciles
            .get_or_create(&vec![
                controller.clone(),
                ("result", outcome.as_str().into()),
            ])
            .inc();
        self.reconcile_time
            .get_or_create(&vec![controller])
            .observe(took.as_secs_f64());
    }
    fn request(&self, verb: &str, status: Option<u16>, took: Duration) {
        let code = status.map_or_else(|| "<error>".to_owned(), |c| c.to_string());
        self.requests
            .get_or_create(&vec![("code", code), ("method", verb.to_owned())])
            .inc();
        self.request_latency
            .get_or_create(&vec![("verb", verb.to_owned())])
            .observe(took.as_secs_f64());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_show_in_the_text_format_under_client_go_names() {
        let metrics = Prometheus::new();
        metrics.queue_add("things");
        metrics.queue_add("things");
        metrics.queue_depth("things", 3);
        metrics.queue_retry("things");
        metrics.unfinished_work("things", Duration::from_secs(5), Duration::from_secs(2));
        metrics.work_duration("things", Duration::from_millis(1500));
        let took = Duration::from_millis(20);
        metrics.reconcile("things", ReconcileOutcome::Success, took);
        metrics.reconcile("things", ReconcileOutcome::Error, took);
        metrics.reconcile("things", ReconcileOutcome::Error, took);
        metrics.request("GET", Some(200), took);
        metrics.request("GET", None, took);
        let text = metrics.encode();
        for line in [
            r#"workqueue_adds_total{name="things"} 2"#,
            r#"workqueue_depth{name="things"} 3.0"#,
            r#"workqueue_retries_total{name="things"} 1"#,
            r#"workqueue_unfinished_work_seconds{name="things"} 5.0"#,
            r#"workqueue_longest_running_processor_seconds{name="things"} 2.0"#,
            r#"workqueue_work_duration_seconds_sum{name="things"} 1.5"#,
            r#"controller_runtime_reconcile_total{controller="things",result="success"} 1"#,
            r#"controller_runtime_reconcile_total{controller="things",result="error"} 2"#,
            r#"controller_runtime_reconcile_time_seconds_count{controller="things"} 3"#,
            r#"rest_client_requests_total{code="200",method="GET"} 1"#,
            r#"rest_client_requests_total{code="<error>",method="GET"} 1"#,
            r#"rest_client_request_duration_seconds_count{verb="GET"} 2"#,
        ] {
            assert!(text.lines().any(|l| l == line), "missing {line} in\n{text}");
        }
    }
}
