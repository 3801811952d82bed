//! `Preconditions`: guards a delete against deleting the wrong object.

use serde::{Deserialize, Serialize};

/// Conditions the object must meet for a delete to proceed: a matching UID
/// (not a re-created namesake) and/or resource version (not changed since).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Preconditions {
    /// The UID the object must have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    /// The resource version the object must be at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_version: Option<String>,
}
