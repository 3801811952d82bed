//! Where a resource lives: `/api/v1` for the core group, `/apis/{group}/{version}`
//! otherwise, `namespaces/{ns}` for namespaced ones, then the plural.

use crate::error::{Error, Result};
use crate::resource::Resource;

/// The path of a resource collection, namespaced or not.
///
/// The confinement rule: every name, namespace, subresource, group, version and
/// plural is put in a path as one segment, and is refused (with
/// [`Error::InvalidPath`], before anything is sent) when it is empty, `.` or
/// `..`, or holds any of `/ \ % ? #`, whitespace or a control character. Every
/// request path, built here or handed to [`Client::send`](crate::Client::send)
/// whole, is refused too when it holds a `\` or a dot segment (`.`, `..`, also
/// percent-encoded), the rewrites by which a WHATWG URL parser (the url crate
/// under reqwest) would move it; so the server receives exactly the path that
/// was built, and a call never leaves its collection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourcePath {
    group: String,
    version: String,
    plural: String,
    namespace: Option<String>,
}

impl ResourcePath {
    /// The collection of `plural` in `group`/`version`, in `namespace` when given.
    /// Nothing is checked yet: each request checks every segment as it is built.
    pub fn new(group: &str, version: &str, plural: &str, namespace: Option<&str>) -> Self {
        Self {
            group: group.to_owned(),
            version: version.to_owned(),
            plural: plural.to_owned(),
            namespace: namespace.map(str::to_owned),
        }
    }

    /// The collection of `K`, in `namespace` when given.
    pub fn of<K: Resource>(namespace: Option<&str>) -> Self {
        Self::new(K::GROUP, K::VERSION, K::PLURAL, namespace)
    }

    /// `.../{plural}`.
    pub fn collection(&self) -> Result<String> {
        let mut path = if self.group.is_empty() {
            format!("/api/{}", segment("version", &self.version)?)
        } else {
            format!(
                "/apis/{}/{}",
                segment("group", &self.group)?,
                segment("version", &self.version)?
            )
        };
        if let Some(ns) = &self.namespace {
            path.push_str("/namespaces/");
            path.push_str(segment("namespace", ns)?);
        }
        path.push('/');
        path.push_str(segment("resource", &self.plural)?);
        Ok(path)
    }

    /// The namespace, for namespaced collections.
    pub fn namespace(&self) -> Option<&str> {
        self.namespace.as_deref()
    }

    /// `.../{plural}/{name}`.
    pub fn item(&self, name: &str) -> Result<String> {
        let name = segment("name", name)?;
        Ok(format!("{}/{name}", self.collection()?))
    }

    /// `.../{plural}/{name}/{subresource}`.
    pub fn subresource(&self, name: &str, subresource: &str) -> Result<String> {
        let subresource = segment("subresource", subresource)?;
        Ok(format!("{}/{subresource}", self.item(name)?))
    }
}

/// `value` when it can be one path segment (see the module's rule), else the refusal.
fn segment<'a>(what: &str, value: &'a str) -> Result<&'a str> {
    let bad = value.is_empty()
        || value == "."
        || value == ".."
        || value.contains(['/', '\\', '?', '#', '%'])
        || value.chars().any(|c| c.is_control() || c.is_whitespace());
    if bad {
        return Err(Error::InvalidPath {
            what: what.to_owned(),
            value: value.to_owned(),
        });
    }
    Ok(value)
}

/// Joins a request's path and query onto the cluster URL (keeping any path
/// prefix it has), refusing a path the URL parser would move: a relative one,
/// one with a `\`, or one with a dot segment (`.`, `..`, or percent-encoded).
pub(crate) fn url_on(base: &url::Url, path_and_query: &str) -> Result<url::Url> {
    let refuse = || Error::InvalidPath {
        what: "request path".into(),
        value: path_and_query.to_owned(),
    };
    let path = path_and_query
        .split_once(['?', '#'])
        .map_or(path_and_query, |(path, _)| path);
    if !path.starts_with('/') || path.contains('\\') || path.split('/').any(is_dot_segment) {
        return Err(refuse());
    }
    let base = base.as_str().trim_end_matches('/');
    let url = url::Url::parse(&format!("{base}{path_and_query}")).map_err(|_| refuse())?;
    Ok(url)
}

/// `.` or `..`, written plainly or with `%2e` (which a URL parser reads as a dot).
fn is_dot_segment(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase().replace("%2e", ".");
    lower == "." || lower == ".."
}
