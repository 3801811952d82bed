//! Streams to a Pod's containers through the API server: commands
//! (`pods/exec`, `pods/attach`) over the kubelet's WebSocket channel
//! protocol, and forwarded ports (`pods/portforward`).

mod channel;
mod error;
mod exec;
mod local_forward;
mod port_forward;
mod websocket;

pub use error::RemoteError;
#[cfg(feature = "dynamic")]
pub(crate) use exec::{command_query, connect};
pub use exec::{ExecOptions, ExitStatus, Process, TerminalSize};
#[cfg(feature = "dynamic")]
pub(crate) use local_forward::listen;
pub use local_forward::LocalForward;
#[cfg(feature = "dynamic")]
pub(crate) use port_forward::port_forward;
pub use port_forward::{PortError, PortForward};
