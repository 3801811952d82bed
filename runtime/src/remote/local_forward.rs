//! Local TCP ports forwarded to a Pod's ports, as `kubectl port-forward`
//! does: every connection accepted on a local port is a new forward of its
//! Pod port, for as long as both ends keep it open.

use std::net::SocketAddr;

use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

use super::port_forward::port_forward;
use crate::client::Client;
use crate::error::{Error, PortsProblem, Result};
use crate::resource_client::{PodKind, ResourceClient};

/// Listening local ports; dropping it stops listening and closes the
/// connections it forwards.
#[derive(Debug)]
pub struct LocalForward {
    addresses: Vec<(SocketAddr, u16)>,
    _tasks: JoinSet<()>,
}

impl LocalForward {
    /// The local address of every `(local, remote)` pair asked for, in order,
    /// with its Pod port (a local port 0 is the one the system picked).
    pub fn addresses(&self) -> &[(SocketAddr, u16)] {
        &self.addresses
    }

    /// The local address that forwards to the Pod's `remote` port.
    pub fn local_addr(&self, remote: u16) -> Option<SocketAddr> {
        self.addresses
            .iter()
            .find(|(_, r)| *r == remote)
            .map(|(local, _)| *local)
    }
}

impl<K: PodKind> ResourceClient<K> {
    /// Listens on `127.0.0.1:{local}` for every `(local, remote)` pair (local
    /// 0 picks a free port) and forwards each connection accepted there to
    /// the Pod's `remote` port, a `{collection}/{name}/portforward` each.
    pub async fn forward_local_ports(
        &self,
        name: &str,
        pairs: &[(u16, u16)],
    ) -> Result<LocalForward> {
        let path = self.requests().path().subresource(name, "portforward")?;
        listen(self.client(), &path, pairs).await
    }
}

/// Listens on `127.0.0.1:{local}` for every `(local, remote)` pair and
/// forwards each accepted connection to `remote` of the Pod at `path`.
pub(crate) async fn listen(
    client: &Client,
    path: &str,
    pairs: &[(u16, u16)],
) -> Result<LocalForward> {
    if pairs.is_empty() {
        return Err(Error::InvalidPorts {
            problem: PortsProblem::Empty,
        });
    }
    let mut addresses = Vec::new();
    let mut tasks = JoinSet::new();
    for &(local, remote) in pairs {
        if remote == 0 {
            return Err(Error::InvalidPorts {
                problem: PortsProblem::Zero,
            });
        }
        let listener = TcpListener::bind(("127.0.0.1", local))
            .await
            .map_err(|source| Error::Listen {
                address: format!("127.0.0.1:{local}"),
                source,
            })?;
        let address = listener.local_addr().map_err(|source| Error::Listen {
            address: format!("127.0.0.1:{local}"),
            source,
        })?;
        addresses.push((address, remote));
        tasks.spawn(accept(listener, client.clone(), path.to_string(), remote));
    }
    Ok(LocalForward {
        addresses,
        _tasks: tasks,
    })
}

/// Accepts connections until dropped; their forwards end with it.
async fn accept(listener: TcpListener, client: Client, path: String, remote: u16) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((conn, _)) => {
                    connections.spawn(forward(conn, client.clone(), path.clone(), remote));
                }
                Err(err) => tracing::warn!(error = %err, "port-forward: accepting a connection"),
            },
            // Reaps finished connections so the set does not grow.
            Some(_) = connections.join_next() => {}
        }
    }
}

/// One local connection forwarded to `remote`, until either end closes it
/// or the server reports an error on the port.
async fn forward(mut conn: TcpStream, client: Client, path: String, remote: u16) {
    let mut forward = match port_forward(&client, &path, &[remote]).await {
        Ok(forward) => forward,
        Err(err) => return tracing::warn!(error = %err, port = remote, "port-forward"),
    };
    let Some(mut stream) = forward.take_stream(remote) else {
        return;
    };
    tokio::select! {
        copied = tokio::io::copy_bidirectional(&mut conn, &mut stream) => {
            if let Err(err) = copied {
                tracing::debug!(error = %err, port = remote, "port-forward connection ended");
            }
        }
        Some(error) = forward.next_error() => {
            tracing::warn!(port = error.port, message = %error.message, "port-forward");
        }
    }
}
