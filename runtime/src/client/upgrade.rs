//! HTTP/1.1 upgrades (exec, attach): the same credentials, TLS and proxy as
//! every other call, on a connection of their own.

use http::header::AUTHORIZATION;
use http::{Request, StatusCode};

use super::send::api_error;
use super::{build_http, transport_error, Client};
use crate::error::Result;
use crate::remote::RemoteError;

impl Client {
    /// Sends `request` (carrying its `Upgrade` headers) over HTTP/1.1 and
    /// returns the `101 Switching Protocols` answer, ready to be upgraded.
    /// An error status is returned as [`Client::send`] does; a success that
    /// does not switch protocols is an [`Error::Remote`].
    pub(crate) async fn upgrade(&self, request: Request<Vec<u8>>) -> Result<reqwest::Response> {
        let url = self.url_for(request.uri())?;
        let method = request.method().clone();
        let credentials = self.inner.auth.credentials().await?;
        // An exec plugin's certificate, else the configured one.
        let identity = credentials
            .identity
            .as_deref()
            .or(self.inner.config.identity.as_ref());
        let http = build_http(&self.inner.config, identity, true)?;
        let mut headers = request.headers().clone();
        if let Some(auth) = credentials.authorization {
            headers.entry(AUTHORIZATION).or_insert(auth);
        }
        self.add_impersonation(&mut headers)?;
        let response = http
            .request(method.clone(), url.clone())
            .headers(headers)
            .send()
            .await
            .map_err(|source| transport_error(&url, source))?;
        tracing::debug!(%method, %url, status = response.status().as_u16(), "kube upgrade");
        let status = response.status();
        if status.is_success() || status.is_informational() {
            if status != StatusCode::SWITCHING_PROTOCOLS {
                return Err(RemoteError::NotUpgraded {
                    status: status.as_u16(),
                }
                .into());
            }
        } else {
            return Err(api_error(&method, &url, response).await);
        }
        Ok(response)
    }
}
