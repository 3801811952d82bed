//! The declaration format (see `codegen/README.md`): one YAML document per
//! API group naming its versions and their kinds. The generator reads these
//! types; `kubegen import` writes them.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

mod names;

use crate::error::{Error, Result};
use crate::input::{self, Schema};
pub use crate::verbs::{Scope, Subresource, Verb};

/// Every kind an OpenAPI v2 spec (`swagger.json`) serves, read from its
/// `paths`, as declarations: what `all_openapi_kinds` generates.
pub fn served_by(spec: &Path) -> Result<Vec<Declaration>> {
    let loaded = input::load(&[spec.to_path_buf()])?;
    let [spec_doc] = loaded.specs.as_slice() else {
        return Err(Error::NotOpenApi {
            path: spec.to_path_buf(),
        });
    };
    Ok(input::declarations_served_by(spec_doc))
}

/// A group declaration document.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    /// API group; `""` or `core` for the core group.
    pub group: String,
    /// Versions of the group.
    pub versions: Vec<DeclaredVersion>,
}

/// One version of a declared group.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclaredVersion {
    /// Version name (`v1`).
    pub version: String,
    /// Kinds of the version.
    pub kinds: Vec<DeclaredKind>,
}

/// One declared kind.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DeclaredKind {
    /// Kind name (`Deployment`).
    pub kind: String,
    /// Plural; defaults to the lowercased kind plus `s`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plural: Option<String>,
    /// Singular; defaults to the lowercased kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub singular: Option<String>,
    /// Short names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub short_names: Vec<String>,
    /// Scope; defaults to `Namespaced`.
    #[serde(default)]
    pub scope: Scope,
    /// Subresources with typed methods.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subresources: Vec<Subresource>,
    /// Verbs; defaults to `[all]`.
    #[serde(default)]
    pub verbs: Verbs,
    /// Where the schema comes from.
    #[serde(deserialize_with = "SchemaSpec::deserialize_any")]
    pub schema: SchemaSpec,
}

/// The verbs of a kind: `[all]`, or a list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Verbs {
    /// Every verb (`[all]`).
    #[default]
    All,
    /// Only these.
    Only(Vec<Verb>),
}

impl Verbs {
    /// The verbs a server serves, from its discovery verbs or OpenAPI
    /// actions (see [`Verb::served_by`]); `All` when it serves every one.
    pub fn served_by<'a>(words: impl IntoIterator<Item = &'a str>) -> Verbs {
        let served: BTreeSet<Verb> = words.into_iter().flat_map(Verb::served_by).collect();
        if served.len() == Verb::ALL.len() {
            Verbs::All
        } else {
            Verbs::Only(served.into_iter().collect())
        }
    }

    /// The verbs as a set, `All` expanded.
    pub fn expand(&self) -> BTreeSet<Verb> {
        match self {
            Verbs::All => Verb::ALL.into_iter().collect(),
            Verbs::Only(verbs) => verbs.iter().copied().collect(),
        }
    }
}

/// `schema:` of a kind: a file path string, or a mapping with exactly one of
/// `file`, `openapi`, `inline`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaSpec {
    /// An OpenAPI v3 schema file, relative to the declaration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// An OpenAPI v2 definition name (`io.k8s.api.apps.v1.Deployment`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openapi: Option<String>,
    /// An inline OpenAPI v3 schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inline: Option<InlineSchema>,
}

/// An inline OpenAPI v3 schema, as the generator reads it (the keys that
/// shape Rust types; validation-only keys are dropped).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct InlineSchema(pub(crate) Schema);

impl<'de> Deserialize<'de> for Wrapped {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Wrapped;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a schema file path or a mapping with `file`, `openapi` or `inline`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(Wrapped(SchemaSpec {
                    file: Some(v.to_string()),
                    ..SchemaSpec::default()
                }))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                SchemaSpec::deserialize(de::value::MapAccessDeserializer::new(map)).map(Wrapped)
            }
        }
        d.deserialize_any(V)
    }
}

/// Accepts the string shorthand; a newtype so `SchemaSpec` keeps its derived impl.
struct Wrapped(SchemaSpec);

impl SchemaSpec {
    /// Deserializes the string shorthand or the mapping form.
    fn deserialize_any<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Wrapped::deserialize(d).map(|w| w.0)
    }
}
