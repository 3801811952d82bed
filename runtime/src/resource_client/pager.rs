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
        let first = options.clone().limit(page_size.max(1));
        futures::stream::try_unfold(Some(first), move |next| {
            let client = client.clone();
            async move {
                let Some(options) = next else {
                    return Ok(None);
                };
                let page = client.list(&options).await?;
                let token = page.metadata.continue_.clone().filter(|t| !t.is_empty());
                let next = token.map(|t| options.clone().continue_token(t));
                Ok(Some((page, next)))
            }
        })
    }
}
