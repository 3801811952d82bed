//! `ApiResource`: one resource as discovery found it, with its group and
//! version resolved and its subresources attached, which is everything the
//! dynamic client needs to build URLs and fill in `apiVersion`/`kind`.

use serde::{Deserialize, Serialize};

use super::wire::ApiResourceEntry;
use crate::resource::{Resource, Scope};

/// A resource of one group-version: `deployments` in `apps/v1`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiResource {
    /// The group; `""` for the core group.
    pub group: String,
    /// The version, such as `v1`.
    pub version: String,
    /// The kind, such as `Deployment`.
    pub kind: String,
    /// The plural used in URLs, such as `deployments`.
    pub plural: String,
    /// The singular; the lowercased kind when the server sent none (built-ins before 1.27).
    pub singular: String,
    /// Whether objects live in namespaces.
    pub namespaced: bool,
    /// The verbs allowed (`get`, `list`, `watch` ...); empty when unknown.
    #[serde(default)]
    pub verbs: Vec<String>,
    /// Abbreviations users may type, such as `deploy`.
    #[serde(default)]
    pub short_names: Vec<String>,
    /// Groupings such as `all`.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Subresources such as `status` and `scale`.
    #[serde(default)]
    pub subresources: Vec<ApiSubresource>,
}

/// A subresource (`deployments/scale`): its own kind, maybe in another group.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiSubresource {
    /// The name after the slash, such as `scale`.
    pub name: String,
    /// The group of its objects (`autoscaling` for `deployments/scale`).
    pub group: String,
    /// The version of its objects.
    pub version: String,
    /// The kind of its objects, such as `Scale`.
    pub kind: String,
    /// The verbs allowed.
    #[serde(default)]
    pub verbs: Vec<String>,
}

impl ApiResource {
    /// A resource known without discovery (no verbs, short names or subresources).
    pub fn new(group: &str, version: &str, kind: &str, plural: &str, namespaced: bool) -> Self {
        ApiResource {
            group: group.to_owned(),
            version: version.to_owned(),
            kind: kind.to_owned(),
            plural: plural.to_owned(),
            singular: kind.to_lowercase(),
            namespaced,
            ..ApiResource::default()
        }
    }

    /// The resource of a generated type, to use it through the dynamic client.
    pub fn of<K: Resource>() -> Self {
        Self::new(
            K::GROUP,
            K::VERSION,
            K::KIND,
            K::PLURAL,
            <K::Scope as Scope>::NAMESPACED,
        )
    }

    /// A discovered entry of the `group`/`version` list (not a subresource).
    pub(crate) fn from_entry(group: &str, version: &str, entry: &ApiResourceEntry) -> Self {
        ApiResource {
            group: entry.group.clone().unwrap_or_else(|| group.to_owned()),
            version: entry.version.clone().unwrap_or_else(|| version.to_owned()),
            kind: entry.kind.clone(),
            plural: entry.name.clone(),
            singular: if entry.singular_name.is_empty() {
                entry.kind.to_lowercase()
            } else {
                entry.singular_name.clone()
            },
            namespaced: entry.namespaced,
            verbs: entry.verbs.clone(),
            short_names: entry.short_names.clone(),
            categories: entry.categories.clone(),
            subresources: Vec::new(),
        }
    }

    /// The `apiVersion` of its objects: `v1` for core, otherwise `group/version`.
    pub fn api_version(&self) -> String {
        group_version(&self.group, &self.version)
    }

    /// True when the server allows `verb` (`list`, `watch`, `patch` ...).
    pub fn supports(&self, verb: &str) -> bool {
        self.verbs.iter().any(|v| v == verb)
    }

    /// The subresource called `name` (`status`, `scale` ...), if served.
    pub fn subresource(&self, name: &str) -> Option<&ApiSubresource> {
        self.subresources.iter().find(|s| s.name == name)
    }

    /// `plural.version.group` (`deployments.v1.apps`), the unambiguous way to type it.
    pub fn full_name(&self) -> String {
        if self.group.is_empty() {
            format!("{}.{}", self.plural, self.version)
        } else {
            format!("{}.{}.{}", self.plural, self.version, self.group)
        }
    }
}

/// `v1` for the core group, otherwise `group/version`.
pub(crate) fn group_version(group: &str, version: &str) -> String {
    if group.is_empty() {
        version.to_owned()
    } else {
        format!("{group}/{version}")
    }
}

/// Splits `apps/v1` into `("apps", "v1")` and `v1` into `("", "v1")`.
pub(crate) fn split_group_version(group_version: &str) -> (&str, &str) {
    group_version.split_once('/').unwrap_or(("", group_version))
}
