//! Where a resource lives: `/api/v1` for the core group, `/apis/{group}/{version}`
//! otherwise, `namespaces/{ns}` for namespaced ones, then the plural.

use crate::error::{Error, Result};
use crate::resource::Resource;

/// The path of a resource collection, namespaced or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourcePath {
    collection: String,
    namespace: Option<String>,
}

impl ResourcePath {
    /// The collection of `plural` in `group`/`version`, in `namespace` when given.
    pub fn new(group: &str, version: &str, plural: &str, namespace: Option<&str>) -> Self {
        let mut collection = if group.is_empty() {
            format!("/api/{version}")
        } else {
            format!("/apis/{group}/{version}")
        };
        if let Some(ns) = namespace {
            collection.push_str("/namespaces/");
            collection.push_str(ns);
        }
        collection.push('/');
        collection.push_str(plural);
        Self {
            collection,
            namespace: namespace.map(str::to_owned),
        }
    }

    /// The collection of `K`, in `namespace` when given.
    pub fn of<K: Resource>(namespace: Option<&str>) -> Self {
        Self::new(K::GROUP, K::VERSION, K::PLURAL, namespace)
    }

    /// `.../{plural}`.
    pub fn collection(&self) -> Result<String> {
        if let Some(ns) = &self.namespace {
            check_segment("namespace", ns)?;
        }
        Ok(self.collection.clone())
    }

    /// The namespace, for namespaced collections.
    pub fn namespace(&self) -> Option<&str> {
        self.namespace.as_deref()
    }

    /// `.../{plural}/{name}`.
    pub fn item(&self, name: &str) -> Result<String> {
        check_segment("name", name)?;
        Ok(format!("{}/{name}", self.collection()?))
    }

    /// `.../{plural}/{name}/{subresource}`.
    pub fn subresource(&self, name: &str, subresource: &str) -> Result<String> {
        check_segment("subresource", subresource)?;
        Ok(format!("{}/{subresource}", self.item(name)?))
    }
}

/// Refuses names that would change the path (empty, `.`, `..`, or holding `/`, `?`, `#`, `%`).
pub(crate) fn check_segment(what: &str, value: &str) -> Result<()> {
    let bad = value.is_empty()
        || value == "."
        || value == ".."
        || value.contains(['/', '?', '#', '%'])
        || value.chars().any(|c| c.is_control() || c.is_whitespace());
    if bad {
        return Err(Error::Request(format!(
            "{what} {value:?} cannot be used in a URL path"
        )));
    }
    Ok(())
}
