//! The kubelet stand-in (`kubelet-standin/`): built, started, and registered as
//! the Node `kubegen-node`, so the API server's `pods/log` and `pods/exec`
//! reach it for Pods whose `spec.nodeName` names that node.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{bail, Context, Result};

use crate::layout::Layout;
use crate::probe::poll;
use crate::process::{is_running, run_captured, run_streamed, spawn_detached};

/// Process name of the stand-in (argv\[0\] file name).
pub const KUBELET: &str = "kubelet-standin";
/// Name of the Node the stand-in serves.
pub const NODE_NAME: &str = "kubegen-node";
/// How long the stand-in may take to answer `/healthz`.
const READY_TIMEOUT: Duration = Duration::from_secs(20);

/// Builds the stand-in and returns its binary.
pub fn build(layout: &Layout) -> Result<PathBuf> {
    eprintln!("building the kubelet stand-in");
    run_streamed(crate::cargo_cmd::cargo(layout).args(["build", "-q", "-p", KUBELET]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| layout.root.join("target"));
    Ok(layout.root.join(target).join("debug").join(KUBELET))
}

/// The stand-in's arguments; the certificate path names the state dir, so the
/// process can be recognised again (see `cluster::kubelet_marker`).
pub fn args(dir: &Path, port: u16) -> Vec<String> {
    let path = |name: &str| dir.join(name).display().to_string();
    vec![
        format!("--port={port}"),
        format!("--tls-cert-file={}", path("kubelet.crt")),
        format!("--tls-private-key-file={}", path("kubelet.key")),
        format!("--client-ca-file={}", path("ca.crt")),
    ]
}

/// Starts the stand-in and waits until it answers; returns its pid.
pub fn start(binary: &Path, dir: &Path, port: u16, log: &Path) -> Result<u32> {
    eprintln!("starting the kubelet stand-in at https://127.0.0.1:{port}");
    let pid = spawn_detached(binary, &args(dir, port), dir, log)?;
    if !poll(
        READY_TIMEOUT,
        || healthz(dir, port),
        || is_running(pid, KUBELET),
    ) {
        let log_text = std::fs::read_to_string(log).unwrap_or_default();
        bail!(
            "the kubelet stand-in did not answer /healthz at 127.0.0.1:{port}; its log {}:\n{log_text}",
            log.display()
        );
    }
    Ok(pid)
}

/// True when the stand-in answers `/healthz` (with the admin client certificate).
fn healthz(dir: &Path, port: u16) -> bool {
    curl(dir)
        .args(["-o", "/dev/null", "-w", "%{http_code}"])
        .arg(format!("https://127.0.0.1:{port}/healthz"))
        .stderr(Stdio::null())
        .output()
        .is_ok_and(|out| out.stdout == b"200")
}

/// Creates the Node (status included, which a create keeps): InternalIP
/// 127.0.0.1 and the stand-in's port as the kubelet endpoint.
pub fn register_node(dir: &Path, server: &str, port: u16) -> Result<()> {
    let node = serde_json::json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {"name": NODE_NAME},
        "status": {
            "addresses": [{"type": "InternalIP", "address": "127.0.0.1"}],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": port}},
            "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady"}],
        },
    });
    let code = run_captured(
        curl(dir)
            .args(["-o", "/dev/null", "-w", "%{http_code}", "-X", "POST"])
            .args(["-H", "Content-Type: application/json", "--data-binary"])
            .arg(node.to_string())
            .arg(format!("{server}/api/v1/nodes")),
    )
    .context("registering the Node of the kubelet stand-in")?;
    if code != "201" {
        bail!("creating Node {NODE_NAME} answered HTTP {code}, expected 201");
    }
    Ok(())
}

/// `curl` in the state dir, trusting the cluster CA, with the admin client certificate.
fn curl(dir: &Path) -> Command {
    let mut cmd = Command::new("curl");
    cmd.current_dir(dir)
        .args(["-sS", "--max-time", "5", "--cacert", "ca.crt"])
        .args(["--cert", "admin-ec-sec1.crt", "--key", "admin-ec-sec1.key"])
        .stdin(Stdio::null());
    cmd
}
