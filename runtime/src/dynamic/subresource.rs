//! Any named subresource of a dynamic resource (get, create, update, patch),
//! and `proxy`, as on the typed client.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::DynamicResource;
use crate::error::Result;
use crate::options::{CreateOptions, GetOptions, Patch, PatchOptions, UpdateOptions};
use crate::resource_client::{encode, proxy_request, ProxyRequest, ProxyResponse};

impl DynamicResource {
    /// `GET {collection}/{name}/{subresource}`, the answer decoded as `T`.
    pub async fn get_subresource<T: DeserializeOwned>(
        &self,
        subresource: &str,
        name: &str,
        options: &GetOptions,
    ) -> Result<T> {
        let request = self
            .builder(None, true)?
            .get_subresource(subresource, name, options)?;
        self.send(request).await
    }

    /// `POST {collection}/{name}/{subresource}` with `body` as JSON.
    pub async fn create_subresource<B: Serialize, T: DeserializeOwned>(
        &self,
        subresource: &str,
        name: &str,
        body: &B,
        options: &CreateOptions,
    ) -> Result<T> {
        let request = self.builder(None, true)?.create_subresource(
            subresource,
            name,
            encode(subresource, body)?,
            options,
        )?;
        self.send(request).await
    }

    /// `PUT {collection}/{name}/{subresource}` with `body` as JSON.
    pub async fn update_subresource<B: Serialize, T: DeserializeOwned>(
        &self,
        subresource: &str,
        name: &str,
        body: &B,
        options: &UpdateOptions,
    ) -> Result<T> {
        let request = self.builder(None, true)?.replace_subresource(
            subresource,
            name,
            encode(subresource, body)?,
            options,
        )?;
        self.send(request).await
    }

    /// `PATCH {collection}/{name}/{subresource}` with the patch's content type.
    pub async fn patch_subresource<T: DeserializeOwned>(
        &self,
        subresource: &str,
        name: &str,
        patch: &Patch,
        options: &PatchOptions,
    ) -> Result<T> {
        let request =
            self.builder(None, true)?
                .patch_subresource(subresource, name, patch, options)?;
        self.send(request).await
    }

    /// `{method} {collection}/{name}/proxy/{path}?{query}`: the request
    /// passed on to a Pod, Service or Node; the answer comes back whole.
    pub async fn proxy(&self, name: &str, request: &ProxyRequest) -> Result<ProxyResponse> {
        let root = self
            .builder(None, true)?
            .path()
            .subresource(name, "proxy")?;
        self.client.send(proxy_request(&root, request)?).await
    }
}
