//! `extract`: the apply configuration of exactly the fields a manager owns.

use serde_json::{Map, Value};

use super::field_set::{FieldSet, FieldSetError};
use super::ApplyConfiguration;
use crate::resource::Resource;

/// Why [`extract`] failed. No variant quotes a value of the object.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// A `managedFields` entry of the manager has an unreadable `fieldsV1`.
    #[error("managedFields of {manager:?}: {source}")]
    Fields {
        /// The field manager.
        manager: String,
        /// What is wrong with its field set.
        #[source]
        source: FieldSetError,
    },
    /// The object or its owned part does not fit the types (JSON encoding of
    /// the object, or decoding of the owned fields as the apply configuration).
    #[error("the fields of {manager:?} do not {step} as {kind}: {category:?} error")]
    Codec {
        /// The field manager.
        manager: String,
        /// `encode` or `decode`.
        step: &'static str,
        /// The kind.
        kind: &'static str,
        /// serde_json's class of the failure (its message could quote a value).
        category: serde_json::error::Category,
    },
}

/// The apply configuration `A` of the fields `manager` owns in `object`
/// through `subresource` (`""` for the main resource, `"status"` ...):
/// the union of its `Apply` entries in `metadata.managedFields`, projected
/// from the object, with `apiVersion`, `kind`, name and namespace always set.
/// A manager that owns nothing gets just those.
pub fn extract<A: ApplyConfiguration>(
    object: &A::Kind,
    manager: &str,
    subresource: &str,
) -> Result<A, ExtractError> {
    let codec_error = |step, e: serde_json::Error| ExtractError::Codec {
        manager: manager.to_owned(),
        step,
        kind: <A::Kind as Resource>::KIND,
        category: e.classify(),
    };
    let json = serde_json::to_value(object).map_err(|e| codec_error("encode", e))?;
    let owned =
        owned_fields(&json, manager, subresource).map_err(|source| ExtractError::Fields {
            manager: manager.to_owned(),
            source,
        })?;
    // An empty root owns nothing (a leaf below the root owns its value whole).
    let mut out = match owned.project(&json) {
        Value::Object(members) if !owned.is_leaf() => members,
        _ => Map::new(),
    };
    out.insert("apiVersion".into(), A::Kind::api_version().into());
    out.insert("kind".into(), A::Kind::KIND.into());
    let metadata = out
        .entry("metadata")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(metadata) = metadata {
        let meta = object.metadata();
        if let Some(name) = &meta.name {
            metadata.insert("name".into(), name.as_str().into());
        }
        if let Some(namespace) = &meta.namespace {
            metadata.insert("namespace".into(), namespace.as_str().into());
        }
    }
    serde_json::from_value(Value::Object(out)).map_err(|e| codec_error("decode", e))
}

/// The union of the field sets `manager` applied through `subresource`.
///
/// Servers before 1.22 record no `subresource`: there an entry without one
/// counts whole for the main resource, and for a subresource with its
/// member of that name (`f:status`) alone.
pub(crate) fn owned_fields(
    object: &Value,
    manager: &str,
    subresource: &str,
) -> Result<FieldSet, FieldSetError> {
    let mut owned = FieldSet::default();
    let entries = object
        .pointer("/metadata/managedFields")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    for entry in entries {
        let text = |key: &str| entry.get(key).and_then(Value::as_str);
        if text("manager") != Some(manager) || text("operation") != Some("Apply") {
            continue;
        }
        let Some(fields) = entry.get("fieldsV1") else {
            continue;
        };
        let set = FieldSet::from_json(fields)?;
        match text("subresource") {
            Some(recorded) if recorded == subresource => owned.merge(set),
            None if subresource.is_empty() => owned.merge(set),
            None => owned.merge(set.only_field(subresource)),
            Some(_) => {}
        }
    }
    Ok(owned)
}
