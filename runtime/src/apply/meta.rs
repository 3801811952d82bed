//! The apply configurations of `ObjectMeta` and `OwnerReference`, shared by
//! every kind's apply configuration.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::meta::Map;

/// The metadata fields an apply can own; each is sent only when set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectMetaApply {
    /// The object's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<CompactString>,
    /// The prefix of a server-generated name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate_name: Option<CompactString>,
    /// The object's namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<CompactString>,
    /// The version the apply must see, for an optimistic apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_version: Option<CompactString>,
    /// Owned labels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Map<CompactString, CompactString>>,
    /// Owned annotations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<Map<CompactString, CompactString>>,
    /// Owned owner references (keyed by `uid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_references: Option<Vec<OwnerReferenceApply>>,
    /// Owned finalizers (a set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finalizers: Option<Vec<CompactString>>,
}

impl ObjectMetaApply {
    /// Sets the name.
    pub fn name(mut self, name: impl Into<CompactString>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the namespace.
    pub fn namespace(mut self, namespace: impl Into<CompactString>) -> Self {
        self.namespace = Some(namespace.into());
        self
    }

    /// Adds one label.
    pub fn label(mut self, key: impl Into<CompactString>, value: impl Into<CompactString>) -> Self {
        self.labels
            .get_or_insert_with(Map::new)
            .insert(key.into(), value.into());
        self
    }

    /// Adds one annotation.
    pub fn annotation(
        mut self,
        key: impl Into<CompactString>,
        value: impl Into<CompactString>,
    ) -> Self {
        self.annotations
            .get_or_insert_with(Map::new)
            .insert(key.into(), value.into());
        self
    }

    /// Adds one owner reference.
    pub fn owner_reference(mut self, owner: OwnerReferenceApply) -> Self {
        self.owner_references
            .get_or_insert_with(Vec::new)
            .push(owner);
        self
    }

    /// Adds one finalizer.
    pub fn finalizer(mut self, finalizer: impl Into<CompactString>) -> Self {
        self.finalizers
            .get_or_insert_with(Vec::new)
            .push(finalizer.into());
        self
    }
}

/// An owner reference to apply; each field is sent only when set.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerReferenceApply {
    /// The owner's API version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<CompactString>,
    /// The owner's kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<CompactString>,
    /// The owner's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<CompactString>,
    /// The owner's UID (the list's key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<CompactString>,
    /// Whether the owner is the managing controller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller: Option<bool>,
    /// Whether foreground deletion of the owner waits for this object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_owner_deletion: Option<bool>,
}
