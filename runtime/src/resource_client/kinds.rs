//! Kinds that have calls of their own: only their clients offer them. The
//! generated `core/v1` types implement these.

use crate::resource::Resource;

/// A Pod: exec, attach, port-forward, its log and eviction. Only the clients
/// of kinds that implement it offer these calls (the generated `Pod` does):
///
/// ```no_run
/// # use kubegen_runtime::meta::ObjectMeta;
/// # use kubegen_runtime::{LogOptions, NamespaceScope, PodKind, Resource, ResourceClient, Result};
/// # macro_rules! kind {
/// #     ($ty:ident, $group:literal, $version:literal, $plural:literal) => {
/// #         #[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
/// #         struct $ty { metadata: ObjectMeta }
/// #         impl Resource for $ty {
/// #             const GROUP: &'static str = $group;
/// #             const VERSION: &'static str = $version;
/// #             const KIND: &'static str = stringify!($ty);
/// #             const PLURAL: &'static str = $plural;
/// #             type Scope = NamespaceScope;
/// #             fn metadata(&self) -> &ObjectMeta { &self.metadata }
/// #             fn metadata_mut(&mut self) -> &mut ObjectMeta { &mut self.metadata }
/// #         }
/// #     };
/// # }
/// # kind!(Pod, "", "v1", "pods");
/// impl PodKind for Pod {}
///
/// async fn tail(pods: &ResourceClient<Pod>) -> Result<String> {
///     pods.logs("web-0", &LogOptions::default().tail(10)).await
/// }
/// ```
///
/// A Deployment is not a `PodKind`, so its client has no log:
///
/// ```compile_fail,E0599
/// # use kubegen_runtime::meta::ObjectMeta;
/// # use kubegen_runtime::{LogOptions, NamespaceScope, PodKind, Resource, ResourceClient, Result};
/// # macro_rules! kind {
/// #     ($ty:ident, $group:literal, $version:literal, $plural:literal) => {
/// #         #[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
/// #         struct $ty { metadata: ObjectMeta }
/// #         impl Resource for $ty {
/// #             const GROUP: &'static str = $group;
/// #             const VERSION: &'static str = $version;
/// #             const KIND: &'static str = stringify!($ty);
/// #             const PLURAL: &'static str = $plural;
/// #             type Scope = NamespaceScope;
/// #             fn metadata(&self) -> &ObjectMeta { &self.metadata }
/// #             fn metadata_mut(&mut self) -> &mut ObjectMeta { &mut self.metadata }
/// #         }
/// #     };
/// # }
/// # kind!(Deployment, "apps", "v1", "deployments");
/// async fn tail(deployments: &ResourceClient<Deployment>) -> Result<String> {
///     deployments.logs("web", &LogOptions::default().tail(10)).await
/// }
/// ```
pub trait PodKind: Resource {}

/// A ServiceAccount: TokenRequest.
pub trait ServiceAccountKind: Resource {}

/// A Pod, Service or Node: requests passed on through `proxy`.
pub trait ProxyKind: Resource {}
