//! What a watch on the fake cluster sends: for a watch without a version,
//! every selected object as ADDED first; then each change after the version,
//! filtered by collection, namespace and selectors (an object that stops
//! matching a label selector is not reported as DELETED, as the real server
//! would).

use serde_json::{json, Value};

use super::select::Filter;
use super::store::Store;
use super::verbs::{status, Answer, Call};

/// A watch's position and what it selects.
pub(crate) struct Watch {
    since: u64,
    filter: Filter,
    /// Events owed from the start (existing objects).
    initial: Vec<Value>,
}

impl Watch {
    /// Starts a watch for `call`, or the 400 answer to a bad one.
    pub fn start(store: &Store, call: &Call) -> Result<Watch, Answer> {
        let filter = Filter::parse(call.param("labelSelector"), call.param("fieldSelector"))
            .map_err(|e| status(400, "BadRequest", &e.to_string()))?;
        let route = &call.route;
        let mut watch = Watch {
            since: store.version(),
            filter,
            initial: Vec::new(),
        };
        match call.param("resourceVersion").unwrap_or("") {
            "" | "0" => {
                watch.initial = store
                    .list(&route.collection(), route.namespace.as_deref())
                    .map(|(_, object)| object)
                    .filter(|object| watch.filter.matches(object))
                    .map(|object| json!({"type": "ADDED", "object": object}))
                    .collect();
            }
            version => {
                watch.since = version.parse().map_err(|_| {
                    status(
                        400,
                        "BadRequest",
                        &format!("invalid resourceVersion {version:?}"),
                    )
                })?;
            }
        }
        Ok(watch)
    }

    /// The events due now, in order.
    pub fn next(&mut self, store: &Store, call: &Call) -> Vec<Value> {
        let mut events = std::mem::take(&mut self.initial);
        let route = &call.route;
        let collection = route.collection();
        for change in store.changes_after(self.since) {
            self.since = change.version;
            let in_scope = change.collection == collection
                && route
                    .namespace
                    .as_ref()
                    .is_none_or(|ns| *ns == change.namespace);
            if in_scope && self.filter.matches(&change.object) {
                events.push(json!({"type": change.kind, "object": change.object}));
            }
        }
        events
    }
}
