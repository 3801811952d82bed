//! Whole-table analyses: which features need a type, which fields must be boxed.

use std::collections::{BTreeMap, BTreeSet};

use super::{MetaType, Model, TypeId, TypeRef};

/// Named types a field type contains directly (not behind a `Vec` or map,
/// which already put them on the heap).
fn direct(ty: &TypeRef, out: &mut Vec<TypeId>) {
    if let TypeRef::Named(id) = ty {
        out.push(id.clone());
    }
}

/// Every named type a field type mentions.
fn mentioned(ty: &TypeRef, out: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => out.push(id.clone()),
        TypeRef::List(t) | TypeRef::Map(t) => mentioned(t, out),
        _ => {}
    }
}

/// Records on every type the features of the groups whose kinds reach it, so
/// a type is compiled exactly when some group that uses it is enabled.
pub fn assign_features(model: &mut Model) {
    let mut reach: BTreeMap<TypeId, BTreeSet<String>> = BTreeMap::new();
    for group in model.groups.values() {
        let mut stack: Vec<TypeId> = group
            .versions
            .values()
            .flat_map(|v| v.kinds.values().map(|k| k.root.clone()))
            .collect();
        let mut seen = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            reach
                .entry(id.clone())
                .or_default()
                .insert(group.feature.clone());
            for f in &model.types.get(&id).fields {
                mentioned(&f.ty, &mut stack);
            }
        }
    }
    for (id, features) in reach {
        if let Some(def) = model.types.types.get_mut(&id) {
            def.features = features;
        }
    }
}

/// The features of the types with a field of meta type `meta`: those that
/// need its re-export.
pub fn features_of_users(model: &Model, meta: MetaType) -> BTreeSet<String> {
    fn is(ty: &TypeRef, meta: MetaType) -> bool {
        match ty {
            TypeRef::Meta(m) => *m == meta,
            TypeRef::List(t) | TypeRef::Map(t) => is(t, meta),
            _ => false,
        }
    }
    model
        .types
        .types
        .values()
        .filter(|t| t.fields.iter().any(|f| is(&f.ty, meta)))
        .flat_map(|t| t.features.iter().cloned())
        .collect()
}

/// `(type, JSON field name)` of every field that must be boxed because its
/// struct contains itself through it (`JSONSchemaProps.not`).
pub fn cyclic_fields(model: &Model) -> BTreeSet<(TypeId, String)> {
    let edges = |id: &TypeId| {
        let mut out = Vec::new();
        for f in &model.types.get(id).fields {
            direct(&f.ty, &mut out);
        }
        out
    };
    let reaches = |from: &TypeId, to: &TypeId| {
        let mut stack = vec![from.clone()];
        let mut seen = BTreeSet::new();
        while let Some(id) = stack.pop() {
            if &id == to {
                return true;
            }
            if seen.insert(id.clone()) {
                stack.extend(edges(&id));
            }
        }
        false
    };
    let mut out = BTreeSet::new();
    for (id, def) in &model.types.types {
        for f in &def.fields {
            if let TypeRef::Named(target) = &f.ty {
                if reaches(target, id) {
                    out.insert((id.clone(), f.json.clone()));
                }
            }
        }
    }
    out
}
