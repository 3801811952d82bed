//! The verbs of the dynamic client, with the typed client's semantics:
//! get, list, watch, create, update, patch, apply, delete, delete_collection,
//! and the status subresource's writes.

use serde::Serialize;

use super::client::name_of;
use super::{DynamicList, DynamicObject, DynamicResource};
use crate::error::Result;
use crate::options::{
    ApplyOptions, CreateOptions, DeleteOptions, GetOptions, ListOptions, Patch, PatchOptions,
    UpdateOptions,
};
use crate::resource::decode_json;
use crate::resource_client::{send_delete, DeleteResult};
use crate::watch::WatchStream;

impl DynamicResource {
    /// `GET {collection}/{name}`.
    pub async fn get(&self, name: &str, options: &GetOptions) -> Result<DynamicObject> {
        self.send(self.builder(None, true)?.get(name, options)?)
            .await
    }

    /// `GET {collection}/{name}`, with NotFound as `None`.
    pub async fn get_opt(&self, name: &str, options: &GetOptions) -> Result<Option<DynamicObject>> {
        match self.get(name, options).await {
            Ok(object) => Ok(Some(object)),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `GET {collection}`: one page (all objects unless `limit` is set).
    pub async fn list(&self, options: &ListOptions) -> Result<DynamicList> {
        self.send(self.builder(None, false)?.list(options)?).await
    }

    /// `GET {collection}?watch=1`: the changes after `resourceVersion` as a stream.
    pub async fn watch(&self, options: &ListOptions) -> Result<WatchStream<DynamicObject>> {
        let request = self.builder(None, false)?.watch(options)?;
        let response = self.client.send_streaming(request).await?;
        Ok(WatchStream::from_response(response, decode_json))
    }

    /// `POST {collection}`; without a chosen namespace, the object's own is used.
    pub async fn create(
        &self,
        object: &DynamicObject,
        options: &CreateOptions,
    ) -> Result<DynamicObject> {
        let body = self.encode(object)?;
        let request = self
            .builder(object.namespace(), true)?
            .create(body, options)?;
        self.send(request).await
    }

    /// `PUT {collection}/{name}`: replaces the object; its resourceVersion
    /// guards against lost updates (a stale one is a Conflict).
    pub async fn update(
        &self,
        object: &DynamicObject,
        options: &UpdateOptions,
    ) -> Result<DynamicObject> {
        let body = self.encode(object)?;
        let request =
            self.builder(object.namespace(), true)?
                .replace(name_of(object)?, body, options)?;
        self.send(request).await
    }

    /// `PUT {collection}/{name}/status`: replaces the status only.
    pub async fn update_status(
        &self,
        object: &DynamicObject,
        options: &UpdateOptions,
    ) -> Result<DynamicObject> {
        let body = self.encode(object)?;
        let request = self
            .builder(object.namespace(), true)?
            .replace_subresource("status", name_of(object)?, body, options)?;
        self.send(request).await
    }

    /// `PATCH {collection}/{name}` with a JSON, merge or strategic merge patch
    /// (strategic is refused by the server for custom resources).
    pub async fn patch(
        &self,
        name: &str,
        patch: &Patch,
        options: &PatchOptions,
    ) -> Result<DynamicObject> {
        self.send(self.builder(None, true)?.patch(name, patch, options)?)
            .await
    }

    /// `PATCH {collection}/{name}/status`.
    pub async fn patch_status(
        &self,
        name: &str,
        patch: &Patch,
        options: &PatchOptions,
    ) -> Result<DynamicObject> {
        let request = self
            .builder(None, true)?
            .patch_subresource("status", name, patch, options)?;
        self.send(request).await
    }

    /// `PATCH {collection}/{name}` as server-side apply: `object` holds only
    /// the fields this field manager owns (`apiVersion`/`kind` filled in).
    pub async fn apply<P: Serialize>(
        &self,
        name: &str,
        object: &P,
        options: &ApplyOptions,
    ) -> Result<DynamicObject> {
        let body = self.encode(object)?;
        self.send(self.builder(None, true)?.apply(name, body, options)?)
            .await
    }

    /// `PATCH {collection}/{name}/status` as server-side apply.
    pub async fn apply_status<P: Serialize>(
        &self,
        name: &str,
        object: &P,
        options: &ApplyOptions,
    ) -> Result<DynamicObject> {
        let body = self.encode(object)?;
        let request = self
            .builder(None, true)?
            .apply_subresource("status", name, body, options)?;
        self.send(request).await
    }

    /// `DELETE {collection}/{name}`: the object (while it lingers, e.g. with
    /// finalizers or foreground deletion) or a Status, as the server answers.
    pub async fn delete(
        &self,
        name: &str,
        options: &DeleteOptions,
    ) -> Result<DeleteResult<DynamicObject>> {
        let request = self.builder(None, true)?.delete(name, options)?;
        send_delete(&self.client, request, &self.resource.kind, decode_json).await
    }

    /// `DELETE {collection}`: every object the list options select.
    pub async fn delete_collection(
        &self,
        list: &ListOptions,
        options: &DeleteOptions,
    ) -> Result<DeleteResult<DynamicList>> {
        let request = self
            .builder(None, false)?
            .delete_collection(list, options)?;
        let kind = format!("{}List", self.resource.kind);
        send_delete(&self.client, request, &kind, decode_json).await
    }
}
