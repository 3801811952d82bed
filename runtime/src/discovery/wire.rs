//! The discovery documents as the server sends them (`meta/v1` APIVersions,
//! APIGroupList, APIResourceList), kept close to the wire so that nothing is
//! lost before [`super::ApiResource`] gives them a friendlier shape.

use serde::{Deserialize, Serialize};

/// `GET /api`: the versions of the core group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiVersions {
    /// The core group's versions, such as `["v1"]`.
    #[serde(default)]
    pub versions: Vec<String>,
}

/// `GET /apis`: every named group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiGroupList {
    /// The groups, in the server's priority order.
    #[serde(default)]
    pub groups: Vec<ApiGroup>,
}

/// One named group and the versions it serves.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiGroup {
    /// The group's name, such as `apps`.
    pub name: String,
    /// The versions served, most preferred first.
    #[serde(default)]
    pub versions: Vec<GroupVersionForDiscovery>,
    /// The version clients should use when they have no preference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_version: Option<GroupVersionForDiscovery>,
}

/// A version of a group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupVersionForDiscovery {
    /// `group/version`, such as `apps/v1`.
    pub group_version: String,
    /// The version alone, such as `v1`.
    pub version: String,
}

/// `GET /api/v1` or `GET /apis/{group}/{version}`: the resources of one group-version.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiResourceList {
    /// `v1` or `group/version`.
    pub group_version: String,
    /// The resources, subresources (`deployments/scale`) included.
    #[serde(default)]
    pub resources: Vec<ApiResourceEntry>,
}

/// One resource (or subresource) of an [`ApiResourceList`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiResourceEntry {
    /// The plural, or `plural/subresource` for subresources.
    pub name: String,
    /// The singular; empty for built-ins before Kubernetes 1.27.
    #[serde(default)]
    pub singular_name: String,
    /// Whether objects live in namespaces.
    #[serde(default)]
    pub namespaced: bool,
    /// Set when the resource's group differs from the list's (`deployments/scale` is autoscaling).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Set when the resource's version differs from the list's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The kind of the objects, such as `Deployment`.
    #[serde(default)]
    pub kind: String,
    /// The verbs allowed (`get`, `list`, `watch`, `create` ...).
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Abbreviations users may type, such as `deploy`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub short_names: Vec<String>,
    /// Groupings such as `all`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
}
