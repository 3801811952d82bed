//! Commands in a Pod's containers (`pods/exec`, `pods/attach`) over the
//! kubelet's WebSocket channel protocol, through the API server.

mod channel;
mod exec;

pub use exec::{ExecOptions, ExitStatus, Process, TerminalSize};
