//! HTTP/1.1 upgrades (exec, attach, port-forward): the same steps as every
//! other call (rate limit, credentials and the retry after a 401, metrics,
//! TLS and proxy), on a connection of their own.

use http::{Request, StatusCode};

use super::send::Answer;
use super::{build_http, Client};
use crate::config::Identity;
use crate::error::Result;
use crate::remote::RemoteError;

impl Client {
    /// Sends `request` (carrying its `Upgrade` headers) over HTTP/1.1 and
    /// returns the `101 Switching Protocols` answer, ready to be upgraded.
    /// An error status is returned as [`Client::send`] does; a success that
    /// does not switch protocols is an [`Error::Remote`](crate::Error::Remote).
    pub(crate) async fn upgrade(&self, request: Request<Vec<u8>>) -> Result<reqwest::Response> {
        let (_, _, response) = self.execute(&request, Answer::Upgrade).await?;
        let status = response.status();
        if status != StatusCode::SWITCHING_PROTOCOLS {
            return Err(RemoteError::NotUpgraded {
                status: status.as_u16(),
            }
            .into());
        }
        Ok(response)
    }

    /// A reqwest client for one upgrade: HTTP/1.1 only, with an exec
    /// plugin's certificate, else the configured one.
    pub(super) fn upgrade_http(&self, plugin: Option<&Identity>) -> Result<reqwest::Client> {
        let identity = plugin.or(self.inner.config.identity.as_ref());
        build_http(&self.inner.config, identity, true)
    }
}
