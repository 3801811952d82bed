//! kubegen's runtime: everything a generated clientset needs at run time.

pub mod auth;
pub mod cache;
mod client;
pub mod config;
pub mod controller;
pub mod discovery;
pub mod dynamic;
pub mod error;
pub mod leader_election;
pub mod meta;
pub mod options;
pub mod request;
pub mod resource;
mod resource_client;
pub mod retry;
mod secret;
pub mod watch;
pub mod workqueue;

pub use client::{user_agent, Client};
pub use config::{AuthConfig, Config, ConfigError, Kubeconfig, KubeconfigOptions};
pub use error::{ApiError, Error, Result};
pub use options::{
    ApplyOptions, CreateOptions, DeleteOptions, GetOptions, ListOptions, Patch, PatchOptions,
    PropagationPolicy, UpdateOptions,
};
pub use resource::{ClusterScope, NamespaceScope, ObjectList, Resource};
pub use resource_client::{DeleteResult, ResourceClient, Scale, ScaleSpec, ScaleStatus};
pub use retry::{retry_on_conflict, Backoff, DEFAULT_BACKOFF, DEFAULT_RETRY};
pub use secret::Secret;
pub use watch::{WatchEvent, WatchStream};

/// Re-exported so generated code depends on this crate alone.
pub use serde;
/// Re-exported so generated code depends on this crate alone.
pub use serde_json;
