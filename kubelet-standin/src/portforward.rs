//! `/portForward/{namespace}/{pod}` over WebSocket (`v4.channel.k8s.io`), as
//! the kubelet serves it: port `i` of the `port` query has data channel `2i`
//! and error channel `2i + 1`; the first message on each channel is the port
//! number (two bytes, little-endian). Every forwarded port reaches the
//! stand-in's echo server.

use futures::StreamExt;
use hyper::body::Incoming;
use hyper::header::{HeaderValue, SEC_WEBSOCKET_KEY, SEC_WEBSOCKET_PROTOCOL, UPGRADE};
use hyper::{Request, Response, StatusCode};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

use crate::echo;
use crate::exec::frame;
use crate::websocket::{self, Socket};
use crate::{text, Body, Query};

/// The only protocol the kubelet offers for port forwarding over WebSocket.
const PROTOCOL: &str = "v4.channel.k8s.io";

/// Answers a port-forward request with a WebSocket upgrade.
pub fn respond(req: Request<Incoming>, query: &Query) -> Response<Body> {
    let header = |name| {
        req.headers()
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let is_websocket = header(UPGRADE).is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
    let offers_v4 = header(SEC_WEBSOCKET_PROTOCOL)
        .unwrap_or("")
        .split(',')
        .any(|p| p.trim() == PROTOCOL);
    let (Some(key), true, true) = (header(SEC_WEBSOCKET_KEY), is_websocket, offers_v4) else {
        return text(
            StatusCode::BAD_REQUEST,
            format!("this kubelet forwards ports over WebSocket {PROTOCOL} only"),
        );
    };
    // The API server passes the `ports` of `pods/portforward` on as one
    // `port` of comma-separated numbers.
    let ports: Result<Vec<u16>, _> = query
        .iter()
        .filter(|(k, _)| k == "port" || k == "ports")
        .flat_map(|(_, v)| v.split(','))
        .map(|v| v.parse::<u16>().ok().filter(|p| *p != 0).ok_or(v))
        .collect();
    let ports = match ports {
        Ok(ports) if !ports.is_empty() => ports,
        Ok(_) => return text(StatusCode::BAD_REQUEST, "at least one port is required"),
        Err(bad) => return text(StatusCode::BAD_REQUEST, format!("invalid port {bad:?}")),
    };
    let key = key.to_owned();
    websocket::upgrade(req, &key, PROTOCOL, |ws| forward(ws, ports))
}

/// Connects every port to the echo server and moves data until the client
/// closes the socket or every port's connection has ended.
async fn forward(ws: Socket, ports: Vec<u16>) {
    let (sink, mut source) = ws.split();
    let (out_tx, writer) = websocket::spawn_writer(sink);

    let mut to_ports = Vec::new();
    for (i, port) in ports.iter().enumerate() {
        let data = (2 * i) as u8;
        let out = out_tx.clone();
        let (tx, rx) = mpsc::channel::<bytes::Bytes>(64);
        to_ports.push(tx);
        tokio::spawn(forward_port(*port, data, out, rx));
    }
    drop(out_tx);
    while let Some(Ok(message)) = source.next().await {
        match message {
            Message::Binary(data) => {
                let Some(&channel) = data.first() else {
                    continue;
                };
                let port = usize::from(channel / 2);
                if channel % 2 == 0 && port < to_ports.len() {
                    let _ = to_ports[port].send(data.slice(1..)).await;
                }
            }
            Message::Close(_) => break,
            _ => {}
        }
    }
    // The client is gone: closing the ports' inputs ends their connections.
    drop(to_ports);
    let _ = writer.await;
}

/// One port: its two channels announced, then the echo connection's bytes
/// both ways; a failure to connect is reported on the error channel.
async fn forward_port(
    port: u16,
    data: u8,
    out: mpsc::Sender<Vec<u8>>,
    input: mpsc::Receiver<bytes::Bytes>,
) {
    for channel in [data, data + 1] {
        let _ = out.send(frame(channel, &port.to_le_bytes())).await;
    }
    let mut conn = match echo::connect().await {
        Ok(conn) => conn,
        Err(err) => {
            let message = format!("error forwarding port {port}: {err}");
            let _ = out.send(frame(data + 1, message.as_bytes())).await;
            return;
        }
    };
    echo::pipe(&mut conn, input, &out, |bytes| frame(data, bytes)).await;
}
