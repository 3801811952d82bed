//! Listers: typed reads of an informer's cache (client-go's listers).

use std::sync::Arc;

use super::key::key_of;
use super::store::{Store, NAMESPACE_INDEX};
use crate::meta::Selector;
use crate::resource::Resource;

/// Reads of a cache, all namespaces.
pub struct Lister<K> {
    store: Store<K>,
}

impl<K> Clone for Lister<K> {
    fn clone(&self) -> Self {
        Self {
            store: self.store.clone(),
        }
    }
}

impl<K: Resource> Lister<K> {
    /// A lister over `store`.
    pub fn new(store: Store<K>) -> Self {
        Self { store }
    }

    /// Every cached object whose labels match `selector`.
    pub fn list(&self, selector: &Selector) -> Vec<Arc<K>> {
        self.store
            .list()
            .into_iter()
            .filter(|o| selector.matches(o.labels()))
            .collect()
    }

    /// A cluster-scoped object by name.
    pub fn get(&self, name: &str) -> Option<Arc<K>> {
        self.store.get(name)
    }

    /// Reads within one namespace.
    pub fn namespace(&self, namespace: &str) -> NamespaceLister<K> {
        NamespaceLister {
            store: self.store.clone(),
            namespace: namespace.to_owned(),
        }
    }
}

/// Reads of a cache within one namespace.
pub struct NamespaceLister<K> {
    store: Store<K>,
    namespace: String,
}

impl<K: Resource> NamespaceLister<K> {
    /// The object `name` in this namespace.
    pub fn get(&self, name: &str) -> Option<Arc<K>> {
        self.store.get(&key_of(Some(&self.namespace), name))
    }

    /// The objects of this namespace whose labels match `selector`.
    pub fn list(&self, selector: &Selector) -> Vec<Arc<K>> {
        self.store
            .by_index(NAMESPACE_INDEX, &self.namespace)
            .into_iter()
            .filter(|o| selector.matches(o.labels()))
            .collect()
    }
}
