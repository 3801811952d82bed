//! Server-side apply with typed partial objects.
//!
//! An apply request says "these are the fields I own": a field sent is
//! claimed, a field left out is released. A full generated type cannot say
//! that (its required fields and defaults are always sent), so every
//! generated struct has an apply configuration (`DeploymentApply`, in the
//! version module's `apply` submodule) whose fields are all optional and
//! encode only when set. [`ApplyConfiguration`] ties one to its kind, so
//! `deployments(ns).apply(name, &DeploymentApply::new(..), ..)` type-checks
//! and a `ConfigMapApply` there does not; [`ApplyConfiguration::extract`]
//! reads back what a manager owns (client-go's `ExtractDeployment`); a
//! refused apply's conflicts are read with [`ApiError::conflicts`](crate::ApiError::conflicts).

mod conflict;
mod extract;
mod field_set;
mod meta;

pub use conflict::FieldConflict;
pub use extract::{extract, ExtractError};
pub use field_set::{FieldSet, FieldSetError, FieldSetProblem};
pub use meta::{ObjectMetaApply, OwnerReferenceApply};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::resource::Resource;

/// The apply configuration of a kind: a partial object holding only the
/// fields a field manager means to own.
pub trait ApplyConfiguration: Serialize + DeserializeOwned {
    /// The kind this configures; `apply` on its client takes this type.
    type Kind: Resource;

    /// The fields `manager` owns in `object` through the main resource
    /// (its `Apply` entries of `metadata.managedFields`), with the object's
    /// `apiVersion`, `kind`, name and namespace. Applying the result
    /// unchanged changes nothing.
    fn extract(object: &Self::Kind, manager: &str) -> Result<Self, ExtractError> {
        extract(object, manager, "")
    }

    /// As [`extract`](Self::extract), for what `manager` applied through the
    /// `status` subresource (on servers before 1.22, which record no
    /// subresource, the `status` part of its entries).
    fn extract_status(object: &Self::Kind, manager: &str) -> Result<Self, ExtractError> {
        extract(object, manager, "status")
    }
}

/// What `apply` of kind `K` takes: an apply configuration of `K`, or
/// untyped JSON (which is not checked).
///
/// ```
/// # use kubegen_runtime::apply::ApplyConfiguration;
/// # use kubegen_runtime::{meta::ObjectMeta, ApplyOptions, NamespaceScope, Resource, ResourceClient};
/// # macro_rules! kind { ($k:ident, $a:ident) => {
/// #     #[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
/// #     struct $k { metadata: ObjectMeta }
/// #     impl Resource for $k {
/// #         const GROUP: &'static str = "";
/// #         const VERSION: &'static str = "v1";
/// #         const KIND: &'static str = stringify!($k);
/// #         const PLURAL: &'static str = "things";
/// #         type Scope = NamespaceScope;
/// #         fn metadata(&self) -> &ObjectMeta { &self.metadata }
/// #         fn metadata_mut(&mut self) -> &mut ObjectMeta { &mut self.metadata }
/// #     }
/// #     #[derive(Default, serde::Serialize, serde::Deserialize)]
/// #     struct $a {}
/// #     impl ApplyConfiguration for $a { type Kind = $k; }
/// # } }
/// # kind!(ConfigMap, ConfigMapApply);
/// # kind!(Secret, SecretApply);
/// # async fn f(client: kubegen_runtime::Client) -> kubegen_runtime::Result<()> {
/// let secrets = ResourceClient::<Secret>::namespaced(client, "default");
/// secrets.apply("x", &SecretApply::default(), &ApplyOptions::new("me")).await?;
/// secrets.apply("x", &serde_json::json!({}), &ApplyOptions::new("me")).await?;
/// # Ok(()) }
/// ```
///
/// Another kind's apply configuration does not type-check:
///
/// ```compile_fail,E0271
/// # use kubegen_runtime::apply::ApplyConfiguration;
/// # use kubegen_runtime::{meta::ObjectMeta, ApplyOptions, NamespaceScope, Resource, ResourceClient};
/// # macro_rules! kind { ($k:ident, $a:ident) => {
/// #     #[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
/// #     struct $k { metadata: ObjectMeta }
/// #     impl Resource for $k {
/// #         const GROUP: &'static str = "";
/// #         const VERSION: &'static str = "v1";
/// #         const KIND: &'static str = stringify!($k);
/// #         const PLURAL: &'static str = "things";
/// #         type Scope = NamespaceScope;
/// #         fn metadata(&self) -> &ObjectMeta { &self.metadata }
/// #         fn metadata_mut(&mut self) -> &mut ObjectMeta { &mut self.metadata }
/// #     }
/// #     #[derive(Default, serde::Serialize, serde::Deserialize)]
/// #     struct $a {}
/// #     impl ApplyConfiguration for $a { type Kind = $k; }
/// # } }
/// # kind!(ConfigMap, ConfigMapApply);
/// # kind!(Secret, SecretApply);
/// # async fn f(client: kubegen_runtime::Client) -> kubegen_runtime::Result<()> {
/// let secrets = ResourceClient::<Secret>::namespaced(client, "default");
/// secrets.apply("x", &ConfigMapApply::default(), &ApplyOptions::new("me")).await?;
/// # Ok(()) }
/// ```
pub trait ApplyBody<K>: Serialize {}

impl<K: Resource> ApplyBody<K> for serde_json::Value {}

impl<A: ApplyConfiguration> ApplyBody<A::Kind> for A {}
