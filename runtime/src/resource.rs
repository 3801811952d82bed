//! The `Resource` trait generated types implement, and `ObjectList`.
//!
//! The trait carries what the client needs to build URLs and `apiVersion`
//! without a discovery round trip (group, version, kind, plural, scope) and
//! gives uniform access to `metadata`, so generic code (informers, owner
//! references, patch helpers) works across every kind.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

use crate::meta::{ListMeta, Map, ObjectMeta, OwnerReference};
use compact_str::CompactString;

/// Whether a kind lives in namespaces; a type-level marker so that the
/// client can offer namespaced calls only for namespaced kinds.
pub trait Scope {
    /// True for namespaced kinds (URLs include `namespaces/{ns}/`).
    const NAMESPACED: bool;
}

/// The scope of namespaced kinds such as `Pod`.
#[derive(Clone, Copy, Debug)]
pub enum NamespaceScope {}

/// The scope of cluster-wide kinds such as `Node` or `Namespace`.
#[derive(Clone, Copy, Debug)]
pub enum ClusterScope {}

impl Scope for NamespaceScope {
    const NAMESPACED: bool = true;
}

impl Scope for ClusterScope {
    const NAMESPACED: bool = false;
}

/// A Kubernetes kind with static type information and object metadata.
pub trait Resource: Serialize + DeserializeOwned + Clone + Send + Sync + 'static {
    /// The API group; `""` for the core group.
    const GROUP: &'static str;
    /// The API version within the group, such as `v1`.
    const VERSION: &'static str;
    /// The kind, such as `Deployment`.
    const KIND: &'static str;
    /// The resource name in URLs, such as `deployments`.
    const PLURAL: &'static str;
    /// [`NamespaceScope`] or [`ClusterScope`].
    type Scope: Scope;

    /// The object's metadata.
    fn metadata(&self) -> &ObjectMeta;

    /// The object's metadata, for changing it.
    fn metadata_mut(&mut self) -> &mut ObjectMeta;

    /// Reads one object from a JSON body. Generated kinds implement it as a
    /// concrete function of their own crate, so the kind's decoder is
    /// compiled once there instead of again in every crate that calls a verb.
    fn from_json(body: &[u8]) -> serde_json::Result<Self> {
        decode_json(body)
    }

    /// Reads a list of objects from a JSON body; compiled once per kind, as
    /// [`Resource::from_json`].
    fn list_from_json(body: &[u8]) -> serde_json::Result<ObjectList<Self>> {
        decode_json(body)
    }

    /// Writes the object as a request body, with `apiVersion` and `kind`
    /// filled in when it lacks them ([`encode_json`]). Generated kinds
    /// implement it as a concrete function of their own crate, so the kind's
    /// serializer is compiled once there, as [`Resource::from_json`] does for
    /// the decoder.
    fn to_json(&self) -> serde_json::Result<Vec<u8>> {
        encode_json::<Self, Self>(self)
    }

    /// The `apiVersion` value: `v1` for core, otherwise `group/version`.
    fn api_version() -> String {
        if Self::GROUP.is_empty() {
            Self::VERSION.to_owned()
        } else {
            format!("{}/{}", Self::GROUP, Self::VERSION)
        }
    }

    /// The object's name, if set (it is not before a `generateName` create).
    fn name(&self) -> Option<&str> {
        self.metadata().name.as_deref()
    }

    /// The object's namespace, if set.
    fn namespace(&self) -> Option<&str> {
        self.metadata().namespace.as_deref()
    }

    /// The resource version the object was read at, if any.
    fn resource_version(&self) -> Option<&str> {
        self.metadata().resource_version.as_deref()
    }

    /// The server-assigned UID, if the object came from the server.
    fn uid(&self) -> Option<&str> {
        self.metadata().uid.as_deref()
    }

    /// The object's labels.
    fn labels(&self) -> &Map<CompactString, CompactString> {
        &self.metadata().labels
    }

    /// The object's labels, for changing them.
    fn labels_mut(&mut self) -> &mut Map<CompactString, CompactString> {
        &mut self.metadata_mut().labels
    }

    /// The object's annotations.
    fn annotations(&self) -> &Map<CompactString, CompactString> {
        &self.metadata().annotations
    }

    /// The object's annotations, for changing them.
    fn annotations_mut(&mut self) -> &mut Map<CompactString, CompactString> {
        &mut self.metadata_mut().annotations
    }

    /// A reference naming this object as the owner of another.
    ///
    /// `None` until the object has a name and a UID (that is, until it has
    /// been read back from the server): the server rejects owner references
    /// without them, and an empty one would only fail later and farther away.
    fn object_ref(&self) -> Option<OwnerReference> {
        let meta = self.metadata();
        Some(OwnerReference {
            api_version: Self::api_version().into(),
            kind: Self::KIND.into(),
            name: meta.name.clone()?,
            uid: meta.uid.clone()?,
            controller: None,
            block_owner_deletion: None,
            unknown_fields: Default::default(),
        })
    }

    /// Like [`Resource::object_ref`], marked as the managing controller and
    /// blocking the owner's foreground deletion, as controllers set it.
    fn controller_owner_ref(&self) -> Option<OwnerReference> {
        Some(OwnerReference {
            controller: Some(true),
            block_owner_deletion: Some(true),
            ..self.object_ref()?
        })
    }
}

/// A list response: `{"apiVersion", "kind": "FooList", "metadata", "items"}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectList<K> {
    /// The list's API version (the items' version).
    #[serde(default)]
    pub api_version: String,
    /// The list kind, such as `PodList`.
    #[serde(default)]
    pub kind: String,
    /// The version the list was read at, and the continue token if paged.
    #[serde(default)]
    pub metadata: ListMeta,
    /// The objects. Go encodes an empty list as `null`; that reads as empty.
    #[serde(
        default = "Vec::new",
        deserialize_with = "null_as_empty",
        bound(deserialize = "K: Deserialize<'de>")
    )]
    pub items: Vec<K>,
}

fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<Vec<T>>::deserialize(deserializer).map(Option::unwrap_or_default)
}

impl<K> Default for ObjectList<K> {
    fn default() -> Self {
        ObjectList {
            api_version: String::new(),
            kind: String::new(),
            metadata: ListMeta::default(),
            items: Vec::new(),
        }
    }
}

impl<K: Resource> ObjectList<K> {
    /// A list of `items` with `apiVersion` and `kind` (`{Kind}List`) filled in.
    pub fn new(items: Vec<K>) -> Self {
        ObjectList {
            api_version: K::api_version(),
            kind: format!("{}List", K::KIND),
            metadata: ListMeta::default(),
            items,
        }
    }
}

impl<K> ObjectList<K> {
    /// Iterates over the items.
    pub fn iter(&self) -> std::slice::Iter<'_, K> {
        self.items.iter()
    }
}

impl<K> IntoIterator for ObjectList<K> {
    type Item = K;
    type IntoIter = std::vec::IntoIter<K>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a, K> IntoIterator for &'a ObjectList<K> {
    type Item = &'a K;
    type IntoIter = std::slice::Iter<'a, K>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// Decodes JSON `bytes`, checking their UTF-8 once for the whole text rather
/// than string by string as `serde_json::from_slice` does (about 7% of a
/// Pod's decode, for its hundreds of short strings). Generated kinds'
/// [`Resource::from_json`] and [`Resource::list_from_json`] call it.
pub fn decode_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> serde_json::Result<T> {
    use serde::de::Error as _;
    let text = std::str::from_utf8(bytes).map_err(serde_json::Error::custom)?;
    serde_json::from_str(text)
}

/// Encodes `value` (an object of `K`, or an apply configuration of one) as
/// a JSON request body, filling in `apiVersion` and `kind` when it lacks
/// them: custom resources are refused without them, and typed objects built
/// in code rarely set them. Generated kinds' [`Resource::to_json`] calls it.
pub fn encode_json<K: Resource, T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    fill_type_fields(serde_json::to_value(value)?, K::api_version, K::KIND)
}

/// The part of [`encode_json`] that does not depend on the type, compiled once.
fn fill_type_fields(
    mut json: serde_json::Value,
    api_version: fn() -> String,
    kind: &str,
) -> serde_json::Result<Vec<u8>> {
    if let Some(map) = json.as_object_mut() {
        map.entry("apiVersion")
            .or_insert_with(|| api_version().into());
        map.entry("kind").or_insert_with(|| kind.into());
    }
    serde_json::to_vec(&json)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A hand-written stand-in for a generated namespaced kind.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Widget {
        metadata: ObjectMeta,
        #[serde(default)]
        size: u32,
    }

    impl Resource for Widget {
        const GROUP: &'static str = "example.com";
        const VERSION: &'static str = "v1alpha1";
        const KIND: &'static str = "Widget";
        const PLURAL: &'static str = "widgets";
        type Scope = NamespaceScope;

        fn metadata(&self) -> &ObjectMeta {
            &self.metadata
        }

        fn metadata_mut(&mut self) -> &mut ObjectMeta {
            &mut self.metadata
        }
    }

    /// A core-group, cluster-scoped stand-in.
    #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Node {
        metadata: ObjectMeta,
    }

    impl Resource for Node {
        const GROUP: &'static str = "";
        const VERSION: &'static str = "v1";
        const KIND: &'static str = "Node";
        const PLURAL: &'static str = "nodes";
        type Scope = ClusterScope;

        fn metadata(&self) -> &ObjectMeta {
            &self.metadata
        }

        fn metadata_mut(&mut self) -> &mut ObjectMeta {
            &mut self.metadata
        }
    }

    fn widget() -> Widget {
        let mut w = Widget::default();
        w.metadata_mut().name = Some("w1".into());
        w.metadata_mut().namespace = Some("default".into());
        w.metadata_mut().uid = Some("u-1".into());
        w.metadata_mut().resource_version = Some("9".into());
        w.labels_mut().insert("app".into(), "web".into());
        w.annotations_mut().insert("note".into(), "x".into());
        w
    }

    #[test]
    fn api_version_and_scope() {
        assert_eq!(Widget::api_version(), "example.com/v1alpha1");
        assert_eq!(Node::api_version(), "v1");
        fn namespaced<K: Resource>() -> bool {
            K::Scope::NAMESPACED
        }
        assert!(namespaced::<Widget>());
        assert!(!namespaced::<Node>());
    }

    #[test]
    fn metadata_accessors() {
        let w = widget();
        assert_eq!(w.name(), Some("w1"));
        assert_eq!(w.namespace(), Some("default"));
        assert_eq!(w.uid(), Some("u-1"));
        assert_eq!(w.resource_version(), Some("9"));
        assert_eq!(w.labels()["app"], "web");
        assert_eq!(w.annotations()["note"], "x");
        assert_eq!(Node::default().name(), None);
    }

    #[test]
    fn owner_references() {
        let w = widget();
        let plain = w.object_ref().unwrap();
        assert_eq!(
            serde_json::to_value(&plain).unwrap(),
            json!({"apiVersion": "example.com/v1alpha1", "kind": "Widget", "name": "w1", "uid": "u-1"})
        );
        let controller = w.controller_owner_ref().unwrap();
        assert_eq!(controller.controller, Some(true));
        assert_eq!(controller.block_owner_deletion, Some(true));
        assert_eq!(controller.name, "w1");
        // Not yet created: no UID, so no reference.
        let mut unsaved = w;
        unsaved.metadata_mut().uid = None;
        assert_eq!(unsaved.object_ref(), None);
        assert_eq!(unsaved.controller_owner_ref(), None);
    }

    #[test]
    fn object_list_serde() {
        let list = ObjectList::new(vec![widget()]);
        assert_eq!(list.kind, "WidgetList");
        assert_eq!(list.api_version, "example.com/v1alpha1");
        let value = serde_json::to_value(&list).unwrap();
        assert_eq!(value["items"][0]["metadata"]["name"], "w1");
        let back: ObjectList<Widget> = serde_json::from_value(value).unwrap();
        assert_eq!(back, list);

        let wire = json!({
            "apiVersion": "v1", "kind": "NodeList",
            "metadata": {"resourceVersion": "5", "continue": "next"},
            "items": null
        });
        let nodes: ObjectList<Node> = serde_json::from_value(wire).unwrap();
        assert!(nodes.items.is_empty());
        assert_eq!(nodes.metadata.continue_.as_deref(), Some("next"));
        let missing: ObjectList<Node> = serde_json::from_str(r#"{"kind":"NodeList"}"#).unwrap();
        assert!(missing.items.is_empty());
        assert_eq!(ObjectList::<Node>::default().items.len(), 0);
    }

    #[test]
    fn object_list_iterates() {
        let list = ObjectList::new(vec![widget(), widget()]);
        assert_eq!(list.iter().count(), 2);
        assert_eq!((&list).into_iter().filter_map(Resource::name).count(), 2);
        let names: Vec<CompactString> = list.into_iter().filter_map(|w| w.metadata.name).collect();
        assert_eq!(names, ["w1", "w1"]);
    }
}
