//! The echo server behind every forwarded container port: what a client
//! sends comes back byte for byte.

use std::net::SocketAddr;
use std::sync::OnceLock;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// Where the echo server listens, once started.
static ECHO: OnceLock<SocketAddr> = OnceLock::new();

/// Starts the echo server on a free port of 127.0.0.1.
pub async fn start() -> Result<(), String> {
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .await
        .map_err(|e| format!("binding the echo server: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    ECHO.set(addr).map_err(|_| "the echo server runs already")?;
    tokio::spawn(async move {
        while let Ok((mut conn, _)) = listener.accept().await {
            tokio::spawn(async move {
                let (mut read, mut write) = conn.split();
                let _ = tokio::io::copy(&mut read, &mut write).await;
            });
        }
    });
    Ok(())
}

/// A new connection to the echo server, as a container port's would be.
pub async fn connect() -> Result<TcpStream, String> {
    let addr = ECHO.get().ok_or("the echo server is not running")?;
    TcpStream::connect(addr).await.map_err(|e| e.to_string())
}

/// Carries a forwarded port's bytes both ways until either side ends: what
/// arrives on `input` goes to `conn`, and what `conn` answers goes to `out`,
/// each chunk wrapped by `frame` in the protocol's framing.
pub async fn pipe<B: AsRef<[u8]>>(
    conn: &mut TcpStream,
    mut input: mpsc::Receiver<B>,
    out: &mpsc::Sender<Vec<u8>>,
    frame: impl Fn(&[u8]) -> Vec<u8>,
) {
    let (mut read, mut write) = conn.split();
    let upstream = async {
        while let Some(bytes) = input.recv().await {
            if write.write_all(bytes.as_ref()).await.is_err() {
                break;
            }
        }
        let _ = write.shutdown().await;
    };
    let downstream = async {
        let mut buf = vec![0u8; 32 * 1024];
        while let Ok(n @ 1..) = read.read(&mut buf).await {
            if out.send(frame(&buf[..n])).await.is_err() {
                break;
            }
        }
    };
    tokio::join!(upstream, downstream);
}
