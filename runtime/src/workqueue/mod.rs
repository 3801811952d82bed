//! client-go's workqueue for controllers: a queue of keys that dedupes,
//! never hands one key to two workers at once, delays re-adds and rate
//! limits retries.
//!
//! [`WorkQueue`] is `workqueue.Type`, [`DelayingQueue`] adds `add_after`,
//! and [`RateLimitingQueue`] adds per-item backoff from a [`RateLimiter`].

mod bucket;
mod delaying;
mod exponential;
mod fast_slow;
mod queue;
mod rate_limiter;
mod rate_limiting;
mod waiting;

#[cfg(test)]
mod tests;

pub use bucket::BucketRateLimiter;
pub use delaying::DelayingQueue;
pub use exponential::ItemExponentialFailureRateLimiter;
pub use fast_slow::ItemFastSlowRateLimiter;
pub use queue::WorkQueue;
pub use rate_limiter::{default_controller_rate_limiter, MaxOfRateLimiter, RateLimiter};
pub use rate_limiting::RateLimitingQueue;

use crate::poison::lock;
