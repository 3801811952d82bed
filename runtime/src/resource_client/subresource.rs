//! Subresources no typed verb covers, named by the caller: `serviceaccounts/token`
//! (a TokenRequest), `pods/binding`, a CRD's own subresources ...

use http::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{encode, ResourceClient};
use crate::error::Result;
use crate::options::CreateOptions;
use crate::request::build;
use crate::resource::Resource;

impl<K: Resource> ResourceClient<K> {
    /// `POST {collection}/{name}/{subresource}` with `body` as JSON; the
    /// answer decoded as `T` (a TokenRequest's answer carries the token).
    pub async fn create_subresource<B: Serialize, T: DeserializeOwned>(
        &self,
        subresource: &str,
        name: &str,
        body: &B,
        options: &CreateOptions,
    ) -> Result<T> {
        let path = self.request.path().subresource(name, subresource)?;
        let body = encode(subresource, body)?;
        let request = build(
            Method::POST,
            &path,
            options.query_pairs(),
            Some(body),
            "application/json",
        )?;
        self.send(request).await
    }
}
