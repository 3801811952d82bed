//! Controller machinery's cache side: reflector, store with indexes,
//! informers with handlers, and listers (client-go's tools/cache).

mod backoff;
mod factory;
mod handler;
mod informer;
mod key;
mod list_watch;
mod lister;
#[cfg(test)]
mod model_tests;
mod reflector;
mod store;
mod sync_error;
#[cfg(test)]
mod tests;

pub use factory::InformerFactory;
pub use handler::{EventHandler, HandlerFns};
pub use informer::{Informer, InformerConfig, Transform};
pub use key::{key_of, object_key, split_key};
pub use list_watch::{EventStream, ListWatch};
pub use lister::{Lister, NamespaceLister};
pub use reflector::{Phase, Reflector, ReflectorConfig, ReflectorEvent};
pub use store::{IndexFn, Store, NAMESPACE_INDEX};
pub use sync_error::{CacheSyncError, Unsynced};
