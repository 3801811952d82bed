//! A thread-safe cache of objects keyed by `namespace/name`, with custom
//! indexes (a namespace index built in) and cheap snapshot reads: readers get
//! `Arc`s, never copies.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::key::object_key;
use crate::poison;
use crate::resource::Resource;

/// An index function: the index values an object is filed under.
pub type IndexFn<K> = Arc<dyn Fn(&K) -> Vec<String> + Send + Sync>;

/// The name of the built-in index of objects by namespace.
pub const NAMESPACE_INDEX: &str = "namespace";

/// The cache. Clones share the same contents.
pub struct Store<K> {
    inner: Arc<RwLock<Inner<K>>>,
}

impl<K> Clone for Store<K> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
        }
    }
}

impl<K> std::fmt::Debug for Store<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let len = self.inner.read().map(|i| i.items.len()).unwrap_or(0);
        f.debug_struct("Store").field("len", &len).finish()
    }
}

struct Inner<K> {
    items: HashMap<String, Arc<K>>,
    indexers: HashMap<String, IndexFn<K>>,
    /// index name -> index value -> keys.
    indices: HashMap<String, HashMap<String, BTreeSet<String>>>,
}

impl<K: Resource> Default for Store<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Resource> Store<K> {
    /// An empty store with the namespace index.
    pub fn new() -> Self {
        let store = Self {
            inner: Arc::new(RwLock::new(Inner {
                items: HashMap::new(),
                indexers: HashMap::new(),
                indices: HashMap::new(),
            })),
        };
        store.add_index(NAMESPACE_INDEX, |o: &K| {
            o.metadata()
                .namespace
                .iter()
                .map(|ns| ns.to_string())
                .collect()
        });
        store
    }

    fn read(&self) -> RwLockReadGuard<'_, Inner<K>> {
        poison::read(&self.inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Inner<K>> {
        poison::write(&self.inner)
    }

    /// Adds an index; existing objects are indexed at once.
    pub fn add_index(&self, name: &str, index: impl Fn(&K) -> Vec<String> + Send + Sync + 'static) {
        let mut inner = self.write();
        let index: IndexFn<K> = Arc::new(index);
        let mut values: HashMap<String, BTreeSet<String>> = HashMap::new();
        for (key, object) in &inner.items {
            for value in index(object) {
                values.entry(value).or_default().insert(key.clone());
            }
        }
        inner.indices.insert(name.to_owned(), values);
        inner.indexers.insert(name.to_owned(), index);
    }

    /// The object under `key` (`namespace/name` or `name`).
    pub fn get(&self, key: &str) -> Option<Arc<K>> {
        self.read().items.get(key).cloned()
    }

    /// Every object, in no particular order.
    pub fn list(&self) -> Vec<Arc<K>> {
        self.read().items.values().cloned().collect()
    }

    /// Every key, sorted.
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.read().items.keys().cloned().collect();
        keys.sort();
        keys
    }

    /// How many objects the store holds.
    pub fn len(&self) -> usize {
        self.read().items.len()
    }

    /// Whether the store is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The objects filed under `value` in index `index` (empty for an unknown index).
    pub fn by_index(&self, index: &str, value: &str) -> Vec<Arc<K>> {
        let inner = self.read();
        let Some(keys) = inner
            .indices
            .get(index)
            .and_then(|values| values.get(value))
        else {
            return Vec::new();
        };
        keys.iter()
            .filter_map(|k| inner.items.get(k).cloned())
            .collect()
    }

    /// The values of index `index` that have objects, sorted.
    pub fn index_values(&self, index: &str) -> Vec<String> {
        let inner = self.read();
        let mut values: Vec<String> = inner
            .indices
            .get(index)
            .map(|v| v.keys().cloned().collect())
            .unwrap_or_default();
        values.sort();
        values
    }

    /// Inserts or replaces an object; returns what it replaced.
    pub fn apply(&self, object: Arc<K>) -> Option<Arc<K>> {
        let key = object_key(object.as_ref());
        let mut inner = self.write();
        let old = inner.items.insert(key.clone(), object.clone());
        if let Some(old) = &old {
            inner.unindex(&key, old);
        }
        inner.index(&key, &object);
        old
    }

    /// Removes the object with `key`; returns it.
    pub fn remove(&self, key: &str) -> Option<Arc<K>> {
        let mut inner = self.write();
        let old = inner.items.remove(key)?;
        inner.unindex(key, &old);
        Some(old)
    }

    /// Replaces the whole contents at once (after a list) and returns the
    /// old contents, so the caller can tell what was added, changed and
    /// deleted, then drop them. Readers see either all old or all new.
    pub fn replace(&self, items: HashMap<String, Arc<K>>) -> HashMap<String, Arc<K>> {
        let mut inner = self.write();
        let mut indices: HashMap<String, HashMap<String, BTreeSet<String>>> = HashMap::new();
        for (name, index) in &inner.indexers {
            let values = indices.entry(name.clone()).or_default();
            for (key, object) in &items {
                for value in index(object) {
                    values.entry(value).or_default().insert(key.clone());
                }
            }
        }
        inner.indices = indices;
        std::mem::replace(&mut inner.items, items)
    }
}

impl<K> Inner<K> {
    fn index(&mut self, key: &str, object: &K) {
        for (name, index) in &self.indexers {
            let values = self.indices.entry(name.clone()).or_default();
            for value in index(object) {
                values.entry(value).or_default().insert(key.to_owned());
            }
        }
    }

    fn unindex(&mut self, key: &str, object: &K) {
        for (name, index) in &self.indexers {
            if let Some(values) = self.indices.get_mut(name) {
                for value in index(object) {
                    if let Some(keys) = values.get_mut(&value) {
                        keys.remove(key);
                        if keys.is_empty() {
                            values.remove(&value);
                        }
                    }
                }
            }
        }
    }
}
