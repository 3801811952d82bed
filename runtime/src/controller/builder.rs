//! A controller from a few lines (kube-runtime's `Controller`, client-go's
//! sample-controller wiring): the primary kind, the kinds it owns or
//! watches, shared informers underneath, and workers that reconcile
//! primaries by key with per-key backoff, optional leader election and a
//! graceful shutdown.

use std::fmt::Display;
use std::future::Future;
use std::marker::PhantomData;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use futures::future::{BoxFuture, Shared};
use futures::FutureExt;

use super::owner::owner_key;
use super::runner::{Action, Controller};
use crate::cache::{object_key, HandlerFns, InformerFactory};
use crate::client::Client;
use crate::error::Result;
use crate::leader_election::{LeaderElectionConfig, LeaderElector, Leadership, LeaseObject};
use crate::metrics::Metrics;
use crate::resource::Resource;
use crate::workqueue::{default_controller_rate_limiter, RateLimiter, RateLimitingQueue};

/// Adds an informer's handler that feeds the queue (run when the controller starts).
type Wiring = Box<dyn FnOnce(&InformerFactory, &RateLimitingQueue<String>) + Send>;

/// A signal that resolves once, seen by every clone.
type Signal = Shared<BoxFuture<'static, ()>>;

/// What runs while leading; told when leadership is lost.
type Leading = Box<dyn FnOnce(Leadership) -> BoxFuture<'static, ()> + Send>;

/// Campaigns for the lease, runs the leading task while leading, then the
/// stop callback.
type Campaign = Box<dyn FnOnce(Leading, Box<dyn FnOnce() + Send>) -> BoxFuture<'static, ()> + Send>;

/// Makes the campaign: an elector of the Lease type the builder was given,
/// its configuration checked.
type Election = Box<dyn FnOnce(Client) -> Result<Campaign> + Send>;

/// Builds and runs a controller of kind `K`. Keys are cache keys
/// (`namespace/name`, see [`crate::cache::object_key`]).
///
/// ```no_run
/// # use std::sync::Arc;
/// # use kubegen_runtime::cache::InformerFactory;
/// # use kubegen_runtime::controller::{Action, ControllerBuilder};
/// # async fn demo<K: kubegen_runtime::Resource, O: kubegen_runtime::Resource>(factory: InformerFactory) -> kubegen_runtime::Result<()> {
/// ControllerBuilder::<K>::new("things", &factory)
///     .owns::<O>()
///     .run(|thing: Arc<K>, _ctx: Arc<()>| async move {
///         // ... bring the world in line with `thing` ...
///         Ok::<_, kubegen_runtime::Error>(Action::await_change())
///     }, Arc::new(()))
///     .await
/// # }
/// ```
pub struct ControllerBuilder<K> {
    name: String,
    factory: InformerFactory,
    wiring: Vec<Wiring>,
    workers: usize,
    max_retries: u32,
    /// None: client-go's default controller rate limiter.
    limiter: Option<Box<dyn RateLimiter<String>>>,
    metrics: Option<Arc<dyn Metrics>>,
    leader_election: Option<Election>,
    shutdown: Option<Signal>,
    kind: PhantomData<fn() -> K>,
}

impl<K: Resource> ControllerBuilder<K> {
    /// A controller named `name` (for logs and metrics) of the objects of
    /// `K` that `factory`'s informers see: each add or change of one
    /// reconciles it. Two workers, client-go's default rate limiter, 15
    /// retries of a failing key.
    pub fn new(name: &str, factory: &InformerFactory) -> Self {
        let primary: Wiring = Box::new(|factory, queue| {
            let (on_add, on_update) = (queue.clone(), queue.clone());
            factory.informer::<K>().add_handler(
                HandlerFns::new()
                    .on_add(move |o: &Arc<K>| on_add.add(object_key(o.as_ref())))
                    .on_update(move |_, o| on_update.add(object_key(o.as_ref()))),
            );
        });
        Self {
            name: name.to_owned(),
            factory: factory.clone(),
            wiring: vec![primary],
            workers: 2,
            max_retries: 15,
            limiter: None,
            metrics: None,
            leader_election: None,
            shutdown: None,
            kind: PhantomData,
        }
    }

    /// Reconciles the controlling owner (an owner reference with
    /// `controller: true` and `K`'s apiVersion and kind) of every `O` that
    /// is added, changed or deleted, so a child changed or deleted by hand
    /// is repaired.
    pub fn owns<O: Resource>(mut self) -> Self {
        self.wiring.push(Box::new(|factory, queue| {
            let enqueue = {
                let queue = queue.clone();
                move |o: &Arc<O>| {
                    if let Some(key) = owner_key::<K, O>(o.as_ref()) {
                        queue.add(key);
                    }
                }
            };
            add_mapped_handler(factory, enqueue);
        }));
        self
    }

    /// Reconciles the `K` keys `mapper` names for every `O` that is added,
    /// changed or deleted (for relations other than ownership).
    pub fn watches<O, I>(mut self, mapper: impl Fn(&O) -> I + Send + Sync + 'static) -> Self
    where
        O: Resource,
        I: IntoIterator<Item = String>,
    {
        let mapper = Arc::new(mapper);
        self.wiring.push(Box::new(move |factory, queue| {
            let queue = queue.clone();
            add_mapped_handler(factory, move |o: &Arc<O>| {
                for key in (*mapper)(o.as_ref()) {
                    queue.add(key);
                }
            });
        }));
        self
    }

    /// How many reconciles run at once (never two for one key).
    pub fn workers(mut self, workers: usize) -> Self {
        self.workers = workers.max(1);
        self
    }

    /// How a failing key backs off (per key); after `max_retries` failures
    /// in a row it is dropped until its object changes again.
    pub fn backoff(
        mut self,
        limiter: impl RateLimiter<String> + 'static,
        max_retries: u32,
    ) -> Self {
        self.limiter = Some(Box::new(limiter));
        self.max_retries = max_retries;
        self
    }

    /// Reports the queue's and the reconciles' metrics, labelled with the
    /// controller's name.
    pub fn metrics(mut self, metrics: Arc<dyn Metrics>) -> Self {
        self.metrics = Some(metrics);
        self
    }

    /// Reconciles only while holding the lease `config` names, a Lease of
    /// type `L` (`leader_election::<kubegen::coordination::v1::Lease>(config)`).
    /// When leadership is lost the queue shuts down: reconciles in flight
    /// finish, no new one starts, and [`run`](Self::run) returns.
    pub fn leader_election<L: LeaseObject>(mut self, config: LeaderElectionConfig) -> Self {
        self.leader_election = Some(Box::new(move |client| {
            let elector = LeaderElector::<L>::new(client, config)?;
            let campaign: Campaign = Box::new(move |leading, stopped| {
                async move {
                    elector.run(leading, stopped).await;
                }
                .boxed()
            });
            Ok(campaign)
        }));
        self
    }

    /// Stops when `signal` resolves (e.g. on SIGTERM): no new reconcile
    /// starts, the ones in flight finish, then [`run`](Self::run) returns.
    pub fn graceful_shutdown_on(
        mut self,
        signal: impl Future<Output = ()> + Send + 'static,
    ) -> Self {
        self.shutdown = Some(signal.boxed().shared());
        self
    }

    /// Starts the informers, waits for their caches, then reconciles until
    /// shutdown (or lost leadership). `reconcile` gets the cached object and
    /// `context`; an error or a panic retries the key with backoff. The
    /// factory's informers keep running afterwards (they may be shared):
    /// stop them with [`InformerFactory::shutdown`].
    pub async fn run<C, E, F, Fut>(mut self, reconcile: F, context: Arc<C>) -> Result<()>
    where
        C: Send + Sync + 'static,
        E: Display + Send + 'static,
        F: Fn(Arc<K>, Arc<C>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = std::result::Result<Action, E>> + Send + 'static,
    {
        let limiter = self
            .limiter
            .take()
            .unwrap_or_else(|| Box::new(default_controller_rate_limiter()));
        let queue = RateLimitingQueue::with_name(self.name.clone(), limiter);
        if let Some(metrics) = self.metrics.take() {
            queue.set_metrics(metrics);
        }
        let shutdown = self
            .shutdown
            .take()
            .unwrap_or_else(|| futures::future::pending().boxed().shared());
        let Some(election) = self.leader_election.take() else {
            self.reconcile_until(queue, shutdown, reconcile, context)
                .await;
            return Ok(());
        };
        let campaign = election(self.factory.client().clone())?;
        let leading = Arc::new(AtomicBool::new(false));
        let (is_leading, stopping, on_lost) = (leading.clone(), shutdown.clone(), queue.clone());
        let campaign = campaign(
            Box::new(move |mut leadership| {
                async move {
                    is_leading.store(true, Ordering::SeqCst);
                    let stop = async move {
                        tokio::select! {
                            () = leadership.lost() => {}
                            () = stopping => {}
                        }
                    };
                    self.reconcile_until(queue, stop.boxed().shared(), reconcile, context)
                        .await;
                }
                .boxed()
            }),
            // The leading task is cut off when leadership is lost; its
            // workers see the queue shut down, finish and exit.
            Box::new(move || on_lost.shutdown()),
        );
        tokio::pin!(campaign);
        tokio::select! {
            () = &mut campaign => {}
            () = shutdown => {
                // Leading: the term ends by itself once reconciles in flight
                // finish. Not leading yet: stop campaigning.
                if leading.load(Ordering::SeqCst) {
                    campaign.await;
                }
            }
        }
        Ok(())
    }

    async fn reconcile_until<C, E, F, Fut>(
        self,
        queue: RateLimitingQueue<String>,
        stop: Signal,
        reconcile: F,
        context: Arc<C>,
    ) where
        C: Send + Sync + 'static,
        E: Display + Send + 'static,
        F: Fn(Arc<K>, Arc<C>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = std::result::Result<Action, E>> + Send + 'static,
    {
        for wire in self.wiring {
            wire(&self.factory, &queue);
        }
        let store = self.factory.informer::<K>().store();
        self.factory.start();
        tokio::select! {
            () = self.factory.wait_for_cache_sync() => {}
            () = stop.clone() => return,
        }
        tracing::info!(controller = %self.name, workers = self.workers, "caches synced; reconciling");
        let controller = Controller::new(queue.clone(), self.workers).max_retries(self.max_retries);
        let reconcile = Arc::new(reconcile);
        let workers = controller.run(move |key: String| {
            let (reconcile, context) = (reconcile.clone(), context.clone());
            let object = store.get(&key);
            async move {
                match object {
                    Some(object) => reconcile(object, context).await,
                    // Gone from the cache: nothing to reconcile (owners'
                    // deletions are for finalizers and garbage collection).
                    None => Ok(Action::Done),
                }
            }
        });
        let stopper = async move {
            stop.await;
            tracing::info!(controller = %self.name, "shutting down: finishing reconciles in flight");
            queue.shutdown();
        };
        tokio::join!(workers, stopper);
    }
}

/// Adds a handler on `O`'s shared informer that calls `enqueue` for every
/// add, change (old and new state) and delete.
fn add_mapped_handler<O: Resource>(
    factory: &InformerFactory,
    enqueue: impl Fn(&Arc<O>) + Clone + Send + Sync + 'static,
) {
    let (on_add, on_update, on_delete) = (enqueue.clone(), enqueue.clone(), enqueue);
    factory.informer::<O>().add_handler(
        HandlerFns::new()
            .on_add(move |o| on_add(o))
            .on_update(move |old, new| {
                on_update(old);
                on_update(new);
            })
            .on_delete(move |o| on_delete(o)),
    );
}
