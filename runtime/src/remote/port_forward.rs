//! Port forwarding to a Pod (`pods/portforward`) over WebSocket
//! `v4.channel.k8s.io`, as the kubelet serves it: port `i` has data channel
//! `2i` and error channel `2i + 1`, and each channel's first two bytes are
//! its port number (little-endian). The protocol has no half-close: a
//! forward ends when the connection does.

use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream, WriteHalf};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinSet;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::WebSocketStream;

use super::websocket::open;
use super::RemoteError;
use crate::client::Client;
use crate::error::{Error, PortsProblem, Result};
use crate::resource_client::{PodKind, ResourceClient};

/// The one protocol the kubelet speaks for port forwarding over WebSocket.
const PROTOCOL: &str = "v4.channel.k8s.io";
/// Bytes buffered in each port's pipe before the other side must read.
const PIPE_BUFFER: usize = 64 * 1024;
/// Ports one connection can carry (two channels each, numbered in a byte).
const MAX_PORTS: usize = 128;
/// Bytes of port number that start every channel.
const PORT_PREFIX: usize = 2;

/// A message the server sent on a port's error channel (for example, that
/// nothing listens on it in the Pod).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortError {
    /// The Pod's port.
    pub port: u16,
    /// What the server said.
    pub message: String,
}

/// Ports of a Pod forwarded over one connection: one byte stream per port
/// ([`PortForward::take_stream`]), and the servers' error messages. Read what
/// a port sends while writing to it: a port whose output is not read stops
/// the others once its pipe is full. Dropping the handle closes the connection.
#[derive(Debug)]
pub struct PortForward {
    ports: Vec<u16>,
    streams: Vec<Option<DuplexStream>>,
    errors: mpsc::Receiver<PortError>,
    ended: Option<oneshot::Receiver<Result<()>>>,
    driver: tokio::task::JoinHandle<()>,
}

impl PortForward {
    /// The stream of the Pod's `port`, once; `None` when that port was not
    /// asked for or its stream was already taken.
    pub fn take_stream(&mut self, port: u16) -> Option<DuplexStream> {
        let index = self.ports.iter().position(|p| *p == port)?;
        self.streams[index].take()
    }

    /// The next message from a port's error channel; `None` once the
    /// connection has ended.
    pub async fn next_error(&mut self) -> Option<PortError> {
        self.errors.recv().await
    }

    /// Waits for the connection to end: `Ok` when the server closed it, an
    /// error when it broke. A second call is an error too.
    pub async fn join(&mut self) -> Result<()> {
        let ended = self.ended.take().ok_or(RemoteError::AlreadyTaken {
            what: "forward's end",
        })?;
        ended
            .await
            .unwrap_or_else(|_| Err(RemoteError::TaskEnded.into()))
    }
}

impl Drop for PortForward {
    fn drop(&mut self) {
        self.driver.abort();
    }
}

impl<K: PodKind> ResourceClient<K> {
    /// `{collection}/{name}/portforward?ports=...`: forwards the Pod's
    /// `ports` over one connection, a byte stream each.
    pub async fn port_forward(&self, name: &str, ports: &[u16]) -> Result<PortForward> {
        let path = self.requests().path().subresource(name, "portforward")?;
        port_forward(self.client(), &path, ports).await
    }
}

/// The `ports` query of `pods/portforward`; at least one port, none zero.
fn ports_query(ports: &[u16]) -> Result<Vec<(&'static str, String)>> {
    if ports.is_empty() {
        return Err(Error::InvalidPorts {
            problem: PortsProblem::Empty,
        });
    }
    if ports.len() > MAX_PORTS {
        return Err(Error::InvalidPorts {
            problem: PortsProblem::TooMany {
                count: ports.len(),
                max: MAX_PORTS,
            },
        });
    }
    if ports.contains(&0) {
        return Err(Error::InvalidPorts {
            problem: PortsProblem::Zero,
        });
    }
    Ok(ports.iter().map(|p| ("ports", p.to_string())).collect())
}

/// Forwards `ports` of the Pod at `path` (`.../pods/{name}/portforward`).
pub(crate) async fn port_forward(
    client: &Client,
    path: &str,
    ports: &[u16],
) -> Result<PortForward> {
    let query = ports_query(ports)?;
    let (socket, _) = open(client, path, query, &[PROTOCOL]).await?;
    Ok(start(socket, ports))
}

/// Starts moving data for a connected socket and returns the handle.
fn start<S>(socket: WebSocketStream<S>, ports: &[u16]) -> PortForward
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (streams, ours): (Vec<_>, Vec<_>) = ports
        .iter()
        .map(|_| {
            let (theirs, ours) = tokio::io::duplex(PIPE_BUFFER);
            (Some(theirs), ours)
        })
        .unzip();
    let (errors_tx, errors) = mpsc::channel(16);
    let (ended_tx, ended) = oneshot::channel();
    let ports_owned = ports.to_vec();
    let driver = tokio::spawn(async move {
        let _ = ended_tx.send(drive(socket, &ports_owned, ours, errors_tx).await);
    });
    PortForward {
        ports: ports.to_vec(),
        streams,
        errors,
        ended: Some(ended),
        driver,
    }
}

/// Moves data between the socket and the ports' pipes until the server
/// closes the connection.
async fn drive<S>(
    socket: WebSocketStream<S>,
    ports: &[u16],
    pipes: Vec<DuplexStream>,
    errors: mpsc::Sender<PortError>,
) -> Result<()>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let (mut sink, mut source) = socket.split();
    let lost = |e: tokio_tungstenite::tungstenite::Error| Error::from(RemoteError::lost(e));
    // Reading the pipes in tasks of their own merges them into one queue;
    // the tasks end with this function.
    let (read_tx, mut reads) = mpsc::channel::<(usize, Vec<u8>)>(16);
    let mut readers = JoinSet::new();
    let mut writers: Vec<Option<WriteHalf<DuplexStream>>> = Vec::new();
    for (index, pipe) in pipes.into_iter().enumerate() {
        let (mut read, write) = tokio::io::split(pipe);
        writers.push(Some(write));
        let read_tx = read_tx.clone();
        readers.spawn(async move {
            let mut buf = vec![0u8; 32 * 1024];
            while let Ok(n @ 1..) = read.read(&mut buf).await {
                if read_tx.send((index, buf[..n].to_vec())).await.is_err() {
                    return;
                }
            }
        });
    }
    drop(read_tx);
    let mut prefix_left = vec![PORT_PREFIX; 2 * ports.len()];
    loop {
        tokio::select! {
            message = source.next() => match message {
                None | Some(Ok(Message::Close(_))) => break,
                Some(Err(e)) => return Err(lost(e)),
                Some(Ok(Message::Binary(data))) => {
                    let Some((&channel, rest)) = data.split_first() else { continue };
                    let channel = usize::from(channel);
                    let Some(left) = prefix_left.get_mut(channel) else { continue };
                    let skip = (*left).min(rest.len());
                    *left -= skip;
                    let rest = &rest[skip..];
                    if rest.is_empty() {
                        continue;
                    }
                    let index = channel / 2;
                    if channel % 2 == 0 {
                        write_to(&mut writers[index], rest).await;
                    } else {
                        let message = String::from_utf8_lossy(rest).into_owned();
                        let _ = errors.try_send(PortError { port: ports[index], message });
                    }
                }
                Some(Ok(_)) => {}
            },
            Some((index, data)) = reads.recv() => {
                sink.send(frame(2 * index, &data)).await.map_err(lost)?;
            }
        }
    }
    Ok(())
}

/// A binary message on `channel` (below `2 * MAX_PORTS`, so it fits a byte).
fn frame(channel: usize, data: &[u8]) -> Message {
    let mut frame = Vec::with_capacity(data.len() + 1);
    frame.push(channel as u8);
    frame.extend_from_slice(data);
    Message::Binary(frame.into())
}

/// Writes a port's data to its pipe; a pipe whose reader is gone is closed,
/// and its data discarded.
async fn write_to(pipe: &mut Option<WriteHalf<DuplexStream>>, data: &[u8]) {
    if let Some(writer) = pipe {
        if writer.write_all(data).await.is_err() {
            *pipe = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio_tungstenite::tungstenite::protocol::Role;

    fn binary(channel: u8, data: &[u8]) -> Message {
        let mut frame = vec![channel];
        frame.extend_from_slice(data);
        Message::Binary(frame.into())
    }

    /// A server for ports 80 and 443 that announces both, answers on 443,
    /// reports an error on 80, and then dies without closing.
    #[tokio::test]
    async fn ports_get_their_own_bytes_and_errors_and_a_dying_server_ends_the_forward() {
        let (client_end, server_end) = tokio::io::duplex(1024);
        let server = tokio::spawn(async move {
            let mut server = WebSocketStream::from_raw_socket(server_end, Role::Server, None).await;
            for (channel, port) in [(0u8, 80u16), (1, 80), (2, 443), (3, 443)] {
                server
                    .send(binary(channel, &port.to_le_bytes()))
                    .await
                    .unwrap();
            }
            let Some(Ok(Message::Binary(sent))) = server.next().await else {
                panic!("expected data");
            };
            assert_eq!(&sent[..], b"\x02hello 443");
            server.send(binary(2, b"answer")).await.unwrap();
            server.send(binary(1, b"refused")).await.unwrap();
            drop(server);
        });
        let client = WebSocketStream::from_raw_socket(client_end, Role::Client, None).await;
        let mut forward = start(client, &[80, 443]);
        let mut tls = forward.take_stream(443).unwrap();
        assert!(forward.take_stream(443).is_none(), "taken once");
        assert!(forward.take_stream(22).is_none(), "not forwarded");
        tls.write_all(b"hello 443").await.unwrap();
        let mut answer = [0u8; 6];
        tls.read_exact(&mut answer).await.unwrap();
        assert_eq!(&answer, b"answer", "the port prefix is not data");
        let error = forward.next_error().await.unwrap();
        assert_eq!(
            error,
            PortError {
                port: 80,
                message: "refused".into()
            }
        );
        server.await.unwrap();
        assert!(matches!(forward.join().await, Err(Error::Remote(_))));
        assert!(forward.next_error().await.is_none());
        let mut rest = Vec::new();
        tls.read_to_end(&mut rest).await.unwrap();
        assert!(rest.is_empty(), "EOF once the connection is gone");
    }

    #[test]
    fn bad_port_lists_are_request_errors() {
        let problem = |ports: &[u16]| match ports_query(ports) {
            Err(Error::InvalidPorts { problem }) => Some(problem),
            _ => None,
        };
        assert_eq!(problem(&[]), Some(PortsProblem::Empty));
        assert_eq!(problem(&[80, 0]), Some(PortsProblem::Zero));
        assert_eq!(
            problem(&[1; 129]),
            Some(PortsProblem::TooMany {
                count: 129,
                max: MAX_PORTS
            })
        );
        assert_eq!(
            ports_query(&[80, 443]).unwrap(),
            [("ports", "80".to_string()), ("ports", "443".to_string())]
        );
    }
}
