//! `OwnerReference`: a link from a dependent object to its owner.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// Identifies an owner in the same namespace (or a cluster-scoped owner),
/// so the garbage collector deletes the dependent with it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerReference {
    /// The owner's API version, such as `apps/v1`.
    pub api_version: CompactString,
    /// The owner's kind.
    pub kind: CompactString,
    /// The owner's name.
    pub name: CompactString,
    /// The owner's UID; the server rejects references without one.
    pub uid: CompactString,
    /// True if the owner is the managing controller (at most one may be).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller: Option<bool>,
    /// True to make foreground deletion of the owner wait for this object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_owner_deletion: Option<bool>,
}
