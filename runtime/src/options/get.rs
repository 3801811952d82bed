//! `GetOptions`: parameters of a single-object read.

/// Options for `GET` of one object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct GetOptions {
    /// Read at this version: `"0"` allows any cached version (cheap, maybe
    /// stale); unset reads the latest from etcd (consistent).
    pub resource_version: Option<String>,
}

impl GetOptions {
    /// Sets the resource version to read at.
    pub fn resource_version(mut self, version: impl Into<String>) -> Self {
        self.resource_version = Some(version.into());
        self
    }

    /// The query parameters: `resourceVersion` if set and non-empty.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        self.resource_version
            .iter()
            .filter(|v| !v.is_empty())
            .map(|v| ("resourceVersion", v.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_pairs() {
        assert!(GetOptions::default().query_pairs().is_empty());
        assert!(GetOptions::default()
            .resource_version("")
            .query_pairs()
            .is_empty());
        assert_eq!(
            GetOptions::default().resource_version("0").query_pairs(),
            [("resourceVersion", "0".to_owned())]
        );
    }
}
