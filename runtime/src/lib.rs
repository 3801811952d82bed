//! kubegen's runtime: everything a generated clientset needs at run time.

pub mod auth;
mod client;
pub mod config;
pub mod error;
pub mod meta;
mod secret;
pub mod watch;

pub use client::{user_agent, Client};
pub use config::{AuthConfig, Config, ConfigError, Kubeconfig, KubeconfigOptions};
pub use error::{ApiError, Error, Result};
pub use secret::Secret;
pub use watch::{WatchEvent, WatchStream};
