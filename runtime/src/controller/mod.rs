//! A controller loop over a rate-limited work queue: N workers, a
//! `reconcile(key)` that says what to do next, failures retried with
//! per-key backoff up to a limit; and owner-reference helpers.

mod owner;
mod runner;

pub use owner::{controller_of, is_controlled_by};
pub use runner::{Action, Controller};
