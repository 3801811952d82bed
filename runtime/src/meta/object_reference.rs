//! `ObjectReference` (`core/v1`): a reference to any object, or a part of one.

use std::hash::{Hash, Hasher};

use compact_str::CompactString;

use crate::resource::Resource;

/// Which object something is about: an Event's `regarding` and `related`
/// (`involvedObject` in `core/v1` Events), a Binding's target, an endpoint's
/// `targetRef`. The generated `core::v1::ObjectReference` is this type.
///
/// `Hash` covers the known fields (references that are equal hash equal).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ObjectReference {
    /// Such as `v1` or `apps/v1`.
    pub api_version: Option<CompactString>,
    /// A part of the object, such as `spec.containers{web}`.
    pub field_path: Option<CompactString>,
    /// Such as `Service`.
    pub kind: Option<CompactString>,
    /// The object's name.
    pub name: Option<CompactString>,
    /// Its namespace; `None` for cluster-scoped objects.
    pub namespace: Option<CompactString>,
    /// The version of the object that was seen.
    pub resource_version: Option<CompactString>,
    /// Its UID, which tells this object from an earlier one of the same name.
    pub uid: Option<CompactString>,
    /// Members this type does not know (a newer server's) and explicit
    /// `null`s, written back unchanged.
    pub unknown_fields: super::UnknownFields,
}

lossless_codec!(ObjectReference {
    api_version: "apiVersion" optional,
    field_path: "fieldPath" optional,
    kind: "kind" optional,
    name: "name" optional,
    namespace: "namespace" optional,
    resource_version: "resourceVersion" optional,
    uid: "uid" optional,
});

impl ObjectReference {
    /// A reference to `object`, as read from the server.
    pub fn to<K: Resource>(object: &K) -> Self {
        let meta = object.metadata();
        ObjectReference {
            api_version: Some(K::api_version().into()),
            kind: Some(K::KIND.into()),
            name: meta.name.clone(),
            namespace: meta.namespace.clone(),
            uid: meta.uid.clone(),
            resource_version: meta.resource_version.clone(),
            ..ObjectReference::default()
        }
    }
}

impl Hash for ObjectReference {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (
            &self.api_version,
            &self.field_path,
            &self.kind,
            &self.name,
            &self.namespace,
            &self.resource_version,
            &self.uid,
        )
            .hash(state);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::ObjectReference;

    #[test]
    fn members_it_does_not_know_survive_a_round_trip() {
        let wire = json!({
            "apiVersion": "v1",
            "kind": "Pod",
            "name": "web",
            "namespace": "shop",
            "uid": "1f2e",
            "resourceVersion": "7",
            "fieldPath": "spec.containers{web}",
            "newerMember": {"a": 1},
        });
        let reference: ObjectReference = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(reference.name.as_deref(), Some("web"));
        assert_eq!(
            reference.field_path.as_deref(),
            Some("spec.containers{web}")
        );
        assert_eq!(serde_json::to_value(&reference).unwrap(), wire);
    }

    #[test]
    fn an_empty_reference_is_an_empty_object() {
        let reference = ObjectReference::default();
        assert_eq!(serde_json::to_value(&reference).unwrap(), json!({}));
        let back: ObjectReference = serde_json::from_value(json!({})).unwrap();
        assert_eq!(back, reference);
    }

    #[test]
    fn a_member_of_the_wrong_type_is_an_error() {
        let bad = serde_json::from_value::<ObjectReference>(json!({"name": 5}));
        assert!(bad.is_err());
    }
}
