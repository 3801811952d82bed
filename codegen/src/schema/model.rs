//! The schema subset kubegen reads: OpenAPI v2 definitions and the OpenAPI v3
//! structural schemas of CRDs share these keys.
//!
//! Validation-only keys (`pattern`, `minimum`, ...) are ignored; keys that
//! change the Rust type are read. `type` is an enum so a typo (`objekt`) is a
//! parse error at its line.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// The JSON schema `type` keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SchemaType {
    /// A JSON object.
    Object,
    /// A JSON array.
    Array,
    /// A JSON string.
    String,
    /// A JSON integer.
    Integer,
    /// A JSON number.
    Number,
    /// A JSON boolean.
    Boolean,
}

/// One schema node.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    /// `type`.
    #[serde(rename = "type")]
    pub type_: Option<SchemaType>,
    /// `format` (`int32`, `int64`, `double`, `date-time`, `byte`, `int-or-string`, ...).
    pub format: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `properties`, sorted by name.
    #[serde(default)]
    pub properties: BTreeMap<String, Schema>,
    /// `required`.
    #[serde(default)]
    pub required: Vec<String>,
    /// `items` of an array.
    pub items: Option<Box<Schema>>,
    /// `additionalProperties`: a schema, or `true`/`false`.
    pub additional_properties: Option<AdditionalProperties>,
    /// `$ref` (OpenAPI v2: `#/definitions/NAME`).
    #[serde(rename = "$ref")]
    pub reference: Option<String>,
    /// `enum`: the allowed values.
    #[serde(rename = "enum")]
    pub enum_values: Option<Vec<serde_json::Value>>,
    /// `nullable` (OpenAPI v3).
    #[serde(default)]
    pub nullable: bool,
    /// `oneOf`.
    #[serde(default)]
    pub one_of: Vec<Schema>,
    /// `anyOf`.
    #[serde(default)]
    pub any_of: Vec<Schema>,
    /// `allOf`.
    #[serde(default)]
    pub all_of: Vec<Schema>,
    /// `x-kubernetes-preserve-unknown-fields`.
    #[serde(rename = "x-kubernetes-preserve-unknown-fields", default)]
    pub preserve_unknown_fields: bool,
    /// `x-kubernetes-int-or-string`.
    #[serde(rename = "x-kubernetes-int-or-string", default)]
    pub int_or_string: bool,
    /// `x-kubernetes-embedded-resource`.
    #[serde(rename = "x-kubernetes-embedded-resource", default)]
    pub embedded_resource: bool,
    /// `x-kubernetes-group-version-kind` of OpenAPI v2 definitions.
    #[serde(rename = "x-kubernetes-group-version-kind", default)]
    pub group_version_kind: Vec<GroupVersionKind>,
}

/// An entry of `x-kubernetes-group-version-kind`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub struct GroupVersionKind {
    /// API group, `""` for core.
    pub group: String,
    /// API version.
    pub version: String,
    /// Kind.
    pub kind: String,
}

/// `additionalProperties`: a boolean or a schema.
#[derive(Clone, Debug)]
pub enum AdditionalProperties {
    /// `true` (any value) or `false` (none).
    Bool(bool),
    /// The schema of every value.
    Schema(Box<Schema>),
}

impl<'de> Deserialize<'de> for AdditionalProperties {
    // Hand-written rather than `untagged` so errors inside the schema keep their position.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AdditionalProperties;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a boolean or a schema")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(AdditionalProperties::Bool(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Schema::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|s| AdditionalProperties::Schema(Box::new(s)))
            }
        }
        d.deserialize_any(V)
    }
}
