//! The server's `/openapi/v2`: finding each kind's definition by its
//! `x-kubernetes-group-version-kind` (CRD definitions are named after the
//! reversed group, `dev.kubegen.e2e.v1.Widget`, so names cannot be guessed),
//! and trimming the 5-6 MB spec to what the imported kinds need.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

/// The definitions of a swagger document.
pub fn definitions(spec: &Value) -> anyhow::Result<&Map<String, Value>> {
    spec.get("definitions")
        .and_then(Value::as_object)
        .ok_or_else(|| anyhow::anyhow!("the OpenAPI document has no `definitions`"))
}

/// The `(group, version, kind)` entries of a definition.
fn gvks(def: &Value) -> impl Iterator<Item = (&str, &str, &str)> {
    def.get("x-kubernetes-group-version-kind")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|e| {
            let s = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("");
            (s("group"), s("version"), s("kind"))
        })
}

/// The definition of `group/version, kind`. When several carry it, the one
/// naming fewest kinds wins (shared types like `DeleteOptions` name dozens).
pub fn find_kind<'a>(
    defs: &'a Map<String, Value>,
    group: &str,
    version: &str,
    kind: &str,
) -> Option<&'a str> {
    defs.iter()
        .filter(|(_, def)| gvks(def).any(|gvk| gvk == (group, version, kind)))
        .min_by_key(|(name, def)| (gvks(def).count(), name.as_str()))
        .map(|(name, _)| name.as_str())
}

/// `#/definitions/X` references anywhere inside `value`.
fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("$ref", Value::String(r)) => {
                        if let Some(name) = r.strip_prefix("#/definitions/") {
                            out.push(name);
                        }
                    }
                    _ => refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
        _ => {}
    }
}

/// `roots` and every definition they reach.
fn closure<'a>(defs: &'a Map<String, Value>, roots: &[&'a str]) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<&str> = roots.to_vec();
    while let Some(name) = todo.pop() {
        let Some((name, def)) = defs.get_key_value(name) else {
            continue;
        };
        if seen.insert(name.as_str()) {
            refs(def, &mut todo);
        }
    }
    seen
}

fn package(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(p, _)| p)
}

/// The API groups the kinds of each package name, over `names`.
fn package_groups<'a>(
    defs: &'a Map<String, Value>,
    names: impl IntoIterator<Item = &'a str>,
) -> BTreeMap<&'a str, BTreeSet<&'a str>> {
    let mut out: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for name in names {
        let Some((name, def)) = defs.get_key_value(name) else {
            continue;
        };
        for (group, _, _) in gvks(def) {
            out.entry(package(name)).or_default().insert(group);
        }
    }
    out
}

/// What decides a package's module in the generator: its only group, or
/// none (no kinds, or kinds of several groups).
fn placement<'a>(groups: Option<&BTreeSet<&'a str>>) -> Option<&'a str> {
    match groups {
        Some(g) if g.len() == 1 => g.iter().next().copied(),
        _ => None,
    }
}

/// A copy of `spec` with only the definitions `roots` need. The generator
/// places a package's types by the groups its kinds name, so for every
/// package kept, kind definitions of that package (smallest closure first)
/// are kept too until the placement matches the full spec: generating from
/// the copy gives the same code as from the whole spec.
pub fn trim(spec: &Value, roots: &[&str]) -> anyhow::Result<Value> {
    let defs = definitions(spec)?;
    let full = package_groups(defs, defs.keys().map(String::as_str));
    let mut kept = closure(defs, roots);
    loop {
        let have = package_groups(defs, kept.iter().copied());
        let packages: BTreeSet<&str> = kept.iter().map(|n| package(n)).collect();
        let mut added = false;
        for pkg in packages {
            let want = placement(full.get(pkg));
            let mut groups = have.get(pkg).cloned().unwrap_or_default();
            if placement(Some(&groups)) == want {
                continue;
            }
            for candidate in anchors(defs, pkg, &kept) {
                let new: Vec<&str> = gvks(&defs[candidate])
                    .map(|(g, _, _)| g)
                    .filter(|g| !groups.contains(g))
                    .collect();
                if new.is_empty() {
                    continue;
                }
                groups.extend(new);
                kept.extend(closure(defs, &[candidate]));
                added = true;
                if placement(Some(&groups)) == want {
                    break;
                }
            }
        }
        if !added {
            break;
        }
    }
    let mut out = Map::new();
    for key in ["swagger", "info"] {
        if let Some(v) = spec.get(key) {
            out.insert(key.to_string(), v.clone());
        }
    }
    let kept_defs: Map<String, Value> = kept
        .iter()
        .map(|n| (n.to_string(), defs[*n].clone()))
        .collect();
    out.insert("definitions".to_string(), Value::Object(kept_defs));
    Ok(Value::Object(out))
}

/// Kind definitions of `pkg` not yet kept, smallest closure first.
fn anchors<'a>(defs: &'a Map<String, Value>, pkg: &str, kept: &BTreeSet<&'a str>) -> Vec<&'a str> {
    let mut candidates: Vec<(usize, &str)> = defs
        .iter()
        .filter(|(name, def)| {
            package(name) == pkg && !kept.contains(name.as_str()) && gvks(def).next().is_some()
        })
        .map(|(name, _)| (closure(defs, &[name.as_str()]).len(), name.as_str()))
        .collect();
    candidates.sort();
    candidates.into_iter().map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests;
