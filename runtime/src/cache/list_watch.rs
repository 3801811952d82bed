//! What a reflector needs from the API: list and watch. A trait so that unit
//! tests can drive the reflector with scripted answers.

use futures::future::BoxFuture;
use futures::stream::BoxStream;
use futures::StreamExt;

use crate::error::Result;
use crate::options::ListOptions;
use crate::resource::{ObjectList, Resource};
use crate::resource_client::ResourceClient;
use crate::watch::WatchEvent;

/// A stream of watch events, boxed.
pub type EventStream<K> = BoxStream<'static, Result<WatchEvent<K>>>;

/// Lists and watches one collection.
pub trait ListWatch<K>: Send + Sync + 'static {
    /// One page of the list.
    fn list(&self, options: ListOptions) -> BoxFuture<'static, Result<ObjectList<K>>>;
    /// A watch from `options.resource_version`.
    fn watch(&self, options: ListOptions) -> BoxFuture<'static, Result<EventStream<K>>>;
}

impl<K: Resource> ListWatch<K> for ResourceClient<K> {
    fn list(&self, options: ListOptions) -> BoxFuture<'static, Result<ObjectList<K>>> {
        let client = self.clone();
        Box::pin(async move { client.list(&options).await })
    }

    fn watch(&self, options: ListOptions) -> BoxFuture<'static, Result<EventStream<K>>> {
        let client = self.clone();
        Box::pin(async move { Ok(client.watch(&options).await?.boxed()) })
    }
}
