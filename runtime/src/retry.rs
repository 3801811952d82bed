//! Retrying an optimistic-concurrency update until it stops conflicting
//! (client-go's retry.RetryOnConflict and wait.Backoff).

use std::future::Future;
use std::time::Duration;

use crate::error::{Error, Result};

/// How many times to try, and how long to wait between tries.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Backoff {
    /// The most tries in all.
    pub steps: u32,
    /// The first wait.
    pub duration: Duration,
    /// Each wait is the previous one times this.
    pub factor: f64,
    /// Each wait grows by up to this fraction at random, so that contending
    /// writers spread out.
    pub jitter: f64,
    /// No wait is longer than this.
    pub cap: Duration,
}

/// client-go's `retry.DefaultRetry`: 5 tries, 10 ms apart, for conflicts
/// between a few writers.
pub const DEFAULT_RETRY: Backoff = Backoff {
    steps: 5,
    duration: Duration::from_millis(10),
    factor: 1.0,
    jitter: 0.1,
    cap: Duration::from_secs(10),
};

/// client-go's `retry.DefaultBackoff`: 4 tries, waits growing 5-fold from 10 ms.
pub const DEFAULT_BACKOFF: Backoff = Backoff {
    steps: 4,
    duration: Duration::from_millis(10),
    factor: 5.0,
    jitter: 0.1,
    cap: Duration::from_secs(10),
};

impl Backoff {
    /// The wait after failed try number `attempt` (1-based), jitter included.
    pub fn delay(&self, attempt: u32) -> Duration {
        let base = self.duration.as_secs_f64() * self.factor.powi(attempt.saturating_sub(1) as i32);
        let jittered = base * (1.0 + self.jitter * fastrand::f64());
        Duration::from_secs_f64(jittered.min(self.cap.as_secs_f64()))
    }
}

/// Runs `attempt` until it succeeds or fails with something other than a
/// conflict, at most `backoff.steps` times. Each try must read the object
/// afresh, change it and write it back; the last conflict is returned when
/// the tries run out.
///
/// ```no_run
/// # async fn example<Deployment: kubegen_runtime::Resource>(deployments: kubegen_runtime::ResourceClient<Deployment>) -> kubegen_runtime::Result<()> {
/// use kubegen_runtime::{retry_on_conflict, Resource, DEFAULT_RETRY};
///
/// let labelled = retry_on_conflict(DEFAULT_RETRY, || async {
///     let mut web = deployments.get("web", &Default::default()).await?;
///     web.metadata_mut().labels.insert("release".into(), "2".into());
///     deployments.update(&web, &Default::default()).await // a Conflict when someone wrote in between
/// })
/// .await?;
/// println!("labelled at version {:?}", labelled.resource_version());
/// # Ok(()) }
/// ```
pub async fn retry_on_conflict<T, F, Fut>(backoff: Backoff, attempt: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    retry_on(backoff, Error::is_conflict, attempt).await
}

/// Like [`retry_on_conflict`], for any errors `retriable` accepts.
pub async fn retry_on<T, F, Fut>(
    backoff: Backoff,
    retriable: impl Fn(&Error) -> bool,
    mut attempt: F,
) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let mut tries = 0;
    loop {
        tries += 1;
        match attempt().await {
            Err(e) if retriable(&e) && tries < backoff.steps.max(1) => {
                tokio::time::sleep(backoff.delay(tries)).await;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;
    use crate::meta::Status;

    fn conflict() -> Error {
        Error::Api(Box::new(ApiError {
            code: 409,
            status: Status {
                reason: Some("Conflict".into()),
                code: Some(409),
                ..Status::default()
            },
            method: "PUT".into(),
            url: "/x".into(),
        }))
    }

    #[tokio::test(start_paused = true)]
    async fn retries_conflicts_until_success() {
        let mut calls = 0;
        let result = retry_on_conflict(DEFAULT_RETRY, || {
            calls += 1;
            let n = calls;
            async move {
                if n < 3 {
                    Err(conflict())
                } else {
                    Ok(n)
                }
            }
        })
        .await;
        assert_eq!(result.unwrap(), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn gives_up_after_steps_with_the_last_conflict() {
        let mut calls = 0;
        let result: Result<()> = retry_on_conflict(DEFAULT_RETRY, || {
            calls += 1;
            async { Err(conflict()) }
        })
        .await;
        assert!(result.unwrap_err().is_conflict());
        assert_eq!(calls, 5);
    }

    #[tokio::test(start_paused = true)]
    async fn other_errors_return_at_once() {
        let mut calls = 0;
        let result: Result<()> = retry_on_conflict(DEFAULT_RETRY, || {
            calls += 1;
            async { Err(Error::MissingName { kind: "Pod".into() }) }
        })
        .await;
        assert!(result.is_err());
        assert_eq!(calls, 1);
    }

    #[test]
    fn delays_grow_by_factor_within_jitter_and_cap() {
        for attempt in 1..=4 {
            let d = DEFAULT_BACKOFF.delay(attempt).as_secs_f64();
            let base = 0.010 * 5f64.powi(attempt as i32 - 1);
            assert!(
                d >= base && d <= base * 1.1 + 1e-9,
                "attempt {attempt}: {d}"
            );
        }
        let capped = Backoff {
            cap: Duration::from_millis(50),
            ..DEFAULT_BACKOFF
        };
        assert_eq!(capped.delay(4), Duration::from_millis(50));
    }
}
