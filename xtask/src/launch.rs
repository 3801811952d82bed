//! Starting a fresh cluster: credentials, etcd, kube-apiserver, readiness, kubeconfig.

use std::fs;
use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Context, Result};

use crate::cluster::{APISERVER, ETCD, READY_TIMEOUT};
use crate::kubelet::{self, KUBELET};
use crate::layout::{Layout, KUBERNETES_VERSION};
use crate::ports::free_loopback_ports;
use crate::probe::{apiserver_readyz, etcd_healthy, poll};
use crate::process::{is_running, spawn_detached, stop};
use crate::state::ClusterState;
use crate::{certs, exec_plugin, kubeconfig, tokens};

/// How long etcd may take to report healthy.
const ETCD_TIMEOUT: Duration = Duration::from_secs(30);

/// Stops the processes again if starting fails half-way, so no orphan keeps ports busy.
struct StopOnError {
    /// Pids started so far, with their process names.
    pids: Vec<(u32, &'static str)>,
}

impl Drop for StopOnError {
    fn drop(&mut self) {
        for (pid, name) in self.pids.iter().rev() {
            if let Err(err) = stop(*pid, name) {
                eprintln!("warning: could not stop {name} (pid {pid}): {err:#}");
            }
        }
    }
}

/// Creates credentials, starts etcd, the kubelet stand-in and kube-apiserver,
/// waits for readiness, registers the Node, writes `cluster.json` and the kubeconfig.
pub fn start(layout: &Layout, binary: &Path) -> Result<ClusterState> {
    let kubelet_binary = kubelet::build(layout)?;
    let dir = &layout.state_dir;
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    eprintln!(
        "creating certificates, keys and tokens in {}",
        dir.display()
    );
    certs::generate(dir)?;
    let tokens = tokens::generate(dir)?;
    exec_plugin::write(dir)?;

    let [etcd_port, peer_port, api_port, kubelet_port] = free_loopback_ports(4)?[..] else {
        bail!("expected four free ports");
    };
    let etcd_url = format!("http://127.0.0.1:{etcd_port}");
    let peer_url = format!("http://127.0.0.1:{peer_port}");
    let server = format!("https://127.0.0.1:{api_port}");
    let path = |name: &str| dir.join(name).display().to_string();

    let mut guard = StopOnError { pids: Vec::new() };
    let etcd_log = dir.join("etcd.log");
    let etcd_args: Vec<String> = [
        "--name=kubegen".to_string(),
        format!("--data-dir={}", path("etcd-data")),
        format!("--listen-client-urls={etcd_url}"),
        format!("--advertise-client-urls={etcd_url}"),
        format!("--listen-peer-urls={peer_url}"),
        format!("--initial-advertise-peer-urls={peer_url}"),
        format!("--initial-cluster=kubegen={peer_url}"),
    ]
    .into();
    eprintln!("starting etcd at {etcd_url}");
    let etcd_pid = spawn_detached(Path::new("etcd"), &etcd_args, dir, &etcd_log)?;
    guard.pids.push((etcd_pid, ETCD));
    if !poll(
        ETCD_TIMEOUT,
        || etcd_healthy(&etcd_url),
        || is_running(etcd_pid, ETCD),
    ) {
        bail!(
            "etcd did not become healthy at {etcd_url} within {} s; last lines of {}:\n{}",
            ETCD_TIMEOUT.as_secs(),
            etcd_log.display(),
            tail(&etcd_log, 30)
        );
    }

    let kubelet_log = dir.join("kubelet.log");
    let kubelet_pid = kubelet::start(&kubelet_binary, dir, kubelet_port, &kubelet_log)?;
    guard.pids.push((kubelet_pid, KUBELET));

    let apiserver_log = dir.join("apiserver.log");
    let apiserver_args: Vec<String> = vec![
        format!("--etcd-servers={etcd_url}"),
        "--bind-address=127.0.0.1".into(),
        "--advertise-address=127.0.0.1".into(),
        format!("--secure-port={api_port}"),
        format!("--cert-dir={}", path("apiserver-certs")),
        format!("--tls-cert-file={}", path("server.crt")),
        format!("--tls-private-key-file={}", path("server.key")),
        format!("--client-ca-file={}", path("ca.crt")),
        format!("--token-auth-file={}", path("tokens.csv")),
        "--authorization-mode=RBAC".into(),
        format!("--service-account-key-file={}", path("sa.key")),
        format!("--service-account-signing-key-file={}", path("sa.key")),
        "--service-account-issuer=https://kubernetes.default.svc".into(),
        "--service-cluster-ip-range=10.0.0.0/24".into(),
        "--disable-admission-plugins=ServiceAccount".into(),
        "--endpoint-reconciler-type=none".into(),
        // How the API server reaches kubelets for logs and exec, as kubeadm sets it.
        format!("--kubelet-certificate-authority={}", path("ca.crt")),
        format!(
            "--kubelet-client-certificate={}",
            path("apiserver-kubelet-client.crt")
        ),
        format!(
            "--kubelet-client-key={}",
            path("apiserver-kubelet-client.key")
        ),
        "--kubelet-preferred-address-types=InternalIP".into(),
    ];
    eprintln!("starting kube-apiserver {KUBERNETES_VERSION} at {server}");
    let apiserver_pid = spawn_detached(binary, &apiserver_args, dir, &apiserver_log)?;
    guard.pids.push((apiserver_pid, APISERVER));

    let state = ClusterState {
        etcd_pid,
        apiserver_pid,
        kubelet_pid,
        kubelet_port,
        etcd_url,
        server,
        apiserver_binary: binary.to_path_buf(),
        apiserver_args,
        state_dir: dir.clone(),
        kubeconfig: layout.kubeconfig(),
        apiserver_log: apiserver_log.clone(),
        etcd_log,
        kubelet_log,
    };
    // Written before waiting, so `cluster down` can clean up even if we are interrupted.
    state.write(&layout.cluster_json())?;

    eprintln!(
        "waiting for {}/readyz (up to {} s)",
        state.server,
        READY_TIMEOUT.as_secs()
    );
    let ready = poll(
        READY_TIMEOUT,
        || apiserver_readyz(dir, &state.server) == Some(200),
        || is_running(apiserver_pid, APISERVER) && is_running(etcd_pid, ETCD),
    );
    if !ready {
        let why = if is_running(apiserver_pid, APISERVER) {
            format!(
                "did not answer /readyz with 200 within {} s",
                READY_TIMEOUT.as_secs()
            )
        } else {
            "exited before becoming ready".to_string()
        };
        bail!(
            "kube-apiserver at {} {why}; last 30 lines of {}:\n{}",
            state.server,
            apiserver_log.display(),
            tail(&apiserver_log, 30)
        );
    }
    kubelet::register_node(dir, &state.server, kubelet_port)?;
    kubeconfig::write(dir, &state.server, &tokens)?;
    guard.pids.clear();
    Ok(state)
}

/// The last `n` lines of a log file (or a note that it could not be read).
fn tail(path: &Path, n: usize) -> String {
    match fs::read_to_string(path) {
        Ok(text) => {
            let lines: Vec<&str> = text.lines().collect();
            lines[lines.len().saturating_sub(n)..].join("\n")
        }
        Err(err) => format!("<could not read {}: {err}>", path.display()),
    }
}
