//! A pager: a list fetched page by page, following `continue` tokens, as a stream.

use futures::Stream;

use super::ResourceClient;
use crate::error::Result;
use crate::options::ListOptions;
use crate::resource::{ObjectList, Resource};

impl<K: Resource> ResourceClient<K> {
    /// The pages of a list of at most `page_size` objects each, requested one
    /// at a time as the stream is read (so memory holds one page, not the list).
    pub fn pages(
        &self,
        options: &ListOptions,
        page_size: u32,
    ) -> impl Stream<Item = Result<ObjectList<K>>> + Send + 'static {
        let client = self.clone();
        paged(options, page_size, move |page| {
            let client = client.clone();
            async move { client.list(&page).await }
        })
    }
}

/// Lists page by page with `list`, following `continue` tokens until the
/// server gives none; shared by the typed and the dynamic clients.
pub(crate) fn paged<T, F, Fut>(
    options: &ListOptions,
    page_size: u32,
    list: F,
) -> impl Stream<Item = Result<ObjectList<T>>> + Send + 'static
where
    T: Send + 'static,
    F: Fn(ListOptions) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<ObjectList<T>>> + Send + 'static,
{
    let first = options.clone().limit(page_size.max(1));
    futures::stream::try_unfold(Some(first), move |next| {
        let page = next.clone().map(&list);
        async move {
            let (Some(options), Some(page)) = (next, page) else {
                return Ok(None);
            };
            let page = page.await?;
            let token = page.metadata.continue_.clone().filter(|t| !t.is_empty());
            let next = token.map(|t| options.continue_token(t));
            Ok(Some((page, next)))
        }
    })
}
