//! The WebSocket side shared by exec, attach and port-forward: the upgrade
//! answer, and one task that writes the session's frames and then closes.

use std::future::Future;

use futures::stream::SplitSink;
use futures::SinkExt;
use hyper::body::Incoming;
use hyper::header::{
    HeaderValue, CONNECTION, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_PROTOCOL, UPGRADE,
};
use hyper::upgrade::Upgraded;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, Role};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use crate::{text, Body};

/// The socket a session runs on.
pub type Socket = WebSocketStream<TokioIo<Upgraded>>;

/// Answers `req` (whose `Sec-WebSocket-Key` is `key`) with an upgrade to
/// `protocol`, and runs `session` on the socket once the upgrade is done.
pub fn upgrade<F, Fut>(
    req: Request<Incoming>,
    key: &str,
    protocol: &'static str,
    session: F,
) -> Response<Body>
where
    F: FnOnce(Socket) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send,
{
    let accept = derive_accept_key(key.as_bytes());
    tokio::spawn(async move {
        match hyper::upgrade::on(req).await {
            Ok(upgraded) => {
                let ws =
                    WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None)
                        .await;
                session(ws).await;
            }
            Err(err) => eprintln!("upgrade failed: {err}"),
        }
    });
    let mut response = text(StatusCode::SWITCHING_PROTOCOLS, "");
    let headers = response.headers_mut();
    headers.insert(UPGRADE, HeaderValue::from_static("websocket"));
    headers.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
    headers.insert(SEC_WEBSOCKET_PROTOCOL, HeaderValue::from_static(protocol));
    if let Ok(accept) = HeaderValue::from_str(&accept) {
        headers.insert(SEC_WEBSOCKET_ACCEPT, accept);
    }
    response
}

/// Writes every frame sent on the returned channel as a binary message;
/// when all senders are gone, closes normally (clients treat a close
/// without a code as an error). The handle ends when the socket is closed.
pub fn spawn_writer(
    mut sink: SplitSink<Socket, Message>,
) -> (mpsc::Sender<Vec<u8>>, JoinHandle<()>) {
    let (out_tx, mut out_rx) = mpsc::channel::<Vec<u8>>(64);
    let writer = tokio::spawn(async move {
        while let Some(frame) = out_rx.recv().await {
            if sink.send(Message::Binary(frame.into())).await.is_err() {
                return;
            }
        }
        let close = CloseFrame {
            code: CloseCode::Normal,
            reason: "".into(),
        };
        let _ = sink.send(Message::Close(Some(close))).await;
    });
    (out_tx, writer)
}
