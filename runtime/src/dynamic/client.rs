//! `DynamicClient` and the per-resource handle `DynamicResource`, which
//! decides the URL scope (namespace, all namespaces, cluster) from the
//! resource's `namespaced` flag, and refuses calls that cannot make sense.

use serde::de::DeserializeOwned;

use super::DynamicObject;
use crate::client::Client;
use crate::discovery::ApiResource;
use crate::error::{Error, Result};
use crate::request::{RequestBuilder, ResourcePath};
use crate::resource_client::{decode, encode};

/// The entry point of the dynamic client. Cheap to clone.
///
/// For kinds with no Rust type: discovery resolves what a user would type
/// to kubectl, and the objects are JSON with typed metadata.
///
/// ```no_run
/// # async fn example(client: kubegen_runtime::Client) -> kubegen_runtime::Result<()> {
/// use kubegen_runtime::discovery::Discovery;
/// use kubegen_runtime::dynamic::DynamicClient;
/// use kubegen_runtime::{ListOptions, Patch, PatchOptions};
///
/// let vs = Discovery::new(client.clone()).resolve("vs").await?;   // short name, kind or resource.group
/// let api = DynamicClient::new(client).resource(&vs).namespace("default");
/// for object in api.list(&ListOptions::default()).await?.items {
///     println!("{:?} {:?}", object.name(), object.pointer("/spec/hosts"));
/// }
/// let patch = Patch::Merge(serde_json::json!({"spec": {"hosts": ["web"]}}));
/// api.patch("reviews", &patch, &PatchOptions::default()).await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct DynamicClient {
    client: Client,
}

impl DynamicClient {
    /// A dynamic client over `client`.
    pub fn new(client: Client) -> Self {
        DynamicClient { client }
    }

    /// The objects of `resource`: cluster-wide for cluster-scoped resources,
    /// every namespace for namespaced ones until [`DynamicResource::namespace`] narrows it.
    pub fn resource(&self, resource: &ApiResource) -> DynamicResource {
        DynamicResource {
            client: self.client.clone(),
            resource: resource.clone(),
            namespace: None,
        }
    }

    /// The underlying HTTP client.
    pub fn client(&self) -> &Client {
        &self.client
    }
}

/// The verbs of one resource, in one namespace, all of them, or cluster-wide.
#[derive(Clone, Debug)]
pub struct DynamicResource {
    pub(super) client: Client,
    pub(super) resource: ApiResource,
    namespace: Option<String>,
}

impl DynamicResource {
    /// Works in `namespace` (an error at call time if the resource is cluster-scoped).
    pub fn namespace(mut self, namespace: &str) -> Self {
        self.namespace = Some(namespace.to_owned());
        self
    }

    /// Works in the client's default namespace (the kubeconfig context's, or the Pod's).
    pub fn default_namespace(self) -> Self {
        let namespace = self.client.default_namespace().to_owned();
        self.namespace(&namespace)
    }

    /// Works across every namespace: list, watch and delete_collection see all
    /// objects; writes take the namespace from the object's metadata.
    pub fn all_namespaces(mut self) -> Self {
        self.namespace = None;
        self
    }

    /// The resource this handle addresses.
    pub fn resource(&self) -> &ApiResource {
        &self.resource
    }

    /// The namespace chosen, if any.
    pub fn target_namespace(&self) -> Option<&str> {
        self.namespace.as_deref()
    }

    /// The request builder of the collection (to see or send raw requests).
    pub fn requests(&self) -> Result<RequestBuilder> {
        self.builder(None, false)
    }

    /// The request builder for a call; `object_namespace` is the namespace of
    /// the object written, used when no namespace was chosen; `item` says the
    /// call names one object, which a namespaced resource must locate.
    pub(super) fn builder(
        &self,
        object_namespace: Option<&str>,
        item: bool,
    ) -> Result<RequestBuilder> {
        let r = &self.resource;
        let namespace = if r.namespaced {
            let namespace = self.namespace.as_deref().or(object_namespace);
            if item && namespace.is_none() {
                return Err(Error::NamespaceRequired {
                    resource: r.full_name(),
                });
            }
            namespace
        } else if let Some(ns) = &self.namespace {
            return Err(Error::NotNamespaced {
                resource: r.full_name(),
                namespace: ns.clone(),
            });
        } else {
            None
        };
        Ok(RequestBuilder::new(ResourcePath::new(
            &r.group, &r.version, &r.plural, namespace,
        )))
    }

    /// Sends a request and decodes its answer, naming the kind in errors.
    pub(super) async fn send<T: DeserializeOwned>(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<T> {
        let what = format!(
            "{} from {} {}",
            self.resource.kind,
            request.method(),
            request.uri().path()
        );
        let response = self.client.send(request).await?;
        decode(&what, response.body())
    }

    /// Serializes an object for a write, filling in `apiVersion` and `kind`
    /// from the resource when it lacks them (the server refuses it without).
    pub(super) fn encode<T: serde::Serialize>(&self, value: &T) -> Result<Vec<u8>> {
        let r = &self.resource;
        let mut json = serde_json::to_value(value).map_err(|source| Error::Encode {
            what: r.kind.clone(),
            source,
        })?;
        if let Some(map) = json.as_object_mut() {
            for (key, fill) in [("apiVersion", r.api_version()), ("kind", r.kind.clone())] {
                let entry = map.entry(key).or_insert(serde_json::Value::Null);
                if entry.as_str().is_none_or(str::is_empty) {
                    *entry = fill.into();
                }
            }
        }
        encode(&r.kind, &json)
    }
}

/// The name of an object about to be written; writes of unnamed objects are refused.
pub(super) fn name_of(object: &DynamicObject) -> Result<&str> {
    object
        .name()
        .filter(|n| !n.is_empty())
        .ok_or_else(|| Error::MissingName {
            kind: object.kind.clone(),
        })
}
