//! Server-side apply bookkeeping: `ManagedFieldsEntry` and `FieldsV1`.

use std::sync::Arc;

use compact_str::CompactString;
use serde_json::value::RawValue;

use super::Time;

/// A field set in the server's `FieldsV1` trie encoding, kept as the exact
/// JSON text the server sent.
///
/// The encoding is large, only the server interprets it, and re-encoding it
/// through `serde_json::Value` would reorder keys; keeping the raw text makes
/// an unmodified object serialize back unchanged.
///
/// Shared: decoding keeps one copy of each distinct text among the objects
/// alive (the Pods of one controller repeat the same field sets), so a
/// cache of them holds the text once.
#[derive(Clone, Debug)]
pub struct FieldsV1(pub Arc<RawValue>);

impl<'de> serde::Deserialize<'de> for FieldsV1 {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        Ok(FieldsV1(super::fields_interner::intern(raw)))
    }
}

impl serde::Serialize for FieldsV1 {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl FieldsV1 {
    /// The raw JSON text.
    pub fn as_str(&self) -> &str {
        self.0.get()
    }
}

impl PartialEq for FieldsV1 {
    /// Compares the raw text: equal field sets written differently differ.
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

impl Default for FieldsV1 {
    /// The empty field set, `{}`.
    fn default() -> Self {
        FieldsV1(
            RawValue::from_string("{}".to_owned())
                .expect("`{}` is valid JSON")
                .into(),
        )
    }
}

/// Which manager set which fields of an object, and how.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ManagedFieldsEntry {
    /// The field manager's name, such as `kubectl`.
    pub manager: Option<CompactString>,
    /// `Apply` or `Update`.
    pub operation: Option<CompactString>,
    /// The API version the fields were set through.
    pub api_version: Option<CompactString>,
    /// When the entry last changed.
    pub time: Option<Time>,
    /// The encoding of `fields_v1`; only `FieldsV1` exists.
    pub fields_type: Option<CompactString>,
    /// The owned fields.
    pub fields_v1: Option<FieldsV1>,
    /// The subresource the fields were set through (`status`, `scale`), if any.
    pub subresource: Option<CompactString>,
    /// Members this type does not know (a newer server's) and explicit
    /// `null`s, written back unchanged.
    pub unknown_fields: super::UnknownFields,
}

lossless_codec!(ManagedFieldsEntry {
    manager: "manager" optional,
    operation: "operation" optional,
    api_version: "apiVersion" optional,
    time: "time" optional,
    fields_type: "fieldsType" optional,
    fields_v1: "fieldsV1" optional,
    subresource: "subresource" optional,
});

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRY: &str = r#"{"manager":"kube-controller-manager","operation":"Update","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:replicas":{},"f:conditions":{}}},"subresource":"status"}"#;

    #[test]
    fn fields_v1_is_kept_verbatim() {
        let entry: ManagedFieldsEntry = serde_json::from_str(ENTRY).unwrap();
        let raw = entry.fields_v1.as_ref().unwrap().as_str();
        // Key order is as sent, not sorted.
        assert_eq!(raw, r#"{"f:status":{"f:replicas":{},"f:conditions":{}}}"#);
        assert_eq!(serde_json::to_string(&entry).unwrap(), ENTRY);
    }

    #[test]
    fn fields_v1_equality_is_textual() {
        let a: FieldsV1 = serde_json::from_str(r#"{"f:a":{}}"#).unwrap();
        let b: FieldsV1 = serde_json::from_str(r#"{"f:a":{}}"#).unwrap();
        let c: FieldsV1 = serde_json::from_str(r#"{"f:b":{}}"#).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(FieldsV1::default().as_str(), "{}");
    }

    #[test]
    fn equal_field_sets_share_one_text() {
        let a: ManagedFieldsEntry = serde_json::from_str(ENTRY).unwrap();
        let b: ManagedFieldsEntry = serde_json::from_str(ENTRY).unwrap();
        let (a, b) = (a.fields_v1.unwrap(), b.fields_v1.unwrap());
        assert!(Arc::ptr_eq(&a.0, &b.0));
    }

    #[test]
    fn reads_from_a_json_value_too() {
        let value: serde_json::Value = serde_json::from_str(ENTRY).unwrap();
        let entry: ManagedFieldsEntry = serde_json::from_value(value).unwrap();
        assert!(entry.fields_v1.unwrap().as_str().contains("f:replicas"));
    }
}
