//! Owner references: which object controls which (for garbage collection and
//! for mapping a child's events back to its owner's key).

use crate::cache::key_of;
use crate::meta::OwnerReference;
use crate::resource::{Resource, Scope};

/// The owner reference marked `controller: true`, if any.
pub fn controller_of<K: Resource>(object: &K) -> Option<&OwnerReference> {
    object
        .metadata()
        .owner_references
        .iter()
        .find(|r| r.controller == Some(true))
}

/// Whether `owner` is the controller of `object` (matched by UID).
pub fn is_controlled_by<K: Resource, O: Resource>(object: &K, owner: &O) -> bool {
    match (controller_of(object), owner.metadata().uid.as_deref()) {
        (Some(reference), Some(uid)) => reference.uid == uid,
        _ => false,
    }
}

/// The cache key of `object`'s controlling owner when that owner is a `K`
/// (same apiVersion and kind): the owner's name, in `object`'s namespace
/// when `K` is namespaced.
pub fn owner_key<K: Resource, O: Resource>(object: &O) -> Option<String> {
    let owner = controller_of(object)?;
    if owner.kind != K::KIND || owner.api_version != K::api_version() {
        return None;
    }
    let namespace = object.namespace().filter(|_| K::Scope::NAMESPACED);
    Some(key_of(namespace, &owner.name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::ObjectMeta;
    use crate::resource::NamespaceScope;
    use serde::{Deserialize, Serialize};

    #[derive(Clone, Debug, Default, Serialize, Deserialize)]
    struct Thing {
        metadata: ObjectMeta,
    }

    impl Resource for Thing {
        const GROUP: &'static str = "example.com";
        const VERSION: &'static str = "v1";
        const KIND: &'static str = "Thing";
        const PLURAL: &'static str = "things";
        type Scope = NamespaceScope;
        fn metadata(&self) -> &ObjectMeta {
            &self.metadata
        }
        fn metadata_mut(&mut self) -> &mut ObjectMeta {
            &mut self.metadata
        }
    }

    fn thing(name: &str, uid: &str) -> Thing {
        Thing {
            metadata: ObjectMeta {
                name: Some(name.into()),
                uid: Some(uid.into()),
                ..ObjectMeta::default()
            },
        }
    }

    #[test]
    fn controller_reference_round_trip() {
        let owner = thing("owner", "u1");
        let other = thing("other", "u2");
        let mut child = thing("child", "u3");
        assert!(!is_controlled_by(&child, &owner));
        let reference = owner.controller_owner_ref().expect("named with a uid");
        assert_eq!(reference.api_version, "example.com/v1");
        assert_eq!(
            (reference.controller, reference.block_owner_deletion),
            (Some(true), Some(true))
        );
        child.metadata.owner_references.push(reference);
        assert!(is_controlled_by(&child, &owner));
        assert!(!is_controlled_by(&child, &other));
        assert_eq!(controller_of(&child).unwrap().name, "owner");
        let mut plain = other.object_ref().unwrap();
        plain.controller = None;
        let mut not_controlled = thing("c2", "u4");
        not_controlled.metadata.owner_references.push(plain);
        assert!(controller_of(&not_controlled).is_none());
    }

    #[derive(Clone, Debug, Default, Serialize, Deserialize)]
    struct Cluster {
        metadata: ObjectMeta,
    }

    impl Resource for Cluster {
        const GROUP: &'static str = "example.com";
        const VERSION: &'static str = "v1";
        const KIND: &'static str = "Cluster";
        const PLURAL: &'static str = "clusters";
        type Scope = crate::resource::ClusterScope;
        fn metadata(&self) -> &ObjectMeta {
            &self.metadata
        }
        fn metadata_mut(&mut self) -> &mut ObjectMeta {
            &mut self.metadata
        }
    }

    #[test]
    fn an_owned_object_maps_to_its_controllers_key_only_for_the_owner_kind() {
        let owner = Thing {
            metadata: ObjectMeta {
                namespace: Some("shop".into()),
                ..thing("web", "u1").metadata
            },
        };
        let mut child = thing("web-child", "u2");
        child.metadata.namespace = Some("shop".into());
        assert_eq!(owner_key::<Thing, _>(&child), None, "no owner");
        child
            .metadata
            .owner_references
            .push(owner.controller_owner_ref().unwrap());
        assert_eq!(owner_key::<Thing, _>(&child).as_deref(), Some("shop/web"));
        assert_eq!(owner_key::<Cluster, _>(&child), None, "another kind");

        let mut other_version = child.clone();
        other_version.metadata.owner_references[0].api_version = "example.com/v2".into();
        assert_eq!(owner_key::<Thing, _>(&other_version), None);

        let mut not_controller = child.clone();
        not_controller.metadata.owner_references[0].controller = Some(false);
        assert_eq!(owner_key::<Thing, _>(&not_controller), None);

        // A cluster-scoped owner's key has no namespace.
        let mut in_cluster = child.clone();
        in_cluster.metadata.owner_references[0] = Cluster {
            metadata: thing("big", "u9").metadata,
        }
        .controller_owner_ref()
        .unwrap();
        assert_eq!(owner_key::<Cluster, _>(&in_cluster).as_deref(), Some("big"));
    }
}
