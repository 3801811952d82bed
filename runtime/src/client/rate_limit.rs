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
    pub(crate) fn new(qps: f32, burst: u32) -> Self {
        let burst = f64::from(burst.max(1));
        Self {
            qps: f64::from(qps).max(f64::MIN_POSITIVE),
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
                Duration::from_secs_f64(-bucket.tokens / self.qps)
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
    async fn burst_then_qps() {
        let limiter = RateLimiter::new(10.0, 5);
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
