//! Running helper commands, and starting/stopping the long-lived server processes.
//!
//! Signals are sent with the `kill` command because the workspace forbids
//! `unsafe_code`, which rules out calling `libc::kill` directly.

use std::fs::{self, File};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

/// Runs `cmd` with inherited stdio; fails with the command line if it does not succeed.
pub fn run_streamed(cmd: &mut Command) -> Result<()> {
    let status = cmd
        .status()
        .with_context(|| format!("could not start {}", describe(cmd)))?;
    if !status.success() {
        bail!("{} failed ({status})", describe(cmd));
    }
    Ok(())
}

/// Runs `cmd` capturing its output; on failure the error carries its stderr.
pub fn run_captured(cmd: &mut Command) -> Result<String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("could not start {}", describe(cmd)))?;
    if !out.status.success() {
        bail!(
            "{} failed ({}): {}",
            describe(cmd),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A readable rendering of a command line for error messages (never contains secrets:
/// callers pass tokens through files, not arguments).
pub fn describe(cmd: &Command) -> String {
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    format!("`{}`", parts.join(" "))
}

/// Starts `program args` detached: own process group (so Ctrl-C in the
/// terminal does not reach it and it outlives xtask), stdin closed, stdout and
/// stderr appended to `log`. Returns the pid.
pub fn spawn_detached(program: &Path, args: &[String], cwd: &Path, log: &Path) -> Result<u32> {
    let out = File::options()
        .create(true)
        .append(true)
        .open(log)
        .with_context(|| format!("opening log file {}", log.display()))?;
    let err = out
        .try_clone()
        .with_context(|| format!("duplicating log file handle {}", log.display()))?;
    let child = Command::new(program)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .process_group(0)
        .spawn()
        .with_context(|| format!("starting {}", program.display()))?;
    // Dropping the handle neither kills nor waits: the process keeps running.
    Ok(child.id())
}

/// True when `pid` is a live (non-zombie) process whose executable is named `name`.
///
/// The name check guards against pid reuse after a reboot or a long pause, so
/// `cluster down` never signals an unrelated process. Zombies count as dead:
/// within one xtask run (e.g. `cargo xtask test`) the servers are our children
/// and linger as zombies after they exit until xtask itself exits.
pub fn is_running(pid: u32, name: &str) -> bool {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    // Format: "pid (comm) S ..."; comm may contain spaces, so split at the last ')'.
    let state = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.split_whitespace().next());
    if matches!(state, Some("Z" | "X" | "x")) || state.is_none() {
        return false;
    }
    let Ok(cmdline) = fs::read(format!("/proc/{pid}/cmdline")) else {
        return false;
    };
    let argv0 = cmdline.split(|b| *b == 0).next().unwrap_or_default();
    let argv0 = String::from_utf8_lossy(argv0);
    Path::new(argv0.as_ref())
        .file_name()
        .is_some_and(|f| f == name)
}

/// Sends `signal` (e.g. "TERM") to `pid`; a process that is already gone is not an error.
fn send_signal(pid: u32, signal: &str) -> Result<()> {
    Command::new("kill")
        .args(["-s", signal, &pid.to_string()])
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("running `kill -s {signal} {pid}`"))?;
    Ok(())
}

/// Polls until the process stops or `timeout` passes; returns whether it stopped.
fn wait_gone(pid: u32, name: &str, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if !is_running(pid, name) {
            return true;
        }
        sleep(Duration::from_millis(100));
    }
    !is_running(pid, name)
}

/// Stops `pid` (if it is still our `name` process): SIGTERM, then SIGKILL after 10 s.
pub fn stop(pid: u32, name: &str) -> Result<()> {
    if !is_running(pid, name) {
        return Ok(());
    }
    send_signal(pid, "TERM")?;
    if wait_gone(pid, name, Duration::from_secs(10)) {
        return Ok(());
    }
    eprintln!("{name} (pid {pid}) ignored SIGTERM for 10 s; sending SIGKILL");
    send_signal(pid, "KILL")?;
    if !wait_gone(pid, name, Duration::from_secs(5)) {
        bail!("{name} (pid {pid}) is still running after SIGKILL");
    }
    Ok(())
}

/// Pids of live processes named `name` with an argument equal to `arg`.
///
/// Tests restart the API server from `cluster.json`, which gives it a new pid;
/// matching on an argument naming our own state dir finds it again without
/// ever touching another checkout's (or anyone else's) processes.
pub fn find_with_arg(name: &str, arg: &str) -> Vec<u32> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            fs::read(format!("/proc/{pid}/cmdline"))
                .is_ok_and(|cmdline| cmdline.split(|b| *b == 0).any(|a| a == arg.as_bytes()))
        })
        .filter(|pid| is_running(*pid, name))
        .collect()
}
