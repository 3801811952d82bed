//! Health checks over HTTP, done with the `curl` CLI so xtask needs no TLS stack.
//!
//! The API server is probed with the admin client certificate rather than a
//! token, so no secret ever appears on a command line (visible in `ps`).

use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// HTTP status of `GET <server>/readyz`, or `None` when the request failed.
pub fn apiserver_readyz(state_dir: &Path, server: &str) -> Option<u16> {
    let out = Command::new("curl")
        .current_dir(state_dir)
        .args([
            "-sS",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            "--max-time",
            "5",
        ])
        .args([
            "--cacert",
            "ca.crt",
            "--cert",
            "admin-ec-sec1.crt",
            "--key",
            "admin-ec-sec1.key",
        ])
        .arg(format!("{server}/readyz"))
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// True when etcd's `/health` reports healthy.
pub fn etcd_healthy(etcd_url: &str) -> bool {
    Command::new("curl")
        .args(["-sS", "--max-time", "2"])
        .arg(format!("{etcd_url}/health"))
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("\"health\":\"true\""))
}

/// Calls `check` every 500 ms until it returns true or `timeout` passes.
/// `alive` is consulted too, so a crashed process fails fast instead of timing out.
pub fn poll(timeout: Duration, mut check: impl FnMut() -> bool, alive: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    loop {
        if check() {
            return true;
        }
        if Instant::now() >= deadline || !alive() {
            return false;
        }
        sleep(Duration::from_millis(500));
    }
}
