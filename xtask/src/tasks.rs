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

/// `cluster up`, `cargo test ARGS` (with `--workspace` unless ARGS pick
/// packages), then `cluster down` whatever
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
    cmd.arg("test").args(test_args(args));
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

/// `cargo test`'s arguments: the whole workspace unless `args` name packages
/// (with both, cargo would test the whole workspace).
fn test_args(args: &[String]) -> Vec<String> {
    let picks_packages = args.iter().take_while(|a| *a != "--").any(|a| {
        a == "-p" || a == "--package" || a.starts_with("--package=") || a.starts_with("-p")
    });
    let workspace = (!picks_packages).then(|| "--workspace".to_owned());
    workspace.into_iter().chain(args.iter().cloned()).collect()
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

#[cfg(test)]
mod tests {
    use super::test_args;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|a| (*a).to_owned()).collect()
    }

    #[test]
    fn the_whole_workspace_unless_packages_are_named() {
        assert_eq!(test_args(&[]), strings(&["--workspace"]));
        assert_eq!(
            test_args(&strings(&["--no-fail-fast"])),
            strings(&["--workspace", "--no-fail-fast"])
        );
        for picked in [
            &["-p", "kubegen-tests", "--test", "watch"][..],
            &["--package", "kubegen"],
            &["--package=kubegen"],
            &["-pkubegen"],
        ] {
            assert_eq!(test_args(&strings(picked)), strings(picked));
        }
        // After `--` the arguments are the test binary's, not cargo's.
        assert_eq!(
            test_args(&strings(&["--", "-p"])),
            strings(&["--workspace", "--", "-p"])
        );
    }
}
