//! `ResourceClient<K>`: every verb of one resource type over HTTP, the one
//! generic path under every generated client (client-go's typed client over
//! rest.Request; kube-rs's `Api<K>`).

mod delete;
mod evict;
mod kinds;
mod list_body;
mod log;
mod pager;
mod proxy;
mod scale;
mod subresource;
mod token_request;
mod verbs;

use std::marker::PhantomData;

use serde::de::DeserializeOwned;

pub(crate) use delete::send_delete;
pub use delete::DeleteResult;
pub use kinds::{PodKind, ProxyKind, ServiceAccountKind};
pub(crate) use list_body::decode_in_chunks;
pub use log::LogLines;
#[cfg(feature = "dynamic")]
pub(crate) use pager::paged;
#[cfg(feature = "dynamic")]
pub(crate) use proxy::proxy_request;
pub use proxy::{ProxyRequest, ProxyResponse};
pub use scale::{Scale, ScaleSpec, ScaleStatus};
pub use token_request::{BoundObjectReference, IssuedToken, TokenRequestSpec};

use crate::apply::ApplyBody;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::request::{RequestBuilder, ResourcePath};
use crate::resource::{ClusterScope, NamespaceScope, Resource};

/// A client of one resource type, in one namespace, in all of them, or
/// cluster-wide, as the type's scope allows: a namespaced type needs a
/// namespace (or [`all_namespaces`](Self::all_namespaces)), a cluster-scoped
/// one cannot take one.
pub struct ResourceClient<K> {
    client: Client,
    request: RequestBuilder,
    _kind: PhantomData<fn() -> K>,
}

impl<K> Clone for ResourceClient<K> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            request: self.request.clone(),
            _kind: PhantomData,
        }
    }
}

impl<K> std::fmt::Debug for ResourceClient<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResourceClient")
            .field("path", &self.request.path())
            .finish()
    }
}

impl<K: Resource<Scope = NamespaceScope>> ResourceClient<K> {
    /// The objects of `K` in `namespace`.
    pub fn namespaced(client: Client, namespace: &str) -> Self {
        Self::at(client, Some(namespace))
    }

    /// The objects of `K` in the client's default namespace (the context's, or the Pod's).
    pub fn default_namespaced(client: Client) -> Self {
        let namespace = client.default_namespace().to_owned();
        Self::at(client, Some(&namespace))
    }

    /// The objects of `K` in every namespace: for list, watch and delete_collection.
    pub fn all_namespaces(client: Client) -> Self {
        Self::at(client, None)
    }
}

impl<K: Resource<Scope = ClusterScope>> ResourceClient<K> {
    /// The objects of the cluster-scoped `K`.
    pub fn cluster(client: Client) -> Self {
        Self::at(client, None)
    }
}

impl<K: Resource> ResourceClient<K> {
    /// The collection for `namespace` when `K` is namespaced (all namespaces when
    /// `None`), else the cluster-scoped collection: for code generic over scope.
    pub fn scoped(client: Client, namespace: Option<&str>) -> Self {
        use crate::resource::Scope;
        let namespace = if <K::Scope as Scope>::NAMESPACED {
            namespace
        } else {
            None
        };
        Self::at(client, namespace)
    }

    fn at(client: Client, namespace: Option<&str>) -> Self {
        Self {
            client,
            request: RequestBuilder::new(ResourcePath::of::<K>(namespace)),
            _kind: PhantomData,
        }
    }

    /// The underlying HTTP client, for raw requests.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The pure request builder of this collection (to see or send raw requests).
    pub fn requests(&self) -> &RequestBuilder {
        &self.request
    }

    /// The namespace this client works in; `None` when cluster-scoped or all namespaces.
    pub fn namespace(&self) -> Option<&str> {
        self.request.path().namespace()
    }

    /// Sends a request and decodes its answer as `T`, naming `what` in decode errors.
    async fn send<T: DeserializeOwned>(&self, request: http::Request<Vec<u8>>) -> Result<T> {
        exchange(&self.client, request, K::KIND)
            .await?
            .decode(crate::resource::decode_json)
    }
}

// The sending and receiving behind the verbs, kept apart from `K` so that
// it is compiled once, here, rather than again for every kind an app calls
// a verb on: the generic verbs only build the request and decode the
// answer with the kind's own (concrete) decoders.

/// A whole answer, and the name of what it holds for a decode error.
struct Answer {
    what: String,
    response: http::Response<bytes::Bytes>,
}

impl Answer {
    /// The body, decoded with `read` (for one object of a kind, the kind's
    /// own [`Resource::from_json`]).
    fn decode<T>(self, read: fn(&[u8]) -> serde_json::Result<T>) -> Result<T> {
        match read(self.response.body()) {
            Ok(value) => Ok(value),
            Err(source) => Err(Error::Decode {
                what: self.what,
                source,
            }),
        }
    }

    /// The body as a delete's answer: a Status, or an object of `kind` read
    /// by `read`.
    fn decode_delete<T>(
        self,
        kind: &str,
        read: fn(&[u8]) -> serde_json::Result<T>,
    ) -> Result<DeleteResult<T>> {
        DeleteResult::decode_with(&self.what, self.response.body(), kind, read)
    }
}

/// Sends a request for an object of `kind` and reads the whole answer.
async fn exchange(client: &Client, request: http::Request<Vec<u8>>, kind: &str) -> Result<Answer> {
    let what = format!("{kind} from {} {}", request.method(), request.uri().path());
    let response = client.send(request).await?;
    Ok(Answer { what, response })
}

/// Sends a list request of `kind` and hands each chunk of the answer to
/// `push` as it arrives; gives back the name of what the answer holds.
async fn receive_list(
    client: &Client,
    request: http::Request<Vec<u8>>,
    kind: &str,
    push: &mut (dyn FnMut(&[u8]) -> serde_json::Result<()> + Send),
) -> Result<String> {
    use futures::StreamExt;
    let what = format!(
        "{kind}List from {} {}",
        request.method(),
        request.uri().path()
    );
    let (url, response) = client.send_unread(request).await?;
    let mut body = response.bytes_stream();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| crate::client::transport_error(&url, e))?;
        push(&chunk).map_err(|source| Error::Decode {
            what: what.clone(),
            source,
        })?;
    }
    Ok(what)
}

/// Decodes JSON, naming what was decoded in the error (which quotes no input).
pub(crate) fn decode<T: DeserializeOwned>(what: &str, body: &[u8]) -> Result<T> {
    crate::resource::decode_json(body).map_err(|source| Error::Decode {
        what: what.to_owned(),
        source,
    })
}

/// Serializes an object for a request body.
pub(crate) fn encode<T: serde::Serialize>(what: &str, value: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(value).map_err(|source| Error::Encode {
        what: what.to_string(),
        source,
    })
}

/// Serializes an object for a write with its kind's own [`Resource::to_json`],
/// compiled in the crate that declares the kind.
pub(crate) fn encode_object<K: Resource>(object: &K) -> Result<Vec<u8>> {
    encoded(K::KIND, object.to_json())
}

/// Serializes an apply body of `K` for a write, as [`encode_object`] does.
pub(crate) fn encode_apply<K: Resource, P: ApplyBody<K>>(object: &P) -> Result<Vec<u8>> {
    encoded(K::KIND, crate::resource::encode_json::<K, P>(object))
}

/// An encoding's result, its error naming the kind.
fn encoded(kind: &str, body: serde_json::Result<Vec<u8>>) -> Result<Vec<u8>> {
    body.map_err(|source| Error::Encode {
        what: kind.into(),
        source,
    })
}

/// The name of an object about to be written; writes of unnamed objects are refused.
pub(crate) fn name_of<K: Resource>(object: &K) -> Result<&str> {
    object
        .metadata()
        .name
        .as_deref()
        .filter(|n| !n.is_empty())
        .ok_or_else(|| Error::MissingName {
            kind: K::KIND.into(),
        })
}
