//! `Discovery`: the server's APIs, fetched once and served from memory until
//! the caller invalidates them (kubectl caches for the same reason: discovery
//! is dozens of requests, and the answer rarely changes). A name that does
//! not resolve fetches once more before failing, so a CRD installed since
//! the snapshot is found without the caller refreshing. With a
//! [`DiskCache`] the snapshot also outlives the process.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use super::apis::{DiscoveredApis, DiscoveredGroup};
use super::disk::DiskCache;
use super::error::MapError;
use super::fetch::{complete, fetch, Documents};
use super::mapper::RestMapper;
use super::resource::ApiResource;
use crate::client::Client;
use crate::error::Result;
use crate::poison;

/// Cached discovery of one server. Cheap to clone: clones share the cache.
#[derive(Clone, Debug)]
pub struct Discovery {
    client: Client,
    cached: Arc<RwLock<Option<Arc<DiscoveredApis>>>>,
    /// Held while fetching, so concurrent first calls fetch once.
    filling: Arc<tokio::sync::Mutex<()>>,
    disk: Option<DiskCache>,
    /// Set by [`invalidate`](Discovery::invalidate): the disk copy is not
    /// read again until the next fetch has replaced it.
    disk_stale: Arc<AtomicBool>,
}

impl Discovery {
    /// Discovery through `client`; nothing is fetched until first asked.
    pub fn new(client: Client) -> Self {
        Discovery {
            client,
            cached: Arc::default(),
            filling: Arc::default(),
            disk: None,
            disk_stale: Arc::default(),
        }
    }

    /// Discovery through `client` that first looks in `disk`, and writes
    /// there what it fetches, as kubectl does (see [`DiskCache::in_default_dir`]).
    pub fn with_disk_cache(client: Client, disk: DiskCache) -> Self {
        Discovery {
            disk: Some(disk),
            ..Discovery::new(client)
        }
    }

    /// The snapshot, read from the disk cache or fetched on first use, then
    /// kept until [`invalidate`](Self::invalidate).
    pub async fn apis(&self) -> Result<Arc<DiscoveredApis>> {
        if let Some(apis) = self.current() {
            return Ok(apis);
        }
        let _filling = self.filling.lock().await;
        if let Some(apis) = self.current() {
            return Ok(apis);
        }
        if let Some(mut documents) = self.disk_copy() {
            // What the copy lacks (it failed when stored) is fetched now.
            if complete(&self.client, &mut documents).await > 0 {
                self.store_on_disk(&documents);
            }
            return Ok(self.keep(documents.assemble()));
        }
        self.fetch_and_store().await
    }

    /// Fetches again now (after installing a CRD, say) and keeps the new
    /// snapshot, on disk too; the disk copy is not read.
    pub async fn refresh(&self) -> Result<Arc<DiscoveredApis>> {
        let _filling = self.filling.lock().await;
        self.fetch_and_store().await
    }

    /// Forgets the snapshot; the next call fetches again from the server,
    /// not from the disk cache.
    pub fn invalidate(&self) {
        self.disk_stale.store(true, Ordering::Relaxed);
        *poison::write(&self.cached) = None;
    }

    /// The groups, core first, then in the server's priority order.
    pub async fn groups(&self) -> Result<Vec<DiscoveredGroup>> {
        Ok(self.apis().await?.groups().to_vec())
    }

    /// The resources of `group_version` (`v1`, `apps/v1`); empty when not served.
    pub async fn resources(&self, group_version: &str) -> Result<Vec<ApiResource>> {
        Ok(self
            .apis()
            .await?
            .resources(group_version)
            .unwrap_or_default()
            .to_vec())
    }

    /// The preferred version of `group` (`""` for core), if served.
    pub async fn preferred_version(&self, group: &str) -> Result<Option<String>> {
        Ok(self
            .apis()
            .await?
            .preferred_version(group)
            .map(str::to_owned))
    }

    /// A REST mapper over the current snapshot.
    pub async fn mapper(&self) -> Result<RestMapper> {
        Ok(RestMapper::new(self.apis().await?))
    }

    /// Resolves what a user typed (`vs`, `deploy`, `deployments.apps` ...); see [`RestMapper::resolve`].
    ///
    /// When nothing matches, discovery is fetched again once and the lookup
    /// retried (client-go's deferred REST mapper does the same): the
    /// snapshot may predate the resource, a CRD installed since, say.
    pub async fn resolve(&self, input: &str) -> Result<ApiResource> {
        let seen = self.apis().await?;
        match RestMapper::new(seen.clone()).resolve(input) {
            Err(MapError::NotFound { .. }) => {
                let fresh = self.refresh_unless_newer(&seen).await?;
                Ok(RestMapper::new(fresh).resolve(input)?)
            }
            found => Ok(found?),
        }
    }

    /// Fetches again unless another caller already replaced `seen` while
    /// this one waited, so a burst of failed lookups fetches once.
    async fn refresh_unless_newer(
        &self,
        seen: &Arc<DiscoveredApis>,
    ) -> Result<Arc<DiscoveredApis>> {
        let _filling = self.filling.lock().await;
        match self.current() {
            Some(current) if !Arc::ptr_eq(&current, seen) => Ok(current),
            _ => self.fetch_and_store().await,
        }
    }

    fn current(&self) -> Option<Arc<DiscoveredApis>> {
        poison::read(&self.cached).clone()
    }

    fn disk_copy(&self) -> Option<Documents> {
        if self.disk_stale.load(Ordering::Relaxed) {
            return None;
        }
        self.disk.as_ref()?.load()
    }

    async fn fetch_and_store(&self) -> Result<Arc<DiscoveredApis>> {
        let documents = fetch(&self.client).await?;
        self.store_on_disk(&documents);
        self.disk_stale.store(false, Ordering::Relaxed);
        Ok(self.keep(documents.assemble()))
    }

    fn store_on_disk(&self, documents: &Documents) {
        if let Some(disk) = &self.disk {
            disk.store(documents);
        }
    }

    fn keep(&self, apis: DiscoveredApis) -> Arc<DiscoveredApis> {
        let apis = Arc::new(apis);
        *poison::write(&self.cached) = Some(apis.clone());
        apis
    }
}
