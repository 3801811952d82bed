//! What every example program does around its work: logs through `tracing`
//! on stderr (filtered by `RUST_LOG`), and a failure as one line on stderr
//! with a non-zero exit code instead of a debug dump.

use std::future::Future;
use std::io::IsTerminal;
use std::process::ExitCode;

/// Sends `tracing` output to stderr, filtered by `RUST_LOG` (default `default_filter`).
pub fn init_logging(default_filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| default_filter.into());
    // Colours only on a terminal: a Pod's log is a file.
    let colours = std::io::stderr().is_terminal();
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(colours)
        .with_writer(std::io::stderr)
        .init();
}

/// Runs `work` on a new Tokio runtime: success exits 0, an error prints
/// `<program>: error: <cause: cause: ...>` on one line and exits 1.
pub fn run(program: &str, work: impl Future<Output = anyhow::Result<()>>) -> ExitCode {
    let outcome = tokio::runtime::Runtime::new()
        .map_err(anyhow::Error::from)
        .and_then(|runtime| runtime.block_on(work));
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{program}: error: {}", one_line(&e));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes joined on one line.
fn one_line(e: &anyhow::Error) -> String {
    format!("{e:#}")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_chain_with_line_breaks_is_one_line() {
        let e = anyhow::anyhow!("line one\nline two").context("loading the configuration");
        assert_eq!(one_line(&e), "loading the configuration: line one line two");
    }
}
