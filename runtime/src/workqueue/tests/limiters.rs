//! The rate limiters.

use std::time::Duration;

use crate::workqueue::{
    default_controller_rate_limiter, BucketRateLimiter, ItemExponentialFailureRateLimiter,
    ItemFastSlowRateLimiter, MaxOfRateLimiter, RateLimiter,
};

const MS: Duration = Duration::from_millis(1);

#[test]
fn exponential_doubles_per_failure() {
    let limiter = ItemExponentialFailureRateLimiter::default();
    let waits: Vec<_> = (0..5).map(|_| limiter.when(&"a")).collect();
    assert_eq!(waits, [5 * MS, 10 * MS, 20 * MS, 40 * MS, 80 * MS]);
    assert_eq!(limiter.num_requeues(&"a"), 5);
    assert_eq!(limiter.when(&"b"), 5 * MS, "keys back off independently");
    assert_eq!(limiter.num_requeues(&"b"), 1);
}

#[test]
fn exponential_is_capped_at_max() {
    let limiter = ItemExponentialFailureRateLimiter::default();
    for _ in 0..18 {
        limiter.when(&1);
    }
    // 5 ms * 2^18 = 1310.72 s, over the cap.
    assert_eq!(limiter.when(&1), Duration::from_secs(1000));
    for _ in 0..100 {
        assert_eq!(limiter.when(&1), Duration::from_secs(1000));
    }
    assert_eq!(limiter.num_requeues(&1), 119);
}

#[test]
fn exponential_forget_resets() {
    let limiter = ItemExponentialFailureRateLimiter::new(MS, Duration::from_secs(1));
    limiter.when(&"a");
    limiter.when(&"a");
    limiter.forget(&"a");
    assert_eq!(limiter.num_requeues(&"a"), 0);
    assert_eq!(limiter.when(&"a"), MS);
}

#[tokio::test(start_paused = true)]
async fn bucket_allows_burst_then_spaces_at_one_per_qps() {
    let limiter = BucketRateLimiter::new(10.0, 3);
    let waits: Vec<_> = (0..6)
        .map(|i| RateLimiter::<u32>::when(&limiter, &i))
        .collect();
    assert_eq!(
        waits,
        [
            Duration::ZERO,
            Duration::ZERO,
            Duration::ZERO,
            100 * MS,
            200 * MS,
            300 * MS
        ]
    );
    assert_eq!(RateLimiter::<u32>::num_requeues(&limiter, &0), 0);
}

#[tokio::test(start_paused = true)]
async fn bucket_refills_over_time() {
    let limiter = BucketRateLimiter::new(10.0, 2);
    let when = |l: &BucketRateLimiter| RateLimiter::<()>::when(l, &());
    assert_eq!(when(&limiter), Duration::ZERO);
    assert_eq!(when(&limiter), Duration::ZERO);
    assert_eq!(when(&limiter), 100 * MS);
    tokio::time::advance(Duration::from_secs(10)).await;
    // Refilled to the burst, not beyond.
    assert_eq!(when(&limiter), Duration::ZERO);
    assert_eq!(when(&limiter), Duration::ZERO);
    assert_eq!(when(&limiter), 100 * MS);
}

#[tokio::test(start_paused = true)]
async fn bucket_defaults_to_ten_qps_burst_hundred() {
    let limiter = BucketRateLimiter::default();
    for i in 0..100 {
        assert_eq!(RateLimiter::<u32>::when(&limiter, &i), Duration::ZERO);
    }
    assert_eq!(RateLimiter::<u32>::when(&limiter, &100), 100 * MS);
}

#[test]
fn bucket_without_rate_waits_forever_after_burst() {
    let limiter = BucketRateLimiter::new(0.0, 1);
    assert_eq!(RateLimiter::<()>::when(&limiter, &()), Duration::ZERO);
    assert_eq!(RateLimiter::<()>::when(&limiter, &()), Duration::MAX);
    let unlimited = BucketRateLimiter::new(f64::INFINITY, 0);
    assert_eq!(RateLimiter::<()>::when(&unlimited, &()), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn max_of_picks_the_longest_wait() {
    let limiter = MaxOfRateLimiter::new(vec![
        Box::new(ItemExponentialFailureRateLimiter::new(
            MS,
            Duration::from_secs(1),
        )),
        Box::new(BucketRateLimiter::new(1.0, 2)),
    ]);
    // exp: 1, 2, 4, 8 ms; bucket: 0, 0, 1 s, 2 s.
    assert_eq!(limiter.when(&"a"), MS);
    assert_eq!(limiter.when(&"a"), 2 * MS);
    assert_eq!(limiter.when(&"a"), Duration::from_secs(1));
    assert_eq!(limiter.when(&"a"), Duration::from_secs(2));
    assert_eq!(limiter.num_requeues(&"a"), 4);
    limiter.forget(&"a");
    assert_eq!(limiter.num_requeues(&"a"), 0);
}

#[test]
fn max_of_forwards_to_every_limiter() {
    let limiter = MaxOfRateLimiter::new(vec![
        Box::new(ItemFastSlowRateLimiter::new(MS, Duration::from_secs(1), 10)),
        Box::new(ItemExponentialFailureRateLimiter::new(
            MS,
            Duration::from_secs(60),
        )),
    ]);
    for _ in 0..3 {
        limiter.when(&"a");
    }
    assert_eq!(limiter.num_requeues(&"a"), 3);
    assert_eq!(limiter.when(&"a"), 8 * MS, "exponential wins over fast");
    limiter.forget(&"a");
    assert_eq!(limiter.when(&"a"), MS, "both forgot");
}

#[tokio::test(start_paused = true)]
async fn default_controller_limiter_matches_client_go() {
    let limiter = default_controller_rate_limiter::<u32>();
    assert_eq!(limiter.0.len(), 2);
    assert_eq!(limiter.when(&0), 5 * MS);
    assert_eq!(limiter.when(&0), 10 * MS);
    // 98 more tokens of the burst of 100; then the bucket's 10 qps
    // outweighs a fresh key's 5 ms.
    for key in 1..=98 {
        assert_eq!(limiter.when(&key), 5 * MS);
    }
    assert_eq!(limiter.when(&1000), 100 * MS);
    assert_eq!(limiter.num_requeues(&0), 2);
}

#[test]
fn fast_slow_switches_after_max_fast_attempts() {
    let limiter = ItemFastSlowRateLimiter::new(MS, Duration::from_secs(10), 2);
    assert_eq!(limiter.when(&"a"), MS);
    assert_eq!(limiter.when(&"a"), MS);
    assert_eq!(limiter.when(&"a"), Duration::from_secs(10));
    assert_eq!(limiter.num_requeues(&"a"), 3);
    limiter.forget(&"a");
    assert_eq!(limiter.when(&"a"), MS);
}
