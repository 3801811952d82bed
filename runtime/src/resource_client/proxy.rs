//! `pods/proxy`, `services/proxy` and `nodes/proxy`: any HTTP request to a
//! Pod, a Service or a Node's kubelet, passed on by the API server.

use bytes::Bytes;
use http::header::{ACCEPT, CONTENT_TYPE};
use http::{HeaderValue, Method};

use super::{ProxyKind, ResourceClient};
use crate::error::{Error, Result};

/// The target's answer: status, headers and the whole body.
pub type ProxyResponse = http::Response<Bytes>;

/// The request to pass on: method, path below the target's root, query, and
/// body with its content type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProxyRequest {
    /// The HTTP method.
    pub method: Method,
    /// The path at the target, such as `healthz` or `api/items/` (no `.` or
    /// `..` segments, `?`, `#`, `\` or `%`).
    pub path: String,
    /// Query parameters, in order.
    pub query: Vec<(String, String)>,
    /// The body and its content type.
    pub body: Option<(String, Vec<u8>)>,
}

impl ProxyRequest {
    /// A `method` request to `path`, without query or body.
    pub fn new(method: Method, path: &str) -> Self {
        Self {
            method,
            path: path.to_owned(),
            query: Vec::new(),
            body: None,
        }
    }

    /// A `GET` of `path`.
    pub fn get(path: &str) -> Self {
        Self::new(Method::GET, path)
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: &str, value: &str) -> Self {
        self.query.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Sets the body and its content type.
    pub fn body(mut self, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        self.body = Some((content_type.to_owned(), body.into()));
        self
    }
}

impl<K: ProxyKind> ResourceClient<K> {
    /// `{method} {collection}/{name}/proxy/{path}?{query}`: the request
    /// passed on to the object (a Service's `name` may be `name:port` or
    /// `https:name:port`). The target's answer comes back whole; a status of
    /// 400 or more is an error, as for any call.
    pub async fn proxy(&self, name: &str, request: &ProxyRequest) -> Result<ProxyResponse> {
        let root = self.requests().path().subresource(name, "proxy")?;
        self.client().send(proxy_request(&root, request)?).await
    }
}

/// The HTTP request for `request` below `root` (`.../{name}/proxy`).
pub(crate) fn proxy_request(root: &str, request: &ProxyRequest) -> Result<http::Request<Vec<u8>>> {
    let mut uri = root.to_owned();
    for segment in request.path.trim_start_matches('/').split('/') {
        let bad = segment == "."
            || segment == ".."
            || segment.contains(['\\', '?', '#', '%'])
            || segment.chars().any(|c| c.is_control() || c.is_whitespace());
        if bad {
            return Err(Error::InvalidPath {
                what: "proxy path".into(),
                value: request.path.clone(),
            });
        }
        uri.push('/');
        uri.push_str(segment);
    }
    if !request.query.is_empty() {
        let query = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&request.query)
            .finish();
        uri.push('?');
        uri.push_str(&query);
    }
    let mut builder = http::Request::builder()
        .method(request.method.clone())
        .uri(&uri)
        .header(ACCEPT, HeaderValue::from_static("*/*"));
    let body = match &request.body {
        Some((content_type, body)) => {
            let content_type =
                HeaderValue::from_str(content_type).map_err(|_| Error::InvalidHeader {
                    header: "Content-Type",
                    value: content_type.clone(),
                })?;
            builder = builder.header(CONTENT_TYPE, content_type);
            body.clone()
        }
        None => Vec::new(),
    };
    builder
        .body(body)
        .map_err(|source| Error::BuildRequest { uri, source })
}
