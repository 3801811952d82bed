//! A fake cluster for unit tests, as client-go's fake clientset: an
//! in-memory API server on loopback that the real client, typed clientsets,
//! informers and controllers talk to unchanged, with no kube-apiserver.
//!
//! It keeps objects by path, assigns names (`generateName`), UIDs,
//! creation times and one resourceVersion sequence, answers with the
//! server's Status errors (NotFound, AlreadyExists, Conflict on a stale
//! resourceVersion, Invalid), applies merge and JSON patches, lists with
//! label and field selectors and pages, and streams watches from a version.
//! `status` writes change only the status, other writes never do; finalizers
//! hold a deleted object until they are removed. Discovery lists common
//! built-in kinds, every resource written to, and the kinds of the
//! CustomResourceDefinitions created (Established at once), so the REST
//! mapper and the dynamic client work too. It records every request
//! ([`FakeCluster::requests`]) and can fail the next one
//! ([`FakeCluster::fail_next`]).
//!
//! Not modelled: admission and validation (any JSON is stored), defaults,
//! garbage collection of owned objects, strategic merge (patches of that
//! type merge as JSON merge patches, so lists are replaced), server-side
//! apply's field ownership (an apply patch merges), subresources other than
//! `status`, and DELETED events for objects that stop matching a watch's
//! label selector. Behaviour is checked
//! against the real API server by the same scenario run on both.

mod discovery;
mod http;
mod patch;
mod route;
mod select;
mod store;
mod verbs;
mod watch;

use std::sync::{Arc, Mutex};

use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::client::Client;
use crate::config::Config;
use crate::error::{ApiError, Error, Result};
use crate::meta::Status;
use crate::poison::lock;
use crate::resource::{Resource, Scope};
use route::Route;
use store::Store;
use verbs::{status, Answer, Call};

/// One request the fake cluster received, as client-go's fake `Action`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    /// `get`, `list`, `watch`, `create`, `update`, `patch`, `delete` or
    /// `deletecollection`.
    pub verb: &'static str,
    /// The HTTP method.
    pub method: String,
    /// The path, such as `/apis/apps/v1/namespaces/shop/deployments/web`.
    pub path: String,
    /// The resource, such as `deployments`.
    pub resource: String,
    /// The namespace, for namespaced paths.
    pub namespace: Option<String>,
    /// The object's name, for paths that name one.
    pub name: Option<String>,
    /// The subresource, such as `status`.
    pub subresource: Option<String>,
}

impl Action {
    fn of(call: &Call) -> Self {
        let named = call.route.name.is_some();
        let verb = match call.method.as_str() {
            "GET" if call.is_watch() => "watch",
            "GET" if named => "get",
            "GET" => "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" if named => "delete",
            "DELETE" => "deletecollection",
            _ => "unknown",
        };
        Action {
            verb,
            method: call.method.clone(),
            path: call.path.clone(),
            resource: call.route.plural.clone(),
            namespace: call.route.namespace.clone(),
            name: call.route.name.clone(),
            subresource: call.route.subresource.clone(),
        }
    }
}

/// What the connections share.
#[derive(Default)]
struct Shared {
    store: Mutex<Store>,
    /// Woken after every change, for the watches.
    changed: Notify,
    actions: Mutex<Vec<Action>>,
    /// Failures owed to the next matching requests: (verb, resource, code).
    failures: Mutex<Vec<(String, String, u16)>>,
    connections: Mutex<Vec<JoinHandle<()>>>,
}

impl Shared {
    fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        f(&mut lock(&self.store))
    }

    fn record(&self, call: &Call) -> Action {
        let action = Action::of(call);
        lock(&self.actions).push(action.clone());
        action
    }

    /// Answers a call that is not a watch, recording it first.
    fn answer(&self, call: &Call) -> Answer {
        let action = self.record(call);
        if let Some(code) = self.take_failure(&action) {
            let reason = match code {
                404 => "NotFound",
                409 => "Conflict",
                422 => "Invalid",
                429 => "TooManyRequests",
                403 => "Forbidden",
                _ => "InternalError",
            };
            return status(code, reason, "failure injected by the fake cluster");
        }
        let answer = self.with_store(|store| verbs::answer(store, call));
        if call.method != "GET" {
            self.changed.notify_waiters();
        }
        answer
    }

    fn take_failure(&self, action: &Action) -> Option<u16> {
        let mut failures = lock(&self.failures);
        let at = failures
            .iter()
            .position(|(verb, resource, _)| verb == action.verb && *resource == action.resource)?;
        Some(failures.remove(at).2)
    }
}

/// An in-memory API server on a loopback port; stops when dropped.
pub struct FakeCluster {
    shared: Arc<Shared>,
    url: url::Url,
    accept: JoinHandle<()>,
}

impl FakeCluster {
    /// Starts an empty fake cluster (call from within a Tokio runtime).
    pub async fn start() -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}", listener.local_addr()?)
            .parse()
            .map_err(std::io::Error::other)?;
        let shared = Arc::new(Shared::default());
        let accepting = shared.clone();
        let accept = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let connection = tokio::spawn(http::serve(accepting.clone(), stream));
                let mut connections = lock(&accepting.connections);
                connections.retain(|c| !c.is_finished());
                connections.push(connection);
            }
        });
        Ok(FakeCluster {
            shared,
            url,
            accept,
        })
    }

    /// Its URL, such as `http://127.0.0.1:41234`.
    pub fn url(&self) -> &url::Url {
        &self.url
    }

    /// A configuration pointing at it (plain HTTP, no credentials).
    pub fn config(&self) -> Config {
        Config::new(self.url.clone())
    }

    /// A client of it.
    pub fn client(&self) -> Result<Client> {
        Client::new(self.config())
    }

    /// Stores `object` as a create would (name or generateName, UID,
    /// resourceVersion ...), but keeping its status, and returns what was
    /// stored; `namespace` is where a namespaced object goes when it names none.
    pub fn insert<K: Resource>(&self, namespace: &str, object: &K) -> Result<K> {
        let mut route = route_of::<K>(namespace);
        if let Some(ns) = object.namespace() {
            route.namespace = route.namespace.map(|_| ns.to_owned());
        }
        let mut object_body = serde_json::to_value(object).map_err(|source| Error::Decode {
            what: format!("{} to insert", K::KIND),
            source,
        })?;
        if object_body["kind"].as_str().is_none_or(str::is_empty) {
            object_body["kind"] = Value::String(K::KIND.to_owned());
        }
        let (code, answer) = self
            .shared
            .with_store(|store| verbs::insert(store, &route, object_body));
        self.shared.changed.notify_waiters();
        decode(code, answer, "POST", K::KIND)
    }

    /// The stored object `name` of kind `K` (`namespace` ignored for
    /// cluster-scoped kinds), as a get would answer.
    pub fn get<K: Resource>(&self, namespace: &str, name: &str) -> Option<K> {
        let key = verbs::key(&route_of::<K>(namespace), name);
        let object = self.shared.with_store(|store| store.get(&key).cloned())?;
        serde_json::from_value(object).ok()
    }

    /// Every request so far, oldest first (writes made through
    /// [`insert`](Self::insert) are not requests).
    pub fn requests(&self) -> Vec<Action> {
        lock(&self.shared.actions).clone()
    }

    /// Forgets the requests so far.
    pub fn clear_requests(&self) {
        lock(&self.shared.actions).clear();
    }

    /// Makes the next `verb` (`create`, `update`, `get` ...) on `resource`
    /// (`deployments`) fail with `code` and its usual reason (409 Conflict,
    /// 500 InternalError ...), as a client-go reactor would.
    pub fn fail_next(&self, verb: &str, resource: &str, code: u16) {
        lock(&self.shared.failures).push((verb.to_owned(), resource.to_owned(), code));
    }
}

impl Drop for FakeCluster {
    fn drop(&mut self) {
        self.accept.abort();
        for connection in lock(&self.shared.connections).drain(..) {
            connection.abort();
        }
    }
}

/// Where objects of `K` live, in `namespace` if namespaced.
fn route_of<K: Resource>(namespace: &str) -> Route {
    Route {
        group: K::GROUP.to_owned(),
        version: K::VERSION.to_owned(),
        plural: K::PLURAL.to_owned(),
        namespace: K::Scope::NAMESPACED.then(|| namespace.to_owned()),
        name: None,
        subresource: None,
    }
}

/// The stored object, or the Status error the answer carries.
fn decode<K: Resource>(code: u16, answer: Value, method: &str, kind: &str) -> Result<K> {
    if code >= 400 {
        let status: Status = serde_json::from_value(answer).unwrap_or_default();
        return Err(Error::Api(Box::new(ApiError {
            code,
            status,
            method: method.to_owned(),
            url: format!("fake cluster ({kind})"),
        })));
    }
    serde_json::from_value(answer).map_err(|source| Error::Decode {
        what: format!("{kind} stored by the fake cluster"),
        source,
    })
}

impl std::fmt::Debug for FakeCluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeCluster")
            .field("url", &self.url.as_str())
            .finish()
    }
}
