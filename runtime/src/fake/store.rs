//! The fake cluster's state: every object by collection, namespace and name,
//! one resourceVersion counter for all of them (as etcd's revision), and the
//! history of changes that watches replay from a version.

use std::collections::BTreeMap;

use serde_json::Value;

use super::discovery::Catalogue;

/// One change, as a watch reports it.
#[derive(Clone, Debug)]
pub(crate) struct Change {
    pub version: u64,
    pub collection: String,
    pub namespace: String,
    /// `ADDED`, `MODIFIED` or `DELETED`.
    pub kind: &'static str,
    pub object: Value,
}

/// Where an object lives: collection (`group/version/plural`), namespace
/// (`""` for cluster-scoped), name.
pub(crate) type Key = (String, String, String);

/// Objects and their history.
#[derive(Debug, Default)]
pub(crate) struct Store {
    version: u64,
    objects: BTreeMap<Key, Value>,
    history: Vec<Change>,
    /// What discovery reports.
    pub catalogue: Catalogue,
}

impl Store {
    /// The newest resourceVersion.
    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn get(&self, key: &Key) -> Option<&Value> {
        self.objects.get(key)
    }

    /// The objects of `collection`, in `namespace` or all of them, by key order.
    pub fn list<'a>(
        &'a self,
        collection: &'a str,
        namespace: Option<&'a str>,
    ) -> impl Iterator<Item = (&'a Key, &'a Value)> + 'a {
        self.objects
            .iter()
            .filter(move |((c, ns, _), _)| c == collection && namespace.is_none_or(|n| n == ns))
    }

    /// Stores `object` at `key` under a new resourceVersion (written into
    /// it) and records the change; returns the stored object.
    pub fn put(&mut self, key: Key, mut object: Value) -> Value {
        self.version += 1;
        object["metadata"]["resourceVersion"] = Value::String(self.version.to_string());
        let kind = if self.objects.contains_key(&key) {
            "MODIFIED"
        } else {
            "ADDED"
        };
        self.record(&key, kind, object.clone());
        self.objects.insert(key, object.clone());
        object
    }

    /// Removes the object at `key`, recording its last state under a new version.
    pub fn remove(&mut self, key: &Key) -> Option<Value> {
        let object = self.objects.remove(key)?;
        Some(self.removed(key, object))
    }

    /// Removes the object at `key` with `last` as its final state (the
    /// update that released its last finalizer): one DELETED, no MODIFIED.
    pub fn remove_as(&mut self, key: &Key, last: Value) -> Value {
        self.objects.remove(key);
        self.removed(key, last)
    }

    fn removed(&mut self, key: &Key, mut object: Value) -> Value {
        self.version += 1;
        object["metadata"]["resourceVersion"] = Value::String(self.version.to_string());
        self.record(key, "DELETED", object.clone());
        object
    }

    /// The changes after `version`, oldest first.
    pub fn changes_after(&self, version: u64) -> &[Change] {
        let start = self.history.partition_point(|c| c.version <= version);
        &self.history[start..]
    }

    fn record(&mut self, key: &Key, kind: &'static str, object: Value) {
        self.history.push(Change {
            version: self.version,
            collection: key.0.clone(),
            namespace: key.1.clone(),
            kind,
            object,
        });
    }
}
