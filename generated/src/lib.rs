//! The crate apps link: the clientset of the built-in API groups, generated at
//! build time from `groups/<version>/` and that Kubernetes version's OpenAPI
//! spec, on top of [`kubegen_runtime`], whose API is re-exported here
//! (`kubegen::Client`, `kubegen::cache`, `kubegen::controller`, ...). Code an
//! app generates from its own declarations or CRDs (`kubegen-codegen` in its
//! build script) reaches the runtime through this crate too.
//!
//! # Finding a kind
//!
//! Every kind is at `kubegen::<group>::<version>::<Kind>`, next to its
//! typed client (`<Kind>Client`) and its sub-structures: `core::v1::Pod`,
//! `apps::v1::Deployment`, `networking::v1::Ingress`. The group module is
//! the API group without `.k8s.io`, dots as underscores
//! (`rbac_authorization::v1::Role`), and `core` for the core group; a group
//! whose short name is a runtime module keeps its suffix
//! (`discovery_k8s_io::v1::EndpointSlice`). The [`Clientset`] reaches each
//! kind's client by the same path in calls,
//! `cs.apps().v1().deployments("default")`, and the [`InformerFactory`] its
//! shared informer, `factory.apps().v1().deployments()`. Each method's
//! documentation names its HTTP method and path.
//!
//! # Example
//!
//! ```no_run
//! use futures::TryStreamExt;
//! use kubegen::{Clientset, InformerFactory, ListOptions, WatchEvent};
//!
//! # async fn example() -> kubegen::Result<()> {
//! let cs = Clientset::try_default().await?;          // the kubeconfig, else the Pod's service account
//! let deployments = cs.apps().v1().deployments("default");
//! for d in deployments.list(&ListOptions::default()).await?.items {
//!     println!("{:?}", d.metadata.name);
//! }
//!
//! // Changes as they happen (the watch ends when the server closes it).
//! let mut events = deployments.watch(&ListOptions::default().labels("app=web")).await?;
//! while let Some(event) = events.try_next().await? {
//!     if let WatchEvent::Modified(d) = event {
//!         println!("{:?} changed", d.metadata.name);
//!     }
//! }
//!
//! // A cache kept up to date by one shared watch, read by its lister.
//! let factory = InformerFactory::namespaced(cs.client().clone(), "default");
//! let pods = factory.core().v1().pods();
//! factory.start();
//! factory.wait_for_cache_sync().await;
//! let web = pods.lister().namespace("default").get("web");
//! println!("web is cached: {}", web.is_some());
//! # Ok(()) }
//! ```
//!
//! # Features
//!
//! - The Kubernetes version of the built-in types: `v1_36` (the default) or
//!   `v1_20`. When both are on, the oldest wins and the build warns; none
//!   means the newest. [`KUBERNETES_VERSION`] says which was built.
//! - One feature per API group, named by its first label: `core`, `apps`,
//!   `batch`, `autoscaling`, `policy`, `networking`, `discovery`, `events`,
//!   `storage`, `coordination`, `rbac`, `apiextensions`, `authentication`,
//!   `authorization` (all on by default), and `scheduling`, `node`,
//!   `certificates`, `admissionregistration`, `apiregistration`,
//!   `flowcontrol`, `resource`. A feature turns on every version its group
//!   has in the chosen Kubernetes version; a group that version lacks
//!   declares nothing. An app that needs only some turns off default
//!   features and compiles less.
//! - `fake`: `kubegen::fake`, an in-memory API server for unit tests.
//! - `prometheus`: `metrics::Prometheus`, request, work-queue and reconcile
//!   metrics with client-go's names.
//! - `derive`: `#[derive(CustomResource)]` and `#[derive(KubeSchema)]`, CRDs
//!   from Rust types.

pub use kubegen_runtime::*;

/// `#[derive(CustomResource)]` and `#[derive(KubeSchema)]` (feature `derive`).
#[cfg(feature = "derive")]
pub use kubegen_derive::{CustomResource, KubeSchema};

/// The runtime as code generated into an app names it
/// (`::kubegen::__runtime::...`), so an app depends on `kubegen` alone.
#[doc(hidden)]
pub use kubegen_runtime as __runtime;

/// The Kubernetes version of the built-in types (`"1.36"` or `"1.20"`).
pub const KUBERNETES_VERSION: &str = env!("KUBEGEN_KUBERNETES_VERSION");

include!(concat!(env!("OUT_DIR"), "/kubegen.rs"));

#[cfg(feature = "core")]
mod kind_calls;

/// The README's code blocks, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
mod readme {}
