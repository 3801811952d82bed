//! The builder and the finalizer helper against the fake cluster.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{finalizer, Action, ControllerBuilder, FinalizerEvent};
use crate::cache::InformerFactory;
use crate::fake::FakeCluster;
use crate::meta::ObjectMeta;
use crate::resource::{NamespaceScope, Resource};
use crate::resource_client::ResourceClient;
use crate::{CreateOptions, DeleteOptions, GetOptions};

macro_rules! kind {
    ($name:ident, $kind:literal, $plural:literal) => {
        #[derive(Clone, Debug, Default, Serialize, Deserialize)]
        struct $name {
            #[serde(default)]
            metadata: ObjectMeta,
        }

        impl Resource for $name {
            const GROUP: &'static str = "example.com";
            const VERSION: &'static str = "v1";
            const KIND: &'static str = $kind;
            const PLURAL: &'static str = $plural;
            type Scope = NamespaceScope;
            fn metadata(&self) -> &ObjectMeta {
                &self.metadata
            }
            fn metadata_mut(&mut self) -> &mut ObjectMeta {
                &mut self.metadata
            }
        }
    };
}

kind!(Thing, "Thing", "things");
kind!(Part, "Part", "parts");

fn named<K: Resource + Default>(name: &str) -> K {
    let mut object = K::default();
    object.metadata_mut().name = Some(name.into());
    object
}

/// Polls `check` until it gives a value (at most about 10 s).
async fn eventually<T>(what: &str, mut check: impl AsyncFnMut() -> Option<T>) -> T {
    for _ in 0..200 {
        if let Some(value) = check().await {
            return value;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("gave up waiting for {what}");
}

const CLEANUP: &str = "example.com/cleanup";

#[tokio::test]
async fn the_finalizer_is_added_then_cleanup_runs_before_it_is_removed() {
    let cluster = FakeCluster::start().await.unwrap();
    let things = ResourceClient::<Thing>::namespaced(cluster.client().unwrap(), "shop");
    let mut other: Thing = named("a");
    other.metadata.finalizers.push("example.com/other".into());
    things
        .create(&other, &CreateOptions::default())
        .await
        .unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let step = |object: Thing| {
        let seen = seen.clone();
        let things = things.clone();
        async move {
            finalizer(&things, CLEANUP, Arc::new(object), |event| async move {
                crate::poison::lock(&seen).push(match event {
                    FinalizerEvent::Apply(_) => "apply",
                    FinalizerEvent::Cleanup(_) => "cleanup",
                });
                Ok::<_, String>(Action::await_change())
            })
            .await
            .unwrap()
        }
    };
    let options = GetOptions::default();
    let get = || things.get("a", &options);

    // First sight: only the finalizer is added, next to the other one.
    step(get().await.unwrap()).await;
    assert!(crate::poison::lock(&seen).is_empty());
    let finalizers = get().await.unwrap().metadata.finalizers;
    assert_eq!(finalizers, ["example.com/other", CLEANUP]);
    step(get().await.unwrap()).await;
    assert_eq!(*crate::poison::lock(&seen), ["apply"]);

    // Deleted: held by the finalizers until cleanup ran and removed ours.
    things.delete("a", &DeleteOptions::default()).await.unwrap();
    let deleting = get().await.unwrap();
    assert!(deleting.metadata.deletion_timestamp.is_some());
    // A stale copy conflicts: nothing is removed, the newer version decides.
    let mut stale = deleting.clone();
    stale.metadata.resource_version = Some("1".into());
    step(stale).await;
    assert_eq!(get().await.unwrap().metadata.finalizers.len(), 2);
    step(deleting).await;
    assert_eq!(*crate::poison::lock(&seen), ["apply", "cleanup", "cleanup"]);
    assert_eq!(
        get().await.unwrap().metadata.finalizers,
        ["example.com/other"],
        "only ours is removed"
    );
}

#[tokio::test]
async fn a_deleted_owned_object_is_repaired_by_its_owners_reconcile() {
    let cluster = FakeCluster::start().await.unwrap();
    let client = cluster.client().unwrap();
    let factory = InformerFactory::namespaced(client.clone(), "shop");
    let parts = ResourceClient::<Part>::namespaced(client.clone(), "shop");
    let things = ResourceClient::<Thing>::namespaced(client, "shop");
    let reconciles = Arc::new(AtomicUsize::new(0));
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let controller = tokio::spawn(
        ControllerBuilder::<Thing>::new("things", &factory)
            .owns::<Part>()
            .graceful_shutdown_on(async move {
                let _ = stop_rx.await;
            })
            .run(
                |thing: Arc<Thing>, ctx: Arc<(ResourceClient<Part>, Arc<AtomicUsize>)>| async move {
                    ctx.1.fetch_add(1, Ordering::SeqCst);
                    let mut part: Part = named(thing.name().unwrap());
                    part.metadata
                        .owner_references
                        .extend(thing.controller_owner_ref());
                    match ctx.0.create(&part, &CreateOptions::default()).await {
                        Err(e) if !e.is_already_exists() => Err(e),
                        _ => Ok(Action::await_change()),
                    }
                },
                Arc::new((parts.clone(), reconciles.clone())),
            ),
    );
    things
        .create(&named("web"), &CreateOptions::default())
        .await
        .unwrap();
    let first = eventually("the part", async || {
        parts.get_opt("web", &GetOptions::default()).await.unwrap()
    })
    .await;
    let before = reconciles.load(Ordering::SeqCst);
    parts
        .delete("web", &DeleteOptions::default())
        .await
        .unwrap();
    eventually("the part to come back", async || {
        parts
            .get_opt("web", &GetOptions::default())
            .await
            .unwrap()
            .filter(|p| p.metadata.uid != first.metadata.uid)
    })
    .await;
    assert!(reconciles.load(Ordering::SeqCst) > before);

    stop_tx.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(10), controller)
        .await
        .expect("stops on the signal")
        .unwrap()
        .unwrap();
}

#[tokio::test]
async fn with_leader_election_only_the_leader_reconciles_until_it_stops() {
    use crate::leader_election::{LeaderElectionConfig, TestLease};
    let cluster = FakeCluster::start().await.unwrap();
    let client = cluster.client().unwrap();
    ResourceClient::<Thing>::namespaced(client.clone(), "shop")
        .create(&named("web"), &CreateOptions::default())
        .await
        .unwrap();
    let candidate = |identity: &str| {
        let mut config = LeaderElectionConfig::new("shop", "things-lock", identity);
        config.lease_duration = Duration::from_secs(3);
        config.renew_deadline = Duration::from_secs(2);
        config.retry_period = Duration::from_millis(200);
        config.release_on_cancel = true;
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let reconciles = Arc::new(AtomicUsize::new(0));
        let factory = InformerFactory::namespaced(client.clone(), "shop");
        let task = tokio::spawn(
            ControllerBuilder::<Thing>::new("things", &factory)
                .leader_election::<TestLease>(config)
                .graceful_shutdown_on(async move {
                    let _ = stop_rx.await;
                })
                .run(
                    |_: Arc<Thing>, count: Arc<AtomicUsize>| async move {
                        count.fetch_add(1, Ordering::SeqCst);
                        Ok::<_, String>(Action::await_change())
                    },
                    reconciles.clone(),
                ),
        );
        (stop_tx, reconciles, task)
    };
    let (stop_a, a, task_a) = candidate("a");
    eventually("a to lead and reconcile", async || {
        (a.load(Ordering::SeqCst) > 0).then_some(())
    })
    .await;
    let (stop_b, b, task_b) = candidate("b");
    // b campaigns while a holds the lease (a renews every 200 ms).
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(b.load(Ordering::SeqCst), 0, "b does not lead while a does");

    stop_a.send(()).unwrap();
    task_a.await.unwrap().unwrap();
    eventually("b to take over and reconcile", async || {
        (b.load(Ordering::SeqCst) > 0).then_some(())
    })
    .await;
    stop_b.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(10), task_b)
        .await
        .expect("b stops on its signal")
        .unwrap()
        .unwrap();
}

#[tokio::test]
async fn leader_election_with_bad_timings_fails_before_campaigning() {
    use crate::leader_election::{LeaderElectionConfig, TestLease};
    let cluster = FakeCluster::start().await.unwrap();
    let factory = InformerFactory::namespaced(cluster.client().unwrap(), "shop");
    let mut config = LeaderElectionConfig::new("shop", "things-lock", "a");
    config.renew_deadline = config.lease_duration;
    let run = ControllerBuilder::<Thing>::new("things", &factory)
        .leader_election::<TestLease>(config)
        .run(
            |_: Arc<Thing>, _: Arc<()>| async { Ok::<_, String>(Action::await_change()) },
            Arc::new(()),
        );
    let result = tokio::time::timeout(Duration::from_secs(10), run)
        .await
        .expect("returns at once");
    assert!(result.is_err());
}

#[tokio::test]
async fn watches_reconciles_the_keys_its_mapper_names() {
    let cluster = FakeCluster::start().await.unwrap();
    let client = cluster.client().unwrap();
    let factory = InformerFactory::namespaced(client.clone(), "shop");
    for name in ["web", "db"] {
        ResourceClient::<Thing>::namespaced(client.clone(), "shop")
            .create(&named(name), &CreateOptions::default())
            .await
            .unwrap();
    }
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let controller = tokio::spawn(
        ControllerBuilder::<Thing>::new("things", &factory)
            // A Part names the Thing it is for in its `for` label.
            .watches(|part: &Part| {
                part.metadata
                    .labels
                    .get("for")
                    .map(|thing| crate::cache::key_of(part.namespace(), thing))
            })
            .graceful_shutdown_on(async move {
                let _ = stop_rx.await;
            })
            .run(
                |thing: Arc<Thing>, seen: Arc<Mutex<Vec<String>>>| async move {
                    crate::poison::lock(&seen).push(thing.name().unwrap().to_owned());
                    Ok::<_, String>(Action::await_change())
                },
                seen.clone(),
            ),
    );
    let count = |name: &str| {
        crate::poison::lock(&seen)
            .iter()
            .filter(|n| *n == name)
            .count()
    };
    eventually("both Things at start", async || {
        (count("web") == 1 && count("db") == 1).then_some(())
    })
    .await;
    let mut part: Part = named("p1");
    part.metadata.labels.insert("for".into(), "db".into());
    ResourceClient::<Part>::namespaced(client, "shop")
        .create(&part, &CreateOptions::default())
        .await
        .unwrap();
    eventually("db again", async || (count("db") == 2).then_some(())).await;
    stop_tx.send(()).unwrap();
    controller.await.unwrap().unwrap();
    assert_eq!(count("web"), 1, "web was not named");
}
