//! `test` and `demo`: run workspace code against the local cluster.

use std::process::{Command, ExitCode, ExitStatus};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::{Context, Result};

use crate::cluster;
use crate::layout::Layout;
use crate::process::describe;
use crate::state::ClusterState;
use crate::users;

/// `cluster up`, `cargo test --workspace ARGS`, then `cluster down` whatever
/// happened (unless `KUBEGEN_KEEP_CLUSTER=1`, or another run of this
/// checkout still uses the cluster); exits with the tests' code.
pub fn test(layout: &Layout, args: &[String]) -> Result<ExitCode> {
    let using = users::claim(layout)?;
    let state = cluster::up(layout)?;
    // Ctrl-C reaches cargo test directly (same process group) and stops it; we
    // only need to survive it so the cluster is still torn down below.
    let interrupted = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGINT, Arc::clone(&interrupted))
        .context("installing the Ctrl-C handler")?;
    let mut cmd = cargo(layout, &state);
    cmd.args(["test", "--workspace"]).args(args);
    let status = cmd
        .status()
        .with_context(|| format!("running {}", describe(&cmd)));

    if interrupted.load(Ordering::Relaxed) {
        eprintln!("interrupted; stopping the cluster");
    }
    drop(using);
    let keep = std::env::var("KUBEGEN_KEEP_CLUSTER").is_ok_and(|v| v == "1");
    let down = if keep {
        eprintln!(
            "KUBEGEN_KEEP_CLUSTER=1: leaving the cluster running; stop it with `cargo xtask cluster down`"
        );
        Ok(())
    } else {
        match users::alone(layout) {
            Ok(Some(_alone)) => cluster::down(layout),
            Ok(None) => {
                eprintln!(
                    "another run still uses the cluster; leaving it running for that run to stop"
                );
                Ok(())
            }
            Err(e) => Err(e),
        }
    };
    let status = status?;
    down.context("stopping the cluster after the tests")?;
    Ok(exit_code(status))
}

/// `cluster up`, then the `tour` example against it; the cluster stays up.
pub fn demo(layout: &Layout) -> Result<ExitCode> {
    let _using = users::claim(layout)?;
    let state = cluster::up(layout)?;
    let mut cmd = cargo(layout, &state);
    cmd.args(["run", "-p", "kubegen-examples", "--bin", "tour"]);
    let status = cmd
        .status()
        .with_context(|| format!("running {}", describe(&cmd)))?;
    println!("the cluster is still running; stop it with `cargo xtask cluster down`");
    println!("export KUBECONFIG={}", state.kubeconfig.display());
    Ok(exit_code(status))
}

/// A cargo command in the workspace root with the cluster's environment.
fn cargo(layout: &Layout, state: &ClusterState) -> Command {
    let mut cmd = crate::cargo_cmd::cargo(layout);
    cmd.env("KUBECONFIG", &state.kubeconfig)
        .env("KUBEGEN_CLUSTER_DIR", &state.state_dir);
    cmd
}

/// Maps a child's exit status to ours (128 + signal when it was killed).
fn exit_code(status: ExitStatus) -> ExitCode {
    use std::os::unix::process::ExitStatusExt;
    let code = status
        .code()
        .or_else(|| status.signal().map(|s| 128 + s))
        .unwrap_or(1);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
