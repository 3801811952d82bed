//! The WebSocket handshake of exec, attach and port-forward: an HTTP/1.1
//! upgrade through the client's own TLS, auth and proxy settings.

use base64::Engine;
use http::header::{
    CONNECTION, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_KEY, SEC_WEBSOCKET_PROTOCOL,
    SEC_WEBSOCKET_VERSION, UPGRADE,
};
use http::{HeaderValue, Method};
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;
use tokio_tungstenite::WebSocketStream;

use super::RemoteError;
use crate::client::{transport_error, Client};
use crate::error::{Error, Result};

/// An open socket and the protocol the server chose from those offered.
pub(super) type Socket = (WebSocketStream<reqwest::Upgraded>, &'static str);

/// `GET path?query` upgraded to a WebSocket speaking one of `protocols`
/// (preferred first).
pub(super) async fn open(
    client: &Client,
    path: &str,
    query: Vec<(&'static str, String)>,
    protocols: &[&'static str],
) -> Result<Socket> {
    let mut request = crate::request::build(Method::GET, path, query, None, "")?;
    let key = base64::engine::general_purpose::STANDARD.encode(fastrand::u128(..).to_le_bytes());
    let headers = request.headers_mut();
    headers.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
    headers.insert(UPGRADE, HeaderValue::from_static("websocket"));
    headers.insert(SEC_WEBSOCKET_VERSION, HeaderValue::from_static("13"));
    headers.insert(
        SEC_WEBSOCKET_PROTOCOL,
        HeaderValue::from_str(&protocols.join(", ")).map_err(|_| Error::InvalidHeader {
            header: "Sec-WebSocket-Protocol",
            value: protocols.join(", "),
        })?,
    );
    headers.insert(
        SEC_WEBSOCKET_KEY,
        HeaderValue::from_str(&key).map_err(|_| Error::InvalidHeader {
            header: "Sec-WebSocket-Key",
            value: key.clone(),
        })?,
    );
    let response = client.upgrade(request).await?;
    let header = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if header(SEC_WEBSOCKET_ACCEPT) != Some(derive_accept_key(key.as_bytes()).as_str()) {
        return Err(RemoteError::HandshakeMismatch.into());
    }
    let chosen = header(SEC_WEBSOCKET_PROTOCOL).unwrap_or_default();
    let Some(protocol) = protocols.iter().find(|p| **p == chosen).copied() else {
        return Err(RemoteError::UnsupportedProtocol {
            protocol: chosen.to_owned(),
        }
        .into());
    };
    let url = response.url().clone();
    let upgraded = response
        .upgrade()
        .await
        .map_err(|e| transport_error(&url, e))?;
    let socket = WebSocketStream::from_raw_socket(upgraded, Role::Client, None).await;
    Ok((socket, protocol))
}
