//! Entry points for fuzz targets: the pure parts of the runtime that take
//! untrusted input, each returning what an oracle needs to check. Not a
//! stable API.

use crate::error::Result;
use crate::request::{url_on, ResourcePath};

/// The final URL (after URL parsing, as sent) of `GET` on the Secret `name`
/// in `namespace` (cluster-wide when `None`) on the server at `base`, or why
/// it is refused. A URL that is returned always has the collection's path
/// (`{base path}/api/v1[/namespaces/{namespace}]/secrets/`) as a prefix.
pub fn resource_url(base: &str, namespace: Option<&str>, name: &str) -> Result<String> {
    let base = reqwest::Url::parse(base)
        .map_err(|e| crate::Error::Request(format!("invalid base URL: {e}")))?;
    let path = ResourcePath::new("", "v1", "secrets", namespace).item(name)?;
    Ok(url_on(&base, &path)?.to_string())
}
