//! Sending one request: credentials on, a fresh credential and one retry
//! after a 401, error statuses turned into [`ApiError`]s, and the
//! "kubectl -v=8" view in tracing (debug: method, URL, status, time;
//! trace: headers and bodies, Authorization and credential-bearing bodies
//! always redacted).

use std::time::Instant;

use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use http::{HeaderMap, Request, Response, StatusCode};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use super::body::BodyStream;
use super::redact::{LoggedBody, LoggedHeaders};
use super::{retry, Client};
use crate::error::{ApiError, Error, Result};
use crate::meta::Status;

/// Most of a non-Status error body kept in the synthesised Status message.
const BODY_LIMIT: usize = 1024;

/// Most of an error answer read (a Status is a few KiB); the rest is
/// discarded, so an endless error body on a stream cannot use up memory.
const ERROR_BODY_LIMIT: usize = 1 << 20;

/// How the answer to a request is read, which decides its connection and timeout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Answer {
    /// Read whole, under the client's timeout.
    Whole,
    /// Read as a long stream (a watch, logs), with no overall timeout.
    Streaming,
    /// Upgraded to another protocol (exec, attach, port-forward) on an
    /// HTTP/1.1 connection of its own, with no overall timeout.
    #[cfg(feature = "ws")]
    Upgrade,
}

impl Client {
    /// Sends `request` (its URI a path and query on the API server, such as
    /// `/api/v1/namespaces`) and returns the whole answer. Statuses of 400
    /// and above are returned as [`Error::Api`], and so are redirects (3xx),
    /// which are never followed.
    pub async fn send(&self, request: Request<Vec<u8>>) -> Result<Response<Bytes>> {
        let (method, url, response) = self.execute(&request, Answer::Whole).await?;
        let status = response.status();
        let version = response.version();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|source| transport_error(&url, source))?;
        tracing::trace!(%method, %url, body = %LoggedBody::new(&url, &body), "response body");
        let mut answer = Response::new(body);
        *answer.status_mut() = status;
        *answer.version_mut() = version;
        *answer.headers_mut() = headers;
        Ok(answer)
    }

    /// Sends `request` and returns the answer unread, under the client's
    /// timeout: for answers decoded as their chunks arrive (lists).
    pub(crate) async fn send_unread(
        &self,
        request: Request<Vec<u8>>,
    ) -> Result<(reqwest::Url, reqwest::Response)> {
        let (_, url, response) = self.execute(&request, Answer::Whole).await?;
        Ok((url, response))
    }

    /// Sends `request` and returns the answer unread, with no overall timeout:
    /// for watches and other long streams. The body's errors are
    /// [`Error::Transport`]s; the response's extensions hold the full [`Url`](url::Url).
    pub async fn send_streaming(&self, request: Request<Vec<u8>>) -> Result<Response<BodyStream>> {
        let (_, url, response) = self.execute(&request, Answer::Streaming).await?;
        let mut head = Response::new(());
        *head.status_mut() = response.status();
        *head.version_mut() = response.version();
        *head.headers_mut() = response.headers().clone();
        head.extensions_mut().insert(url.clone());
        Ok(head.map(|()| BodyStream::new(url, response)))
    }

    /// Sends `request` and decodes the JSON answer.
    pub async fn request_json<T: DeserializeOwned>(&self, request: Request<Vec<u8>>) -> Result<T> {
        let what = format!("{} {}", request.method(), request.uri());
        let response = self.send(request).await?;
        serde_json::from_slice(response.body()).map_err(|source| Error::Decode {
            what: format!("answer to {what}"),
            source,
        })
    }

    /// `GET path` decoded from JSON, for paths no typed client covers (`/version`, `/apis` ...).
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        let request =
            Request::get(path)
                .body(Vec::new())
                .map_err(|source| Error::BuildRequest {
                    uri: path.into(),
                    source,
                })?;
        self.request_json(request).await
    }

    /// Sends `request` in a `kube request` span (verb and path: never the
    /// query or credentials).
    pub(super) async fn execute(
        &self,
        request: &Request<Vec<u8>>,
        answer: Answer,
    ) -> Result<(http::Method, url::Url, reqwest::Response)> {
        let url = self.url_for(request.uri())?;
        let span =
            tracing::debug_span!("kube request", verb = %request.method(), path = url.path());
        self.execute_at(request, url, answer).instrument(span).await
    }

    async fn execute_at(
        &self,
        request: &Request<Vec<u8>>,
        url: url::Url,
        answer: Answer,
    ) -> Result<(http::Method, url::Url, reqwest::Response)> {
        let method = request.method().clone();
        let mut retried_401 = false;
        let mut retries = 0;
        loop {
            if let Some(limiter) = &self.inner.limiter {
                limiter.acquire().await;
            }
            let credentials = self.inner.auth.credentials().await?;
            let http = match answer {
                #[cfg(feature = "ws")]
                Answer::Upgrade => self.upgrade_http(credentials.identity.as_deref())?,
                Answer::Whole | Answer::Streaming => {
                    self.http_for(credentials.identity.as_ref())?
                }
            };
            let mut headers = request.headers().clone();
            if let Some(auth) = credentials.authorization {
                headers.entry(AUTHORIZATION).or_insert(auth);
            }
            self.add_impersonation(&mut headers)?;
            let mut builder = http
                .request(method.clone(), url.clone())
                .headers(headers.clone())
                .body(request.body().clone());
            if answer == Answer::Whole {
                if let Some(timeout) = self.inner.config.timeout {
                    builder = builder.timeout(timeout);
                }
            }
            tracing::trace!(%method, %url, headers = ?LoggedHeaders(&headers), body = %LoggedBody::new(&url, request.body()), "request");
            let started = Instant::now();
            let sent = builder.send().await;
            if let Some(metrics) = self.inner.metrics.get() {
                let status = sent.as_ref().ok().map(|r| r.status().as_u16());
                metrics.request(method.as_str(), status, started.elapsed());
            }
            let response = match sent {
                Ok(response) => response,
                Err(source) => {
                    if retries < self.inner.config.max_retries
                        && retry::is_retryable(&method, &source)
                    {
                        retries += 1;
                        let wait = retry::backoff(retries);
                        tracing::debug!(%method, %url, error = %source, retry = retries, wait_ms = wait.as_millis() as u64, "retrying after a connection failure");
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    return Err(transport_error(&url, source));
                }
            };
            let status = response.status();
            tracing::debug!(%method, %url, status = status.as_u16(), elapsed_ms = started.elapsed().as_millis() as u64, "kube request");
            tracing::trace!(headers = ?LoggedHeaders(response.headers()), "response headers");
            if status == StatusCode::UNAUTHORIZED
                && !retried_401
                && self.inner.auth.invalidate().await
            {
                retried_401 = true;
                continue;
            }
            if retries < self.inner.config.max_retries
                && retry::may_retry_status(&method, status, response.headers())
            {
                retries += 1;
                let wait = retry::retry_after(response.headers())
                    .unwrap_or_else(|| retry::backoff(retries));
                tracing::debug!(%method, %url, status = status.as_u16(), retry = retries, wait_ms = wait.as_millis() as u64, "retrying a throttled request");
                tokio::time::sleep(wait).await;
                continue;
            }
            if status.is_redirection() || status.is_client_error() || status.is_server_error() {
                return Err(api_error(&method, &url, response).await);
            }
            return Ok((method, url, response));
        }
    }

    /// Joins a request path onto the cluster URL, keeping any path prefix the URL has.
    pub(super) fn url_for(&self, uri: &http::Uri) -> Result<url::Url> {
        let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        crate::request::url_on(&self.inner.config.cluster_url, path)
    }

    pub(super) fn add_impersonation(&self, headers: &mut HeaderMap) -> Result<()> {
        let config = &self.inner.config;
        let value = |header: &'static str, v: &str| {
            http::HeaderValue::from_str(v).map_err(|_| Error::InvalidHeader {
                header,
                value: v.into(),
            })
        };
        if let Some(user) = &config.impersonate {
            headers.insert("Impersonate-User", value("Impersonate-User", user)?);
        }
        for group in &config.impersonate_groups {
            headers.append("Impersonate-Group", value("Impersonate-Group", group)?);
        }
        Ok(())
    }
}

/// Reads an error answer into an [`ApiError`], keeping the server's Status
/// whole or synthesising one from the body when it sent something else.
pub(super) async fn api_error(
    method: &http::Method,
    url: &url::Url,
    response: reqwest::Response,
) -> Error {
    let code = response.status();
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    let body = read_at_most(response, ERROR_BODY_LIMIT).await;
    let parsed = is_json
        .then(|| serde_json::from_slice::<Status>(&body).ok())
        .flatten()
        .filter(|s| s.kind.as_deref() == Some("Status"));
    let status = parsed.unwrap_or_else(|| {
        let mut text = String::from_utf8_lossy(&body).trim().to_owned();
        if text.len() > BODY_LIMIT {
            let cut = (0..=BODY_LIMIT)
                .rev()
                .find(|i| text.is_char_boundary(*i))
                .unwrap_or(0);
            text.truncate(cut);
            text.push_str("...");
        }
        Status {
            kind: Some("Status".into()),
            api_version: Some("v1".into()),
            status: Some("Failure".into()),
            message: Some(if text.is_empty() {
                code.to_string()
            } else {
                text
            }),
            reason: Some(reason_for(code).into()),
            code: Some(code.as_u16()),
            ..Status::default()
        }
    });
    Error::Api(Box::new(ApiError {
        code: code.as_u16(),
        status,
        method: method.to_string(),
        url: url.to_string(),
    }))
}

/// The first `limit` bytes of an answer's body (fewer when it is shorter or
/// breaks off); the connection is dropped with the rest unread.
async fn read_at_most(mut response: reqwest::Response, limit: usize) -> Vec<u8> {
    let mut body = Vec::new();
    while body.len() < limit {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                body.extend_from_slice(&chunk[..chunk.len().min(limit - body.len())]);
            }
            Ok(None) | Err(_) => break,
        }
    }
    body
}

/// The Status reason the API server uses for an HTTP status code.
pub(crate) fn reason_for(code: StatusCode) -> &'static str {
    match code.as_u16() {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        409 => "Conflict",
        410 => "Gone",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "Unknown",
    }
}

/// Turns a reqwest failure into [`Error::Tls`] when rustls caused it, else [`Error::Transport`].
pub(crate) fn transport_error(url: &url::Url, source: reqwest::Error) -> Error {
    match find_rustls_error(&source) {
        Some(tls) => Error::Tls {
            url: url.origin().ascii_serialization(),
            source: Box::new(tls.clone()),
        },
        None => Error::Transport {
            url: url.to_string(),
            source: Box::new(source),
        },
    }
}

/// Looks for a rustls error in a cause chain, including inside (nested) `io::Error`s,
/// whose `source()` skips the error they wrap.
fn find_rustls_error<'a>(err: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    if let Some(tls) = err.downcast_ref::<rustls::Error>() {
        return Some(tls);
    }
    if let Some(inner) = err
        .downcast_ref::<std::io::Error>()
        .and_then(|io| io.get_ref())
    {
        if let Some(tls) = find_rustls_error(inner) {
            return Some(tls);
        }
    }
    err.source().and_then(find_rustls_error)
}
