//! kubegen's runtime: everything a generated clientset needs at run time,
//! and the client-go machinery controllers are built from.
//!
//! Apps normally depend on the `kubegen` crate, which re-exports this whole
//! crate next to the generated types (`kubegen::Client` is
//! [`kubegen_runtime::Client`](Client)); this crate alone serves code that
//! names no generated type, such as the dynamic client and discovery.
//!
//! # Map
//!
//! - Connecting: [`config`] (kubeconfig, in-cluster, [`Config::infer`],
//!   kubectl's flags), [`auth`] (tokens, token files, basic auth, exec
//!   plugins), and [`Client`], the one HTTP client under every call (TLS,
//!   rate limit, retries, typed [`Error`]s).
//! - Verbs: [`ResourceClient<K>`](ResourceClient) does get, list, watch,
//!   create, update, patch, apply, delete and the subresources for any
//!   [`Resource`]; [`options`] holds their query options; [`request`] turns
//!   the common verbs into plain `http::Request`s; [`remote`] is exec,
//!   attach and port-forward.
//! - Types: [`meta`] (ObjectMeta, Status, Quantity, label selectors, ...),
//!   [`resource`] (the [`Resource`] trait generated kinds implement) and
//!   [`schema`] (structural schemas for CRDs).
//! - Watching: [`watch`] ([`WatchStream`] of [`WatchEvent`]s), [`wait`]
//!   (until an object reaches a state).
//! - Caches: [`cache`] (reflector, store, shared informers, listers).
//! - Controllers: [`workqueue`], [`controller`] (the builder, finalizers,
//!   owner references), [`leader_election`], [`recorder`] (Events),
//!   [`retry`] ([`retry_on_conflict`]), [`metrics`].
//! - Without types: [`discovery`] (what the server serves, the REST mapper)
//!   and [`dynamic`] (every verb on any resource as JSON).
//! - Tests: `fake` (feature `fake`), an in-memory API server the real client
//!   talks to.
//!
//! # Example
//!
//! The kubeconfig's current context (else the Pod's service account), then
//! the Deployments of `default` through discovery and the dynamic client:
//!
//! ```no_run
//! use kubegen_runtime::discovery::Discovery;
//! use kubegen_runtime::dynamic::DynamicClient;
//! use kubegen_runtime::{Client, Config, ListOptions};
//!
//! # async fn example() -> kubegen_runtime::Result<()> {
//! let client = Client::new(Config::infer().await?)?;
//! let deployments = Discovery::new(client.clone()).resolve("deploy").await?;
//! let api = DynamicClient::new(client).resource(&deployments).namespace("default");
//! for object in api.list(&ListOptions::default()).await?.items {
//!     println!("{}", object.name().unwrap_or_default());
//! }
//! # Ok(()) }
//! ```
//!
//! # Features
//!
//! On by default; an app that only calls the API turns them off
//! (`default-features = false`) and compiles a good deal less:
//!
//! - `runtime`: the controller machinery ([`cache`], [`workqueue`],
//!   [`controller`], [`leader_election`], [`recorder`]).
//! - `ws`: [`remote`], exec, attach and port-forward over WebSockets.
//! - `dynamic`: the [`dynamic`] client (turns on `discovery`).
//! - `discovery`: [`discovery`] and the REST mapper.
//! - `socks5`: `socks5://` and `socks5h://` proxy URLs.
//! - `http2`: HTTP/2 where the server offers it (else HTTP/1.1 only).
//! - `gzip`: gzip-compressed answers.
//!
//! Off by default:
//!
//! - `fake`: the `fake` module, an in-memory API server for unit tests.
//! - `prometheus`: `metrics::Prometheus`, the [`metrics::Metrics`] hooks on
//!   the `prometheus-client` crate, with client-go's metric names.
//! - `clap`: [`config::ConfigFlags`] and [`config::AllNamespacesFlag`] as clap
//!   `Args` (`--kubeconfig`, `--context`, `-n`, `-A`).
//!
// A module left out of this build (its feature off) links to the list above.
#![cfg_attr(
    not(feature = "runtime"),
    doc = "[`cache`]: #features\n[`workqueue`]: #features\n[`controller`]: #features",
    doc = "[`leader_election`]: #features\n[`recorder`]: #features"
)]
#![cfg_attr(not(feature = "ws"), doc = "[`remote`]: #features")]
#![cfg_attr(not(feature = "discovery"), doc = "[`discovery`]: #features")]
#![cfg_attr(not(feature = "dynamic"), doc = "[`dynamic`]: #features")]

pub mod apply;
pub mod auth;
#[cfg(feature = "runtime")]
pub mod cache;
mod client;
pub mod config;
#[cfg(feature = "runtime")]
pub mod controller;
#[cfg(feature = "discovery")]
pub mod discovery;
#[cfg(feature = "dynamic")]
pub mod dynamic;
pub mod error;
#[cfg(feature = "fake")]
pub mod fake;
#[doc(hidden)]
pub mod fuzzing;
#[cfg(feature = "runtime")]
pub mod leader_election;
pub mod meta;
pub mod metrics;
pub mod options;
mod poison;
#[cfg(feature = "runtime")]
pub mod recorder;
#[cfg(feature = "ws")]
pub mod remote;
pub mod request;
pub mod resource;
mod resource_client;
pub mod retry;
pub mod schema;
mod secret;
pub mod wait;
pub mod watch;
#[cfg(feature = "runtime")]
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
