//! The election loop: acquire the lease when it is free or expired, renew it
//! every retry period, and give up leading when renewals fail for longer
//! than the renew deadline. Expiry is judged by when this candidate last saw
//! the record change, never by comparing clocks with the holder (client-go's rule).

use std::future::Future;
use std::sync::Mutex;
use std::time::Duration;

use compact_str::CompactString;
use tokio::sync::watch;
use tokio::time::Instant;

use super::lease::{LeaseObject, LeaseRecord};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::meta::MicroTime;
use crate::options::{CreateOptions, GetOptions, UpdateOptions};
use crate::poison;
use crate::resource_client::ResourceClient;

/// Timings and identity, with client-go's defaults.
#[derive(Clone, Debug)]
pub struct LeaderElectionConfig {
    /// The Lease's namespace.
    pub namespace: String,
    /// The Lease's name.
    pub name: String,
    /// This candidate's identity (unique per process, e.g. the Pod name).
    pub identity: String,
    /// How long a lease lasts after each renewal; others wait this long before taking it (15 s).
    pub lease_duration: Duration,
    /// How long the leader keeps trying to renew before it gives up leading (10 s).
    pub renew_deadline: Duration,
    /// How often candidates try to acquire, and the leader renews (2 s).
    pub retry_period: Duration,
    /// Release the lease when leading ends, so another candidate takes over at once.
    pub release_on_cancel: bool,
}

/// Jitter applied to the retry period, as client-go's JitterFactor.
const JITTER: f64 = 1.2;

impl LeaderElectionConfig {
    /// A configuration with client-go's defaults (15 s, 10 s, 2 s).
    pub fn new(namespace: &str, name: &str, identity: &str) -> Self {
        Self {
            namespace: namespace.into(),
            name: name.into(),
            identity: identity.into(),
            lease_duration: Duration::from_secs(15),
            renew_deadline: Duration::from_secs(10),
            retry_period: Duration::from_secs(2),
            release_on_cancel: false,
        }
    }

    fn validate(&self) -> Result<()> {
        let bad = |setting, rule| Err(Error::LeaderElection { setting, rule });
        if self.identity.is_empty() {
            return bad("identity", "must not be empty");
        }
        if self.lease_duration <= self.renew_deadline {
            return bad("lease_duration", "must be greater than renew_deadline");
        }
        if self.renew_deadline.as_secs_f64() <= JITTER * self.retry_period.as_secs_f64() {
            return bad("renew_deadline", "must be greater than retry_period * 1.2");
        }
        Ok(())
    }
}

/// Given to the leading task: tells it when leadership is lost.
#[derive(Clone, Debug)]
pub struct Leadership {
    lost: watch::Receiver<bool>,
}

impl Leadership {
    /// Resolves once this candidate is no longer the leader.
    pub async fn lost(&mut self) {
        let _ = self.lost.wait_for(|lost| *lost).await;
    }

    /// Whether leadership has been lost.
    pub fn is_lost(&self) -> bool {
        *self.lost.borrow()
    }
}

/// How a term of leadership ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Renewals failed past the renew deadline; someone else may lead now.
    Lost,
    /// The leading task finished by itself.
    Finished,
}

/// One candidate, holding a Lease of type `L` (the generated
/// `kubegen::coordination::v1::Lease`).
///
/// Run the same program in several replicas; one at a time does the work:
///
/// ```no_run
/// # async fn example<Lease: kubegen_runtime::leader_election::LeaseObject>(client: kubegen_runtime::Client) -> kubegen_runtime::Result<()> {
/// use kubegen_runtime::leader_election::{LeaderElectionConfig, LeaderElector, Outcome};
/// // use kubegen::coordination::v1::Lease;
///
/// # async fn do_the_work() {}
/// let identity = std::env::var("POD_NAME").unwrap_or_else(|_| "local".into());
/// let config = LeaderElectionConfig::new("default", "my-controller", &identity);
/// let elector = LeaderElector::<Lease>::new(client, config)?;
/// let outcome = elector
///     .run(|_leadership| do_the_work(), || println!("stopped leading"))
///     .await;
/// if outcome == Outcome::Lost {
///     std::process::exit(1); // the work was cut off: start over as a candidate
/// }
/// # Ok(()) }
/// ```
pub struct LeaderElector<L> {
    leases: ResourceClient<L>,
    config: LeaderElectionConfig,
    /// The last record seen, and when it was first seen (for expiry).
    observed: Mutex<Option<(LeaseRecord, Instant)>>,
}

impl<L: LeaseObject> LeaderElector<L> {
    /// A candidate for the lease named in `config`.
    pub fn new(client: Client, config: LeaderElectionConfig) -> Result<Self> {
        config.validate()?;
        Ok(Self {
            leases: ResourceClient::namespaced(client, &config.namespace),
            config,
            observed: Mutex::new(None),
        })
    }

    /// The holder last seen on the lease.
    pub fn leader(&self) -> Option<String> {
        poison::lock(&self.observed)
            .as_ref()
            .and_then(|(r, _)| r.holder_identity.as_deref().map(str::to_owned))
    }

    /// Waits to become the leader, runs `on_started_leading` while leading,
    /// then calls `on_stopped_leading`. Returns when leadership is lost or the
    /// task finishes. Drop the returned future to stop campaigning.
    pub async fn run<F, Fut>(
        &self,
        on_started_leading: F,
        on_stopped_leading: impl FnOnce(),
    ) -> Outcome
    where
        F: FnOnce(Leadership) -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        // When the last successful attempt began: the lease was renewed no earlier.
        let mut last_renewal = loop {
            let started = Instant::now();
            if self.try_acquire_or_renew().await {
                break started;
            }
            tokio::time::sleep(self.jittered_retry()).await;
        };
        tracing::info!(identity = %self.config.identity, lease = %self.config.name, "became leader");
        let (lost_tx, lost_rx) = watch::channel(false);
        let mut task = AbortOnDrop(tokio::spawn(on_started_leading(Leadership {
            lost: lost_rx,
        })));
        let outcome = loop {
            tokio::select! {
                _ = &mut task.0 => break Outcome::Finished,
                _ = tokio::time::sleep(self.config.retry_period) => {}
            }
            // Renewals are cut off at the deadline, however slow the server
            // (client-go cancels them the same way): past it another
            // candidate may already lead.
            let deadline = last_renewal + self.config.renew_deadline;
            let started = Instant::now();
            match tokio::time::timeout_at(deadline, self.try_acquire_or_renew()).await {
                Ok(true) => last_renewal = started,
                Ok(false) if Instant::now() < deadline => {}
                _ => break Outcome::Lost,
            }
        };
        lost_tx.send_replace(true);
        tracing::info!(identity = %self.config.identity, ?outcome, "stopped leading");
        if outcome == Outcome::Finished && self.config.release_on_cancel {
            self.release().await;
        }
        on_stopped_leading();
        outcome
    }

    fn jittered_retry(&self) -> Duration {
        self.config
            .retry_period
            .mul_f64(1.0 + (JITTER - 1.0) * fastrand::f64())
    }

    /// One attempt to take or keep the lease; false when another holds it or the write lost a race.
    async fn try_acquire_or_renew(&self) -> bool {
        match self.attempt().await {
            Ok(acquired) => acquired,
            Err(e) => {
                tracing::debug!(error = %e, "leader election attempt failed");
                false
            }
        }
    }

    async fn attempt(&self) -> Result<bool> {
        let now = MicroTime::now();
        let me = CompactString::from(self.config.identity.as_str());
        let duration = self.config.lease_duration.as_secs() as i32;
        let Some(mut lease) = self
            .leases
            .get_opt(&self.config.name, &GetOptions::default())
            .await?
        else {
            let record = LeaseRecord {
                holder_identity: Some(me),
                lease_duration_seconds: Some(duration),
                acquire_time: Some(now),
                renew_time: Some(now),
                lease_transitions: Some(0),
                ..LeaseRecord::default()
            };
            let mut lease = L::default();
            lease.metadata_mut().name = Some(self.config.name.as_str().into());
            lease.set_record(record.clone());
            return match self.leases.create(&lease, &CreateOptions::default()).await {
                Ok(_) => {
                    self.observe(record);
                    Ok(true)
                }
                Err(e) if e.is_already_exists() => Ok(false),
                Err(e) => Err(e),
            };
        };
        let current = lease.record();
        let observed_at = self.observe(current.clone());
        let holder = current.holder_identity.clone().unwrap_or_default();
        let held_by_other = !holder.is_empty() && holder != me;
        let term =
            Duration::from_secs(current.lease_duration_seconds.unwrap_or(duration).max(0) as u64);
        if held_by_other && observed_at + term > Instant::now() {
            return Ok(false);
        }
        let record = if holder == me {
            LeaseRecord {
                renew_time: Some(now),
                lease_duration_seconds: Some(duration),
                ..current
            }
        } else {
            LeaseRecord {
                holder_identity: Some(me),
                lease_duration_seconds: Some(duration),
                acquire_time: Some(now),
                renew_time: Some(now),
                // Saturating: the API server refuses a negative count, so wrapping
                // as client-go's int32 does would make the lease untakeable.
                lease_transitions: Some(
                    current
                        .lease_transitions
                        .unwrap_or(0)
                        .saturating_add(i32::from(!holder.is_empty())),
                ),
                // The coordinator's `strategy` and `preferred_holder` stay as read.
                ..current
            }
        };
        lease.set_record(record.clone());
        match self.leases.update(&lease, &UpdateOptions::default()).await {
            Ok(_) => {
                self.observe(record);
                Ok(true)
            }
            Err(e) if e.is_conflict() => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Records the lease as seen now, unless it is unchanged; returns when it was first seen.
    fn observe(&self, record: LeaseRecord) -> Instant {
        let mut observed = poison::lock(&self.observed);
        match observed.as_ref() {
            Some((seen, at)) if *seen == record => *at,
            _ => {
                let now = Instant::now();
                *observed = Some((record, now));
                now
            }
        }
    }

    /// Gives the lease up so another candidate can take it at once.
    async fn release(&self) {
        let Ok(Some(mut lease)) = self
            .leases
            .get_opt(&self.config.name, &GetOptions::default())
            .await
        else {
            return;
        };
        let mut record = lease.record();
        if record.holder_identity.as_deref() != Some(self.config.identity.as_str()) {
            return;
        }
        record.holder_identity = None;
        record.lease_duration_seconds = Some(1);
        lease.set_record(record);
        if let Err(e) = self.leases.update(&lease, &UpdateOptions::default()).await {
            tracing::debug!(error = %e, "could not release the lease");
        }
    }
}

/// Aborts the leading task when `run` is dropped, so that no work goes on
/// after campaigning stopped.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
