//! The echo server behind every forwarded container port: what a client
//! sends comes back byte for byte.

use std::net::SocketAddr;
use std::sync::OnceLock;

use tokio::net::{TcpListener, TcpStream};

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
