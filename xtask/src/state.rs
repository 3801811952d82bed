//! `cluster.json`: the record of a running cluster.
//!
//! Besides letting `cluster down/status` find the processes, tests read it to
//! restart the API server (`apiserver_binary` + `apiserver_args`) and to talk to
//! etcd directly (`etcd_url`, e.g. to compact it and provoke "410 Gone").

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// Contents of `cluster.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClusterState {
    /// Pid of etcd.
    pub etcd_pid: u32,
    /// Pid of kube-apiserver.
    pub apiserver_pid: u32,
    /// Pid of the kubelet stand-in (defaults keep a record from before it
    /// existed readable, so `cluster down` still stops that cluster).
    #[serde(default)]
    pub kubelet_pid: u32,
    /// Port of the kubelet stand-in at 127.0.0.1 (the Node's kubelet endpoint).
    #[serde(default)]
    pub kubelet_port: u16,
    /// etcd client URL, `http://127.0.0.1:PORT`.
    pub etcd_url: String,
    /// API server URL, `https://127.0.0.1:PORT`.
    pub server: String,
    /// Absolute path of the kube-apiserver binary.
    pub apiserver_binary: PathBuf,
    /// Arguments of kube-apiserver (without argv\[0\]): run
    /// `apiserver_binary apiserver_args...` to restart it; all paths are absolute.
    pub apiserver_args: Vec<String>,
    /// The state dir holding certificates, tokens, logs and the kubeconfig.
    pub state_dir: PathBuf,
    /// Absolute path of the generated kubeconfig.
    pub kubeconfig: PathBuf,
    /// Where kube-apiserver writes its output.
    pub apiserver_log: PathBuf,
    /// Where etcd writes its output.
    pub etcd_log: PathBuf,
    /// Where the kubelet stand-in writes its output.
    #[serde(default)]
    pub kubelet_log: PathBuf,
}

impl ClusterState {
    /// Reads `path`; `Ok(None)` when it does not exist.
    pub fn read(path: &Path) -> Result<Option<Self>> {
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        let state = serde_json::from_str(&text)
            .with_context(|| format!("parsing {} (delete it if corrupt)", path.display()))?;
        Ok(Some(state))
    }

    /// Writes the state as pretty JSON.
    pub fn write(&self, path: &Path) -> Result<()> {
        let text = serde_json::to_string_pretty(self).context("serializing cluster state")?;
        fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))
    }
}
