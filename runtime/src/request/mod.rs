//! Pure request building: a verb and its options in, an `http::Request` out,
//! no I/O. [`RequestBuilder`] maps the verbs typed and dynamic clients share
//! (get, list, watch, create, update, patch, apply, delete, delete
//! collection, logs and subresource reads and writes) onto the raw API, and
//! is unit-tested on exact URLs, headers and bodies. Calls with a body or
//! protocol of their own assemble their requests beside their clients:
//! a Pod's eviction and the exec, attach and port-forward upgrades through
//! [`build`], proxy calls with `http`'s builder.

mod path;
#[cfg(test)]
mod tests;

use http::header::{ACCEPT, CONTENT_TYPE};
use http::Method;

pub(crate) use path::url_on;
pub use path::ResourcePath;

use crate::error::{Error, Result};
use crate::options::{
    ApplyOptions, CreateOptions, DeleteOptions, GetOptions, ListOptions, LogOptions, Patch,
    PatchOptions, UpdateOptions,
};

const JSON: &str = "application/json";

/// Builds the requests of every verb for one resource collection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestBuilder {
    path: ResourcePath,
}

impl RequestBuilder {
    /// Requests on the collection at `path`.
    pub fn new(path: ResourcePath) -> Self {
        Self { path }
    }

    /// The collection's path, such as `/apis/apps/v1/namespaces/default/deployments`.
    pub fn path(&self) -> &ResourcePath {
        &self.path
    }

    /// `GET {collection}`.
    pub fn list(&self, options: &ListOptions) -> Result<http::Request<Vec<u8>>> {
        build(
            Method::GET,
            &self.path.collection()?,
            options.query_pairs(),
            None,
            JSON,
        )
    }

    /// `GET {collection}?watch=1`: a stream of watch events.
    pub fn watch(&self, options: &ListOptions) -> Result<http::Request<Vec<u8>>> {
        build(
            Method::GET,
            &self.path.collection()?,
            options.watch_query_pairs(),
            None,
            JSON,
        )
    }

    /// `GET {collection}/{name}`.
    pub fn get(&self, name: &str, options: &GetOptions) -> Result<http::Request<Vec<u8>>> {
        build(
            Method::GET,
            &self.path.item(name)?,
            options.query_pairs(),
            None,
            JSON,
        )
    }

    /// `POST {collection}` with the object as body.
    pub fn create(&self, body: Vec<u8>, options: &CreateOptions) -> Result<http::Request<Vec<u8>>> {
        build(
            Method::POST,
            &self.path.collection()?,
            options.query_pairs(),
            Some(body),
            JSON,
        )
    }

    /// `PUT {collection}/{name}` with the whole object as body.
    pub fn replace(
        &self,
        name: &str,
        body: Vec<u8>,
        options: &UpdateOptions,
    ) -> Result<http::Request<Vec<u8>>> {
        build(
            Method::PUT,
            &self.path.item(name)?,
            options.query_pairs(),
            Some(body),
            JSON,
        )
    }

    /// `PATCH {collection}/{name}` with the patch's own content type.
    pub fn patch(
        &self,
        name: &str,
        patch: &Patch,
        options: &PatchOptions,
    ) -> Result<http::Request<Vec<u8>>> {
        let body = patch.body_bytes();
        build(
            Method::PATCH,
            &self.path.item(name)?,
            options.query_pairs(),
            Some(body),
            patch.content_type(),
        )
    }

    /// `PATCH {collection}/{name}` as a server-side apply.
    pub fn apply(
        &self,
        name: &str,
        body: Vec<u8>,
        options: &ApplyOptions,
    ) -> Result<http::Request<Vec<u8>>> {
        build(
            Method::PATCH,
            &self.path.item(name)?,
            options.query_pairs(),
            Some(body),
            APPLY,
        )
    }

    /// `DELETE {collection}/{name}` with DeleteOptions (dry run included) as the body.
    pub fn delete(&self, name: &str, options: &DeleteOptions) -> Result<http::Request<Vec<u8>>> {
        let body = delete_body(options)?;
        build(
            Method::DELETE,
            &self.path.item(name)?,
            Vec::new(),
            Some(body),
            JSON,
        )
    }

    /// `DELETE {collection}` of every object the list options select.
    pub fn delete_collection(
        &self,
        list: &ListOptions,
        options: &DeleteOptions,
    ) -> Result<http::Request<Vec<u8>>> {
        let body = delete_body(options)?;
        build(
            Method::DELETE,
            &self.path.collection()?,
            list.query_pairs(),
            Some(body),
            JSON,
        )
    }

    /// `GET {collection}/{name}/{subresource}`.
    pub fn get_subresource(
        &self,
        subresource: &str,
        name: &str,
        options: &GetOptions,
    ) -> Result<http::Request<Vec<u8>>> {
        let path = self.path.subresource(name, subresource)?;
        build(Method::GET, &path, options.query_pairs(), None, JSON)
    }

    /// `GET {collection}/{name}/log`: a Pod's log, sent as plain text, so
    /// any type is accepted.
    pub fn log(&self, name: &str, options: &LogOptions) -> Result<http::Request<Vec<u8>>> {
        let path = self.path.subresource(name, "log")?;
        let mut request = build(Method::GET, &path, options.query_pairs(), None, JSON)?;
        request
            .headers_mut()
            .insert(ACCEPT, http::HeaderValue::from_static("*/*"));
        Ok(request)
    }

    /// `POST {collection}/{name}/{subresource}` (a TokenRequest, a binding).
    pub fn create_subresource(
        &self,
        subresource: &str,
        name: &str,
        body: Vec<u8>,
        options: &CreateOptions,
    ) -> Result<http::Request<Vec<u8>>> {
        let path = self.path.subresource(name, subresource)?;
        build(Method::POST, &path, options.query_pairs(), Some(body), JSON)
    }

    /// `PUT {collection}/{name}/{subresource}`.
    pub fn replace_subresource(
        &self,
        subresource: &str,
        name: &str,
        body: Vec<u8>,
        options: &UpdateOptions,
    ) -> Result<http::Request<Vec<u8>>> {
        let path = self.path.subresource(name, subresource)?;
        build(Method::PUT, &path, options.query_pairs(), Some(body), JSON)
    }

    /// `PATCH {collection}/{name}/{subresource}`.
    pub fn patch_subresource(
        &self,
        subresource: &str,
        name: &str,
        patch: &Patch,
        options: &PatchOptions,
    ) -> Result<http::Request<Vec<u8>>> {
        let path = self.path.subresource(name, subresource)?;
        let body = patch.body_bytes();
        build(
            Method::PATCH,
            &path,
            options.query_pairs(),
            Some(body),
            patch.content_type(),
        )
    }

    /// `PATCH {collection}/{name}/{subresource}` as a server-side apply.
    pub fn apply_subresource(
        &self,
        subresource: &str,
        name: &str,
        body: Vec<u8>,
        options: &ApplyOptions,
    ) -> Result<http::Request<Vec<u8>>> {
        let path = self.path.subresource(name, subresource)?;
        build(
            Method::PATCH,
            &path,
            options.query_pairs(),
            Some(body),
            APPLY,
        )
    }
}

/// The content type of a server-side apply (JSON is YAML, so JSON bodies are fine).
const APPLY: &str = "application/apply-patch+yaml";

fn delete_body(options: &DeleteOptions) -> Result<Vec<u8>> {
    serde_json::to_vec(&options.to_body()).map_err(|source| Error::Encode {
        what: "delete options".into(),
        source,
    })
}

/// Assembles a request: path, query (in the given order), Accept, and the body with its type.
pub fn build(
    method: Method,
    path: &str,
    query: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
    content_type: &str,
) -> Result<http::Request<Vec<u8>>> {
    let mut uri = path.to_owned();
    if !query.is_empty() {
        let mut encoder = form_urlencoded::Serializer::new(String::new());
        for (key, value) in &query {
            encoder.append_pair(key, value);
        }
        uri.push('?');
        uri.push_str(&encoder.finish());
    }
    let mut builder = http::Request::builder()
        .method(method)
        .uri(&uri)
        .header(ACCEPT, JSON);
    if body.is_some() {
        builder = builder.header(CONTENT_TYPE, content_type);
    }
    builder
        .body(body.unwrap_or_default())
        .map_err(|source| Error::BuildRequest { uri, source })
}
