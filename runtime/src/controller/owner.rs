//! Owner references: which object controls which (for garbage collection and
//! for mapping a child's events back to its owner's key).

use crate::meta::OwnerReference;
use crate::resource::Resource;

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
}
