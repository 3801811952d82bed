//! `ObjectMeta`: the `metadata` every persisted object carries.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use super::{ManagedFieldsEntry, Map, OwnerReference, Time};

/// Standard object metadata (`meta/v1` ObjectMeta), every field included so
/// that a read-modify-write cycle loses nothing the server sent.
///
/// Strings are [`CompactString`]s and the label and annotation maps are
/// [`Map`]s (sorted vectors): an informer keeps thousands of these, and most
/// of their strings are short enough to need no allocation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectMeta {
    /// The object's name, unique within its namespace (or cluster).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<CompactString>,
    /// A prefix the server extends with random characters when `name` is
    /// empty on create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generate_name: Option<CompactString>,
    /// The namespace, for namespaced kinds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<CompactString>,
    /// Deprecated; servers stopped setting it in 1.20.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_link: Option<CompactString>,
    /// The server-assigned identity, distinct across deletes and re-creates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<CompactString>,
    /// Opaque version used for optimistic concurrency and watches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_version: Option<CompactString>,
    /// Bumped by the server on every change to the desired state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generation: Option<i64>,
    /// When the object was created (server-set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_timestamp: Option<Time>,
    /// When graceful deletion will complete; set once deletion is requested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_timestamp: Option<Time>,
    /// The grace period the pending deletion was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_grace_period_seconds: Option<i64>,
    /// Identifying key/value pairs, matched by label selectors.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub labels: Map<CompactString, CompactString>,
    /// Non-identifying key/value data for tools.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub annotations: Map<CompactString, CompactString>,
    /// The objects this one depends on, for garbage collection.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::vec_exact"
    )]
    pub owner_references: Vec<OwnerReference>,
    /// Keys that must be removed before the object is deleted.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::vec_exact"
    )]
    pub finalizers: Vec<CompactString>,
    /// Removed from the API in 1.25; kept so older servers' data round-trips.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<CompactString>,
    /// Which manager owns which fields, for server-side apply.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::vec_exact"
    )]
    pub managed_fields: Vec<ManagedFieldsEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn empty_metadata_serializes_to_empty_object() {
        assert_eq!(
            serde_json::to_value(ObjectMeta::default()).unwrap(),
            json!({})
        );
    }

    #[test]
    fn round_trips_every_field() {
        let wire = json!({
            "name": "web",
            "generateName": "web-",
            "namespace": "default",
            "selfLink": "/api/v1/namespaces/default/pods/web",
            "uid": "1234",
            "resourceVersion": "42",
            "generation": 3,
            "creationTimestamp": "2024-01-02T03:04:05Z",
            "deletionTimestamp": "2024-01-02T03:05:05Z",
            "deletionGracePeriodSeconds": 30,
            "labels": {"app": "web"},
            "annotations": {"note": "x"},
            "ownerReferences": [{
                "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-1",
                "uid": "abcd", "controller": true, "blockOwnerDeletion": true
            }],
            "finalizers": ["example.com/cleanup"],
            "clusterName": "c1",
            "managedFields": [{
                "manager": "kubectl", "operation": "Apply", "apiVersion": "v1",
                "time": "2024-01-02T03:04:05Z", "fieldsType": "FieldsV1",
                "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:app": {}}}}
            }]
        });
        let meta: ObjectMeta = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(meta.name.as_deref(), Some("web"));
        assert_eq!(meta.labels["app"], "web");
        assert_eq!(meta.owner_references[0].controller, Some(true));
        assert_eq!(meta.managed_fields[0].manager.as_deref(), Some("kubectl"));
        assert_eq!(serde_json::to_value(&meta).unwrap(), wire);
    }

    #[test]
    fn strings_of_any_length_and_content_round_trip() {
        let long = "a-name-well-beyond-the-twenty-four-bytes-kept-inline";
        let text = r#"{"name":"web","namespace":"x\"y\\z\n","uid":"ünïcödé-✓-名前-more-than-24-bytes","labels":{"k":"","long":"a-name-well-beyond-the-twenty-four-bytes-kept-inline"}}"#;
        let meta: ObjectMeta = serde_json::from_str(text).unwrap();
        assert_eq!(meta.name.as_deref(), Some("web"));
        assert!(!meta.name.as_ref().unwrap().is_heap_allocated());
        assert_eq!(meta.namespace.as_deref(), Some("x\"y\\z\n"));
        assert_eq!(
            meta.uid.as_deref(),
            Some("ünïcödé-✓-名前-more-than-24-bytes")
        );
        assert_eq!(meta.labels["long"], long);
        assert!(meta.labels["long"].is_heap_allocated());
        assert_eq!(meta.labels["k"], "");
        assert_eq!(serde_json::to_string(&meta).unwrap(), text);
    }
}
