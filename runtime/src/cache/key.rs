//! The cache key of an object: `namespace/name`, or `name` when cluster-scoped
//! (client-go's MetaNamespaceKeyFunc).

use crate::resource::Resource;

/// `namespace/name`, or `name` for cluster-scoped objects.
pub fn object_key<K: Resource>(object: &K) -> String {
    let meta = object.metadata();
    key_of(
        meta.namespace.as_deref(),
        meta.name.as_deref().unwrap_or(""),
    )
}

/// The key of `name` in `namespace`.
pub fn key_of(namespace: Option<&str>, name: &str) -> String {
    match namespace.filter(|ns| !ns.is_empty()) {
        Some(ns) => format!("{ns}/{name}"),
        None => name.to_owned(),
    }
}

/// Splits a key back into namespace and name.
pub fn split_key(key: &str) -> (Option<&str>, &str) {
    match key.split_once('/') {
        Some((ns, name)) => (Some(ns), name),
        None => (None, key),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        assert_eq!(key_of(Some("ns"), "a"), "ns/a");
        assert_eq!(key_of(None, "a"), "a");
        assert_eq!(key_of(Some(""), "a"), "a");
        assert_eq!(split_key("ns/a"), (Some("ns"), "a"));
        assert_eq!(split_key("a"), (None, "a"));
    }
}
