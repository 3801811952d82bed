//! `ObjectMeta`: the `metadata` every persisted object carries.

use compact_str::CompactString;

use super::{ManagedFieldsEntry, Map, OwnerReference, Time};

/// Standard object metadata (`meta/v1` ObjectMeta), every field included so
/// that a read-modify-write cycle loses nothing the server sent.
///
/// Strings are [`CompactString`]s and the label and annotation maps are
/// [`Map`]s (sorted vectors): an informer keeps thousands of these, and most
/// of their strings are short enough to need no allocation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObjectMeta {
    /// The object's name, unique within its namespace (or cluster).
    pub name: Option<CompactString>,
    /// A prefix the server extends with random characters when `name` is
    /// empty on create.
    pub generate_name: Option<CompactString>,
    /// The namespace, for namespaced kinds.
    pub namespace: Option<CompactString>,
    /// Deprecated; servers stopped setting it in 1.20.
    pub self_link: Option<CompactString>,
    /// The server-assigned identity, distinct across deletes and re-creates.
    pub uid: Option<CompactString>,
    /// Opaque version used for optimistic concurrency and watches.
    pub resource_version: Option<CompactString>,
    /// Bumped by the server on every change to the desired state.
    pub generation: Option<i64>,
    /// When the object was created (server-set).
    pub creation_timestamp: Option<Time>,
    /// When graceful deletion will complete; set once deletion is requested.
    pub deletion_timestamp: Option<Time>,
    /// The grace period the pending deletion was given.
    pub deletion_grace_period_seconds: Option<i64>,
    /// Identifying key/value pairs, matched by label selectors.
    pub labels: Map<CompactString, CompactString>,
    /// Non-identifying key/value data for tools.
    pub annotations: Map<CompactString, CompactString>,
    /// The objects this one depends on, for garbage collection.
    pub owner_references: Vec<OwnerReference>,
    /// Keys that must be removed before the object is deleted.
    pub finalizers: Vec<CompactString>,
    /// Removed from the API in 1.25; kept so older servers' data round-trips.
    pub cluster_name: Option<CompactString>,
    /// Which manager owns which fields, for server-side apply.
    pub managed_fields: Vec<ManagedFieldsEntry>,
    /// Members this type does not know (a newer server's) and explicit
    /// `null`s, written back unchanged.
    pub unknown_fields: super::UnknownFields,
}

lossless_codec!(ObjectMeta {
    name: "name" optional,
    generate_name: "generateName" optional,
    namespace: "namespace" optional,
    self_link: "selfLink" optional,
    uid: "uid" optional,
    resource_version: "resourceVersion" optional,
    generation: "generation" optional,
    creation_timestamp: "creationTimestamp" optional,
    deletion_timestamp: "deletionTimestamp" optional,
    deletion_grace_period_seconds: "deletionGracePeriodSeconds" optional,
    labels: "labels" nonempty,
    annotations: "annotations" nonempty,
    owner_references: "ownerReferences" nonempty_list,
    finalizers: "finalizers" nonempty_list,
    cluster_name: "clusterName" optional,
    managed_fields: "managedFields" nonempty_list,
});

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
    fn members_of_a_newer_server_and_nulls_round_trip() {
        let wire = json!({
            "name": "web",
            "creationTimestamp": null,
            "addedLater": {"x": [1]},
            "ownerReferences": [{
                "apiVersion": "v1", "kind": "Node", "name": "n", "uid": "u", "addedToo": true
            }],
            "managedFields": [{"manager": "m", "time": null, "addedThird": 3}]
        });
        let meta: ObjectMeta = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(meta.creation_timestamp, None);
        assert_eq!(meta.unknown_fields.len(), 2);
        assert_eq!(serde_json::to_value(&meta).unwrap(), wire);
        let owner = serde_json::from_value::<OwnerReference>(json!({"kind": "Node"}));
        assert!(owner
            .unwrap_err()
            .to_string()
            .contains("missing field `apiVersion`"));
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
