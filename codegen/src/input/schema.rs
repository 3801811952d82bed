//! The schema subset kubegen reads: OpenAPI v2 definitions and the OpenAPI v3
//! structural schemas of CRDs share these keys.
//!
//! Validation-only keys (`pattern`, `minimum`, ...) are ignored; keys that
//! change the Rust type are read. `type` is an enum so a typo (`objekt`) is a
//! parse error at its line.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The JSON schema `type` keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
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
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_: Option<SchemaType>,
    /// `format` (`int32`, `int64`, `double`, `date-time`, `byte`, `int-or-string`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `properties`, sorted by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, Schema>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// `items` of an array.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Schema>>,
    /// `additionalProperties`: a schema, or `true`/`false`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_properties: Option<AdditionalProperties>,
    /// `$ref` (OpenAPI v2: `#/definitions/NAME`).
    #[serde(rename = "$ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// `enum`: the allowed values.
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub enum_values: Option<Vec<serde_json::Value>>,
    /// `nullable` (OpenAPI v3).
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// `oneOf`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<Schema>,
    /// `anyOf`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<Schema>,
    /// `allOf`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<Schema>,
    /// `x-kubernetes-preserve-unknown-fields`.
    #[serde(
        rename = "x-kubernetes-preserve-unknown-fields",
        default,
        skip_serializing_if = "is_false"
    )]
    pub preserve_unknown_fields: bool,
    /// `x-kubernetes-int-or-string`.
    #[serde(
        rename = "x-kubernetes-int-or-string",
        default,
        skip_serializing_if = "is_false"
    )]
    pub int_or_string: bool,
    /// `x-kubernetes-embedded-resource`.
    #[serde(
        rename = "x-kubernetes-embedded-resource",
        default,
        skip_serializing_if = "is_false"
    )]
    pub embedded_resource: bool,
    /// `x-kubernetes-group-version-kind` of OpenAPI v2 definitions.
    #[serde(
        rename = "x-kubernetes-group-version-kind",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    pub group_version_kind: Vec<GroupVersionKind>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// An entry of `x-kubernetes-group-version-kind`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct GroupVersionKind {
    /// API group, `""` for core.
    pub group: String,
    /// API version.
    pub version: String,
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

impl Serialize for AdditionalProperties {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            AdditionalProperties::Bool(b) => s.serialize_bool(*b),
            AdditionalProperties::Schema(schema) => schema.serialize(s),
        }
    }
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
