//! The crate apps link: the clientset of the built-in API groups, generated at
//! build time from `groups/<version>/` and that Kubernetes version's OpenAPI
//! spec, on top of [`kubegen_runtime`], whose API is re-exported here.
//!
//! One Kubernetes version's types are built: feature `v1_36` (default) or
//! `v1_20`; when both are on, the oldest wins (see the README's version policy).
//! Each group is a cargo feature (`core`, `apps`, `policy`, ...): an app that
//! needs only some turns off default features and compiles less.

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
