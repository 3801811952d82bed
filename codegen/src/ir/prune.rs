//! Leaves out what a build's features compile away: a build script knows
//! which features are on, and items behind the others cost formatting,
//! writing and parsing for nothing.

use std::collections::BTreeSet;

use super::{features_of_users, Model};

/// The model without the items whose `cfg(feature)` would be false when
/// only `keep` are on: the other groups, and the types and meta re-exports
/// no kept group uses (a type needs any one of its `features`; one with none
/// is ungated, so kept). A kept type's fields are kept too: a group reaching
/// a type reaches every type it mentions (`assign_features`).
pub fn keep_features(model: &Model, keep: &BTreeSet<String>) -> Model {
    let wanted = |features: &BTreeSet<String>| features.is_empty() || !features.is_disjoint(keep);
    let mut out = model.clone();
    out.groups.retain(|_, g| keep.contains(&g.feature));
    out.types.types.retain(|_, t| wanted(&t.features));
    let types = &out.types.types;
    out.types
        .string_enums
        .retain(|id, _| types.contains_key(id));
    out.types
        .meta_homes
        .retain(|&meta, _| wanted(&features_of_users(model, meta)));
    out
}
