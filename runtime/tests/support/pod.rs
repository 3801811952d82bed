//! The smallest Pod a test needs: metadata only, enough to name the
//! `/api/v1/.../pods` collection and its subresources.

use kubegen_runtime::meta::ObjectMeta;
use kubegen_runtime::{Client, NamespaceScope, PodKind, Resource, ResourceClient};
use serde::{Deserialize, Serialize};

use super::Recorder;

/// A Pod with nothing but its metadata.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Pod {
    #[serde(default)]
    pub metadata: ObjectMeta,
}

impl Resource for Pod {
    const GROUP: &'static str = "";
    const VERSION: &'static str = "v1";
    const KIND: &'static str = "Pod";
    const PLURAL: &'static str = "pods";
    type Scope = NamespaceScope;
    fn metadata(&self) -> &ObjectMeta {
        &self.metadata
    }
    fn metadata_mut(&mut self) -> &mut ObjectMeta {
        &mut self.metadata
    }
}

impl PodKind for Pod {}

/// A recording server and a client of its Pods in namespace `shop`.
pub async fn pods_in_shop() -> (Recorder, ResourceClient<Pod>) {
    let server = Recorder::start().await;
    let client = Client::new(server.config()).unwrap();
    (server.clone(), ResourceClient::namespaced(client, "shop"))
}
