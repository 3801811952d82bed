//! Discovery: which groups, versions and resources the server serves
//! (`/api`, `/apis`, `/api/v1`, `/apis/{group}/{version}`), and the REST
//! mapper that turns what a user types (`vs`, `deploy`) or a kind into a
//! resource the dynamic client can address. Needed wherever types are not
//! known at compile time: CRDs, kubectl-like tools, generic controllers.

mod apis;
mod cache;
mod disk;
mod error;
mod fetch;
mod mapper;
mod resource;
mod wire;

pub use apis::{DiscoveredApis, DiscoveredGroup};
pub use cache::Discovery;
pub use disk::DiskCache;
pub use error::{GroupDiscoveryFailed, MapError};
pub use mapper::{is_builtin, RestMapper};
pub use resource::{ApiResource, ApiSubresource};
pub use wire::{
    ApiGroup, ApiGroupList, ApiResourceEntry, ApiResourceList, ApiVersions,
    GroupVersionForDiscovery,
};
