//! `OwnerReference`: a link from a dependent object to its owner.

use compact_str::CompactString;

/// Identifies an owner in the same namespace (or a cluster-scoped owner),
/// so the garbage collector deletes the dependent with it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
    pub controller: Option<bool>,
    /// True to make foreground deletion of the owner wait for this object.
    pub block_owner_deletion: Option<bool>,
    /// Members this type does not know (a newer server's) and explicit
    /// `null`s, written back unchanged.
    pub unknown_fields: super::UnknownFields,
}

lossless_codec!(OwnerReference {
    api_version: "apiVersion" required,
    kind: "kind" required,
    name: "name" required,
    uid: "uid" required,
    controller: "controller" optional,
    block_owner_deletion: "blockOwnerDeletion" optional,
});
