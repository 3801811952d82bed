//! A shared informer factory: every consumer of a resource type (in a given
//! namespace) gets the same informer, so one watch feeds them all
//! (client-go's SharedInformerFactory).

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::BoxFuture;

use super::informer::{Informer, InformerConfig};
use super::lister::Lister;
use super::sync_error::{CacheSyncError, Unsynced};
use crate::client::Client;
use crate::poison;
use crate::resource::Resource;
use crate::resource_client::ResourceClient;

/// Hands out shared informers; [`start`](Self::start) runs the ones not yet running.
///
/// An informer keeps a cache of one kind up to date and tells handlers of
/// each change; its lister reads that cache with no request:
///
/// ```no_run
/// # async fn example<Service: kubegen_runtime::Resource>(client: kubegen_runtime::Client) -> Result<(), Box<dyn std::error::Error>> {
/// use kubegen_runtime::cache::{HandlerFns, InformerFactory};
/// use kubegen_runtime::meta::Selector;
/// use kubegen_runtime::Resource;
///
/// let factory = InformerFactory::namespaced(client, "default");
/// let services = factory.informer::<Service>();   // one watch, however many ask
/// services.add_handler(HandlerFns::new().on_add(|s: &std::sync::Arc<Service>| println!("added {:?}", s.name())));
/// factory.start();
/// factory.wait_for_cache_sync().await;
///
/// let lister = factory.lister::<Service>();
/// let web = lister.namespace("default").get("web");
/// let frontends = lister.list(&Selector::parse("tier=frontend")?);
/// println!("web cached: {}, {} frontends", web.is_some(), frontends.len());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct InformerFactory {
    client: Client,
    namespace: Option<String>,
    resync: Option<Duration>,
    entries: Arc<Mutex<HashMap<TypeId, Entry>>>,
}

struct Entry {
    informer: Box<dyn Any + Send + Sync>,
    run: Option<BoxFuture<'static, ()>>,
    sync: Box<dyn Fn() -> BoxFuture<'static, ()> + Send + Sync>,
    /// `None` once synced, else the kind and its last list or watch error.
    unsynced: Box<dyn Fn() -> Option<Unsynced> + Send + Sync>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl std::fmt::Debug for InformerFactory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InformerFactory")
            .field("namespace", &self.namespace)
            .finish()
    }
}

impl InformerFactory {
    /// Informers over all namespaces.
    pub fn new(client: Client) -> Self {
        Self {
            client,
            namespace: None,
            resync: None,
            entries: Arc::default(),
        }
    }

    /// Informers limited to one namespace (cluster-scoped types stay cluster-wide).
    pub fn namespaced(client: Client, namespace: &str) -> Self {
        Self {
            namespace: Some(namespace.to_owned()),
            ..Self::new(client)
        }
    }

    /// Resync every informer this often.
    pub fn with_resync(mut self, period: Duration) -> Self {
        self.resync = Some(period);
        self
    }

    /// The client the informers use.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The shared informer of `K`, created on first use.
    pub fn informer<K: Resource>(&self) -> Informer<K> {
        let mut entries = poison::lock(&self.entries);
        let entry = entries.entry(TypeId::of::<K>()).or_insert_with(|| {
            let source =
                ResourceClient::<K>::scoped(self.client.clone(), self.namespace.as_deref());
            let config = InformerConfig {
                resync: self.resync,
                ..InformerConfig::default()
            };
            let informer = Informer::new(source, config);
            let (runner, syncer, status) = (informer.clone(), informer.clone(), informer.clone());
            Entry {
                informer: Box::new(informer),
                run: Some(Box::pin(async move { runner.run().await })),
                sync: Box::new(move || {
                    let informer = syncer.clone();
                    Box::pin(async move { informer.wait_for_sync().await })
                }),
                unsynced: Box::new(move || status.unsynced()),
                task: None,
            }
        });
        entry
            .informer
            .downcast_ref::<Informer<K>>()
            .expect("entries are keyed by their type")
            .clone()
    }

    /// A lister over the shared informer of `K`.
    pub fn lister<K: Resource>(&self) -> Lister<K> {
        Lister::new(self.informer::<K>().store())
    }

    /// Runs every informer requested so far that is not running yet.
    pub fn start(&self) {
        let mut entries = poison::lock(&self.entries);
        for entry in entries.values_mut() {
            if let Some(run) = entry.run.take() {
                entry.task = Some(tokio::spawn(run));
            }
        }
    }

    /// Waits until every started informer has synced. An informer whose list
    /// keeps failing (a 403 without the RBAC to list, say) keeps this
    /// waiting, as client-go's does, with each failure logged at warn;
    /// [`wait_for_cache_sync_timeout`](Self::wait_for_cache_sync_timeout)
    /// gives up and says why.
    pub async fn wait_for_cache_sync(&self) {
        let waits: Vec<BoxFuture<'static, ()>> = {
            let entries = poison::lock(&self.entries);
            entries
                .values()
                .filter(|e| e.task.is_some())
                .map(|e| (e.sync)())
                .collect()
        };
        futures::future::join_all(waits).await;
    }

    /// Waits until every started informer has synced, or `timeout` has
    /// passed: then the error names the informers not synced and the list or
    /// watch error each last met. They keep running either way.
    pub async fn wait_for_cache_sync_timeout(
        &self,
        timeout: Duration,
    ) -> Result<(), CacheSyncError> {
        if tokio::time::timeout(timeout, self.wait_for_cache_sync())
            .await
            .is_ok()
        {
            return Ok(());
        }
        let mut unsynced: Vec<Unsynced> = {
            let entries = poison::lock(&self.entries);
            entries
                .values()
                .filter(|e| e.task.is_some())
                .filter_map(|e| (e.unsynced)())
                .collect()
        };
        unsynced.sort_by_key(|u| u.kind);
        if unsynced.is_empty() {
            return Ok(());
        }
        Err(CacheSyncError {
            waited: timeout,
            unsynced,
        })
    }

    /// Stops every running informer.
    pub fn shutdown(&self) {
        let mut entries = poison::lock(&self.entries);
        for entry in entries.values_mut() {
            if let Some(task) = entry.task.take() {
                task.abort();
            }
        }
    }
}
