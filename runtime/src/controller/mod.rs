//! Controllers: a builder that wires a primary kind, the kinds it owns or
//! watches and shared informers to workers over a rate-limited work queue
//! ([`ControllerBuilder`]); the worker loop itself ([`Controller`]), where
//! `reconcile(key)` says what to do next and failures retry with per-key
//! backoff; a finalizer helper; and owner-reference helpers.

mod builder;
#[cfg(all(test, feature = "fake"))]
mod fake_tests;
mod finalizer;
mod owner;
mod runner;

pub use builder::ControllerBuilder;
pub use finalizer::{finalizer, FinalizerError, FinalizerEvent};
pub use owner::{controller_of, is_controlled_by, owner_key};
pub use runner::{Action, Controller};
