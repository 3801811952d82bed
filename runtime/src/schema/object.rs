//! The pieces derived schemas are built from: an object's properties and
//! required list, string enums, and schema keywords.

use serde_json::{Map, Value};

/// An `object` schema under construction, property by property.
#[derive(Debug, Default)]
pub struct ObjectSchema {
    description: Option<String>,
    properties: Map<String, Value>,
    required: Vec<String>,
}

impl ObjectSchema {
    /// An object with no properties yet; `description` from the type's doc.
    pub fn new(description: Option<&str>) -> Self {
        ObjectSchema {
            description: description.map(str::to_owned),
            ..Self::default()
        }
    }

    /// Adds the property `name` with `schema`, required unless `optional`;
    /// `description` (the field's doc) replaces the type's.
    pub fn property(
        &mut self,
        name: &str,
        mut schema: Value,
        optional: bool,
        description: Option<&str>,
    ) {
        if let Some(d) = description {
            set_keyword(&mut schema, "description", Value::from(d));
        }
        self.properties.insert(name.to_owned(), schema);
        if !optional {
            self.required.push(name.to_owned());
        }
    }

    /// Merges the properties and required list of a `#[serde(flatten)]`ed
    /// field's object schema; a flattened `Option` requires nothing.
    pub fn flatten(&mut self, schema: Value, optional: bool) {
        if let Some(Value::Object(properties)) = schema.get("properties") {
            for (name, property) in properties {
                self.properties.insert(name.clone(), property.clone());
            }
        }
        if optional {
            return;
        }
        if let Some(Value::Array(required)) = schema.get("required") {
            self.required
                .extend(required.iter().filter_map(Value::as_str).map(str::to_owned));
        }
    }

    /// The finished schema: `required` only when something is.
    pub fn build(self) -> Value {
        let mut schema = Map::new();
        if let Some(d) = self.description {
            schema.insert("description".into(), Value::from(d));
        }
        schema.insert("type".into(), Value::from("object"));
        schema.insert("properties".into(), Value::Object(self.properties));
        if !self.required.is_empty() {
            schema.insert("required".into(), Value::from(self.required));
        }
        Value::Object(schema)
    }
}

/// A string enum: `{"type": "string", "enum": [...]}` of the variants' names.
pub fn string_enum(description: Option<&str>, values: &[&str]) -> Value {
    let mut schema = Map::new();
    if let Some(d) = description {
        schema.insert("description".into(), Value::from(d));
    }
    schema.insert("type".into(), Value::from("string"));
    schema.insert("enum".into(), Value::from(values.to_vec()));
    Value::Object(schema)
}

/// Sets `keyword` on a schema (a validation keyword, `description`,
/// `nullable`); a schema that is not an object is left alone.
pub fn set_keyword(schema: &mut Value, keyword: &str, value: Value) {
    if let Value::Object(map) = schema {
        map.insert(keyword.to_owned(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn field_docs_become_descriptions_and_optional_fields_are_not_required() {
        let mut object = ObjectSchema::new(Some("A thing."));
        object.property("zeta", json!({"type": "string"}), false, Some("Last."));
        object.property("alpha", json!({"type": "integer"}), true, None);
        assert_eq!(
            object.build(),
            json!({
                "description": "A thing.",
                "type": "object",
                "properties": {
                    "zeta": {"type": "string", "description": "Last."},
                    "alpha": {"type": "integer"},
                },
                "required": ["zeta"],
            })
        );
    }

    #[test]
    fn flatten_merges_properties_and_requires_only_when_present() {
        let inner =
            json!({"type": "object", "properties": {"a": {"type": "boolean"}}, "required": ["a"]});
        let mut object = ObjectSchema::new(None);
        object.flatten(inner.clone(), false);
        assert_eq!(object.build()["required"], json!(["a"]));
        let mut object = ObjectSchema::new(None);
        object.flatten(inner, true);
        let schema = object.build();
        assert!(schema.get("required").is_none());
        assert_eq!(schema["properties"]["a"], json!({"type": "boolean"}));
    }
}
