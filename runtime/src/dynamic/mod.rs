//! The dynamic client: every verb on any resource, with objects as
//! [`DynamicObject`] (typed metadata, untyped JSON body), addressed by an
//! [`ApiResource`](crate::discovery::ApiResource) that discovery or the REST
//! mapper supplies. client-go's `dynamic.Interface`, for kinds with no Rust type.

mod client;
#[cfg(feature = "ws")]
mod exec;
mod object;
mod pager;
mod scale;
mod subresource;
mod verbs;

pub use client::{DynamicClient, DynamicResource};
pub use object::{DynamicList, DynamicObject};

#[cfg(test)]
#[path = "scope_tests.rs"]
mod tests;
