//! The kubelet's channel protocol on the client side: every binary message
//! starts with its channel (0 stdin, 1 stdout, 2 stderr, 3 the final
//! `Status`, 4 terminal size); `v5.channel.k8s.io` adds 255, whose message
//! `[255, 0]` tells the process its stdin is closed.

use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use super::exec::{ExitStatus, TerminalSize};
use super::RemoteError;
use crate::error::{Error, Result};
use crate::meta::Status;

const STDIN: u8 = 0;
const STDOUT: u8 = 1;
const STDERR: u8 = 2;
const ERROR: u8 = 3;
const RESIZE: u8 = 4;
const CLOSE: u8 = 255;

/// Most of the final `Status` kept (it is a few hundred bytes).
const STATUS_LIMIT: usize = 64 * 1024;

/// The local ends of the process's streams.
pub(super) struct Pipes {
    pub stdin: Option<DuplexStream>,
    pub stdout: Option<DuplexStream>,
    pub stderr: Option<DuplexStream>,
    pub resize: mpsc::Receiver<TerminalSize>,
    /// Whether `v5.channel.k8s.io` was agreed (stdin can be closed).
    pub v5: bool,
}

/// Moves data between the socket and the pipes until the server closes the
/// connection; returns the exit status it sent.
pub(super) async fn drive<S>(socket: WebSocketStream<S>, mut pipes: Pipes) -> Result<ExitStatus>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let (mut sink, mut source) = socket.split();
    let lost = |e: tokio_tungstenite::tungstenite::Error| Error::from(RemoteError::lost(e));
    let mut status = Vec::new();
    let mut buf = vec![0u8; 32 * 1024];
    let mut resize_open = true;
    loop {
        tokio::select! {
            message = source.next() => match message {
                None | Some(Ok(Message::Close(_))) => break,
                Some(Err(e)) => return Err(lost(e)),
                Some(Ok(Message::Binary(data))) => match data.split_first() {
                    Some((&STDOUT, rest)) => write_to(&mut pipes.stdout, rest).await,
                    Some((&STDERR, rest)) => write_to(&mut pipes.stderr, rest).await,
                    Some((&ERROR, rest)) => {
                        if status.len() + rest.len() > STATUS_LIMIT {
                            return Err(RemoteError::ExitStatusTooLong.into());
                        }
                        status.extend_from_slice(rest);
                    }
                    _ => {}
                },
                Some(Ok(_)) => {}
            },
            read = read_from(&mut pipes.stdin, &mut buf) => match read {
                Ok(n) if n > 0 => sink.send(frame(STDIN, &buf[..n])).await.map_err(lost)?,
                _ => {
                    pipes.stdin = None;
                    if pipes.v5 {
                        sink.send(frame(CLOSE, &[STDIN])).await.map_err(lost)?;
                    }
                }
            },
            size = pipes.resize.recv(), if resize_open => match size {
                Some(size) => {
                    let json = serde_json::to_vec(&size).unwrap_or_default();
                    sink.send(frame(RESIZE, &json)).await.map_err(lost)?;
                }
                None => resize_open = false,
            },
        }
    }
    exit_status(&status)
}

/// A binary message on `channel`.
fn frame(channel: u8, data: &[u8]) -> Message {
    let mut frame = Vec::with_capacity(data.len() + 1);
    frame.push(channel);
    frame.extend_from_slice(data);
    Message::Binary(frame.into())
}

/// Reads stdin while it is open; never completes once it is closed.
async fn read_from(stdin: &mut Option<DuplexStream>, buf: &mut [u8]) -> std::io::Result<usize> {
    match stdin {
        Some(stdin) => stdin.read(buf).await,
        None => std::future::pending().await,
    }
}

/// Writes output to its pipe; a pipe whose reader is gone is closed, and its
/// output discarded.
async fn write_to(pipe: &mut Option<DuplexStream>, data: &[u8]) {
    if let Some(writer) = pipe {
        if writer.write_all(data).await.is_err() {
            *pipe = None;
        }
    }
}

/// Reads the final `Status`: success, a non-zero exit code, or another failure.
pub(super) fn exit_status(status: &[u8]) -> Result<ExitStatus> {
    if status.is_empty() {
        return Err(RemoteError::NoExitStatus.into());
    }
    let status: Status = serde_json::from_slice(status).map_err(|source| Error::Decode {
        what: "the command's exit status".into(),
        source,
    })?;
    if status.status.as_deref() == Some("Success") {
        return Ok(ExitStatus::Success);
    }
    let code = (status.reason.as_deref() == Some("NonZeroExitCode"))
        .then_some(status.details.as_ref())
        .flatten()
        .and_then(|details| {
            details
                .causes
                .iter()
                .find(|c| c.reason.as_deref() == Some("ExitCode"))
        })
        .and_then(|cause| cause.message.as_deref()?.parse().ok());
    Ok(match code {
        Some(code) => ExitStatus::Code(code),
        None => ExitStatus::Failure(Box::new(status)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio_tungstenite::tungstenite::protocol::Role;

    /// A server that sends some stdout and then dies, without a status.
    #[tokio::test]
    async fn a_server_dying_mid_stream_is_an_error_not_a_hang() {
        let (client_end, server_end) = tokio::io::duplex(1024);
        let server = tokio::spawn(async move {
            let mut server = WebSocketStream::from_raw_socket(server_end, Role::Server, None).await;
            server.send(frame(STDOUT, b"partial")).await.unwrap();
            drop(server);
        });
        let client = WebSocketStream::from_raw_socket(client_end, Role::Client, None).await;
        let (mut stdout, stdout_write) = tokio::io::duplex(1024);
        let (_resize, resize) = mpsc::channel(1);
        let pipes = Pipes {
            stdin: None,
            stdout: Some(stdout_write),
            stderr: None,
            resize,
            v5: true,
        };
        let ended = drive(client, pipes).await;
        server.await.unwrap();
        assert!(matches!(ended, Err(Error::Remote(_))), "{ended:?}");
        let mut out = String::new();
        stdout.read_to_string(&mut out).await.unwrap();
        assert_eq!(out, "partial", "output before the drop is kept, then EOF");
    }

    #[test]
    fn statuses_map_to_exit_statuses() {
        assert_eq!(
            exit_status(br#"{"metadata":{},"status":"Success"}"#).unwrap(),
            ExitStatus::Success
        );
        let code = br#"{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}"#;
        assert_eq!(exit_status(code).unwrap(), ExitStatus::Code(3));
        let other =
            br#"{"status":"Failure","reason":"InternalError","message":"no such container"}"#;
        let ExitStatus::Failure(status) = exit_status(other).unwrap() else {
            panic!("expected a failure");
        };
        assert_eq!(status.message.as_deref(), Some("no such container"));
        assert!(matches!(exit_status(b""), Err(Error::Remote(_))));
        assert!(matches!(exit_status(b"{"), Err(Error::Decode { .. })));
    }
}
