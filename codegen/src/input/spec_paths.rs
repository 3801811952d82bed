//! Declarations derived from an OpenAPI v2 spec's `paths`: every kind the
//! spec serves, with its plural, scope, verbs and status/scale subresources,
//! as if declared by hand. Used to generate every built-in group at once.

use std::collections::{BTreeMap, BTreeSet};

use super::{InputGroup, InputKind, InputVersion, KeyPath, OpenApiSpec, Origin, SchemaSource};
use crate::declaration::{Declaration, DeclaredKind, DeclaredVersion, SchemaSpec, Verbs};
use crate::verbs::{Scope, Subresource, Verb};

#[derive(Default)]
struct Entry {
    kind: Option<String>,
    namespaced: bool,
    verbs: BTreeSet<Verb>,
    subresources: BTreeSet<Subresource>,
}

/// Every kind served by the spec, as declarations of its groups.
pub(crate) fn declarations_served_by(spec: &OpenApiSpec) -> Vec<Declaration> {
    let mut by_gvk: BTreeMap<(String, String, String), String> = BTreeMap::new();
    for (name, def) in spec.definitions.iter() {
        if let [gvk] = def.group_version_kind.as_slice() {
            by_gvk
                .entry((gvk.group.clone(), gvk.version.clone(), gvk.kind.clone()))
                .or_insert_with(|| name.clone());
        }
    }
    let mut entries: BTreeMap<(String, String, String), Entry> = BTreeMap::new();
    for (path, item) in spec.paths.iter() {
        let (group, version, rest) = if let Some(r) = path.strip_prefix("/api/") {
            let (v, rest) = r.split_once('/').unwrap_or((r, ""));
            (String::new(), v.to_string(), rest)
        } else if let Some(r) = path.strip_prefix("/apis/") {
            let mut it = r.splitn(3, '/');
            match (it.next(), it.next(), it.next()) {
                (Some(g), Some(v), Some(rest)) => (g.to_string(), v.to_string(), rest),
                _ => continue,
            }
        } else {
            continue;
        };
        let mut segs: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        if segs.first() == Some(&"watch") {
            segs.remove(0);
        }
        let mut namespaced = false;
        if segs.len() >= 3 && segs[0] == "namespaces" && segs[1] == "{namespace}" {
            namespaced = true;
            segs.drain(..2);
        }
        let Some(plural) = segs.first().filter(|p| !p.starts_with('{')) else {
            continue;
        };
        let sub = match segs.as_slice() {
            [_] | [_, "{name}"] => None,
            [_, "{name}", sub] => Some(*sub),
            _ => continue,
        };
        let entry = entries
            .entry((group.clone(), version.clone(), plural.to_string()))
            .or_default();
        entry.namespaced |= namespaced;
        let Some(ops) = item.as_object() else {
            continue;
        };
        for op in ops.values() {
            let action = op.get("x-kubernetes-action").and_then(|a| a.as_str());
            let Some(action) = action else { continue };
            match sub {
                None => {
                    if let Some(k) = op
                        .get("x-kubernetes-group-version-kind")
                        .and_then(|g| g.get("kind"))
                        .and_then(|k| k.as_str())
                    {
                        entry.kind.get_or_insert_with(|| k.to_string());
                    }
                    entry.verbs.extend(Verb::served_by(action));
                }
                Some(name) => entry.subresources.extend(Subresource::from_name(name)),
            }
        }
    }
    let mut groups: BTreeMap<String, BTreeMap<String, Vec<DeclaredKind>>> = BTreeMap::new();
    let mut seen = BTreeSet::new();
    for ((group, version, plural), e) in entries {
        let Some(kind) = e.kind else { continue };
        let Some(def) = by_gvk.get(&(group.clone(), version.clone(), kind.clone())) else {
            continue;
        };
        if e.verbs.is_empty() || !seen.insert((group.clone(), version.clone(), kind.clone())) {
            continue;
        }
        groups
            .entry(group)
            .or_default()
            .entry(version)
            .or_default()
            .push(DeclaredKind {
                kind,
                plural: Some(plural),
                singular: None,
                short_names: Vec::new(),
                scope: if e.namespaced {
                    Scope::Namespaced
                } else {
                    Scope::Cluster
                },
                subresources: e.subresources.into_iter().collect(),
                verbs: Verbs::Only(e.verbs.into_iter().collect()),
                schema: SchemaSpec {
                    openapi: Some(def.clone()),
                    ..SchemaSpec::default()
                },
            });
    }
    groups
        .into_iter()
        .map(|(group, versions)| Declaration {
            group,
            versions: versions
                .into_iter()
                .map(|(version, kinds)| DeclaredVersion { version, kinds })
                .collect(),
        })
        .collect()
}

/// [`declarations_served_by`] as inputs; errors point at the spec's
/// `paths` entry of a kind, and at `definitions` for its schema.
pub(crate) fn kinds_served_by(spec: &OpenApiSpec) -> Vec<InputGroup> {
    let origin = Origin {
        file: spec.file.clone(),
        text: spec.text.clone(),
        doc_line: 1,
        path: KeyPath::default(),
    };
    let paths = origin.key("paths");
    let kind = |mut k: DeclaredKind| {
        let def = k.schema.openapi.take().unwrap_or_default();
        let o = paths.key(k.plural.as_deref().unwrap_or_default());
        let schema = SchemaSource::OpenApi(def.clone(), origin.key("definitions").key(&def));
        InputKind::declared(k, schema, o)
    };
    declarations_served_by(spec)
        .into_iter()
        .map(|g| InputGroup {
            origin: paths.clone(),
            versions: g
                .versions
                .into_iter()
                .map(|v| InputVersion {
                    version: v.version,
                    kinds: v.kinds.into_iter().map(kind).collect(),
                    origin: paths.clone(),
                })
                .collect(),
            group: g.group,
        })
        .collect()
}
