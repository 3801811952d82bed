//! Making sure the external programs exist: kube-apiserver (built once and
//! cached, since nothing on this machine can download a release), etcd, and the
//! openssl/curl CLIs used for certificates and health checks.

use std::os::fd::AsFd;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use crate::layout::{apiserver_cache_path, Layout};
use crate::process::run_streamed;

/// Returns the cached kube-apiserver, building it first if missing (takes minutes).
pub fn ensure_apiserver(layout: &Layout) -> Result<PathBuf> {
    let binary = apiserver_cache_path()?;
    if is_executable(&binary) {
        return Ok(binary);
    }
    let script = layout.build_script();
    eprintln!(
        "kube-apiserver not cached at {}; building it with {} (several minutes)",
        binary.display(),
        script.display()
    );
    if let Some(dir) = binary.parent() {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating cache dir {}", dir.display()))?;
    }
    // The build's progress goes to our stderr so stdout stays machine-readable.
    run_streamed(
        Command::new("bash")
            .arg(&script)
            .arg(&binary)
            .stdin(Stdio::null())
            .stdout(stderr_stdio()?),
    )?;
    if !is_executable(&binary) {
        bail!(
            "{} finished but {} is missing or not executable",
            script.display(),
            binary.display()
        );
    }
    Ok(binary)
}

/// Installs etcd from Debian if it is not on PATH.
pub fn ensure_etcd() -> Result<()> {
    if on_path("etcd") {
        return Ok(());
    }
    eprintln!("etcd not found on PATH; installing etcd-server and etcd-client with apt-get");
    for args in [
        &["update", "-qq"][..],
        &["install", "-y", "-qq", "etcd-server", "etcd-client"][..],
    ] {
        run_streamed(
            Command::new("apt-get")
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive")
                .stdin(Stdio::null())
                .stdout(stderr_stdio()?),
        )?;
    }
    if !on_path("etcd") {
        bail!("etcd is still not on PATH after installing etcd-server");
    }
    Ok(())
}

/// Fails with a clear message when a required CLI is missing.
pub fn require(program: &str, why: &str) -> Result<()> {
    if on_path(program) {
        Ok(())
    } else {
        bail!("`{program}` is not on PATH; it is needed {why}")
    }
}

/// True when an executable named `program` is found in `$PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| is_executable(&dir.join(program)))
    })
}

/// True when `path` is a regular file with an execute bit.
fn is_executable(path: &Path) -> bool {
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// A child stdio that writes to our stderr.
pub fn stderr_stdio() -> Result<Stdio> {
    let fd = std::io::stderr()
        .as_fd()
        .try_clone_to_owned()
        .context("duplicating stderr")?;
    Ok(Stdio::from(fd))
}
