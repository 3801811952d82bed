//! The build-cost comparison: a clean debug build of the same small app
//! (`bench/apps/kubegen-app` and `bench/apps/kube-app`), and of the stack
//! both kinds of client stand on (`bench/apps/stack-floor`), each with a target
//! dir of its own in a temporary folder, under `/usr/bin/time -v` for the
//! peak memory of the largest compiler process.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use kubegen_bench::fixtures;
use serde_json::{json, Value};

/// Builds `bench/apps/<app>` from scratch (dependencies included) in debug.
pub fn clean_debug_build(app: &str) -> Result<Value> {
    let root = fixtures::workspace_root();
    let app_dir = root.join("bench").join("apps").join(app);
    // The same dependency versions as the workspace (kube and k8s-openapi
    // are locked there by this crate): start from the workspace's lockfile.
    let lock = app_dir.join("Cargo.lock");
    std::fs::copy(root.join("Cargo.lock"), &lock).context("copying Cargo.lock")?;
    let target_dir = std::env::temp_dir().join(format!("kubegen-bench-build-{app}"));
    if target_dir.exists() {
        std::fs::remove_dir_all(&target_dir)?;
    }
    // Fetch first (not timed), so the build measures compiling only.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let manifest = app_dir.join("Cargo.toml");
    let status = Command::new(&cargo)
        .arg("fetch")
        .arg("--manifest-path")
        .arg(&manifest)
        .status()
        .context("running cargo fetch")?;
    if !status.success() {
        bail!("cargo fetch for {app} failed");
    }

    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut cmd = Command::new(time);
        cmd.arg("-v").arg(&cargo);
        cmd
    } else {
        Command::new(&cargo)
    };
    cmd.arg("build")
        .arg("--manifest-path")
        .arg(&manifest)
        .arg("--target-dir")
        .arg(&target_dir)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS");
    let start = Instant::now();
    let output = cmd.output().context("running cargo build")?;
    let secs = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        bail!("building {app} failed:\n{stderr}");
    }
    let peak_kib: Option<u64> = stderr.lines().find_map(|line| {
        line.trim()
            .strip_prefix("Maximum resident set size (kbytes):")
            .and_then(|v| v.trim().parse().ok())
    });
    let crates = stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("Compiling "))
        .count();
    let target_bytes = dir_size(&target_dir);
    let _ = std::fs::remove_dir_all(&target_dir);
    Ok(json!({
        "app": app,
        "secs": secs,
        "peak_bytes": peak_kib.map(|k| k * 1024),
        "crates_compiled": crates,
        "target_dir_bytes": target_bytes,
    }))
}

/// The total size of the files under `dir`.
fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            Ok(_) => e.metadata().map(|m| m.len()).unwrap_or(0),
            Err(_) => 0,
        })
        .sum()
}
