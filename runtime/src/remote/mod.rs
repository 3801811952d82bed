//! Commands in a Pod's containers (`pods/exec`, `pods/attach`) over the
//! kubelet's WebSocket channel protocol, through the API server.

mod channel;
mod exec;

pub(crate) use exec::{command_query, connect};
pub use exec::{ExecOptions, ExitStatus, Process, TerminalSize};
