//! The podinfo service: watches Pods and mirrors each one's name, namespace,
//! UID and IP into a `Testcr` custom resource (stable.example.com/v1) of the
//! same name, created when the Pod appears, updated when its IP changes, and
//! deleted when it goes. Built on the controller builder: Pods are the
//! primary kind, a record changed or deleted by hand wakes its Pod
//! (`watches`), and a finalizer on each Pod holds its deletion until the
//! record is gone. (While podinfo is stopped for good, those Pods cannot be
//! deleted until the finalizer is removed by hand.)

use std::sync::Arc;
use std::time::Duration;

use kubegen::controller::{finalizer, Action, ControllerBuilder, FinalizerError, FinalizerEvent};
use kubegen::core::v1::Pod;
use kubegen::meta::ObjectMeta;
use kubegen::{
    cache, Client, Clientset, CreateOptions, DeleteOptions, GetOptions, InformerFactory, Resource,
    ResourceClient, UpdateOptions,
};

use crate::crds::stable_example_com::v1::{Testcr, TestcrSpec};

/// The CRD manifest the Testcr client was generated from.
pub const CRD: &str = include_str!("../crds/testcr.yaml");

/// The finalizer that holds a Pod's deletion until its record is deleted.
pub const FINALIZER: &str = "stable.example.com/podinfo";

/// Installs the Testcr CRD, then mirrors the Pods of `namespace` (all when
/// `None`) until the future is dropped.
pub async fn run(client: Client, namespace: Option<&str>) -> anyhow::Result<()> {
    crate::crd_install::install(&Clientset::from_client(client.clone()), CRD).await?;
    mirror_pods(client, namespace).await
}

/// Mirrors the Pods of `namespace` (all when `None`) until the future is
/// dropped; the Testcr CRD must be installed already, so no rights over
/// CRDs are needed.
pub async fn mirror_pods(client: Client, namespace: Option<&str>) -> anyhow::Result<()> {
    let factory = match namespace {
        Some(ns) => InformerFactory::namespaced(client.clone(), ns),
        None => InformerFactory::new(client.clone()),
    };
    ControllerBuilder::<Pod>::new("podinfo", factory.factory())
        .watches(|record: &Testcr| {
            record
                .metadata
                .owner_references
                .iter()
                .filter(|o| o.kind == Pod::KIND)
                .map(|o| cache::key_of(record.namespace(), &o.name))
                .collect::<Vec<_>>()
        })
        .run(reconcile, Arc::new(client))
        .await?;
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

/// Keeps `pod`'s record in step with it, and deletes the record before the
/// Pod goes.
async fn reconcile(
    pod: Arc<Pod>,
    client: Arc<Client>,
) -> Result<Action, FinalizerError<kubegen::Error>> {
    let namespace = pod.namespace().unwrap_or("default").to_owned();
    let pods = ResourceClient::<Pod>::namespaced(Client::clone(&client), &namespace);
    let crs = crate::crds::Clientset::from_client(Client::clone(&client));
    let records = crs.stable_example_com().v1().testcrs(&namespace);
    finalizer(&pods, FINALIZER, pod, |event| async move {
        match event {
            FinalizerEvent::Apply(pod) => mirror(&records, &pod).await,
            FinalizerEvent::Cleanup(pod) => {
                let name = pod.name().unwrap_or_default();
                match records.delete(name, &DeleteOptions::default()).await {
                    Ok(_) => tracing::info!(%namespace, name, "deleted the record"),
                    Err(e) if e.is_not_found() => {}
                    Err(e) => return Err(e),
                }
                Ok(Action::await_change())
            }
        }
    })
    .await
}

/// Creates or updates the record of `pod`.
async fn mirror(
    records: &crate::crds::stable_example_com::v1::TestcrClient,
    pod: &Pod,
) -> kubegen::Result<Action> {
    let name = pod.name().unwrap_or_default();
    let wanted = record_of(pod);
    match records
        .inner()
        .get_opt(name, &GetOptions::default())
        .await?
    {
        None => match records.create(&wanted, &CreateOptions::default()).await {
            Ok(_) => tracing::info!(name, "recorded Pod"),
            // Made meanwhile: look again.
            Err(e) if e.is_already_exists() => return Ok(Action::requeue(Duration::ZERO)),
            Err(e) => return Err(e),
        },
        Some(mut record) if record.spec != wanted.spec => {
            record.spec = wanted.spec;
            records.update(&record, &UpdateOptions::default()).await?;
            tracing::info!(name, "updated the record");
        }
        Some(_) => {}
    }
    Ok(Action::await_change())
}
