//! `exec` and `attach` on a Pod: the request and the [`Process`] handle.

use serde::Serialize;
use tokio::io::DuplexStream;
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::WebSocketStream;

use super::channel::{drive, Pipes};
use super::websocket::open;
use super::RemoteError;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::meta::Status;
use crate::resource_client::{PodKind, ResourceClient};

/// The protocols offered, preferred first: v5 can close stdin, v4 cannot.
const PROTOCOLS: [&str; 2] = ["v5.channel.k8s.io", "v4.channel.k8s.io"];
/// Bytes buffered in each stream's pipe before the other side must read.
const PIPE_BUFFER: usize = 64 * 1024;

/// Which streams to open, and whether the container gets a terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExecOptions {
    /// The container; may be left out when the Pod has only one.
    pub container: Option<String>,
    /// Open stdin ([`Process::stdin`]).
    pub stdin: bool,
    /// Open stdout ([`Process::stdout`]).
    pub stdout: bool,
    /// Open stderr ([`Process::stderr`]); with a terminal it is merged into stdout.
    pub stderr: bool,
    /// Give the process a terminal ([`Process::resize`] sets its size).
    pub tty: bool,
}

impl Default for ExecOptions {
    /// stdout and stderr, no stdin, no terminal.
    fn default() -> Self {
        Self {
            container: None,
            stdin: false,
            stdout: true,
            stderr: true,
            tty: false,
        }
    }
}

impl ExecOptions {
    /// Runs in `name` (needed when the Pod has more than one container).
    pub fn container(mut self, name: impl Into<String>) -> Self {
        self.container = Some(name.into());
        self
    }

    /// Opens or closes stdin.
    pub fn stdin(mut self, open: bool) -> Self {
        self.stdin = open;
        self
    }

    /// Opens or closes stdout.
    pub fn stdout(mut self, open: bool) -> Self {
        self.stdout = open;
        self
    }

    /// Opens or closes stderr.
    pub fn stderr(mut self, open: bool) -> Self {
        self.stderr = open;
        self
    }

    /// Gives the process a terminal, or not.
    pub fn tty(mut self, tty: bool) -> Self {
        self.tty = tty;
        self
    }
}

/// A terminal size, sent on the resize channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TerminalSize {
    /// Columns.
    #[serde(rename = "Width")]
    pub width: u16,
    /// Rows.
    #[serde(rename = "Height")]
    pub height: u16,
}

/// How a remote command ended.
#[derive(Debug, Clone, PartialEq)]
pub enum ExitStatus {
    /// Exit code 0.
    Success,
    /// A non-zero exit code.
    Code(i32),
    /// Another failure, as the server described it.
    Failure(Box<Status>),
}

/// A command running in a container. Read stdout and stderr while writing
/// stdin (as with any child process, output that is not read stops the
/// command once the pipes are full). Dropping the handle closes the connection.
#[derive(Debug)]
pub struct Process {
    /// The command's stdin, when asked for; drop or shut it down to close it.
    pub stdin: Option<DuplexStream>,
    /// The command's stdout, when asked for.
    pub stdout: Option<DuplexStream>,
    /// The command's stderr, when asked for (and there is no terminal).
    pub stderr: Option<DuplexStream>,
    protocol: &'static str,
    resize: mpsc::Sender<TerminalSize>,
    status: Option<oneshot::Receiver<Result<ExitStatus>>>,
    driver: tokio::task::JoinHandle<()>,
}

impl Process {
    /// The channel protocol the server chose.
    pub fn protocol(&self) -> &str {
        self.protocol
    }

    /// Sets the terminal's size (meaningful with [`ExecOptions::tty`]).
    pub async fn resize(&self, size: TerminalSize) -> Result<()> {
        self.resize
            .send(size)
            .await
            .map_err(|_| RemoteError::Ended.into())
    }

    /// Waits for the command to end and returns how it ended; an error when
    /// the connection broke first. A second call is an error too.
    pub async fn wait(&mut self) -> Result<ExitStatus> {
        let status = self.status.take().ok_or(RemoteError::AlreadyTaken {
            what: "exit status",
        })?;
        status
            .await
            .unwrap_or_else(|_| Err(RemoteError::TaskEnded.into()))
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.driver.abort();
    }
}

impl<K: PodKind> ResourceClient<K> {
    /// `{collection}/{name}/exec`: runs `command` in a container of the Pod.
    pub async fn exec<S: AsRef<str>>(
        &self,
        name: &str,
        command: &[S],
        options: &ExecOptions,
    ) -> Result<Process> {
        let path = self.requests().path().subresource(name, "exec")?;
        connect(self.client(), &path, command_query(command)?, options).await
    }

    /// `{collection}/{name}/attach`: connects to the streams of the
    /// container's running process.
    pub async fn attach(&self, name: &str, options: &ExecOptions) -> Result<Process> {
        let path = self.requests().path().subresource(name, "attach")?;
        connect(self.client(), &path, Vec::new(), options).await
    }
}

/// The `command` query parameters; a command cannot be empty.
pub(crate) fn command_query<S: AsRef<str>>(command: &[S]) -> Result<Vec<(&'static str, String)>> {
    if command.is_empty() {
        return Err(Error::EmptyCommand);
    }
    Ok(command
        .iter()
        .map(|c| ("command", c.as_ref().to_string()))
        .collect())
}

/// Opens an exec or attach stream at `path` (`.../pods/{name}/exec`).
pub(crate) async fn connect(
    client: &Client,
    path: &str,
    mut query: Vec<(&'static str, String)>,
    options: &ExecOptions,
) -> Result<Process> {
    if let Some(container) = &options.container {
        query.push(("container", container.clone()));
    }
    for (flag, on) in [
        ("stdin", options.stdin),
        ("stdout", options.stdout),
        ("stderr", options.stderr && !options.tty),
        ("tty", options.tty),
    ] {
        if on {
            query.push((flag, "true".into()));
        }
    }
    let (socket, protocol) = open(client, path, query, &PROTOCOLS).await?;
    Ok(start(socket, protocol, options))
}

/// Starts moving data for a connected socket and returns the handle.
fn start<S>(socket: WebSocketStream<S>, protocol: &'static str, options: &ExecOptions) -> Process
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let pipe = |on: bool| on.then(|| tokio::io::duplex(PIPE_BUFFER));
    let (stdin_read, stdin) = pipe(options.stdin).unzip();
    let (stdout, stdout_write) = pipe(options.stdout).unzip();
    let (stderr, stderr_write) = pipe(options.stderr && !options.tty).unzip();
    let (resize, resize_rx) = mpsc::channel(4);
    let (status_tx, status) = oneshot::channel();
    let pipes = Pipes {
        stdin: stdin_read,
        stdout: stdout_write,
        stderr: stderr_write,
        resize: resize_rx,
        v5: protocol == PROTOCOLS[0],
    };
    let driver = tokio::spawn(async move {
        let _ = status_tx.send(drive(socket, pipes).await);
    });
    Process {
        stdin,
        stdout,
        stderr,
        protocol,
        resize,
        status: Some(status),
        driver,
    }
}
