//! `ListOptions`: parameters of list and watch requests.

use crate::meta::Selector;

/// How `resourceVersion` constrains a list (`resourceVersionMatch`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResourceVersionMatch {
    /// Any version at least as new as `resourceVersion`.
    NotOlderThan,
    /// Exactly `resourceVersion` (which must not be `"0"`).
    Exact,
}

impl ResourceVersionMatch {
    /// The query value.
    pub fn as_str(&self) -> &'static str {
        match self {
            ResourceVersionMatch::NotOlderThan => "NotOlderThan",
            ResourceVersionMatch::Exact => "Exact",
        }
    }
}

/// Options for list and watch requests.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListOptions {
    /// A label selector in text form, such as `app=web,tier!=db`.
    pub label_selector: Option<String>,
    /// A field selector, such as `metadata.name=x` or `spec.nodeName=n1`.
    pub field_selector: Option<String>,
    /// List at (or watch from) this version; `"0"` allows the watch cache.
    pub resource_version: Option<String>,
    /// How to interpret `resource_version`; the server requires one to be set.
    pub resource_version_match: Option<ResourceVersionMatch>,
    /// The page size; the server returns a continue token when more remain.
    pub limit: Option<u32>,
    /// The token from the previous page's `metadata.continue`.
    pub continue_token: Option<String>,
    /// How long the server may keep the request (watch) open.
    pub timeout_seconds: Option<u32>,
    /// Ask for BOOKMARK events on watches, so a restart can resume cheaply.
    pub allow_watch_bookmarks: bool,
}

impl ListOptions {
    /// Filters by a label selector in text form.
    pub fn labels(mut self, selector: impl Into<String>) -> Self {
        self.label_selector = Some(selector.into());
        self
    }

    /// Filters by a typed label selector, sent in its text form; build one
    /// with [`Selector::new`] or from a workload's [`LabelSelector`](crate::meta::LabelSelector).
    pub fn selector(mut self, selector: &Selector) -> Self {
        self.label_selector = Some(selector.to_string());
        self
    }

    /// Filters by a field selector.
    pub fn fields(mut self, selector: impl Into<String>) -> Self {
        self.field_selector = Some(selector.into());
        self
    }

    /// Limits the page size.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Continues a paged list.
    pub fn continue_token(mut self, token: impl Into<String>) -> Self {
        self.continue_token = Some(token.into());
        self
    }

    /// Lists at, or watches from, a resource version.
    pub fn resource_version(mut self, version: impl Into<String>) -> Self {
        self.resource_version = Some(version.into());
        self
    }

    /// Sets how the resource version is matched.
    pub fn resource_version_match(mut self, m: ResourceVersionMatch) -> Self {
        self.resource_version_match = Some(m);
        self
    }

    /// Sets the server-side timeout in seconds.
    pub fn timeout(mut self, seconds: u32) -> Self {
        self.timeout_seconds = Some(seconds);
        self
    }

    /// Asks for watch bookmarks.
    pub fn bookmarks(mut self, enabled: bool) -> Self {
        self.allow_watch_bookmarks = enabled;
        self
    }

    /// The query parameters of a list, in this order, each only if set
    /// (strings only if non-empty): `labelSelector`, `fieldSelector`,
    /// `resourceVersion`, `resourceVersionMatch`, `limit`, `continue`,
    /// `timeoutSeconds`, `allowWatchBookmarks=true`.
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        let mut text = |name, value: &Option<String>| {
            if let Some(v) = value.as_ref().filter(|v| !v.is_empty()) {
                pairs.push((name, v.clone()));
            }
        };
        text("labelSelector", &self.label_selector);
        text("fieldSelector", &self.field_selector);
        text("resourceVersion", &self.resource_version);
        if let Some(m) = self.resource_version_match {
            pairs.push(("resourceVersionMatch", m.as_str().to_owned()));
        }
        if let Some(limit) = self.limit {
            pairs.push(("limit", limit.to_string()));
        }
        if let Some(token) = self.continue_token.as_ref().filter(|t| !t.is_empty()) {
            pairs.push(("continue", token.clone()));
        }
        if let Some(timeout) = self.timeout_seconds {
            pairs.push(("timeoutSeconds", timeout.to_string()));
        }
        if self.allow_watch_bookmarks {
            pairs.push(("allowWatchBookmarks", "true".to_owned()));
        }
        pairs
    }

    /// The query parameters of a watch: `watch=1`, then those of
    /// [`ListOptions::query_pairs`].
    pub fn watch_query_pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = vec![("watch", "1".to_owned())];
        pairs.extend(self.query_pairs());
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
        list.iter().map(|(k, v)| (*k, v.to_string())).collect()
    }

    #[test]
    fn empty_options_add_nothing() {
        assert!(ListOptions::default().query_pairs().is_empty());
        assert!(ListOptions::default()
            .labels("")
            .fields("")
            .query_pairs()
            .is_empty());
        assert_eq!(
            ListOptions::default().watch_query_pairs(),
            pairs(&[("watch", "1")])
        );
    }

    #[test]
    fn every_option_in_fixed_order() {
        // Builders called out of order; output order is fixed.
        let opts = ListOptions::default()
            .bookmarks(true)
            .timeout(30)
            .continue_token("tok")
            .limit(500)
            .resource_version_match(ResourceVersionMatch::NotOlderThan)
            .resource_version("123")
            .fields("metadata.name=x")
            .labels("app=web");
        assert_eq!(
            opts.query_pairs(),
            pairs(&[
                ("labelSelector", "app=web"),
                ("fieldSelector", "metadata.name=x"),
                ("resourceVersion", "123"),
                ("resourceVersionMatch", "NotOlderThan"),
                ("limit", "500"),
                ("continue", "tok"),
                ("timeoutSeconds", "30"),
                ("allowWatchBookmarks", "true"),
            ])
        );
    }

    #[test]
    fn a_typed_selector_is_sent_as_text() {
        use crate::meta::{Operator, Requirement};
        let selector = Selector::new([
            Requirement::new("app", Operator::Equals, ["web"]).unwrap(),
            Requirement::new("tier", Operator::NotIn, ["db", "cache"]).unwrap(),
        ]);
        assert_eq!(
            ListOptions::default().selector(&selector).query_pairs(),
            pairs(&[("labelSelector", "app=web,tier notin (cache,db)")])
        );
        assert!(ListOptions::default()
            .selector(&Selector::default())
            .query_pairs()
            .is_empty());
    }

    #[test]
    fn watch_adds_watch_first() {
        let opts = ListOptions::default()
            .resource_version("7")
            .resource_version_match(ResourceVersionMatch::Exact)
            .bookmarks(true);
        assert_eq!(
            opts.watch_query_pairs(),
            pairs(&[
                ("watch", "1"),
                ("resourceVersion", "7"),
                ("resourceVersionMatch", "Exact"),
                ("allowWatchBookmarks", "true"),
            ])
        );
        assert!(!opts
            .bookmarks(false)
            .query_pairs()
            .iter()
            .any(|(k, _)| *k == "allowWatchBookmarks"));
    }
}
