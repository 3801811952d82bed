//! CustomResourceDefinition manifests from declarations: what a cluster needs
//! before it serves a declared custom kind, written from the same declaration
//! the client is generated from (group, names, scope, versions, subresources,
//! schema), so the two cannot disagree.
//!
//! One CRD (`apiextensions.k8s.io/v1`) per declared kind of a custom group,
//! with every version that declares it, all served, the newest by Kubernetes
//! version order (`v2` > `v1` > `v1beta2` > `v1alpha1`) stored. The schema is
//! the declared one as written (validation keys, enums,
//! `x-kubernetes-preserve-unknown-fields` kept), checked to be structural.
//! Kinds that take their types from an OpenAPI spec (built-in groups) have no
//! CRD and are reported as skipped.

mod raw;
mod structural;
mod version_order;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use crate::error::{Error, Result};
use crate::input::{self, InputKind, SchemaSource};
use crate::verbs::{Scope, Subresource};

/// One CRD manifest.
#[derive(Clone, Debug, PartialEq)]
pub struct CrdManifest {
    /// `<plural>.<group>`, the CRD's name and the file's stem.
    pub name: String,
    /// The manifest as YAML.
    pub yaml: String,
}

/// What [`crd_manifests`] found.
#[derive(Clone, Debug, Default)]
pub struct CrdManifests {
    /// The manifests, sorted by name.
    pub crds: Vec<CrdManifest>,
    /// Why a declared kind has no manifest (`apps/v1 Deployment: ...`).
    pub skipped: Vec<String>,
    /// Every input file read.
    pub files: Vec<PathBuf>,
}

/// A kind as declared in one version.
struct Declared<'a> {
    version: &'a str,
    kind: &'a InputKind,
}

/// Reads declarations (and CRD manifests) and builds a CRD per custom kind.
pub fn crd_manifests(inputs: &[PathBuf]) -> Result<CrdManifests> {
    let loaded = input::load(inputs)?;
    let mut out = CrdManifests {
        files: loaded.files.clone(),
        ..CrdManifests::default()
    };
    // (group, kind) -> its versions, in declaration order.
    let mut kinds: BTreeMap<(&str, &str), Vec<Declared<'_>>> = BTreeMap::new();
    for group in &loaded.groups {
        for version in &group.versions {
            for kind in &version.kinds {
                let which = format!("{}/{} {}", group.group, version.version, kind.kind);
                if group.group.is_empty() || !group.group.contains('.') {
                    out.skipped.push(format!(
                        "{which}: a built-in group (a custom group's name contains a dot)"
                    ));
                    continue;
                }
                if let SchemaSource::OpenApi(..) = kind.schema {
                    out.skipped
                        .push(format!("{which}: its types come from an OpenAPI spec"));
                    continue;
                }
                kinds
                    .entry((group.group.as_str(), kind.kind.as_str()))
                    .or_default()
                    .push(Declared {
                        version: &version.version,
                        kind,
                    });
            }
        }
    }
    for ((group, kind), versions) in kinds {
        out.crds.push(manifest(group, kind, &versions)?);
    }
    out.crds.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Writes each manifest to `<dir>/<name>.yaml` (unchanged files are not rewritten).
pub fn write_crds(dir: &Path, crds: &[CrdManifest]) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = Vec::new();
    for crd in crds {
        let path = dir.join(format!("{}.yaml", crd.name));
        if std::fs::read_to_string(&path).ok().as_deref() != Some(crd.yaml.as_str()) {
            std::fs::write(&path, &crd.yaml).map_err(|e| Error::io(&path, e))?;
        }
        written.push(path);
    }
    Ok(written)
}

fn manifest(group: &str, kind: &str, versions: &[Declared<'_>]) -> Result<CrdManifest> {
    let first = versions[0].kind;
    let plural = first
        .plural
        .clone()
        .unwrap_or_else(|| format!("{}s", kind.to_ascii_lowercase()));
    let singular = first
        .singular
        .clone()
        .unwrap_or_else(|| kind.to_ascii_lowercase());
    for v in &versions[1..] {
        let k = v.kind;
        let same = k.plural == first.plural
            && k.singular == first.singular
            && k.scope == first.scope
            && k.short_names == first.short_names;
        if !same {
            return Err(k.origin.error(format!(
                "`{kind}` has other names or scope than in {}: one CRD serves every version",
                versions[0].version
            )));
        }
    }
    let storage = version_order::newest(versions.iter().map(|v| v.version));
    let mut version_entries = Vec::new();
    for v in versions {
        version_entries.push(Value::Mapping(version_entry(v, v.version == storage)?));
    }
    let name = format!("{plural}.{group}");
    let mut names = map([
        ("plural", plural.as_str().into()),
        ("singular", singular.as_str().into()),
        ("kind", kind.into()),
    ]);
    if !first.short_names.is_empty() {
        names.insert(
            "shortNames".into(),
            Value::Sequence(
                first
                    .short_names
                    .iter()
                    .map(|s| s.as_str().into())
                    .collect(),
            ),
        );
    }
    let scope = match first.scope {
        Scope::Namespaced => "Namespaced",
        Scope::Cluster => "Cluster",
    };
    let spec = map([
        ("group", group.into()),
        ("names", Value::Mapping(names)),
        ("scope", scope.into()),
        ("versions", Value::Sequence(version_entries)),
    ]);
    let doc = map([
        ("apiVersion", "apiextensions.k8s.io/v1".into()),
        ("kind", "CustomResourceDefinition".into()),
        (
            "metadata",
            Value::Mapping(map([("name", name.as_str().into())])),
        ),
        ("spec", Value::Mapping(spec)),
    ]);
    let yaml = serde_yaml::to_string(&doc).map_err(Error::CrdYaml)?;
    Ok(CrdManifest {
        name,
        yaml: format!("# Generated by kubegen-codegen from its declaration.\n{yaml}"),
    })
}

fn version_entry(v: &Declared<'_>, storage: bool) -> Result<Mapping> {
    let k = v.kind;
    let schema = match &k.schema {
        SchemaSource::Inline(_, origin) => {
            let mut raw = raw::value_at(origin)?;
            structural::check(&raw, origin)?;
            if let Value::Mapping(m) = &mut raw {
                // The root of a kind is an object, whether or not the declaration says so.
                m.entry("type".into()).or_insert_with(|| "object".into());
            }
            raw
        }
        SchemaSource::Untyped | SchemaSource::OpenApi(..) => Value::Mapping(map([
            ("type", "object".into()),
            ("x-kubernetes-preserve-unknown-fields", true.into()),
        ])),
    };
    let mut entry = map([
        ("name", v.version.into()),
        ("served", true.into()),
        ("storage", storage.into()),
        ("schema", Value::Mapping(map([("openAPIV3Schema", schema)]))),
    ]);
    let mut subresources = Mapping::new();
    for s in &k.subresources {
        match s {
            Subresource::Status => {
                subresources.insert("status".into(), Value::Mapping(Mapping::new()));
            }
            Subresource::Scale => {
                subresources.insert(
                    "scale".into(),
                    Value::Mapping(map([
                        ("specReplicasPath", ".spec.replicas".into()),
                        ("statusReplicasPath", ".status.replicas".into()),
                    ])),
                );
            }
            Subresource::Log | Subresource::Eviction => {
                return Err(k.origin.key("subresources").error(format!(
                    "`{}` is a Pod's subresource; a custom resource serves only status and scale",
                    if *s == Subresource::Log {
                        "log"
                    } else {
                        "eviction"
                    }
                )))
            }
        }
    }
    if !subresources.is_empty() {
        entry.insert("subresources".into(), Value::Mapping(subresources));
    }
    Ok(entry)
}

/// A mapping with these entries, in this order.
fn map<const N: usize>(entries: [(&str, Value); N]) -> Mapping {
    entries
        .into_iter()
        .map(|(k, v)| (Value::from(k), v))
        .collect()
}
