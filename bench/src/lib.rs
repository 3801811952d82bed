//! Benchmarks of kubegen against kube-rs + k8s-openapi, on the same recorded
//! data in the same run.
//!
//! - `record` (binary) creates 10,000 realistic Pods on the local control
//!   plane and records the list body and a 10,000-event watch stream under
//!   `target/bench-fixtures/`.
//! - [`server`] serves those recordings on loopback over plain HTTP/1.1, so
//!   both clients read exactly the same bytes.
//! - `bench` (binary) measures decode, list, watch, informer memory and build
//!   cost, each client in its own process, and prints a table of ratios.

pub mod fixtures;
pub mod pods;
pub mod rss;
pub mod server;
