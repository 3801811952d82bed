//! `cluster up|down|status`: lifecycle of the local etcd + kube-apiserver pair.
//!
//! The processes run detached so one `cluster up` can serve many test runs;
//! `cluster.json` in the state dir records them. Tests may restart the API
//! server from it (new pid), so processes are also recognised by an argument
//! that names this state dir, and `cluster.json` is updated when they are.

use std::fs;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::kubelet::KUBELET;
use crate::layout::{Layout, KUBERNETES_VERSION};
use crate::probe::{apiserver_readyz, poll};
use crate::process::{find_with_arg, is_running, stop};
use crate::state::ClusterState;
use crate::{kubeconfig, launch, tokens, tools};

/// Process name of etcd (argv\[0\] file name), used to recognise our pids.
pub const ETCD: &str = "etcd";
/// Process name of the API server.
pub const APISERVER: &str = "kube-apiserver";
/// How long the API server may take to answer `/readyz` with 200.
pub const READY_TIMEOUT: Duration = Duration::from_secs(120);

/// Starts the cluster unless a healthy one already runs; prints its status
/// with `export KUBECONFIG=...` as the last line of stdout.
pub fn up(layout: &Layout) -> Result<ClusterState> {
    if let Some(state) = reuse_existing(layout)? {
        print_status(&state, "already running");
        return Ok(state);
    }
    tools::require("openssl", "to create the cluster's certificates")?;
    tools::require("curl", "to probe the API server")?;
    let binary = tools::ensure_apiserver(layout)?;
    tools::ensure_etcd()?;
    let state = launch::start(layout, &binary)?;
    print_status(&state, "started");
    Ok(state)
}

/// Stops the cluster's processes (recorded or restarted) and removes the state dir.
pub fn down(layout: &Layout) -> Result<()> {
    match ClusterState::read(&layout.cluster_json()) {
        Ok(Some(state)) => stop_processes(&state)?,
        Ok(None) => {}
        Err(err) => eprintln!("warning: {err:#}; removing the state dir anyway"),
    }
    if layout.state_dir.exists() {
        fs::remove_dir_all(&layout.state_dir)
            .with_context(|| format!("removing {}", layout.state_dir.display()))?;
        println!("cluster stopped; removed {}", layout.state_dir.display());
    } else {
        println!(
            "no cluster at {}; nothing to do",
            layout.state_dir.display()
        );
    }
    Ok(())
}

/// Reports whether the cluster runs; returns true when both processes live
/// and `/readyz` answers 200.
pub fn status(layout: &Layout) -> Result<bool> {
    let Some(mut state) = ClusterState::read(&layout.cluster_json())? else {
        println!(
            "cluster: not running (no {}); start it with `cargo xtask cluster up`",
            layout.cluster_json().display()
        );
        return Ok(false);
    };
    adopt_live_pids(layout, &mut state)?;
    let etcd_up = is_running(state.etcd_pid, ETCD);
    let api_up = is_running(state.apiserver_pid, APISERVER);
    let readyz = if api_up {
        apiserver_readyz(&state.state_dir, &state.server)
    } else {
        None
    };
    let alive = |up: bool| if up { "running" } else { "NOT running" };
    println!(
        "etcd:           pid {} {} ({})",
        state.etcd_pid,
        alive(etcd_up),
        state.etcd_url
    );
    println!(
        "kube-apiserver: pid {} {} ({}), /readyz: {}",
        state.apiserver_pid,
        alive(api_up),
        state.server,
        readyz.map_or("no answer".to_string(), |code| code.to_string())
    );
    let kubelet_up = is_running(state.kubelet_pid, KUBELET);
    println!(
        "kubelet:        pid {} {} (https://127.0.0.1:{})",
        state.kubelet_pid,
        alive(kubelet_up),
        state.kubelet_port
    );
    let running = etcd_up && api_up && kubelet_up && readyz == Some(200);
    if running {
        println!("cluster: running; state dir {}", state.state_dir.display());
        println!("export KUBECONFIG={}", state.kubeconfig.display());
    } else {
        println!("cluster: not running; restart it with `cargo xtask cluster up`");
    }
    Ok(running)
}

/// Returns the recorded cluster if it is (or soon becomes) ready; otherwise
/// stops whatever is left of it and removes the state dir.
fn reuse_existing(layout: &Layout) -> Result<Option<ClusterState>> {
    let state = ClusterState::read(&layout.cluster_json()).unwrap_or_else(|err| {
        eprintln!("warning: {err:#}; starting a new cluster");
        None
    });
    if let Some(mut state) = state {
        if adopt_live_pids(layout, &mut state)? {
            let ready = || apiserver_readyz(&state.state_dir, &state.server) == Some(200);
            let ready_now = ready();
            if !ready_now {
                eprintln!("cluster processes run but /readyz is not 200 yet; waiting");
            }
            if ready_now || poll(READY_TIMEOUT, ready, || processes_alive(&state)) {
                if !state.kubeconfig.exists() {
                    let tokens = tokens::load(&state.state_dir)?;
                    kubeconfig::write(&state.state_dir, &state.server, &tokens)?;
                }
                return Ok(Some(state));
            }
            eprintln!("existing cluster never became ready; replacing it");
        } else {
            eprintln!(
                "stale {} (a process has exited); starting a new cluster",
                layout.cluster_json().display()
            );
        }
        stop_processes(&state)?;
    }
    if layout.state_dir.exists() {
        fs::remove_dir_all(&layout.state_dir)
            .with_context(|| format!("removing stale {}", layout.state_dir.display()))?;
    }
    Ok(None)
}

/// An argument only our etcd carries: its data dir inside our state dir.
fn etcd_marker(state: &ClusterState) -> String {
    format!("--data-dir={}", state.state_dir.join("etcd-data").display())
}

/// An argument only our kubelet stand-in carries: its certificate in our state dir.
fn kubelet_marker(state: &ClusterState) -> String {
    format!(
        "--tls-cert-file={}",
        state.state_dir.join("kubelet.crt").display()
    )
}

/// An argument only our API server carries: its serving certificate in our state dir.
fn apiserver_marker(state: &ClusterState) -> String {
    format!(
        "--tls-cert-file={}",
        state.state_dir.join("server.crt").display()
    )
}

/// The live pid of a cluster process: the recorded one, or else one started
/// from the same state dir (a test may have restarted the API server).
fn live_pid(recorded: u32, name: &str, marker: &str) -> Option<u32> {
    if is_running(recorded, name) {
        return Some(recorded);
    }
    find_with_arg(name, marker).into_iter().next()
}

/// Refreshes the pids in `state` (and `cluster.json`) from the live processes;
/// returns true when they and the kubelet stand-in run.
fn adopt_live_pids(layout: &Layout, state: &mut ClusterState) -> Result<bool> {
    let etcd = live_pid(state.etcd_pid, ETCD, &etcd_marker(state));
    let api = live_pid(state.apiserver_pid, APISERVER, &apiserver_marker(state));
    let (Some(etcd), Some(api)) = (etcd, api) else {
        return Ok(false);
    };
    if !is_running(state.kubelet_pid, KUBELET) {
        return Ok(false);
    }
    if (etcd, api) != (state.etcd_pid, state.apiserver_pid) {
        eprintln!("cluster processes were restarted; recording pids {etcd} (etcd), {api} (kube-apiserver)");
        state.etcd_pid = etcd;
        state.apiserver_pid = api;
        state.write(&layout.cluster_json())?;
    }
    Ok(true)
}

/// True when the recorded processes are still ours and alive.
fn processes_alive(state: &ClusterState) -> bool {
    is_running(state.etcd_pid, ETCD)
        && is_running(state.apiserver_pid, APISERVER)
        && is_running(state.kubelet_pid, KUBELET)
}

/// Stops the API server first (it depends on etcd), then the kubelet stand-in
/// and etcd: the recorded pids and any other process started from this state dir.
fn stop_processes(state: &ClusterState) -> Result<()> {
    for (recorded, name, marker) in [
        (state.apiserver_pid, APISERVER, apiserver_marker(state)),
        (state.kubelet_pid, KUBELET, kubelet_marker(state)),
        (state.etcd_pid, ETCD, etcd_marker(state)),
    ] {
        stop(recorded, name)?;
        for pid in find_with_arg(name, &marker) {
            stop(pid, name)?;
        }
    }
    Ok(())
}

/// Prints a short status; the export line must stay the LAST line of stdout.
fn print_status(state: &ClusterState, how: &str) {
    println!(
        "kube-apiserver {KUBERNETES_VERSION} {how} at {} (pid {}), etcd at {} (pid {})",
        state.server, state.apiserver_pid, state.etcd_url, state.etcd_pid
    );
    println!("state dir: {}", state.state_dir.display());
    println!("stop it with: cargo xtask cluster down");
    println!("export KUBECONFIG={}", state.kubeconfig.display());
}
