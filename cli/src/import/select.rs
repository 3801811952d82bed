//! Which resources of a group become declared kinds: the chosen versions'
//! (by default the preferred one's) top-level resources, each with the
//! OpenAPI definition that carries its group, version and kind. Pure, so
//! tested on fixtures.

use std::fmt;

use kubegen_runtime::discovery::{ApiResource, DiscoveredApis, DiscoveredGroup};
use serde_json::{Map, Value};

use kubegen_codegen::declaration::{Declaration, DeclaredKind, DeclaredVersion};

use super::declaration::declared_kind;
use super::openapi;

/// A group-version to import and its resources (subresources attached).
#[derive(Debug)]
pub struct Found {
    /// `""` for core.
    pub group: String,
    /// Such as `apps/v1`.
    pub group_version: String,
    /// The version alone.
    pub version: String,
    /// The top-level resources.
    pub resources: Vec<ApiResource>,
}

/// A resource left out, and why.
#[derive(Debug)]
pub struct Skipped {
    /// Where it is served, such as `apps/v1`.
    pub group_version: String,
    /// Its plural.
    pub plural: String,
    /// Why.
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}: skipped: {}",
            self.group_version, self.plural, self.reason
        )
    }
}

/// One group's import: every chosen version in one declaration.
#[derive(Debug)]
pub struct Import {
    /// Such as `["autoscaling/v1", "autoscaling/v2beta2"]`.
    pub group_versions: Vec<String>,
    /// `<group>.yaml` (`core.yaml` for core).
    pub file_name: String,
    /// The document to write.
    pub declaration: Declaration,
    /// Resources left out.
    pub skipped: Vec<Skipped>,
}

/// The versions to take of a group named without one.
#[derive(Debug, Clone, Copy)]
pub enum Versions<'a> {
    /// The group's preferred version.
    Preferred,
    /// This version.
    Only(&'a str),
    /// Every version the group serves.
    All,
}

/// Resolves the GROUP arguments (`apps`, `core`, or with a version,
/// `autoscaling/v2beta2`) into groups, in the order first named, each with
/// the versions to import; a group named twice is imported once.
pub fn plan(
    apis: &DiscoveredApis,
    args: &[String],
    unversioned: Versions<'_>,
) -> anyhow::Result<Vec<Vec<Found>>> {
    let mut groups: Vec<Vec<Found>> = Vec::new();
    for arg in args {
        let (name, version) = match arg.split_once('/') {
            Some((name, version)) => (name, Versions::Only(version)),
            None => (arg.as_str(), unversioned),
        };
        let served = served_group(apis, name)?;
        let versions: Vec<&str> = match version {
            Versions::Preferred => vec![served.preferred_version.as_str()],
            Versions::Only(version) => vec![version],
            Versions::All => served.versions.iter().map(String::as_str).collect(),
        };
        for version in versions {
            let found = group_version(apis, name, served, version)?;
            match groups.iter_mut().find(|g| g[0].group == found.group) {
                Some(group) if group.iter().any(|f| f.version == found.version) => {}
                Some(group) => group.push(found),
                None => groups.push(vec![found]),
            }
        }
    }
    Ok(groups)
}

/// The group `name` (`core` or `""` for core), or an error listing those served.
fn served_group<'a>(apis: &'a DiscoveredApis, name: &str) -> anyhow::Result<&'a DiscoveredGroup> {
    let wanted = if name == "core" { "" } else { name };
    apis.group(wanted).ok_or_else(|| {
        let known: Vec<&str> = apis
            .groups()
            .iter()
            .map(|g| {
                if g.name.is_empty() {
                    "core"
                } else {
                    g.name.as_str()
                }
            })
            .collect();
        anyhow::anyhow!(
            "the server does not serve group {name:?}; it serves: {}",
            known.join(", ")
        )
    })
}

/// Finds `version` of `served` (named `name` on the command line) and its resources.
fn group_version(
    apis: &DiscoveredApis,
    name: &str,
    served: &DiscoveredGroup,
    version: &str,
) -> anyhow::Result<Found> {
    if !served.versions.iter().any(|v| v == version) {
        anyhow::bail!(
            "group {name:?} has no version {version:?}; it serves: {}",
            served.versions.join(", ")
        );
    }
    let group_version = if served.name.is_empty() {
        version.to_string()
    } else {
        format!("{}/{version}", served.name)
    };
    let Some(resources) = apis.resources(&group_version) else {
        let why = apis
            .failures()
            .get(&group_version)
            .map_or_else(|| "no answer".to_string(), |e| e.to_string());
        anyhow::bail!("discovery of {group_version} failed: {why}");
    };
    Ok(Found {
        group: served.name.clone(),
        group_version,
        version: version.to_string(),
        resources: resources.to_vec(),
    })
}

/// The declaration of one group's `versions` (all of one group, not empty).
pub fn declare(versions: &[Found], defs: &Map<String, Value>) -> Import {
    let mut skipped = Vec::new();
    let declared = versions
        .iter()
        .map(|found| declare_version(found, defs, &mut skipped))
        .collect();
    let group = &versions[0].group;
    Import {
        group_versions: versions.iter().map(|f| f.group_version.clone()).collect(),
        file_name: format!("{}.yaml", if group.is_empty() { "core" } else { group }),
        declaration: Declaration {
            group: group.clone(),
            versions: declared,
        },
        skipped,
    }
}

/// The declaration of `found`: kinds sorted by name, one per kind.
fn declare_version(
    found: &Found,
    defs: &Map<String, Value>,
    skipped: &mut Vec<Skipped>,
) -> DeclaredVersion {
    let mut kinds: Vec<DeclaredKind> = Vec::new();
    let mut resources = found.resources.clone();
    resources.sort_by(|a, b| (&a.kind, &a.plural).cmp(&(&b.kind, &b.plural)));
    for r in &resources {
        let skip = |reason: String| Skipped {
            group_version: found.group_version.clone(),
            plural: r.plural.clone(),
            reason,
        };
        if let Some(first) = kinds.iter().find(|k| k.kind == r.kind) {
            skipped.push(skip(format!(
                "kind {} is already declared by {}",
                r.kind,
                first.plural.as_deref().unwrap_or_default()
            )));
            continue;
        }
        let Some(def) = openapi::find_kind(defs, &found.group, &found.version, &r.kind) else {
            skipped.push(skip(format!(
                "no definition of kind {} in /openapi/v2",
                r.kind
            )));
            continue;
        };
        let kind = declared_kind(r, def);
        if kind.verbs.expand().is_empty() {
            skipped.push(skip(format!("no verb with a typed method ({:?})", r.verbs)));
            continue;
        }
        kinds.push(kind);
    }
    DeclaredVersion {
        version: found.version.clone(),
        kinds,
    }
}

#[cfg(test)]
mod tests;
