//! Reading inputs: declarations, CRD manifests and OpenAPI v2 specs, with the
//! position of every error.
//!
//! Positions come in two passes. Parsing is typed (serde_yaml / serde_json),
//! so syntax and type errors (an unknown key, `scope: Namespace`,
//! `type: objekt`, a missing `kind`) carry serde's line, column and key path.
//! Semantic checks run later on typed values; for them each value keeps an
//! [`Origin`] (file, text, document start, key path) and the line is found by
//! walking the key path over the text ([`locate::key_line`]).

mod crd;
mod load;
pub(crate) mod locate;
mod openapi;
mod schema;
mod spec_paths;

use std::path::PathBuf;
use std::sync::Arc;

pub(crate) use load::{load, Inputs};
pub(crate) use locate::{KeyPath, PathSeg};
pub(crate) use openapi::OpenApiSpec;
pub(crate) use schema::{AdditionalProperties, Schema, SchemaType};
pub(crate) use spec_paths::{declarations_served_by, kinds_served_by};

use crate::declaration::{DeclaredKind, Verbs};
use crate::error::Error;
use crate::verbs::{Scope, Subresource};

/// Where a value was read: enough to point an error at its line.
#[derive(Clone, Debug)]
pub struct Origin {
    pub file: PathBuf,
    /// The file's text.
    pub text: Arc<str>,
    /// 1-based line where the value's YAML document starts.
    pub doc_line: usize,
    /// Key path of the value inside its document.
    pub path: KeyPath,
}

impl Origin {
    /// The origin of a key below this value.
    pub fn key(&self, key: &str) -> Origin {
        Origin {
            path: self.path.key(key),
            ..self.clone()
        }
    }

    /// The origin of an item below this value.
    pub fn index(&self, i: usize) -> Origin {
        Origin {
            path: self.path.index(i),
            ..self.clone()
        }
    }

    /// An error at this value, naming its key path and line.
    pub fn error(&self, message: impl Into<String>) -> Error {
        let line = if self.file.extension().is_some_and(|e| e == "json") {
            // JSON: point at the last named key (a definition or property).
            self.path.0.iter().rev().find_map(|s| match s {
                PathSeg::Key(k) => {
                    let at = self.text.find(&format!("\"{k}\""))?;
                    Some(self.text[..at].matches('\n').count() + 1)
                }
                PathSeg::Index(_) => None,
            })
        } else {
            locate::key_line(&self.text, self.doc_line, &self.path)
        };
        Error::input(self.file.clone(), line, self.path.to_string(), message)
    }
}

/// A group as declared, normalized from either input format.
#[derive(Clone, Debug)]
pub struct InputGroup {
    /// API group (`""` for core).
    pub group: String,
    pub versions: Vec<InputVersion>,
    /// Where the `group` key is.
    pub origin: Origin,
}

/// A declared version.
#[derive(Clone, Debug)]
pub struct InputVersion {
    /// Version name.
    pub version: String,
    pub kinds: Vec<InputKind>,
    /// Where the version entry is.
    pub origin: Origin,
}

/// A declared kind.
#[derive(Clone, Debug)]
pub struct InputKind {
    /// Kind name.
    pub kind: String,
    /// Plural, if given.
    pub plural: Option<String>,
    /// Singular, if given.
    pub singular: Option<String>,
    pub short_names: Vec<String>,
    pub scope: Scope,
    pub subresources: Vec<Subresource>,
    /// Verbs, unexpanded.
    pub verbs: Verbs,
    pub schema: SchemaSource,
    /// Where the kind entry is.
    pub origin: Origin,
}

impl InputKind {
    /// A declared kind, with its schema found and the place it was declared.
    pub fn declared(k: DeclaredKind, schema: SchemaSource, origin: Origin) -> InputKind {
        InputKind {
            kind: k.kind,
            plural: k.plural,
            singular: k.singular,
            short_names: k.short_names,
            scope: k.scope,
            subresources: k.subresources,
            verbs: k.verbs,
            schema,
            origin,
        }
    }
}

/// A kind's schema.
#[derive(Clone, Debug)]
pub enum SchemaSource {
    /// An OpenAPI v3 schema, inline or from a file.
    Inline(Box<Schema>, Origin),
    /// A definition of the OpenAPI v2 spec.
    OpenApi(String, Origin),
    /// No schema (a CRD version without one): every field is kept as JSON.
    Untyped,
}
