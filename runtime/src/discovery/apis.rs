//! `DiscoveredApis`: one consistent snapshot of what the server serves,
//! assembled from the discovery documents. Pure (no I/O), so the rules for
//! subresources and failed group-versions are unit-tested on fixtures.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::resource::{group_version, split_group_version, ApiResource, ApiSubresource};
use super::wire::{ApiGroupList, ApiResourceList, ApiVersions};
use super::GroupDiscoveryFailed;
use crate::error::{Error, Result};

/// A group and its versions, core (`""`) first, then in the server's priority order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiscoveredGroup {
    /// The group's name; `""` for the core group.
    pub name: String,
    /// The versions served, most preferred first.
    pub versions: Vec<String>,
    /// The version to use when the caller has no preference.
    pub preferred_version: String,
}

/// Every group, version and resource the server reported, plus the
/// group-versions it failed to describe.
#[derive(Clone, Debug, Default)]
pub struct DiscoveredApis {
    groups: Vec<DiscoveredGroup>,
    resources: BTreeMap<String, Vec<ApiResource>>,
    failures: BTreeMap<String, Arc<Error>>,
}

impl DiscoveredApis {
    /// Assembles a snapshot from `/api`, `/apis` and the answer for each
    /// group-version (keyed `v1` or `group/version`). A failed answer is kept
    /// in [`failures`](Self::failures); the rest of the snapshot stays usable.
    pub fn from_parts(
        core: &ApiVersions,
        groups: &ApiGroupList,
        lists: impl IntoIterator<Item = (String, Result<ApiResourceList>)>,
    ) -> Self {
        let mut apis = DiscoveredApis::default();
        if !core.versions.is_empty() {
            apis.groups.push(DiscoveredGroup {
                name: String::new(),
                versions: core.versions.clone(),
                preferred_version: core.versions[0].clone(),
            });
        }
        for group in &groups.groups {
            let versions: Vec<String> = group.versions.iter().map(|v| v.version.clone()).collect();
            let preferred = group
                .preferred_version
                .as_ref()
                .map(|p| p.version.clone())
                .or_else(|| versions.first().cloned())
                .unwrap_or_default();
            apis.groups.push(DiscoveredGroup {
                name: group.name.clone(),
                versions,
                preferred_version: preferred,
            });
        }
        for (gv, answer) in lists {
            match answer {
                Ok(list) => {
                    apis.resources.insert(gv, assemble(&list));
                }
                Err(e) => {
                    apis.failures.insert(gv, Arc::new(e));
                }
            }
        }
        apis
    }

    /// The groups, core first, then in the server's priority order.
    pub fn groups(&self) -> &[DiscoveredGroup] {
        &self.groups
    }

    /// The group called `name` (`""` for core), if served.
    pub fn group(&self, name: &str) -> Option<&DiscoveredGroup> {
        self.groups.iter().find(|g| g.name == name)
    }

    /// The preferred version of `group`, if served.
    pub fn preferred_version(&self, group: &str) -> Option<&str> {
        self.group(group).map(|g| g.preferred_version.as_str())
    }

    /// The resources of `group_version` (`v1`, `apps/v1`), subresources attached
    /// to their parents; `None` when unknown or when its discovery failed.
    pub fn resources(&self, group_version: &str) -> Option<&[ApiResource]> {
        self.resources.get(group_version).map(Vec::as_slice)
    }

    /// Every resource of every version, in priority order: groups as
    /// [`groups`](Self::groups) orders them, versions most preferred first.
    pub fn all_resources(&self) -> impl Iterator<Item = &ApiResource> + '_ {
        self.groups.iter().flat_map(move |g| {
            g.versions.iter().flat_map(move |v| {
                self.resources(&group_version(&g.name, v))
                    .unwrap_or_default()
                    .iter()
            })
        })
    }

    /// The resource `plural` of `group_version`, if served.
    pub fn resource(&self, group_version: &str, plural: &str) -> Option<&ApiResource> {
        self.resources(group_version)?
            .iter()
            .find(|r| r.plural == plural)
    }

    /// The group-versions whose discovery failed, with why (a broken
    /// aggregated API, say): client-go's `ErrGroupDiscoveryFailed`.
    pub fn failures(&self) -> &BTreeMap<String, Arc<Error>> {
        &self.failures
    }

    /// `Ok` when every group-version was discovered, else the failures as one error.
    pub fn check_complete(&self) -> std::result::Result<(), GroupDiscoveryFailed> {
        if self.failures.is_empty() {
            Ok(())
        } else {
            Err(GroupDiscoveryFailed {
                failures: self.failures.clone(),
            })
        }
    }
}

/// The resources of one list, subresources (`deployments/scale`) attached to their parent.
fn assemble(list: &ApiResourceList) -> Vec<ApiResource> {
    let (group, version) = split_group_version(&list.group_version);
    let mut resources: Vec<ApiResource> = list
        .resources
        .iter()
        .filter(|e| !e.name.contains('/'))
        .map(|e| ApiResource::from_entry(group, version, e))
        .collect();
    for entry in list.resources.iter().filter(|e| e.name.contains('/')) {
        let Some((parent, sub)) = entry.name.split_once('/') else {
            continue;
        };
        if let Some(parent) = resources.iter_mut().find(|r| r.plural == parent) {
            parent.subresources.push(ApiSubresource {
                name: sub.to_owned(),
                group: entry.group.clone().unwrap_or_else(|| group.to_owned()),
                version: entry.version.clone().unwrap_or_else(|| version.to_owned()),
                kind: entry.kind.clone(),
                verbs: entry.verbs.clone(),
            });
        }
    }
    resources
}
