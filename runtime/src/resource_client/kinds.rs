//! Kinds that have calls of their own: only their clients offer them. The
//! generated `core/v1` types implement these.

use crate::resource::Resource;

/// A Pod: exec, attach and port-forward.
pub trait PodKind: Resource {}

/// A ServiceAccount: TokenRequest.
pub trait ServiceAccountKind: Resource {}

/// A Pod, Service or Node: requests passed on through `proxy`.
pub trait ProxyKind: Resource {}
