//! Subresources no typed verb covers, named by the caller: `serviceaccounts/token`
//! (a TokenRequest), `pods/binding`, `deployments/scale`, a CRD's own
//! subresources ...: get, create, update and patch.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{encode, ResourceClient};
use crate::error::Result;
use crate::options::{CreateOptions, GetOptions, Patch, PatchOptions, UpdateOptions};
use crate::resource::Resource;

impl<K: Resource> ResourceClient<K> {
    /// `GET {collection}/{name}/{subresource}`, the answer decoded as `T`.
    pub async fn get_subresource<T: DeserializeOwned>(
        &self,
        subresource: &str,
        name: &str,
        options: &GetOptions,
    ) -> Result<T> {
        let request = self.request.get_subresource(subresource, name, options)?;
        self.send(request).await
    }

    /// `POST {collection}/{name}/{subresource}` with `body` as JSON; the
    /// answer decoded as `T` (a TokenRequest's answer carries the token).
    pub async fn create_subresource<B: Serialize, T: DeserializeOwned>(
        &self,
        subresource: &str,
        name: &str,
        body: &B,
        options: &CreateOptions,
    ) -> Result<T> {
        let body = encode(subresource, body)?;
        let request = self
            .request
            .create_subresource(subresource, name, body, options)?;
        self.send(request).await
    }

    /// `PUT {collection}/{name}/{subresource}` with `body` as JSON; the
    /// answer decoded as `T`.
    pub async fn update_subresource<B: Serialize, T: DeserializeOwned>(
        &self,
        subresource: &str,
        name: &str,
        body: &B,
        options: &UpdateOptions,
    ) -> Result<T> {
        let body = encode(subresource, body)?;
        let request = self
            .request
            .replace_subresource(subresource, name, body, options)?;
        self.send(request).await
    }

    /// `PATCH {collection}/{name}/{subresource}` with the patch's content
    /// type; the answer decoded as `T`.
    pub async fn patch_subresource<T: DeserializeOwned>(
        &self,
        subresource: &str,
        name: &str,
        patch: &Patch,
        options: &PatchOptions,
    ) -> Result<T> {
        let request = self
            .request
            .patch_subresource(subresource, name, patch, options)?;
        self.send(request).await
    }
}
