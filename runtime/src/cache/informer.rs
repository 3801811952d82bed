//! An informer: a reflector feeding a store, and handlers told of every
//! change, with resync, has_synced and wait_for_sync (client-go's
//! SharedIndexInformer).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use super::handler::EventHandler;
use super::key::object_key;
use super::list_watch::ListWatch;
use super::reflector::{Reflector, ReflectorConfig, ReflectorEvent};
use super::store::Store;
use super::sync_error::Unsynced;
use crate::error::Error;
use crate::poison;
use crate::resource::Resource;

/// A function applied to every object before it is cached (for example to
/// drop managedFields and save memory).
pub type Transform<K> = Arc<dyn Fn(K) -> K + Send + Sync>;

/// Informer settings.
pub struct InformerConfig<K> {
    /// Listing and watching.
    pub reflector: ReflectorConfig,
    /// Every this often, handlers get `on_update(obj, obj)` for every cached object.
    pub resync: Option<Duration>,
    /// Applied to objects before they are cached and handed to handlers.
    pub transform: Option<Transform<K>>,
}

impl<K> Default for InformerConfig<K> {
    fn default() -> Self {
        Self {
            reflector: ReflectorConfig::default(),
            resync: None,
            transform: None,
        }
    }
}

/// Keeps a store in step with the server and tells handlers what changed.
/// Cheap to clone; [`run`](Self::run) it once (e.g. in a spawned task).
pub struct Informer<K> {
    inner: Arc<Inner<K>>,
}

impl<K> Clone for Informer<K> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
        }
    }
}

struct Inner<K> {
    store: Store<K>,
    handlers: RwLock<Vec<Arc<dyn EventHandler<K>>>>,
    synced: tokio::sync::watch::Sender<bool>,
    /// The last list or watch error since the server last answered.
    last_error: Mutex<Option<Arc<Error>>>,
    start: Mutex<Option<Start<K>>>,
}

/// What `run` takes over: the source and the settings.
type Start<K> = (Box<dyn ListWatch<K>>, InformerConfig<K>);

/// Forwards to a boxed source (so `Reflector::new` can take it by value).
struct Boxed<K>(Box<dyn ListWatch<K>>);

impl<K: 'static> ListWatch<K> for Boxed<K> {
    fn list(
        &self,
        o: crate::options::ListOptions,
    ) -> futures::future::BoxFuture<'static, crate::Result<crate::ObjectList<K>>> {
        self.0.list(o)
    }
    fn watch(
        &self,
        o: crate::options::ListOptions,
    ) -> futures::future::BoxFuture<'static, crate::Result<super::list_watch::EventStream<K>>> {
        self.0.watch(o)
    }
}

impl<K: Resource> Informer<K> {
    /// An informer over `source` (a `ResourceClient<K>`, or anything that lists and watches).
    pub fn new(source: impl ListWatch<K>, config: InformerConfig<K>) -> Self {
        let (synced, _) = tokio::sync::watch::channel(false);
        Self {
            inner: Arc::new(Inner {
                store: Store::new(),
                handlers: RwLock::new(Vec::new()),
                synced,
                last_error: Mutex::new(None),
                start: Mutex::new(Some((Box::new(source), config))),
            }),
        }
    }

    /// The cache (shared: reads see the informer's latest state).
    pub fn store(&self) -> Store<K> {
        self.inner.store.clone()
    }

    /// Typed reads of the cache: `lister().namespace(ns).get(name)`.
    pub fn lister(&self) -> super::Lister<K> {
        super::Lister::new(self.store())
    }

    /// Whether two handles share one informer (and so one watch).
    pub fn shares_with(&self, other: &Informer<K>) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    /// Adds a handler. Objects already cached are replayed to it as adds, as client-go does.
    pub fn add_handler(&self, handler: impl EventHandler<K> + 'static) {
        let handler: Arc<dyn EventHandler<K>> = Arc::new(handler);
        let mut handlers = poison::write(&self.inner.handlers);
        for object in self.inner.store.list() {
            handler.on_add(&object);
        }
        handlers.push(handler);
    }

    /// Whether the first list has been cached.
    pub fn has_synced(&self) -> bool {
        *self.inner.synced.borrow()
    }

    /// Waits until the first list has been cached. A list that keeps failing
    /// (a 403 without the RBAC to list, say) keeps it waiting: see
    /// [`last_error`](Self::last_error), or wait with
    /// [`InformerFactory::wait_for_cache_sync_timeout`](super::InformerFactory::wait_for_cache_sync_timeout).
    pub async fn wait_for_sync(&self) {
        let mut rx = self.inner.synced.subscribe();
        // The sender lives as long as `self`, so this cannot fail.
        let _ = rx.wait_for(|synced| *synced).await;
    }

    /// The error of the last failed list or watch, until the server next
    /// sends something: why the informer has not synced, or has stopped
    /// hearing of changes.
    pub fn last_error(&self) -> Option<Arc<Error>> {
        poison::lock(&self.inner.last_error).clone()
    }

    /// `None` once synced, else the kind and its last error.
    pub(super) fn unsynced(&self) -> Option<Unsynced> {
        (!self.has_synced()).then(|| Unsynced {
            kind: K::KIND,
            last_error: self.last_error(),
        })
    }

    /// Runs the informer until the returned future is dropped. Only the first
    /// call runs; later calls return at once.
    pub async fn run(&self) {
        let taken = poison::lock(&self.inner.start).take();
        let Some((source, config)) = taken else {
            return;
        };
        let mut reflector = Reflector::new(Boxed(source), config.reflector);
        let transform = config.transform;
        let mut resync = config.resync.map(|period| {
            let mut interval =
                tokio::time::interval_at(tokio::time::Instant::now() + period, period);
            interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            interval
        });
        let mut staging: Option<HashMap<String, Arc<K>>> = None;
        loop {
            let event = tokio::select! {
                event = reflector.step() => event,
                _ = tick(&mut resync) => {
                    self.resync();
                    continue;
                }
            };
            if event.is_ok() {
                *poison::lock(&self.inner.last_error) = None;
            }
            match event {
                Ok(ReflectorEvent::Page(items)) => {
                    let staging = staging.get_or_insert_with(HashMap::new);
                    for item in items {
                        let item = apply_transform(&transform, item);
                        let key = object_key(&item);
                        // An unchanged object keeps its cached copy: the fresh one is
                        // dropped at once, so a relist does not hold two full copies.
                        let object = match self.inner.store.get(&key) {
                            Some(old) if same_version(old.as_ref(), &item) => old,
                            _ => Arc::new(item),
                        };
                        staging.insert(key, object);
                    }
                }
                Ok(ReflectorEvent::Listed { .. }) => {
                    let fresh = staging.take().unwrap_or_default();
                    self.replace(fresh);
                    self.inner.synced.send_replace(true);
                }
                Ok(ReflectorEvent::Added(o)) | Ok(ReflectorEvent::Modified(o)) => {
                    let object = Arc::new(apply_transform(&transform, o));
                    match self.inner.store.apply(object.clone()) {
                        Some(old) => self.each(|h| h.on_update(&old, &object)),
                        None => self.each(|h| h.on_add(&object)),
                    }
                }
                Ok(ReflectorEvent::Deleted(o)) => {
                    let object = Arc::new(apply_transform(&transform, o));
                    self.inner.store.remove(&object_key(object.as_ref()));
                    self.each(|h| h.on_delete(&object));
                }
                Ok(ReflectorEvent::Bookmark { .. }) => {}
                Err(e) => {
                    staging = None;
                    // One line per attempt: the reflector backs off before the next.
                    tracing::warn!(kind = K::KIND, group = K::GROUP, resource = K::PLURAL, error = %e, "informer: list/watch failed; retrying");
                    *poison::lock(&self.inner.last_error) = Some(Arc::new(e));
                }
            }
        }
    }

    /// Swaps in a fresh list and tells handlers what it changed, including
    /// deletions missed while the watch was down.
    fn replace(&self, fresh: HashMap<String, Arc<K>>) {
        let mut changes: Vec<(Option<Arc<K>>, Arc<K>)> = Vec::new();
        for (key, object) in &fresh {
            match self.inner.store.get(key) {
                None => changes.push((None, object.clone())),
                Some(old) if !Arc::ptr_eq(&old, object) => {
                    changes.push((Some(old), object.clone()))
                }
                Some(_) => {}
            }
        }
        let old = self.inner.store.replace(fresh);
        for (previous, object) in changes {
            match previous {
                Some(previous) => self.each(|h| h.on_update(&previous, &object)),
                None => self.each(|h| h.on_add(&object)),
            }
        }
        for (key, object) in old {
            if self.inner.store.get(&key).is_none() {
                self.each(|h| h.on_delete(&object));
            }
        }
    }

    fn resync(&self) {
        for object in self.inner.store.list() {
            self.each(|h| h.on_update(&object, &object));
        }
    }

    fn each(&self, f: impl Fn(&dyn EventHandler<K>)) {
        let handlers = poison::read(&self.inner.handlers);
        for handler in handlers.iter() {
            f(handler.as_ref());
        }
    }
}

async fn tick(interval: &mut Option<tokio::time::Interval>) {
    match interval {
        Some(interval) => {
            interval.tick().await;
        }
        None => std::future::pending().await,
    }
}

fn apply_transform<K>(transform: &Option<Transform<K>>, object: K) -> K {
    match transform {
        Some(f) => f(object),
        None => object,
    }
}

/// Same object at the same resourceVersion.
fn same_version<K: Resource>(a: &K, b: &K) -> bool {
    let (a, b) = (a.metadata(), b.metadata());
    a.uid == b.uid && a.resource_version.is_some() && a.resource_version == b.resource_version
}
