//! What an informer tells its consumers: adds, updates (old and new) and
//! deletes (with the last known state).

use std::sync::Arc;

/// Receives an informer's notifications. Called from the informer's task, in
/// order: keep them quick (enqueue a key, not a reconcile).
pub trait EventHandler<K>: Send + Sync {
    /// An object appeared (or was there at the first list).
    fn on_add(&self, _object: &Arc<K>) {}
    /// An object changed; on resync `old` and `new` are the same object.
    fn on_update(&self, _old: &Arc<K>, _new: &Arc<K>) {}
    /// An object went away, possibly while the watch was down; this is its last known state.
    fn on_delete(&self, _object: &Arc<K>) {}
}

type OnAdd<K> = Box<dyn Fn(&Arc<K>) + Send + Sync>;
type OnUpdate<K> = Box<dyn Fn(&Arc<K>, &Arc<K>) + Send + Sync>;

/// An [`EventHandler`] made of closures (client-go's ResourceEventHandlerFuncs).
pub struct HandlerFns<K> {
    add: Option<OnAdd<K>>,
    update: Option<OnUpdate<K>>,
    delete: Option<OnAdd<K>>,
}

impl<K> Default for HandlerFns<K> {
    fn default() -> Self {
        Self {
            add: None,
            update: None,
            delete: None,
        }
    }
}

impl<K> HandlerFns<K> {
    /// A handler that does nothing until given closures.
    pub fn new() -> Self {
        Self::default()
    }
    /// Called on adds.
    pub fn on_add(mut self, f: impl Fn(&Arc<K>) + Send + Sync + 'static) -> Self {
        self.add = Some(Box::new(f));
        self
    }
    /// Called on updates.
    pub fn on_update(mut self, f: impl Fn(&Arc<K>, &Arc<K>) + Send + Sync + 'static) -> Self {
        self.update = Some(Box::new(f));
        self
    }
    /// Called on deletes.
    pub fn on_delete(mut self, f: impl Fn(&Arc<K>) + Send + Sync + 'static) -> Self {
        self.delete = Some(Box::new(f));
        self
    }
}

impl<K: Send + Sync> EventHandler<K> for HandlerFns<K> {
    fn on_add(&self, object: &Arc<K>) {
        if let Some(f) = &self.add {
            f(object)
        }
    }
    fn on_update(&self, old: &Arc<K>, new: &Arc<K>) {
        if let Some(f) = &self.update {
            f(old, new)
        }
    }
    fn on_delete(&self, object: &Arc<K>) {
        if let Some(f) = &self.delete {
            f(object)
        }
    }
}
