//! The verbs: get, list, watch, create, update, patch, apply, delete,
//! delete_collection, and the status subresource's writes.

use futures::TryStreamExt;

use super::list_body::ListDecoder;
use super::{
    encode_apply, encode_object, exchange, name_of, receive_list, send_delete, DeleteResult,
    ResourceClient,
};
use crate::apply::ApplyBody;
use crate::error::{Error, Result};
use crate::options::{
    ApplyOptions, CreateOptions, DeleteOptions, GetOptions, ListOptions, Patch, PatchOptions,
    UpdateOptions,
};
use crate::resource::{ObjectList, Resource};
use crate::watch::WatchStream;

impl<K: Resource> ResourceClient<K> {
    /// `GET {collection}/{name}`.
    pub async fn get(&self, name: &str, options: &GetOptions) -> Result<K> {
        let request = self.request.get(name, options)?;
        exchange(&self.client, request, K::KIND)
            .await?
            .decode(K::from_json)
    }

    /// `GET {collection}/{name}`, with NotFound as `None`.
    pub async fn get_opt(&self, name: &str, options: &GetOptions) -> Result<Option<K>> {
        match self.get(name, options).await {
            Ok(object) => Ok(Some(object)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `GET {collection}`: one page (all objects unless `limit` is set).
    pub async fn list(&self, options: &ListOptions) -> Result<ObjectList<K>> {
        let request = self.request.list(options)?;
        let mut decoder = ListDecoder::new(K::from_json, K::list_from_json);
        let what = receive_list(&self.client, request, K::KIND, &mut |chunk| {
            decoder.push(chunk)
        })
        .await?;
        match decoder.finish() {
            Ok(list) => Ok(list),
            Err(source) => Err(Error::Decode { what, source }),
        }
    }

    /// `GET {collection}?watch=1`: the changes after `resourceVersion` as a stream.
    pub async fn watch(&self, options: &ListOptions) -> Result<WatchStream<K>> {
        let response = self
            .client
            .send_streaming(self.request.watch(options)?)
            .await?;
        Ok(WatchStream::from_response(response, K::from_json))
    }

    /// `POST {collection}`.
    pub async fn create(&self, object: &K, options: &CreateOptions) -> Result<K> {
        let body = encode_object(object)?;
        let request = self.request.create(body, options)?;
        exchange(&self.client, request, K::KIND)
            .await?
            .decode(K::from_json)
    }

    /// `PUT {collection}/{name}`: replaces the object; its resourceVersion guards
    /// against lost updates (a stale one is a Conflict).
    pub async fn update(&self, object: &K, options: &UpdateOptions) -> Result<K> {
        let body = encode_object(object)?;
        let request = self.request.replace(name_of(object)?, body, options)?;
        exchange(&self.client, request, K::KIND)
            .await?
            .decode(K::from_json)
    }

    /// `PUT {collection}/{name}/status`: replaces the status only.
    pub async fn update_status(&self, object: &K, options: &UpdateOptions) -> Result<K> {
        let body = encode_object(object)?;
        let request =
            self.request
                .replace_subresource("status", name_of(object)?, body, options)?;
        exchange(&self.client, request, K::KIND)
            .await?
            .decode(K::from_json)
    }

    /// `PATCH {collection}/{name}` with a JSON, merge or strategic merge patch (or apply).
    pub async fn patch(&self, name: &str, patch: &Patch, options: &PatchOptions) -> Result<K> {
        let request = self.request.patch(name, patch, options)?;
        exchange(&self.client, request, K::KIND)
            .await?
            .decode(K::from_json)
    }

    /// `PATCH {collection}/{name}/status`.
    pub async fn patch_status(
        &self,
        name: &str,
        patch: &Patch,
        options: &PatchOptions,
    ) -> Result<K> {
        let request = self
            .request
            .patch_subresource("status", name, patch, options)?;
        exchange(&self.client, request, K::KIND)
            .await?
            .decode(K::from_json)
    }

    /// `PATCH {collection}/{name}` as server-side apply (`application/apply-patch+yaml`):
    /// `object` holds only the fields this field manager owns: an apply
    /// configuration of `K` (such as `DeploymentApply`), or untyped JSON.
    pub async fn apply<P: ApplyBody<K>>(
        &self,
        name: &str,
        object: &P,
        options: &ApplyOptions,
    ) -> Result<K> {
        let body = encode_apply::<K, P>(object)?;
        let request = self.request.apply(name, body, options)?;
        exchange(&self.client, request, K::KIND)
            .await?
            .decode(K::from_json)
    }

    /// `PATCH {collection}/{name}/status` as server-side apply.
    pub async fn apply_status<P: ApplyBody<K>>(
        &self,
        name: &str,
        object: &P,
        options: &ApplyOptions,
    ) -> Result<K> {
        let body = encode_apply::<K, P>(object)?;
        let request = self
            .request
            .apply_subresource("status", name, body, options)?;
        exchange(&self.client, request, K::KIND)
            .await?
            .decode(K::from_json)
    }

    /// `DELETE {collection}/{name}`: the object (when it lingers, e.g. with
    /// finalizers or foreground deletion) or a Status, as the server answers.
    pub async fn delete(&self, name: &str, options: &DeleteOptions) -> Result<DeleteResult<K>> {
        let request = self.request.delete(name, options)?;
        send_delete(&self.client, request, K::KIND, K::from_json).await
    }

    /// `DELETE {collection}`: every object the list options select.
    pub async fn delete_collection(
        &self,
        list: &ListOptions,
        options: &DeleteOptions,
    ) -> Result<DeleteResult<ObjectList<K>>> {
        let request = self.request.delete_collection(list, options)?;
        let list_kind = format!("{}List", K::KIND);
        send_delete(&self.client, request, &list_kind, K::list_from_json).await
    }

    /// Every object, fetched in pages of `page_size` by following `continue`.
    pub async fn list_all(&self, options: &ListOptions, page_size: u32) -> Result<Vec<K>> {
        self.pages(options, page_size)
            .map_ok(|page| futures::stream::iter(page.items.into_iter().map(Ok)))
            .try_flatten()
            .try_collect()
            .await
    }
}
