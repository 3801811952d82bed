//! Evicting a Pod: a delete that a PodDisruptionBudget may refuse for now
//! (429 TooManyRequests), as `kubectl drain` uses it.

use http::Method;
use serde_json::json;

use super::{PodKind, ResourceClient};
use crate::error::{Error, Result};
use crate::options::DeleteOptions;
use crate::request::build;

/// The Eviction version of Kubernetes 1.22 on (the only one from 1.25).
const V1: &str = "policy/v1";
/// The Eviction version up to Kubernetes 1.21.
const V1BETA1: &str = "policy/v1beta1";

impl<K: PodKind> ResourceClient<K> {
    /// `POST {collection}/{name}/eviction`: deletes the Pod `name` unless a
    /// PodDisruptionBudget forbids it now, which is a 429 TooManyRequests
    /// error to try again later. Sends a `policy/v1` Eviction, and a
    /// `policy/v1beta1` one to a server that does not know `policy/v1`.
    pub async fn evict(&self, name: &str, options: &DeleteOptions) -> Result<()> {
        match self.send_eviction(name, options, V1).await {
            Err(e) if unknown_version(&e, V1) => self.send_eviction(name, options, V1BETA1).await,
            answer => answer,
        }
    }

    async fn send_eviction(
        &self,
        name: &str,
        options: &DeleteOptions,
        version: &str,
    ) -> Result<()> {
        let path = self.request.path().subresource(name, "eviction")?;
        let mut metadata = json!({"name": name});
        if let Some(namespace) = self.request.path().namespace() {
            metadata["namespace"] = namespace.into();
        }
        let body = json!({"apiVersion": version, "kind": "Eviction",
                          "metadata": metadata, "deleteOptions": options.to_body()});
        let request = build(
            Method::POST,
            &path,
            Vec::new(),
            Some(body.to_string().into_bytes()),
            "application/json",
        )?;
        self.client.send(request).await.map(|_| ())
    }
}

/// The server's answer to an Eviction of a version it does not have.
fn unknown_version(error: &Error, version: &str) -> bool {
    let wanted = format!("no kind \"Eviction\" is registered for version \"{version}\"");
    error.status().is_some_and(|s| {
        s.code == Some(400) && s.message.as_deref().is_some_and(|m| m.contains(&wanted))
    })
}
