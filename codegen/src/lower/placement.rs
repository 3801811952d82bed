//! Which module an OpenAPI definition is emitted in.
//!
//! A definition's package (`io.k8s.api.apps.v1`) is put in the module of the
//! API group its kinds declare in `x-kubernetes-group-version-kind`, when they
//! all name one group (`io.k8s.api.rbac.v1` -> `rbac.authorization.k8s.io`).
//! Packages without kinds, or with kinds of many groups (`meta.v1`), go to a
//! module named after the package segment (`pkg:meta`), version as the last
//! segment. The group key is turned into a module name with the other groups
//! by `ir::naming` (so `pkg:meta` becomes `meta`).

use std::collections::{BTreeMap, BTreeSet};

use crate::input::Schema;
use crate::ir::ModulePath;

/// Package -> API groups of its kinds.
#[derive(Clone, Debug, Default)]
pub struct PackageIndex {
    groups: BTreeMap<String, BTreeSet<String>>,
}

impl PackageIndex {
    /// Indexes every definition's package.
    pub fn new<'a>(defs: impl IntoIterator<Item = (&'a str, &'a Schema)>) -> Self {
        let mut groups: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (name, def) in defs {
            let Some((pkg, _)) = name.rsplit_once('.') else {
                continue;
            };
            for gvk in &def.group_version_kind {
                groups
                    .entry(pkg.to_string())
                    .or_default()
                    .insert(gvk.group.clone());
            }
        }
        PackageIndex { groups }
    }
}

fn looks_like_version(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('v') else {
        return false;
    };
    let digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    digits.len() < rest.len()
        && (digits.is_empty()
            || ["alpha", "beta"].iter().any(|p| {
                digits
                    .strip_prefix(p)
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            }))
}

/// The module of definition `name`; the group part is a group key (an API
/// group name or `pkg:<segment>`).
pub fn module_of_definition(name: &str, index: &PackageIndex) -> ModulePath {
    let pkg = name.rsplit_once('.').map_or("", |(p, _)| p);
    let mut segs = pkg.rsplit('.');
    let last = segs.next().unwrap_or("");
    let (version, segment) = if looks_like_version(last) {
        (last.to_string(), segs.next().unwrap_or("types"))
    } else {
        ("types".to_string(), last)
    };
    match index.groups.get(pkg) {
        Some(groups) if groups.len() == 1 => ModulePath {
            group: groups.iter().next().cloned().unwrap_or_default(),
            version,
        },
        _ => ModulePath {
            group: format!("pkg:{segment}"),
            version,
        },
    }
}
