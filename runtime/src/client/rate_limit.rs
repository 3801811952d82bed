//! A client-side token bucket (client-go's flowcontrol.NewTokenBucketRateLimiter):
//! at most `burst` requests at once, refilled at `qps` per second, so a busy
//! controller cannot flood the API server.

use std::time::Duration;

use tokio::time::Instant;

use tokio::sync::Mutex;

/// A token bucket shared by every request of one client.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    qps: f64,
    burst: f64,
    state: Mutex<Bucket>,
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl RateLimiter {
    /// The limiter of a client whose configuration says `qps`: none when it
    /// is unset, or zero, negative or NaN (client-go's "qps <= 0: no limit").
    pub(crate) fn for_qps(qps: Option<f32>, burst: u32) -> Option<Self> {
        qps.filter(|qps| *qps > 0.0)
            .map(|qps| Self::new(qps, burst))
    }

    /// A bucket of `burst` (at least 1) refilled at `qps` (which is above zero).
    fn new(qps: f32, burst: u32) -> Self {
        let burst = f64::from(burst.max(1));
        Self {
            qps: f64::from(qps),
            burst,
            state: Mutex::new(Bucket {
                tokens: burst,
                updated: Instant::now(),
            }),
        }
    }

    /// Waits until a request may go.
    pub(crate) async fn acquire(&self) {
        let wait = {
            let mut bucket = self.state.lock().await;
            let now = Instant::now();
            let refill = now.duration_since(bucket.updated).as_secs_f64() * self.qps;
            bucket.tokens = (bucket.tokens + refill).min(self.burst);
            bucket.updated = now;
            // Take the token now (possibly going negative): later callers queue behind.
            bucket.tokens -= 1.0;
            if bucket.tokens >= 0.0 {
                Duration::ZERO
            } else {
                // A tiny rate gives a wait too long for a Duration: wait "forever".
                Duration::try_from_secs_f64(-bucket.tokens / self.qps).unwrap_or(Duration::MAX)
            }
        };
        if !wait.is_zero() {
            tracing::debug!(wait_ms = wait.as_millis() as u64, "client-side rate limit");
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn zero_negative_or_nan_qps_means_no_limit() {
        for qps in [
            None,
            Some(0.0),
            Some(-1.0),
            Some(f32::NAN),
            Some(f32::NEG_INFINITY),
        ] {
            assert!(RateLimiter::for_qps(qps, 1).is_none(), "{qps:?}");
        }
        let limiter = RateLimiter::for_qps(Some(f32::MIN_POSITIVE), 1).expect("a limit");
        limiter.acquire().await;
        let tiny = tokio::time::timeout(Duration::from_secs(3600), limiter.acquire()).await;
        assert!(tiny.is_err(), "a tiny rate waits, without panicking");
    }

    #[tokio::test(start_paused = true)]
    async fn burst_then_qps() {
        let limiter = RateLimiter::for_qps(Some(10.0), 5).unwrap();
        let start = tokio::time::Instant::now();
        for _ in 0..5 {
            limiter.acquire().await;
        }
        assert!(
            start.elapsed() < Duration::from_millis(1),
            "the burst goes at once"
        );
        for _ in 0..10 {
            limiter.acquire().await;
        }
        let elapsed = start.elapsed();
        assert!(
            elapsed >= Duration::from_millis(990) && elapsed <= Duration::from_millis(1100),
            "{elapsed:?}"
        );
    }
}
