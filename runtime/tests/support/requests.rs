//! A metrics sink that keeps every request it is told of.

use std::sync::Mutex;
use std::time::Duration;

use kubegen_runtime::metrics::Metrics;

/// Every request reported, as (verb, status).
#[derive(Default)]
pub struct Requests(pub Mutex<Vec<(String, Option<u16>)>>);

impl Metrics for Requests {
    fn request(&self, verb: &str, status: Option<u16>, _took: Duration) {
        self.0.lock().unwrap().push((verb.to_owned(), status));
    }
}
