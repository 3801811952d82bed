//! `DynamicObject`: any Kubernetes object as typed metadata plus untyped
//! JSON, for kinds with no Rust type (CRDs, or kinds chosen at run time).
//! Unknown fields are kept, so a read-modify-write loses nothing.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::discovery::ApiResource;
use crate::error::{Error, Result};
use crate::meta::ObjectMeta;
use crate::resource::ObjectList;

/// An object of any kind: `apiVersion`, `kind` and `metadata` typed, every
/// other top-level field (`spec`, `status`, `data` ...) in [`data`](Self::data).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DynamicObject {
    /// `v1` or `group/version`; filled in from the resource on writes when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub api_version: String,
    /// The kind; filled in from the resource on writes when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    /// The object's metadata.
    #[serde(default)]
    pub metadata: ObjectMeta,
    /// Every other top-level field, as JSON.
    #[serde(flatten)]
    pub data: Map<String, Value>,
}

/// A list of dynamic objects, as `list` and `delete_collection` answer.
pub type DynamicList = ObjectList<DynamicObject>;

impl DynamicObject {
    /// An empty object of `resource` called `name` (set `data` or use [`with`](Self::with)).
    pub fn new(name: &str, resource: &ApiResource) -> Self {
        DynamicObject {
            api_version: resource.api_version(),
            kind: resource.kind.clone(),
            metadata: ObjectMeta {
                name: Some(name.into()),
                ..ObjectMeta::default()
            },
            data: Map::new(),
        }
    }

    /// Sets the namespace.
    pub fn within(mut self, namespace: &str) -> Self {
        self.metadata.namespace = Some(namespace.into());
        self
    }

    /// Sets the top-level field `key` (`spec`, `data` ...).
    pub fn with(mut self, key: &str, value: Value) -> Self {
        self.data.insert(key.to_owned(), value);
        self
    }

    /// Reads a whole JSON object (as written in a manifest).
    pub fn from_value(value: Value) -> Result<Self> {
        serde_json::from_value(value).map_err(|source| Error::Decode {
            what: "a dynamic object".into(),
            source,
        })
    }

    /// The whole object as JSON.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }

    /// Converts to a typed object (a generated kind, or your own struct).
    pub fn parse<K: DeserializeOwned>(&self) -> Result<K> {
        serde_json::from_value(self.to_value()).map_err(|source| Error::Decode {
            what: format!(
                "{} {} as a typed object",
                self.kind,
                self.name().unwrap_or("")
            ),
            source,
        })
    }

    /// The name, if set.
    pub fn name(&self) -> Option<&str> {
        self.metadata.name.as_deref()
    }

    /// The namespace, if set.
    pub fn namespace(&self) -> Option<&str> {
        self.metadata.namespace.as_deref()
    }

    /// The resourceVersion the object was read at, if any.
    pub fn resource_version(&self) -> Option<&str> {
        self.metadata.resource_version.as_deref()
    }

    /// The value at an RFC 6901 JSON pointer into [`data`](Self::data), such
    /// as `/spec/http/0/route/0/weight` (metadata is a typed field: use it directly).
    pub fn pointer(&self, pointer: &str) -> Option<&Value> {
        let (first, rest) = split_pointer(pointer)?;
        self.data.get(&first)?.pointer(rest)
    }

    /// Like [`pointer`](Self::pointer), for changing the value in place.
    pub fn pointer_mut(&mut self, pointer: &str) -> Option<&mut Value> {
        let (first, rest) = split_pointer(pointer)?;
        self.data.get_mut(&first)?.pointer_mut(rest)
    }
}

/// `/spec/a/b` into (`spec`, `/a/b`), unescaping `~1` and `~0` in the first token.
fn split_pointer(pointer: &str) -> Option<(String, &str)> {
    let tail = pointer.strip_prefix('/')?;
    let (first, rest) = match tail.find('/') {
        Some(i) => (&tail[..i], &tail[i..]),
        None => (tail, ""),
    };
    Some((first.replace("~1", "/").replace("~0", "~"), rest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn vs() -> Value {
        json!({
            "apiVersion": "networking.istio.io/v1alpha3",
            "kind": "VirtualService",
            "metadata": {"name": "service2", "namespace": "default", "resourceVersion": "7"},
            "spec": {"hosts": ["service2"], "http": [{"route": [
                {"destination": {"host": "service2", "subset": "v1"}, "weight": 95},
                {"destination": {"host": "service2", "subset": "v2"}, "weight": 5}
            ]}]},
            "a/b": {"c": 1}
        })
    }

    #[test]
    fn round_trips_unknown_fields() {
        let object = DynamicObject::from_value(vs()).unwrap();
        assert_eq!(object.kind, "VirtualService");
        assert_eq!(object.name(), Some("service2"));
        assert_eq!(object.namespace(), Some("default"));
        assert_eq!(object.resource_version(), Some("7"));
        assert!(!object.data.contains_key("metadata"));
        assert!(!object.data.contains_key("kind"));
        assert_eq!(object.to_value(), vs());
    }

    #[test]
    fn pointers() {
        let mut object = DynamicObject::from_value(vs()).unwrap();
        assert_eq!(
            object.pointer("/spec/http/0/route/0/weight"),
            Some(&json!(95))
        );
        assert_eq!(object.pointer("/spec/hosts/0"), Some(&json!("service2")));
        assert_eq!(object.pointer("/a~1b/c"), Some(&json!(1)));
        assert!(object.pointer("/spec").unwrap().is_object());
        assert_eq!(object.pointer("/spec/http/9"), None);
        assert_eq!(object.pointer("spec"), None);
        *object.pointer_mut("/spec/http/0/route/1/weight").unwrap() = json!(50);
        assert_eq!(
            object.pointer("/spec/http/0/route/1/weight"),
            Some(&json!(50))
        );
    }

    #[test]
    fn builds_and_parses() {
        let resource = ApiResource::new("", "v1", "ConfigMap", "configmaps", true);
        let object = DynamicObject::new("cm", &resource)
            .within("ns")
            .with("data", json!({"k": "v"}));
        assert_eq!(
            object.to_value(),
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm", "namespace": "ns"}, "data": {"k": "v"}})
        );
        #[derive(Deserialize)]
        struct ConfigMap {
            data: std::collections::BTreeMap<String, String>,
        }
        assert_eq!(object.parse::<ConfigMap>().unwrap().data["k"], "v");
        let list: DynamicList = serde_json::from_value(json!({
            "apiVersion": "v1", "kind": "ConfigMapList", "metadata": {}, "items": [object.to_value()]
        }))
        .unwrap();
        assert_eq!(list.items, [object]);
    }
}
