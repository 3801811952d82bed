//! An overall token bucket (client-go's `BucketRateLimiter`, over
//! `golang.org/x/time/rate`).

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use super::lock;
use super::rate_limiter::RateLimiter;

/// Limits retries of all keys together to `qps` a second after an initial
/// `burst`, so a flood of failures cannot hammer the API server.
///
/// Each [`when`](RateLimiter::when) reserves a token and returns how long
/// until it is available. Keys are not tracked: `forget` does nothing and
/// `num_requeues` is always 0.
pub struct BucketRateLimiter {
    qps: f64,
    burst: u32,
    bucket: Mutex<Bucket>,
}

struct Bucket {
    /// Tokens available at `last`; negative when reservations are queued.
    tokens: f64,
    /// When `tokens` was last brought up to date; `None` before first use.
    last: Option<Instant>,
}

impl BucketRateLimiter {
    /// `qps` tokens a second, at most `burst` saved up; the bucket starts
    /// full. An infinite `qps` never waits; a `qps` of zero or less (or NaN)
    /// allows only the burst and then waits as long as a queue allows.
    pub fn new(qps: f64, burst: u32) -> Self {
        Self {
            qps,
            burst,
            bucket: Mutex::new(Bucket {
                tokens: f64::from(burst),
                last: None,
            }),
        }
    }
}

impl Default for BucketRateLimiter {
    /// client-go's defaults: 10 a second, burst 100.
    fn default() -> Self {
        Self::new(10.0, 100)
    }
}

impl<T> RateLimiter<T> for BucketRateLimiter {
    fn when(&self, _item: &T) -> Duration {
        if self.qps == f64::INFINITY {
            return Duration::ZERO;
        }
        let now = Instant::now();
        let mut bucket = lock(&self.bucket);
        let refill_rate = if self.qps > 0.0 { self.qps } else { 0.0 };
        if let Some(last) = bucket.last {
            let elapsed = now.saturating_duration_since(last).as_secs_f64();
            bucket.tokens = (bucket.tokens + elapsed * refill_rate).min(f64::from(self.burst));
        }
        bucket.last = Some(now);
        bucket.tokens -= 1.0;
        if bucket.tokens >= 0.0 {
            Duration::ZERO
        } else if refill_rate == 0.0 {
            Duration::MAX
        } else {
            Duration::try_from_secs_f64(-bucket.tokens / refill_rate).unwrap_or(Duration::MAX)
        }
    }

    fn forget(&self, _item: &T) {}

    fn num_requeues(&self, _item: &T) -> u32 {
        0
    }
}
