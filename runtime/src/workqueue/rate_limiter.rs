//! How long to wait before retrying a key (client-go's `RateLimiter`).

use std::hash::Hash;
use std::time::Duration;

use super::bucket::BucketRateLimiter;
use super::exponential::ItemExponentialFailureRateLimiter;

/// Decides how long a failed key waits before it is retried.
pub trait RateLimiter<T>: Send + Sync {
    /// Records another failure of `item` and returns how long it must wait.
    fn when(&self, item: &T) -> Duration;
    /// Forgets `item`'s failures, typically once it succeeds.
    fn forget(&self, item: &T);
    /// How many failures of `item` are on record.
    fn num_requeues(&self, item: &T) -> u32;
}

impl<T, R: RateLimiter<T> + ?Sized> RateLimiter<T> for Box<R> {
    fn when(&self, item: &T) -> Duration {
        (**self).when(item)
    }

    fn forget(&self, item: &T) {
        (**self).forget(item);
    }

    fn num_requeues(&self, item: &T) -> u32 {
        (**self).num_requeues(item)
    }
}

/// Combines limiters: the longest wait of all wins, so per-key backoff and
/// an overall rate both hold.
pub struct MaxOfRateLimiter<T>(
    /// The limiters consulted; each records every failure.
    pub Vec<Box<dyn RateLimiter<T>>>,
);

impl<T> MaxOfRateLimiter<T> {
    /// Combines `limiters`.
    pub fn new(limiters: Vec<Box<dyn RateLimiter<T>>>) -> Self {
        Self(limiters)
    }
}

impl<T> RateLimiter<T> for MaxOfRateLimiter<T> {
    fn when(&self, item: &T) -> Duration {
        // Ask every limiter, not just until the largest, so each records
        // the failure.
        self.0
            .iter()
            .map(|limiter| limiter.when(item))
            .fold(Duration::ZERO, Duration::max)
    }

    fn forget(&self, item: &T) {
        for limiter in &self.0 {
            limiter.forget(item);
        }
    }

    fn num_requeues(&self, item: &T) -> u32 {
        self.0
            .iter()
            .map(|limiter| limiter.num_requeues(item))
            .max()
            .unwrap_or(0)
    }
}

/// client-go's `DefaultControllerRateLimiter`: per-key backoff from 5 ms up
/// to 1000 s, and no more than 10 retries a second overall (burst 100).
pub fn default_controller_rate_limiter<T>() -> MaxOfRateLimiter<T>
where
    T: Clone + Eq + Hash + Send + Sync + 'static,
{
    MaxOfRateLimiter(vec![
        Box::new(ItemExponentialFailureRateLimiter::default()),
        Box::new(BucketRateLimiter::default()),
    ])
}
