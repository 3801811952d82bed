//! `/portForward/{namespace}/{pod}` over SPDY/3.1 (`portforward.k8s.io`),
//! which kubectl falls back to when the WebSocket tunnel is refused: every
//! forwarded connection is a pair of streams the client opens with the same
//! `requestID`, an `error` stream and then a `data` stream, for its `port`.
//! The data stream reaches the stand-in's echo server; when the echo
//! connection ends both streams are finished.

use std::collections::HashMap;

use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONNECTION, UPGRADE};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

use crate::spdy::{self, Frame};
use crate::{echo, text, Body};

/// The upgrade kubectl asks for.
pub const SPDY: &str = "SPDY/3.1";
/// The port-forward protocol's version header and its one version.
const VERSION_HEADER: &str = "X-Stream-Protocol-Version";
const VERSION: &str = "portforward.k8s.io";

/// Answers a SPDY port-forward request with the upgrade.
pub fn respond(req: Request<Incoming>) -> Response<Body> {
    let offered = req
        .headers()
        .get_all(VERSION_HEADER)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim() == VERSION);
    if !offered {
        return text(
            StatusCode::FORBIDDEN,
            format!("the client offers no supported protocol; supported: {VERSION}"),
        );
    }
    tokio::spawn(async move {
        match hyper::upgrade::on(req).await {
            Ok(upgraded) => session(TokioIo::new(upgraded)).await,
            Err(err) => eprintln!("upgrade failed: {err}"),
        }
    });
    let mut response = text(StatusCode::SWITCHING_PROTOCOLS, "");
    let headers = response.headers_mut();
    headers.insert(UPGRADE, HeaderValue::from_static(SPDY));
    headers.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
    headers.insert(VERSION_HEADER, HeaderValue::from_static(VERSION));
    response
}

/// Serves one connection's streams until the client leaves.
async fn session<S>(io: S)
where
    S: AsyncRead + AsyncWrite + Send + 'static,
{
    let (read, mut write) = tokio::io::split(io);
    let (out, mut frames) = mpsc::channel::<Vec<u8>>(64);
    let writer = tokio::spawn(async move {
        while let Some(frame) = frames.recv().await {
            if write.write_all(&frame).await.is_err() {
                return;
            }
        }
        let _ = write.shutdown().await;
    });
    let mut reader = spdy::Reader::new(read);
    let mut replies = spdy::Writer::default();
    // Error streams waiting for their data stream, by request id.
    let mut error_streams: HashMap<String, u32> = HashMap::new();
    // Data streams' inputs, by stream id.
    let mut inputs: HashMap<u32, mpsc::Sender<Vec<u8>>> = HashMap::new();
    loop {
        let frame = match reader.next().await {
            Ok(Some(frame)) => frame,
            Ok(None) => break,
            Err(err) => {
                eprintln!("port-forward over SPDY: {err}");
                break;
            }
        };
        match frame {
            Frame::SynStream { id, headers } => {
                if out.send(replies.syn_reply(id)).await.is_err() {
                    break;
                }
                let header = |name: &str| {
                    headers
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default()
                };
                let request = header("requestid");
                match header("streamtype").as_str() {
                    "error" => {
                        error_streams.insert(request, id);
                    }
                    "data" => {
                        let (input, receiver) = mpsc::channel(64);
                        inputs.insert(id, input);
                        let error = error_streams.remove(&request);
                        let port = header("port");
                        tokio::spawn(forward(id, error, port, out.clone(), receiver));
                    }
                    _ => {}
                }
            }
            Frame::Data { id, fin, data } => {
                if let Some(input) = inputs.get(&id) {
                    if !data.is_empty() && input.send(data).await.is_err() {
                        inputs.remove(&id);
                    }
                }
                if fin {
                    inputs.remove(&id);
                }
            }
            Frame::Reset { id } => {
                inputs.remove(&id);
            }
            Frame::Ping(payload) => {
                let _ = out.send(spdy::ping(&payload)).await;
            }
            Frame::Other => {}
        }
    }
    drop((inputs, out));
    let _ = writer.await;
}

/// One forwarded connection: the data stream to and from an echo
/// connection, then both streams finished (an error first, if any).
async fn forward(
    data: u32,
    error: Option<u32>,
    port: String,
    out: mpsc::Sender<Vec<u8>>,
    input: mpsc::Receiver<Vec<u8>>,
) {
    match echo::connect().await {
        Ok(mut conn) => {
            echo::pipe(&mut conn, input, &out, |bytes| {
                spdy::data(data, false, bytes)
            })
            .await;
        }
        Err(err) => {
            if let Some(error) = error {
                let message = format!("error forwarding port {port}: {err}");
                let _ = out.send(spdy::data(error, false, message.as_bytes())).await;
            }
        }
    }
    for stream in std::iter::once(data).chain(error) {
        let _ = out.send(spdy::data(stream, true, &[])).await;
    }
}
