//! String enums: a string field whose schema lists its values becomes a Rust
//! enum with one variant per value and `Other` for any value not listed.
//!
//! Each enum is a [`TypeDef`] without fields (so names, modules and features
//! follow the rules of every other type), recorded in
//! [`TypeTable::string_enums`] with its values and variant names.
//!
//! Variant names (the rule `codegen/README.md` documents): the values in
//! schema order, duplicates dropped; each the PascalCase of its words
//! ([`naming::pascal`]: `IfNotPresent`, `red` -> `Red`, `kebab-case` ->
//! `KebabCase`, `TCP` -> `Tcp`); `""` -> `Empty`; a value without letters or
//! digits (`*`) -> `Value`; a leading digit gets `V` (`3d` -> `V3d`); a
//! keyword gets `_` (`self` -> `Self_`). `Other` is reserved for unknown
//! values; names wanted twice (`a-b` and `aB`, or a value `other`) follow the
//! collision rule keyed by the value: sorted by value, the first keeps the
//! name, later ones get the smallest free number (`Other2`).

use std::collections::{BTreeMap, BTreeSet};

use super::naming;
use super::types::{TypeDef, TypeId, TypeRef, TypeTable};

/// The variant that keeps any value the schema does not list.
pub const OTHER: &str = "Other";

/// A string enum's values and their variant names, in schema order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StringEnum {
    /// `(value, variant)` pairs.
    pub variants: Vec<(String, String)>,
}

/// Turns every string field with `enum` values into a field of a new enum type.
/// Runs on the converted table, before names are assigned.
pub fn extract_string_enums(table: &mut TypeTable) {
    let mut new_types = Vec::new();
    for def in table.types.values_mut() {
        for field in &mut def.fields {
            if field.ty != TypeRef::String || field.enum_values.is_empty() {
                continue;
            }
            let id = TypeId(format!("{}.{}", def.id.0, field.json));
            new_types.push((
                TypeDef {
                    id: id.clone(),
                    module: def.module.clone(),
                    name_hint: format!("{}{}", def.name_hint, naming::pascal(&field.json)),
                    name: String::new(),
                    doc: Some(format!(
                        "The values of `{}`; any other value is kept in `Other`.",
                        field.json.replace('`', "'")
                    )),
                    fields: Vec::new(),
                    root_of: None,
                    features: BTreeSet::new(),
                },
                StringEnum {
                    variants: variant_names(&field.enum_values),
                },
            ));
            field.ty = TypeRef::Named(id);
        }
    }
    for (def, values) in new_types {
        // A struct of the same id (a property named with a dot) keeps it.
        if table.types.contains_key(&def.id) {
            continue;
        }
        table.string_enums.insert(def.id.clone(), values);
        table.types.insert(def.id.clone(), def);
    }
}

/// Variant names for enum values, by the rule in the module docs.
pub fn variant_names(values: &[String]) -> Vec<(String, String)> {
    let mut seen = BTreeSet::new();
    let distinct: Vec<&String> = values.iter().filter(|v| seen.insert(*v)).collect();
    let wanted: BTreeMap<String, String> = distinct
        .iter()
        .map(|v| ((*v).clone(), variant_name(v)))
        .collect();
    let reserved: BTreeSet<String> = [OTHER.to_string()].into();
    let names = naming::resolve(&wanted, &reserved, "");
    distinct
        .into_iter()
        .map(|v| (v.clone(), names[v].clone()))
        .collect()
}

fn variant_name(value: &str) -> String {
    let mut s = naming::pascal(value);
    if s.is_empty() {
        s = if value.is_empty() { "Empty" } else { "Value" }.to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    if !naming::is_plain_ident(&s) {
        s.push('_');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(values: &[&str]) -> Vec<String> {
        let values: Vec<String> = values.iter().map(|v| v.to_string()).collect();
        variant_names(&values).into_iter().map(|(_, n)| n).collect()
    }

    #[test]
    fn values_become_pascal_case_variants() {
        assert_eq!(
            names(&["red", "IfNotPresent", "kebab-case", "TCP", "snake_case"]),
            ["Red", "IfNotPresent", "KebabCase", "Tcp", "SnakeCase"]
        );
    }

    #[test]
    fn values_that_are_not_identifiers_follow_the_rule() {
        assert_eq!(
            names(&["", "*", "3d", "self", "Self", "other", "Other"]),
            ["Empty", "Value", "V3d", "Self_2", "Self_", "Other3", "Other2"]
        );
        // Duplicates after conversion: sorted by value, the first keeps the name.
        assert_eq!(names(&["a-b", "aB", "ab"]), ["AB", "AB2", "Ab"]);
        assert_eq!(names(&["x", "x"]), ["X"]);
    }
}
