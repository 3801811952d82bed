//! `RestMapper`: from what a user types (`vs`, `deploy`, `Deployment`,
//! `deployments.apps`, `deployments.v1.apps`) or from a kind, to one
//! resource, with kubectl's rules for choosing among several.
//!
//! Names match in tiers: plural, then singular, then short name, then kind
//! (case-insensitive); the first tier with a match wins. Within a group the
//! preferred version wins, else the first the server lists. Across groups the
//! core group wins, then the built-in groups (no dot, or `*.k8s.io`) in the
//! server's priority order; several other groups (CRDs, aggregated APIs)
//! matching is an error naming every candidate.

use std::sync::Arc;

use super::apis::DiscoveredApis;
use super::error::MapError;
use super::resource::ApiResource;

/// Maps names and kinds to resources over one discovery snapshot. Cheap to clone.
#[derive(Clone, Debug)]
pub struct RestMapper {
    apis: Arc<DiscoveredApis>,
}

/// Which group and version a lookup is limited to.
#[derive(Clone, Copy, Debug, Default)]
struct Scope<'a> {
    group: Option<&'a str>,
    version: Option<&'a str>,
}

impl RestMapper {
    /// A mapper over `apis`.
    pub fn new(apis: Arc<DiscoveredApis>) -> Self {
        RestMapper { apis }
    }

    /// The snapshot this mapper reads.
    pub fn apis(&self) -> &DiscoveredApis {
        &self.apis
    }

    /// Resolves what a user typed: a plural, singular, short name or kind,
    /// optionally qualified as `resource.group` or `resource.version.group`.
    pub fn resolve(&self, input: &str) -> Result<ApiResource, MapError> {
        let lower = input.trim().to_lowercase();
        let parts: Vec<&str> = lower.splitn(3, '.').collect();
        if let [name, version, group] = parts[..] {
            let scope = Scope {
                group: Some(group),
                version: Some(version),
            };
            if let Some(found) = self.pick(input, name, scope)? {
                return Ok(found);
            }
        }
        let found = match lower.split_once('.') {
            Some((name, group)) => {
                let scope = Scope {
                    group: Some(group),
                    version: None,
                };
                self.pick(input, name, scope)?
            }
            None => self.pick(input, &lower, Scope::default())?,
        };
        found.ok_or_else(|| self.not_found(input))
    }

    /// The resource of `kind` in `group`, at `version` or else the preferred one.
    pub fn resource_for_kind(
        &self,
        group: &str,
        version: Option<&str>,
        kind: &str,
    ) -> Result<ApiResource, MapError> {
        let scope = Scope {
            group: Some(group),
            version,
        };
        let matches = self.matching(scope, |r| r.kind.eq_ignore_ascii_case(kind));
        self.choose(kind, matches)?
            .ok_or_else(|| self.not_found(kind))
    }

    /// The resource of an object's `apiVersion` and `kind` (`apps/v1`, `Deployment`).
    pub fn resource_for_api_version(
        &self,
        api_version: &str,
        kind: &str,
    ) -> Result<ApiResource, MapError> {
        let (group, version) = super::resource::split_group_version(api_version);
        self.resource_for_kind(group, Some(version), kind)
    }

    /// The resource (and so its kind) of `plural` in `group`, at `version` or
    /// else the preferred one: resource to kind.
    pub fn kind_for(
        &self,
        group: &str,
        version: Option<&str>,
        plural: &str,
    ) -> Result<ApiResource, MapError> {
        let scope = Scope {
            group: Some(group),
            version,
        };
        let matches = self.matching(scope, |r| r.plural == plural);
        self.choose(plural, matches)?
            .ok_or_else(|| self.not_found(plural))
    }

    /// The first tier of names matching `name` in `scope`, reduced to one resource.
    fn pick(
        &self,
        input: &str,
        name: &str,
        scope: Scope<'_>,
    ) -> Result<Option<ApiResource>, MapError> {
        let tiers: [&dyn Fn(&ApiResource) -> bool; 4] = [
            &|r| r.plural == name,
            &|r| r.singular == name,
            &|r| r.short_names.iter().any(|s| s.eq_ignore_ascii_case(name)),
            &|r| r.kind.eq_ignore_ascii_case(name),
        ];
        for tier in tiers {
            let matches = self.matching(scope, tier);
            if !matches.is_empty() {
                return self.choose(input, matches);
            }
        }
        Ok(None)
    }

    /// The resources in `scope` that `accept`, in priority order.
    fn matching(
        &self,
        scope: Scope<'_>,
        accept: impl Fn(&ApiResource) -> bool,
    ) -> Vec<&ApiResource> {
        self.apis
            .all_resources()
            .filter(|r| scope.group.is_none_or(|g| r.group == g))
            .filter(|r| scope.version.is_none_or(|v| r.version == v))
            .filter(|r| accept(r))
            .collect()
    }

    /// One resource out of several matches (in priority order), by the module's rules.
    fn choose(
        &self,
        input: &str,
        matches: Vec<&ApiResource>,
    ) -> Result<Option<ApiResource>, MapError> {
        let mut per_group: Vec<&ApiResource> = Vec::new();
        for candidate in matches {
            match per_group.iter_mut().find(|r| r.group == candidate.group) {
                Some(kept) => {
                    let preferred = self.apis.preferred_version(&candidate.group);
                    if preferred == Some(candidate.version.as_str())
                        && preferred != Some(kept.version.as_str())
                    {
                        *kept = candidate;
                    }
                }
                None => per_group.push(candidate),
            }
        }
        if per_group.len() <= 1 {
            return Ok(per_group.first().map(|r| (*r).clone()));
        }
        if let Some(builtin) = per_group.iter().find(|r| is_builtin(&r.group)) {
            return Ok(Some((*builtin).clone()));
        }
        Err(MapError::Ambiguous {
            input: input.to_owned(),
            candidates: per_group.iter().map(|r| r.full_name()).collect(),
        })
    }

    fn not_found(&self, input: &str) -> MapError {
        MapError::NotFound {
            input: input.to_owned(),
            unavailable: self.apis.failures().keys().cloned().collect(),
        }
    }
}

/// The core group and the groups Kubernetes itself serves: no dot, or `*.k8s.io`.
pub fn is_builtin(group: &str) -> bool {
    !group.contains('.') || group.ends_with(".k8s.io")
}

#[cfg(test)]
#[path = "mapper_tests.rs"]
mod tests;
