//! A model test of the reflector and the informer: a simulated API server
//! whose collection changes at random while it fails lists and watches,
//! expires continue tokens, compacts its history (410 Gone), sends bookmarks
//! (some without a version) and answers slowly. Many seeds; in each, the
//! reflector's step is cancelled at random instants, and the informer runs
//! with a resync. Once the server behaves, the cache must equal the server's
//! collection, and handlers must have seen every key's versions in order.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::BoxFuture;
use futures::StreamExt;
use tokio::sync::watch;

use super::tests::{api_error, bookmark, list, pod, Pod};
use super::*;
use crate::error::Result;
use crate::options::ListOptions;
use crate::resource::{ObjectList, Resource};
use crate::watch::WatchEvent;

const NAMES: [&str; 5] = ["a", "b", "c", "d", "e"];

/// The simulated server's state.
struct Model {
    rng: fastrand::Rng,
    /// Misbehave (fail, expire, delay) or not.
    chaos: bool,
    objects: BTreeMap<String, Pod>,
    version: u64,
    /// Every change, with its version.
    history: Vec<(u64, WatchEvent<Pod>)>,
    /// Watches from before this version get 410 Gone.
    compacted: u64,
    /// Paged lists in progress: token -> (remaining items, list version).
    snapshots: HashMap<String, (Vec<Pod>, u64)>,
}

#[derive(Clone)]
struct Server {
    model: Arc<Mutex<Model>>,
    changed: Arc<watch::Sender<u64>>,
}

impl Server {
    fn new(seed: u64) -> Self {
        Self {
            model: Arc::new(Mutex::new(Model {
                rng: fastrand::Rng::with_seed(seed),
                chaos: true,
                objects: BTreeMap::new(),
                version: 1,
                history: Vec::new(),
                compacted: 0,
                snapshots: HashMap::new(),
            })),
            changed: Arc::new(watch::channel(1).0),
        }
    }

    fn model(&self) -> std::sync::MutexGuard<'_, Model> {
        crate::poison::lock(&self.model)
    }

    /// One random change to the collection, or a compaction.
    fn mutate(&self) {
        let mut m = self.model();
        let name = NAMES[m.rng.usize(..NAMES.len())];
        if m.rng.u8(..20) == 0 {
            m.compacted = m.version;
            return;
        }
        m.version += 1;
        let version = m.version.to_string();
        let delete = m.rng.bool();
        let event = match m.objects.contains_key(name) {
            false => WatchEvent::Added(pod(name, &version, "")),
            true if delete => WatchEvent::Deleted(pod(name, &version, "gone")),
            true => WatchEvent::Modified(pod(name, &version, "changed")),
        };
        match &event {
            WatchEvent::Deleted(_) => {
                m.objects.remove(name);
            }
            WatchEvent::Added(p) | WatchEvent::Modified(p) => {
                m.objects.insert(name.to_owned(), p.clone());
            }
            WatchEvent::Bookmark(_) => {}
        }
        let at = m.version;
        m.history.push((at, event));
        drop(m);
        self.changed.send_replace(at);
    }

    /// The collection as `name -> version`.
    fn state(&self) -> BTreeMap<String, String> {
        self.model()
            .objects
            .iter()
            .map(|(name, p)| (name.clone(), version(p).to_owned()))
            .collect()
    }

    /// A random delay, when misbehaving.
    fn delay(&self, most_ms: u64) -> Duration {
        let mut m = self.model();
        if m.chaos {
            Duration::from_millis(m.rng.u64(..most_ms))
        } else {
            Duration::ZERO
        }
    }

    /// True with odds 1 in `n`, when misbehaving.
    fn chance(&self, n: u32) -> bool {
        let mut m = self.model();
        m.chaos && m.rng.u32(..n) == 0
    }

    fn answer_list(&self, options: &ListOptions) -> Result<ObjectList<Pod>> {
        if self.chance(6) {
            return Err(api_error(500, "InternalError"));
        }
        let page_size = options.limit.unwrap_or(u32::MAX) as usize;
        let mut m = self.model();
        let (mut items, version) = match &options.continue_token {
            None => (m.objects.values().cloned().collect::<Vec<_>>(), m.version),
            Some(token) => match m.snapshots.remove(token) {
                Some(snapshot) => snapshot,
                None => return Err(api_error(410, "Expired")),
            },
        };
        let rest = items.split_off(page_size.min(items.len()));
        let token = (!rest.is_empty()).then(|| {
            let token = format!("t{}", m.rng.u64(..));
            if !(m.chaos && m.rng.u8(..8) == 0) {
                m.snapshots.insert(token.clone(), (rest, version));
            }
            token
        });
        list(items, &version.to_string(), token.as_deref())
    }

    /// Opens a watch from `from`: 410 if that is compacted away (on opening or
    /// as the first event), else the history after it, then live changes.
    fn open_watch(&self, from: u64) -> Result<EventStream<Pod>> {
        if self.chance(8) {
            return Err(api_error(500, "InternalError"));
        }
        let (compacted, gone_on_open, lasts) = {
            let mut m = self.model();
            let lasts = Duration::from_secs(m.rng.u64(1..60));
            (m.compacted, m.rng.bool(), lasts)
        };
        if from < compacted && gone_on_open {
            return Err(api_error(410, "Gone"));
        }
        let watching = Watching {
            server: self.clone(),
            at: from,
            changed: self.changed.subscribe(),
            ends: tokio::time::Instant::now() + lasts,
            done: false,
        };
        Ok(futures::stream::unfold(watching, |mut w| async move {
            let event = w.next().await?;
            Some((event, w))
        })
        .boxed())
    }
}

/// One open watch.
struct Watching {
    server: Server,
    at: u64,
    changed: watch::Receiver<u64>,
    ends: tokio::time::Instant,
    done: bool,
}

impl Watching {
    async fn next(&mut self) -> Option<Result<WatchEvent<Pod>>> {
        if self.done {
            return None;
        }
        loop {
            let delay = self.server.delay(300);
            tokio::time::sleep(delay).await;
            self.changed.borrow_and_update();
            if self.server.chance(40) {
                self.done = true;
                return Some(Err(api_error(500, "InternalError")));
            }
            {
                let mut m = self.server.model();
                if self.at < m.compacted {
                    self.done = true;
                    return Some(Err(api_error(410, "Expired")));
                }
                if m.chaos && m.rng.u8(..15) == 0 {
                    // Up to what this watch has sent, or no version at all.
                    let version = if m.rng.bool() {
                        self.at.to_string()
                    } else {
                        String::new()
                    };
                    return Some(Ok(bookmark(&version)));
                }
                let at = self.at;
                if let Some((version, event)) = m.history.iter().find(|(v, _)| *v > at) {
                    self.at = *version;
                    return Some(Ok(event.clone()));
                }
            }
            tokio::select! {
                _ = self.changed.changed() => {}
                _ = tokio::time::sleep_until(self.ends) => return None,
            }
        }
    }
}

impl ListWatch<Pod> for Server {
    fn list(&self, options: ListOptions) -> BoxFuture<'static, Result<ObjectList<Pod>>> {
        let server = self.clone();
        Box::pin(async move {
            tokio::time::sleep(server.delay(4000)).await;
            server.answer_list(&options)
        })
    }

    fn watch(&self, options: ListOptions) -> BoxFuture<'static, Result<EventStream<Pod>>> {
        let server = self.clone();
        Box::pin(async move {
            tokio::time::sleep(server.delay(2000)).await;
            let from = options
                .resource_version
                .as_deref()
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            server.open_watch(from)
        })
    }
}

fn version(p: &Pod) -> &str {
    p.metadata().resource_version.as_deref().unwrap_or_default()
}

fn number(p: &Pod) -> u64 {
    version(p).parse().unwrap()
}

fn name(p: &Pod) -> String {
    p.metadata().name.as_deref().unwrap_or_default().to_owned()
}

/// Changes the server at random for a while, then lets it behave and settle.
async fn drive(server: &Server, changes: usize) {
    for _ in 0..changes {
        let pause = server.delay(3000);
        tokio::time::sleep(pause).await;
        server.mutate();
    }
    server.model().chaos = false;
    // Longer than the longest backoff and the longest watch.
    tokio::time::sleep(Duration::from_secs(200)).await;
}

fn config() -> ReflectorConfig {
    ReflectorConfig {
        page_size: Some(2),
        ..ReflectorConfig::default()
    }
}

#[tokio::test(start_paused = true)]
async fn a_reflector_cancelled_at_random_ends_with_the_servers_state() {
    for seed in 0..150 {
        fastrand::seed(seed);
        let server = Server::new(seed);
        let mut reflector = Reflector::new(server.clone(), config());
        let mut cache: BTreeMap<String, String> = BTreeMap::new();
        let mut staging: Option<BTreeMap<String, String>> = None;
        let mut cancel = fastrand::Rng::with_seed(seed ^ 0x5eed);
        let driving = drive(&server, 40);
        tokio::pin!(driving);
        loop {
            let patience = Duration::from_millis(cancel.u64(1..3000));
            let event = tokio::select! {
                _ = &mut driving => break,
                event = tokio::time::timeout(patience, reflector.step()) => event,
            };
            let Ok(event) = event else { continue };
            match event {
                Ok(ReflectorEvent::Page(items)) => {
                    let staging = staging.get_or_insert_with(BTreeMap::new);
                    for p in items {
                        staging.insert(name(&p), version(&p).to_owned());
                    }
                }
                Ok(ReflectorEvent::Listed { .. }) => cache = staging.take().unwrap_or_default(),
                Ok(ReflectorEvent::Added(p) | ReflectorEvent::Modified(p)) => {
                    cache.insert(name(&p), version(&p).to_owned());
                }
                Ok(ReflectorEvent::Deleted(p)) => {
                    cache.remove(&name(&p));
                }
                Ok(ReflectorEvent::Bookmark { resource_version }) => {
                    assert!(!resource_version.is_empty(), "seed {seed}");
                }
                Err(_) => staging = None,
            }
        }
        assert_eq!(cache, server.state(), "seed {seed}");
    }
}

/// Checks, per key, that handlers see versions in order: adds of absent keys,
/// updates to newer versions (or the same object, on resync), deletes last.
#[derive(Clone, Default)]
struct Order(Arc<Mutex<OrderState>>);

#[derive(Default)]
struct OrderState {
    /// name -> (present, last version seen).
    keys: HashMap<String, (bool, u64)>,
    violations: Vec<String>,
}

impl Order {
    fn handler(&self) -> HandlerFns<Pod> {
        let (a, u, d) = (self.clone(), self.clone(), self.clone());
        HandlerFns::new()
            .on_add(move |p| a.see("add", p, |present, last, v| !present && v > last))
            .on_update(move |old, new| {
                let resync = Arc::ptr_eq(old, new);
                u.see("update", new, |present, last, v| {
                    present && (v > last || (resync && v == last))
                })
            })
            .on_delete(move |p| d.see("delete", p, |present, last, v| present && v >= last))
    }

    fn see(&self, what: &str, p: &Pod, allowed: impl Fn(bool, u64, u64) -> bool) {
        let mut s = crate::poison::lock(&self.0);
        let (present, last) = s.keys.get(&name(p)).copied().unwrap_or((false, 0));
        let v = number(p);
        if !allowed(present, last, v) {
            let seen = format!("{what} {} {v} after present={present} last={last}", name(p));
            s.violations.push(seen);
        }
        s.keys.insert(name(p), (what != "delete", last.max(v)));
    }

    fn violations(&self) -> Vec<String> {
        crate::poison::lock(&self.0).violations.clone()
    }

    /// The keys the handlers believe present, with their versions.
    fn present(&self) -> BTreeMap<String, String> {
        crate::poison::lock(&self.0)
            .keys
            .iter()
            .filter(|(_, (present, _))| *present)
            .map(|(name, (_, v))| (name.clone(), v.to_string()))
            .collect()
    }
}

#[tokio::test(start_paused = true)]
async fn an_informer_with_resync_ends_with_the_servers_state_in_order() {
    for seed in 0..150 {
        fastrand::seed(seed);
        let server = Server::new(seed);
        let resync = Duration::from_millis(fastrand::u64(500..10_000));
        let informer = Informer::new(
            server.clone(),
            InformerConfig {
                reflector: config(),
                resync: Some(resync),
                transform: None,
            },
        );
        let order = Order::default();
        informer.add_handler(order.handler());
        let running = tokio::spawn({
            let informer = informer.clone();
            async move { informer.run().await }
        });
        drive(&server, 40).await;
        running.abort();
        let cached: BTreeMap<String, String> = informer
            .store()
            .list()
            .iter()
            .map(|p| (name(p), version(p).to_owned()))
            .collect();
        assert_eq!(cached, server.state(), "seed {seed}");
        assert_eq!(order.present(), cached, "seed {seed}: handlers' view");
        assert_eq!(order.violations(), Vec::<String>::new(), "seed {seed}");
    }
}
