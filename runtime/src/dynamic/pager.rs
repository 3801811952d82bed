//! Paged lists for the dynamic client: `continue` tokens followed lazily, so
//! memory holds one page however large the collection.

use futures::{Stream, TryStreamExt};

use super::{DynamicList, DynamicObject, DynamicResource};
use crate::error::Result;
use crate::options::ListOptions;

impl DynamicResource {
    /// The pages of a list of at most `page_size` objects each, requested one
    /// at a time as the stream is read.
    pub fn pages(
        &self,
        options: &ListOptions,
        page_size: u32,
    ) -> impl Stream<Item = Result<DynamicList>> + Send + 'static {
        let client = self.clone();
        crate::resource_client::paged(options, page_size, move |page| {
            let client = client.clone();
            async move { client.list(&page).await }
        })
    }

    /// Every object, fetched in pages of `page_size` by following `continue`.
    pub async fn list_all(
        &self,
        options: &ListOptions,
        page_size: u32,
    ) -> Result<Vec<DynamicObject>> {
        self.pages(options, page_size)
            .map_ok(|page| futures::stream::iter(page.items.into_iter().map(Ok)))
            .try_flatten()
            .try_collect()
            .await
    }
}
