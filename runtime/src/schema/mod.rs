//! `KubeSchema`: the structural OpenAPI v3 schema of a Rust type, for the
//! CustomResourceDefinitions that `#[derive(CustomResource)]` writes.
//!
//! The trait is implemented here for the types a spec is made of (numbers,
//! strings, options, lists, maps, free-form JSON, quantities, int-or-string,
//! times) and derived for user structs and enums with
//! `#[derive(KubeSchema)]` (the `kubegen` crate's `derive` feature).

mod crd;
mod object;

use std::collections::{BTreeMap, HashMap};

use compact_str::CompactString;
use serde_json::{json, Value};

use crate::meta::{IntOrString, Map, MicroTime, Quantity, Time};

pub use crd::{custom_resource_definition, CrdParts, PrinterColumn, ScaleSubresource};
pub use object::{set_keyword, string_enum, ObjectSchema};

/// A type's structural OpenAPI v3 schema (`openAPIV3Schema` of a CRD).
pub trait KubeSchema {
    /// Whether a field of this type may be absent (and then is not
    /// `required`); true for `Option`.
    const OPTIONAL: bool = false;

    /// The schema, as JSON.
    fn schema() -> Value;
}

macro_rules! plain {
    ($schema:expr => $($t:ty),+) => {
        $(impl KubeSchema for $t {
            fn schema() -> Value {
                $schema
            }
        })+
    };
}

plain!(json!({"type": "boolean"}) => bool);
plain!(json!({"type": "integer", "format": "int32"}) => i8, i16, i32, u8, u16);
plain!(json!({"type": "integer", "format": "int64"}) => u32, i64, u64, isize, usize);
plain!(json!({"type": "number", "format": "float"}) => f32);
plain!(json!({"type": "number", "format": "double"}) => f64);
plain!(json!({"type": "string"}) => String, str, CompactString, char);
plain!(json!({"type": "string", "format": "date-time"}) => Time, MicroTime);
// Free-form JSON: the server keeps whatever is there instead of pruning it.
plain!(json!({"x-kubernetes-preserve-unknown-fields": true}) => Value);
plain!(json!({"x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}]}) => IntOrString);
// As Kubernetes' own resource quantities: a number or a string like `500m`.
plain!(json!({
    "x-kubernetes-int-or-string": true,
    "anyOf": [{"type": "integer"}, {"type": "string"}],
    "pattern": r"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$",
}) => Quantity);

/// `None` encodes as `null` unless the field skips it, hence `nullable`.
impl<T: KubeSchema> KubeSchema for Option<T> {
    const OPTIONAL: bool = true;

    fn schema() -> Value {
        let mut schema = T::schema();
        set_keyword(&mut schema, "nullable", Value::Bool(true));
        schema
    }
}

impl<T: KubeSchema + ?Sized> KubeSchema for Box<T> {
    const OPTIONAL: bool = T::OPTIONAL;

    fn schema() -> Value {
        T::schema()
    }
}

impl<T: KubeSchema> KubeSchema for Vec<T> {
    fn schema() -> Value {
        json!({"type": "array", "items": T::schema()})
    }
}

impl<T: KubeSchema> KubeSchema for [T] {
    fn schema() -> Value {
        Vec::<T>::schema()
    }
}

/// A map with string keys: an object whose values all have one schema.
fn map_of<V: KubeSchema>() -> Value {
    json!({"type": "object", "additionalProperties": V::schema()})
}

impl<K, V: KubeSchema, S> KubeSchema for HashMap<K, V, S> {
    fn schema() -> Value {
        map_of::<V>()
    }
}

impl<K, V: KubeSchema> KubeSchema for BTreeMap<K, V> {
    fn schema() -> Value {
        map_of::<V>()
    }
}

impl<K, V: KubeSchema> KubeSchema for Map<K, V> {
    fn schema() -> Value {
        map_of::<V>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_optional_and_nullable_and_others_are_not() {
        const { assert!(<Option<i32>>::OPTIONAL) };
        const { assert!(!<Vec<Option<i32>>>::OPTIONAL) };
        const { assert!(<Box<Option<String>>>::OPTIONAL) };
        assert_eq!(
            <Option<i32>>::schema(),
            json!({"type": "integer", "format": "int32", "nullable": true})
        );
    }

    #[test]
    fn containers_nest_their_element_schema() {
        assert_eq!(
            <Vec<BTreeMap<String, Map<CompactString, bool>>>>::schema(),
            json!({"type": "array", "items": {"type": "object", "additionalProperties": {
                "type": "object", "additionalProperties": {"type": "boolean"}}}})
        );
        assert_eq!(
            <HashMap<String, Box<u64>>>::schema(),
            json!({"type": "object", "additionalProperties": {"type": "integer", "format": "int64"}})
        );
    }

    #[test]
    fn free_form_and_int_or_string_have_no_type() {
        assert_eq!(
            Value::schema(),
            json!({"x-kubernetes-preserve-unknown-fields": true})
        );
        for schema in [IntOrString::schema(), Quantity::schema()] {
            assert_eq!(schema["x-kubernetes-int-or-string"], true);
            assert!(schema.get("type").is_none(), "{schema}");
        }
        assert_eq!(Time::schema()["format"], "date-time");
    }
}
