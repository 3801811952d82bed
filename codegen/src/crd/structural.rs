//! The API server accepts only structural schemas: every node says its
//! `type`, unless it is `x-kubernetes-int-or-string` or keeps unknown fields.
//! Checked here so a bad declaration fails at build time with its key path,
//! not later on the cluster.

use serde_yaml::Value;

use crate::error::Result;
use crate::input::Origin;

/// Checks every node of `schema`; `origin` is where the schema starts.
pub fn check(schema: &Value, origin: &Origin) -> Result<()> {
    node(schema, origin, true)
}

fn node(schema: &Value, origin: &Origin, root: bool) -> Result<()> {
    let flag = |key: &str| schema.get(key).and_then(Value::as_bool) == Some(true);
    let typed = schema.get("type").is_some()
        || flag("x-kubernetes-int-or-string")
        || flag("x-kubernetes-preserve-unknown-fields");
    if !typed && !root {
        return Err(origin.error(
            "no `type`: a CRD's schema is structural (every level says its type, \
             or is x-kubernetes-int-or-string or x-kubernetes-preserve-unknown-fields)",
        ));
    }
    if schema.get("$ref").is_some() {
        return Err(origin.error("`$ref` is not allowed in a CRD's schema"));
    }
    if let Some(Value::Mapping(props)) = schema.get("properties") {
        let po = origin.key("properties");
        for (name, prop) in props {
            let name = name.as_str().unwrap_or_default();
            node(prop, &po.key(name), false)?;
        }
    }
    if let Some(items) = schema.get("items") {
        node(items, &origin.key("items"), false)?;
    }
    if let Some(extra @ Value::Mapping(_)) = schema.get("additionalProperties") {
        node(extra, &origin.key("additionalProperties"), false)?;
    }
    Ok(())
}
