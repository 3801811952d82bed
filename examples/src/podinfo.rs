//! The podinfo service: watches Pods and mirrors each one's name, namespace,
//! UID and IP into a `Testcr` custom resource (stable.example.com/v1) of the
//! same name, created when the Pod appears, updated when its IP changes, and
//! deleted when it goes.

use std::sync::Arc;

use kubegen::cache::{HandlerFns, Lister};
use kubegen::controller::{Action, Controller};
use kubegen::core::v1::Pod;
use kubegen::meta::ObjectMeta;
use kubegen::workqueue::RateLimitingQueue;
use kubegen::{
    cache, Client, Clientset, CreateOptions, DeleteOptions, GetOptions, InformerFactory, Resource,
    UpdateOptions,
};

use crate::crds::stable_example_com::v1::{Testcr, TestcrSpec};

/// The CRD manifest the Testcr client was generated from.
pub const CRD: &str = include_str!("../crds/testcr.yaml");

/// Installs the Testcr CRD, then mirrors the Pods of `namespace` (all when
/// `None`) until the future is dropped.
pub async fn run(client: Client, namespace: Option<&str>) -> anyhow::Result<()> {
    crate::crd_install::install(&Clientset::from_client(client.clone()), CRD).await?;
    let factory = match namespace {
        Some(ns) => InformerFactory::namespaced(client.clone(), ns),
        None => InformerFactory::new(client.clone()),
    };
    let pods = factory.core().v1().pods();
    let controller = Controller::new(RateLimitingQueue::with_default_rate_limiter(), 2);
    let queue = controller.queue().clone();
    let enqueue = move |p: &Arc<Pod>| queue.add(cache::object_key(p.as_ref()));
    let (on_add, on_update, on_delete) = (enqueue.clone(), enqueue.clone(), enqueue);
    pods.add_handler(
        HandlerFns::new()
            .on_add(move |p| on_add(p))
            .on_update(move |_, p| on_update(p))
            .on_delete(move |p| on_delete(p)),
    );
    factory.start();
    factory.wait_for_cache_sync().await;
    let lister = pods.lister();
    let crs = crate::crds::Clientset::from_client(client);
    controller
        .run(move |key: String| {
            let (lister, crs) = (lister.clone(), crs.clone());
            async move { mirror(&lister, &crs, &key).await }
        })
        .await;
    Ok(())
}

/// The Testcr that records `pod`, owned by it.
pub fn record_of(pod: &Pod) -> Testcr {
    Testcr {
        metadata: ObjectMeta {
            name: pod.metadata.name.clone(),
            owner_references: pod.object_ref().into_iter().collect(),
            ..ObjectMeta::default()
        },
        spec: Some(TestcrSpec {
            pod_name: pod.metadata.name.clone(),
            pod_namespace: pod.metadata.namespace.clone(),
            pod_uid: pod.metadata.uid.clone(),
            pod_ip: pod.status.as_ref().and_then(|s| s.pod_ip.clone()),
            ..Default::default()
        }),
        ..Testcr::default()
    }
}

async fn mirror(
    pods: &Lister<Pod>,
    crs: &crate::crds::Clientset,
    key: &str,
) -> kubegen::Result<Action> {
    let (namespace, name) = cache::split_key(key);
    let namespace = namespace.unwrap_or("default");
    let records = crs.stable_example_com().v1().testcrs(namespace);
    let existing = records
        .inner()
        .get_opt(name, &GetOptions::default())
        .await?;
    match (pods.namespace(namespace).get(name), existing) {
        (Some(pod), None) => match records
            .create(&record_of(&pod), &CreateOptions::default())
            .await
        {
            Ok(_) => tracing::info!(%key, "recorded Pod"),
            Err(e) if e.is_already_exists() => {
                return Ok(Action::RequeueAfter(std::time::Duration::ZERO))
            }
            Err(e) => return Err(e),
        },
        (Some(pod), Some(mut record)) => {
            let wanted = record_of(&pod).spec;
            if record.spec != wanted {
                record.spec = wanted;
                records.update(&record, &UpdateOptions::default()).await?;
                tracing::info!(%key, "updated the record");
            }
        }
        (None, Some(_)) => match records.delete(name, &DeleteOptions::default()).await {
            Ok(_) => tracing::info!(%key, "deleted the record"),
            Err(e) if e.is_not_found() => {}
            Err(e) => return Err(e),
        },
        (None, None) => {}
    }
    Ok(Action::Done)
}
