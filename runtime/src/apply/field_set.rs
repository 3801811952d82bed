//! The `FieldsV1` trie of `metadata.managedFields`, and the projection of an
//! object onto it.
//!
//! Each member of a trie node names one child of the value at that node:
//! `f:<name>` an object member, `k:<json object>` the list item whose key
//! fields have those values, `v:<json>` the set member equal to that value,
//! `i:<n>` the n-th list item, and `.` the value itself. A node with no
//! members owns its value whole.

use serde_json::{Map, Value};

/// A parsed `FieldsV1` field set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldSet {
    children: Vec<(PathElement, FieldSet)>,
}

/// One step into a value.
#[derive(Clone, Debug, PartialEq)]
enum PathElement {
    /// `f:name`.
    Field(String),
    /// `k:{...}`: the key fields of an associative list's item.
    Key(Map<String, Value>),
    /// `v:...`: a set member.
    Value(Value),
    /// `i:n`.
    Index(usize),
    /// `.`.
    Itself,
}

/// Why a `FieldsV1` trie could not be read. It names the path of trie keys
/// to the fault, never a value of the object.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("malformed fieldsV1 at {path:?}: {reason}")]
pub struct FieldSetError {
    /// The trie keys leading to the fault, joined by `/`.
    pub path: String,
    /// What is wrong there.
    #[source]
    pub reason: FieldSetProblem,
}

/// What is wrong at a place of a `FieldsV1` trie.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FieldSetProblem {
    /// The text is not JSON (the parser's own error is not kept: it quotes values).
    #[error("not JSON ({category:?} at line {line} column {column})")]
    NotJson {
        /// What kind of failure the parser met.
        category: serde_json::error::Category,
        /// The line it failed on.
        line: usize,
        /// The column it failed at.
        column: usize,
    },
    /// A node is not an object of keys.
    #[error("a trie node is not a JSON object")]
    NotAnObject,
    /// A key has none of the prefixes.
    #[error("a key is none of `.`, `f:`, `k:`, `v:`, `i:`")]
    UnknownKey,
    /// A `k:` key does not hold a non-empty object.
    #[error("a `k:` key is not a non-empty JSON object")]
    BadAssociativeKey,
    /// A `v:` key does not hold JSON.
    #[error("a `v:` key is not JSON")]
    BadSetMember,
    /// An `i:` key does not hold an index.
    #[error("an `i:` key is not an index")]
    BadIndex,
}

impl FieldSet {
    /// Parses the JSON text of a `fieldsV1`.
    pub fn parse(text: &str) -> Result<FieldSet, FieldSetError> {
        let value: Value = serde_json::from_str(text).map_err(|e| FieldSetError {
            path: String::new(),
            reason: FieldSetProblem::NotJson {
                category: e.classify(),
                line: e.line(),
                column: e.column(),
            },
        })?;
        FieldSet::from_json(&value)
    }

    /// Reads a `fieldsV1` already decoded as JSON.
    pub fn from_json(value: &Value) -> Result<FieldSet, FieldSetError> {
        let mut path = Vec::new();
        read_node(value, &mut path)
    }

    /// Adds every field of `other` (the union of two managers' entries, or
    /// of one manager's entries for several API versions).
    pub fn merge(&mut self, other: FieldSet) {
        for (element, set) in other.children {
            match self.children.iter_mut().find(|(e, _)| *e == element) {
                Some((_, mine)) => mine.merge(set),
                None => self.children.push((element, set)),
            }
        }
    }

    /// The part of the set under the member `f:<name>` (with the member).
    pub fn only_field(self, name: &str) -> FieldSet {
        let children = self
            .children
            .into_iter()
            .filter(|(e, _)| matches!(e, PathElement::Field(f) if f == name))
            .collect();
        FieldSet { children }
    }

    /// Whether the set names nothing below its value (it owns it whole).
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }

    /// The part of `value` this set names: objects keep the members named
    /// `f:`, lists the items named `k:`, `v:` or `i:` (in the list's order,
    /// an item named by `k:` keeping its key fields), a leaf keeps its value
    /// whole. Members and items the set names but the value lacks are left out.
    pub fn project(&self, value: &Value) -> Value {
        if self.is_leaf() {
            return value.clone();
        }
        match value {
            Value::Object(members) => {
                let mut out = Map::new();
                for (element, set) in &self.children {
                    if let PathElement::Field(name) = element {
                        if let Some(member) = members.get(name) {
                            out.insert(name.clone(), set.project(member));
                        }
                    }
                }
                Value::Object(out)
            }
            Value::Array(items) => {
                let mut picked: Vec<(usize, Value)> = Vec::new();
                for (element, set) in &self.children {
                    let Some(index) = find_item(element, items) else {
                        continue;
                    };
                    let mut item = set.project(&items[index]);
                    if let (PathElement::Key(key), Value::Object(out)) = (element, &mut item) {
                        for (field, value) in key {
                            out.entry(field.clone()).or_insert_with(|| value.clone());
                        }
                    }
                    picked.push((index, item));
                }
                picked.sort_by_key(|(index, _)| *index);
                picked.dedup_by_key(|(index, _)| *index);
                Value::Array(picked.into_iter().map(|(_, item)| item).collect())
            }
            scalar => scalar.clone(),
        }
    }
}

/// The index of the list item a path element names, if it is there.
fn find_item(element: &PathElement, items: &[Value]) -> Option<usize> {
    match element {
        PathElement::Key(key) => items.iter().position(|item| {
            key.iter()
                .all(|(field, value)| item.get(field.as_str()) == Some(value))
        }),
        PathElement::Value(wanted) => items.iter().position(|item| item == wanted),
        PathElement::Index(index) => (*index < items.len()).then_some(*index),
        PathElement::Field(_) | PathElement::Itself => None,
    }
}

fn read_node(value: &Value, path: &mut Vec<String>) -> Result<FieldSet, FieldSetError> {
    let Value::Object(members) = value else {
        return Err(error(path, FieldSetProblem::NotAnObject));
    };
    let mut children = Vec::with_capacity(members.len());
    for (key, child) in members {
        let element = read_key(key).map_err(|reason| error(path, reason))?;
        path.push(key_for_path(key));
        let set = read_node(child, path)?;
        path.pop();
        children.push((element, set));
    }
    Ok(FieldSet { children })
}

fn read_key(key: &str) -> Result<PathElement, FieldSetProblem> {
    if key == "." {
        return Ok(PathElement::Itself);
    }
    let Some((prefix, rest)) = key.split_once(':') else {
        return Err(FieldSetProblem::UnknownKey);
    };
    match prefix {
        "f" => Ok(PathElement::Field(rest.to_owned())),
        "k" => match serde_json::from_str(rest) {
            Ok(Value::Object(fields)) if !fields.is_empty() => Ok(PathElement::Key(fields)),
            _ => Err(FieldSetProblem::BadAssociativeKey),
        },
        "v" => serde_json::from_str(rest)
            .map(PathElement::Value)
            .map_err(|_| FieldSetProblem::BadSetMember),
        "i" => rest
            .parse()
            .map(PathElement::Index)
            .map_err(|_| FieldSetProblem::BadIndex),
        _ => Err(FieldSetProblem::UnknownKey),
    }
}

/// A key as it appears in an error's path: `f:` and `i:` keys whole (field
/// names and indexes), `k:` and `v:` keys by their prefix alone, since they
/// carry values of the object.
fn key_for_path(key: &str) -> String {
    match key.split_once(':') {
        Some((prefix @ ("k" | "v"), _)) => format!("{prefix}:…"),
        _ => key.to_owned(),
    }
}

fn error(path: &[String], reason: FieldSetProblem) -> FieldSetError {
    FieldSetError {
        path: path.join("/"),
        reason,
    }
}

#[cfg(test)]
mod tests;
