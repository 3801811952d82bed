//! Which resources of a group become declared kinds: the chosen (or
//! preferred) version's top-level resources, each with the OpenAPI
//! definition that carries its group, version and kind. Pure, so tested on
//! fixtures.

use std::fmt;

use kubegen_runtime::discovery::{ApiResource, DiscoveredApis};
use serde_json::{Map, Value};

use super::declaration::{DeclKind, DeclVersion, Declaration};
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
    /// Its plural.
    pub plural: String,
    /// Why.
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "skipped: {}", self.reason)
    }
}

/// One group's import.
#[derive(Debug)]
pub struct Import {
    /// Such as `apps/v1`.
    pub group_version: String,
    /// `<group>.yaml` (`core.yaml` for core).
    pub file_name: String,
    /// The document to write.
    pub declaration: Declaration,
    /// Resources left out.
    pub skipped: Vec<Skipped>,
}

/// Finds `group` (`core` or `""` for core) and the version to import.
pub fn group(apis: &DiscoveredApis, group: &str, version: Option<&str>) -> anyhow::Result<Found> {
    let name = if group == "core" { "" } else { group };
    let Some(served) = apis.group(name) else {
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
        anyhow::bail!(
            "the server does not serve group {group:?}; it serves: {}",
            known.join(", ")
        );
    };
    let version = version.unwrap_or(&served.preferred_version).to_string();
    if !served.versions.contains(&version) {
        anyhow::bail!(
            "group {group:?} has no version {version:?}; it serves: {}",
            served.versions.join(", ")
        );
    }
    let group_version = if name.is_empty() {
        version.clone()
    } else {
        format!("{name}/{version}")
    };
    let Some(resources) = apis.resources(&group_version) else {
        let why = apis
            .failures()
            .get(&group_version)
            .map_or_else(|| "no answer".to_string(), |e| e.to_string());
        anyhow::bail!("discovery of {group_version} failed: {why}");
    };
    Ok(Found {
        group: name.to_string(),
        group_version,
        version,
        resources: resources.to_vec(),
    })
}

/// The declaration of `found`: kinds sorted by name, one per kind.
pub fn declare(found: &Found, defs: &Map<String, Value>) -> Import {
    let mut kinds: Vec<DeclKind> = Vec::new();
    let mut skipped = Vec::new();
    let mut resources = found.resources.clone();
    resources.sort_by(|a, b| (&a.kind, &a.plural).cmp(&(&b.kind, &b.plural)));
    for r in &resources {
        let skip = |reason: String| Skipped {
            plural: r.plural.clone(),
            reason,
        };
        if let Some(first) = kinds.iter().find(|k| k.kind == r.kind) {
            skipped.push(skip(format!(
                "kind {} is already declared by {}",
                r.kind, first.plural
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
        let kind = DeclKind::new(r, def);
        if kind.verbs.is_empty() {
            skipped.push(skip(format!("no verb with a typed method ({:?})", r.verbs)));
            continue;
        }
        kinds.push(kind);
    }
    Import {
        group_version: found.group_version.clone(),
        file_name: format!(
            "{}.yaml",
            if found.group.is_empty() {
                "core"
            } else {
                &found.group
            }
        ),
        declaration: Declaration {
            group: found.group.clone(),
            versions: vec![DeclVersion {
                version: found.version.clone(),
                kinds,
            }],
        },
        skipped,
    }
}
