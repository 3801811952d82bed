//! The reflector's waits between attempts (client-go's exponential backoff
//! manager): from the initial wait, doubling up to the cap, with jitter, and
//! back to the initial wait after two minutes without trouble. Shared by
//! failures, relists after 410 Gone and watches that end at once, so that no
//! kind of trouble can make the reflector hammer the server.

use std::time::Duration;

use tokio::time::Instant;

/// A run this long without backing off starts the waits over (client-go's reset duration).
const RESET_AFTER: Duration = Duration::from_secs(120);

pub(super) struct Backoff {
    initial: Duration,
    max: Duration,
    /// The base of the next wait.
    next: Duration,
    /// When the last wait ended.
    last_end: Option<Instant>,
}

impl Backoff {
    pub(super) fn new(initial: Duration, max: Duration) -> Self {
        Self {
            initial,
            max,
            next: initial,
            last_end: None,
        }
    }

    /// The next wait: the base with up to as much again of jitter, capped.
    pub(super) fn next_wait(&mut self) -> Duration {
        let now = Instant::now();
        if self
            .last_end
            .is_some_and(|end| now.saturating_duration_since(end) > RESET_AFTER)
        {
            self.next = self.initial;
        }
        let base = self.next.min(self.max);
        self.next = base.saturating_mul(2).min(self.max);
        let wait = base.mul_f64(1.0 + fastrand::f64()).min(self.max);
        self.last_end = Some(now + wait);
        wait
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn doubles_to_the_cap_with_jitter_and_starts_over_after_a_quiet_spell() {
        let mut backoff = Backoff::new(Duration::from_millis(800), Duration::from_secs(30));
        let mut base = Duration::from_millis(800);
        for _ in 0..8 {
            let wait = backoff.next_wait();
            assert!(
                wait >= base.min(Duration::from_secs(30)),
                "{wait:?} {base:?}"
            );
            assert!(wait <= (base * 2).min(Duration::from_secs(30)), "{wait:?}");
            tokio::time::sleep(wait).await;
            base *= 2;
        }
        tokio::time::sleep(Duration::from_secs(100)).await;
        assert_eq!(backoff.next_wait(), Duration::from_secs(30), "not yet");
        tokio::time::sleep(Duration::from_secs(30 + 121)).await;
        assert!(backoff.next_wait() <= Duration::from_millis(1600));
    }
}
