//! Where things live: the workspace root, the cluster state dir, the binary cache.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Kubernetes version of the API server we build and run; keys the binary cache.
pub const KUBERNETES_VERSION: &str = "v1.20.2";

/// Paths of one workspace's local cluster.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The workspace root (parent of the xtask crate).
    pub root: PathBuf,
    /// `<root>/target/kubegen-cluster`: certificates, tokens, logs, etcd data, kubeconfig.
    pub state_dir: PathBuf,
}

impl Layout {
    /// Derives the layout from xtask's own manifest dir, so it works from any cwd.
    pub fn discover() -> Result<Self> {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = manifest
            .parent()
            .with_context(|| format!("{} has no parent directory", manifest.display()))?
            .to_path_buf();
        let state_dir = root.join("target").join("kubegen-cluster");
        Ok(Self { root, state_dir })
    }

    /// A file inside the state dir.
    pub fn file(&self, name: &str) -> PathBuf {
        self.state_dir.join(name)
    }

    /// The state file that describes the running processes.
    pub fn cluster_json(&self) -> PathBuf {
        self.file("cluster.json")
    }

    /// The kubeconfig written for tests and the demo.
    pub fn kubeconfig(&self) -> PathBuf {
        self.file("kubeconfig")
    }

    /// The build script that compiles kube-apiserver from Debian's source package.
    pub fn build_script(&self) -> PathBuf {
        self.root
            .join("xtask")
            .join("scripts")
            .join("build-apiserver.sh")
    }
}

/// Cached kube-apiserver binary: `$KUBEGEN_CACHE_DIR` (default `$HOME/.cache/kubegen`)
/// `/v1.20.2/kube-apiserver`. Keyed by version because a build takes minutes.
pub fn apiserver_cache_path() -> Result<PathBuf> {
    let base = match std::env::var_os("KUBEGEN_CACHE_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => {
            let home = std::env::var_os("HOME")
                .context("HOME is not set (set KUBEGEN_CACHE_DIR instead)")?;
            PathBuf::from(home).join(".cache").join("kubegen")
        }
    };
    Ok(base.join(KUBERNETES_VERSION).join("kube-apiserver"))
}
