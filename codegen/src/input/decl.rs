//! The declaration format: a YAML document naming a group, its versions and
//! their kinds (see `codegen/README.md`).

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::ir::{Scope, Subresource, Verb};
use crate::schema::Schema;

/// A group declaration document.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    /// API group; `""` or `core` for the core group.
    pub group: String,
    /// Versions of the group.
    pub versions: Vec<DeclVersion>,
}

/// One version of a declared group.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclVersion {
    /// Version name (`v1`).
    pub version: String,
    /// Kinds of the version.
    pub kinds: Vec<DeclKind>,
}

/// One declared kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DeclKind {
    /// Kind name (`Deployment`).
    pub kind: String,
    /// Plural; defaults to the lowercased kind plus `s`.
    pub plural: Option<String>,
    /// Singular; defaults to the lowercased kind.
    pub singular: Option<String>,
    /// Short names.
    #[serde(default)]
    pub short_names: Vec<String>,
    /// Scope; defaults to `Namespaced`.
    #[serde(default)]
    pub scope: Scope,
    /// Subresources with typed methods.
    #[serde(default)]
    pub subresources: Vec<Subresource>,
    /// Verbs; defaults to `[all]`.
    #[serde(default = "all_verbs")]
    pub verbs: Vec<Verb>,
    /// Where the schema comes from.
    #[serde(deserialize_with = "SchemaSpec::deserialize_any")]
    pub schema: SchemaSpec,
}

fn all_verbs() -> Vec<Verb> {
    vec![Verb::All]
}

/// `schema:` of a kind: a file path string, or a mapping with exactly one of
/// `file`, `openapi`, `inline`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaSpec {
    /// An OpenAPI v3 schema file, relative to the declaration.
    pub file: Option<String>,
    /// An OpenAPI v2 definition name (`io.k8s.api.apps.v1.Deployment`).
    pub openapi: Option<String>,
    /// An inline OpenAPI v3 schema.
    pub inline: Option<Schema>,
}

impl<'de> Deserialize<'de> for Wrapped {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Wrapped;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a schema file path or a mapping with `file`, `openapi` or `inline`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Wrapped(SchemaSpec {
                    file: Some(v.to_string()),
                    ..SchemaSpec::default()
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
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
    pub fn deserialize_any<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Wrapped::deserialize(d).map(|w| w.0)
    }
}
