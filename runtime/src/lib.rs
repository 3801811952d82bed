//! kubegen's runtime: everything a generated clientset needs at run time.

pub mod auth;
pub mod cache;
mod client;
pub mod config;
pub mod controller;
pub mod discovery;
pub mod dynamic;
pub mod error;
#[cfg(feature = "fake")]
pub mod fake;
#[doc(hidden)]
pub mod fuzzing;
pub mod leader_election;
pub mod meta;
pub mod metrics;
pub mod options;
mod poison;
pub mod recorder;
pub mod remote;
pub mod request;
pub mod resource;
mod resource_client;
pub mod retry;
pub mod schema;
mod secret;
pub mod wait;
pub mod watch;
pub mod workqueue;

pub use client::{user_agent, BodyStream, Client};
pub use config::{AuthConfig, Config, ConfigError, Kubeconfig, KubeconfigOptions};
pub use error::{ApiError, Error, PortsProblem, Result};
pub use options::{
    ApplyOptions, CreateOptions, DeleteOptions, GetOptions, ListOptions, LogOptions, Patch,
    PatchOptions, PropagationPolicy, UpdateOptions,
};
pub use resource::{ClusterScope, NamespaceScope, ObjectList, Resource};
pub use resource_client::{
    BoundObjectReference, DeleteResult, IssuedToken, LogLines, PodKind, ProxyKind, ProxyRequest,
    ProxyResponse, ResourceClient, Scale, ScaleSpec, ScaleStatus, ServiceAccountKind,
    TokenRequestSpec,
};
pub use retry::{retry_on_conflict, Backoff, DEFAULT_BACKOFF, DEFAULT_RETRY};
pub use schema::KubeSchema;
pub use secret::Secret;
pub use watch::{WatchEvent, WatchStream};

/// The string type of generated objects and their metadata: up to 24 bytes
/// are stored inline, so the many short names, keys and enum values of a
/// cached object cost no allocation of their own. Build one with `.into()`
/// from a `&str` or `String`; read it as a `&str` (it derefs to one).
pub use compact_str::{format_compact, CompactString};
/// Re-exported so generated code depends on this crate alone.
pub use serde;
/// Re-exported so generated code depends on this crate alone.
pub use serde_json;
/// The URL type of [`Config`] and every request.
pub use url::Url;
