//! The crate apps link: the clientset of the built-in API groups, generated at
//! build time from `groups/` and the Kubernetes v1.20.2 OpenAPI spec, on top of
//! [`kubegen_runtime`], whose API is re-exported here.
//!
//! Each group is a cargo feature (`core`, `apps`, `batch`, `networking`,
//! `coordination`, `rbac`, `apiextensions`, `autoscaling`), all on by default:
//! an app that needs only some turns off default features and compiles less.

pub use kubegen_runtime::*;

/// The runtime as code generated into an app names it
/// (`::kubegen::__runtime::...`), so an app depends on `kubegen` alone.
#[doc(hidden)]
pub use kubegen_runtime as __runtime;

include!(concat!(env!("OUT_DIR"), "/kubegen.rs"));
