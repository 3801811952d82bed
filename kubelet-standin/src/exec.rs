//! `/exec` and `/attach` over WebSocket, in the kubelet's channel protocol
//! (`v5.channel.k8s.io`, `v4.channel.k8s.io`): every binary message starts
//! with its channel: 0 stdin, 1 stdout, 2 stderr, 3 error (a `Status` when the
//! process ends), 4 resize; v5 adds 255, whose message `[255, 0]` closes stdin.

use bytes::Bytes;
use futures::StreamExt;
use hyper::body::Incoming;
use hyper::header::{HeaderValue, SEC_WEBSOCKET_KEY, SEC_WEBSOCKET_PROTOCOL, UPGRADE};
use hyper::{Request, Response, StatusCode};
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::Message;

use crate::shell::{self, Io};
use crate::websocket::{self, Socket};
use crate::{flag, text, Body, Query, Target};

/// Channel numbers of the protocol.
pub const STDIN: u8 = 0;
/// Standard output.
pub const STDOUT: u8 = 1;
/// Standard error.
pub const STDERR: u8 = 2;
/// The final `Status`.
const ERROR: u8 = 3;
/// Terminal size changes, `{"Width":W,"Height":H}`.
const RESIZE: u8 = 4;
/// v5 only: `[255, channel]` closes that channel.
const CLOSE: u8 = 255;

/// Protocols we speak, in our order of preference.
const PROTOCOLS: [&str; 2] = ["v5.channel.k8s.io", "v4.channel.k8s.io"];

/// The protocols accepted, when `--exec-protocols` names fewer.
static ACCEPTED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();

/// Accepts only `protocols` (each one of [`PROTOCOLS`]) from now on.
pub fn accept_only(protocols: Vec<String>) -> Result<(), String> {
    let known = protocols
        .iter()
        .map(|p| PROTOCOLS.into_iter().find(|known| known == p).ok_or(p))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|p| format!("--exec-protocols: unknown protocol {p:?}"))?;
    ACCEPTED
        .set(known)
        .map_err(|_| "--exec-protocols given twice".to_string())
}

/// Answers an exec (or, with `attach`, an attach) request with a WebSocket upgrade.
pub fn respond(
    req: Request<Incoming>,
    target: Target,
    query: &Query,
    attach: bool,
) -> Response<Body> {
    let header = |name| {
        req.headers()
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let is_websocket = header(UPGRADE).is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
    let (Some(key), true) = (header(SEC_WEBSOCKET_KEY), is_websocket) else {
        return text(
            StatusCode::BAD_REQUEST,
            "this kubelet speaks WebSocket only (v5.channel.k8s.io, v4.channel.k8s.io)",
        );
    };
    let offered: Vec<&str> = header(SEC_WEBSOCKET_PROTOCOL)
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .collect();
    let accepted = ACCEPTED.get().map_or(&PROTOCOLS[..], Vec::as_slice);
    let Some(protocol) = offered.iter().find(|p| accepted.contains(p)).copied() else {
        return text(
            StatusCode::BAD_REQUEST,
            format!(
                "no supported protocol offered; supported: {}",
                accepted.join(", ")
            ),
        );
    };
    let command: Vec<String> = query
        .iter()
        .filter(|(k, _)| k == "command")
        .map(|(_, v)| v.clone())
        .collect();
    if !attach && command.is_empty() {
        return text(
            StatusCode::BAD_REQUEST,
            "you must specify at least 1 command",
        );
    }
    let session = Session {
        target,
        command,
        attach,
        tty: flag(query, "tty"),
        // The API server passes `stdin` on as the kubelet's `input`.
        stdin: flag(query, "input") || flag(query, "stdin"),
        v5: protocol == PROTOCOLS[0],
    };
    let protocol = if session.v5 {
        PROTOCOLS[0]
    } else {
        PROTOCOLS[1]
    };
    let key = key.to_owned();
    websocket::upgrade(req, &key, protocol, |ws| session.run(ws))
}

/// One exec or attach: the scripted process and its streams.
struct Session {
    target: Target,
    command: Vec<String>,
    attach: bool,
    tty: bool,
    stdin: bool,
    v5: bool,
}

impl Session {
    async fn run(self, ws: Socket) {
        let (sink, mut source) = ws.split();
        let (out_tx, writer) = websocket::spawn_writer(sink);

        let (stdin_tx, stdin_rx) = mpsc::channel::<Bytes>(64);
        let (gone_tx, gone_rx) = oneshot::channel::<()>();
        // Weak, so the writer ends (and closes the socket) once the process has.
        let (tty, v5, resize_out) = (self.tty, self.v5, out_tx.downgrade());
        let mut stdin_tx = self.stdin.then_some(stdin_tx);
        tokio::spawn(async move {
            while let Some(Ok(message)) = source.next().await {
                let Message::Binary(data) = message else {
                    if matches!(message, Message::Close(_)) {
                        break;
                    }
                    continue;
                };
                match data.first() {
                    Some(&STDIN) => {
                        if let Some(tx) = &stdin_tx {
                            let _ = tx.send(data.slice(1..)).await;
                        }
                    }
                    Some(&RESIZE) if tty => {
                        let size: serde_json::Value =
                            serde_json::from_slice(&data[1..]).unwrap_or_default();
                        let note =
                            format!("\r\n[terminal {}x{}]\r\n", size["Width"], size["Height"]);
                        if let Some(out) = resize_out.upgrade() {
                            let _ = out.send(frame(STDOUT, note.as_bytes())).await;
                        }
                    }
                    Some(&CLOSE) if v5 && data.get(1) == Some(&STDIN) => stdin_tx = None,
                    _ => {}
                }
            }
            drop(stdin_tx);
            let _ = gone_tx.send(());
        });

        let io = Io {
            stdin: stdin_rx,
            out: out_tx.clone(),
            tty: self.tty,
        };
        let argv = if self.attach {
            vec!["cat".to_string()]
        } else {
            self.command.clone()
        };
        let code = tokio::select! {
            code = shell::run(&argv, &self.target, io) => code,
            _ = gone_rx => return writer.abort(),
        };
        let _ = out_tx.send(frame(ERROR, &status(&argv, code))).await;
        drop(out_tx);
        let _ = writer.await;
    }
}

/// A message on `channel`.
pub fn frame(channel: u8, data: &[u8]) -> Vec<u8> {
    let mut frame = Vec::with_capacity(data.len() + 1);
    frame.push(channel);
    frame.extend_from_slice(data);
    frame
}

/// The `Status` the kubelet sends when the process ends.
fn status(argv: &[String], code: i32) -> Vec<u8> {
    let status = if code == 0 {
        serde_json::json!({"metadata": {}, "status": "Success"})
    } else {
        serde_json::json!({
            "metadata": {},
            "status": "Failure",
            "message": format!("command terminated with non-zero exit code: error executing command {argv:?}, exit code {code}"),
            "reason": "NonZeroExitCode",
            "details": {"causes": [{"reason": "ExitCode", "message": code.to_string()}]},
        })
    };
    status.to_string().into_bytes()
}
