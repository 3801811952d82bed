//! `cargo xtask fuzz [TARGET] [--seconds N]`: builds the libFuzzer targets of
//! `fuzz/` with the coverage instrumentation `cargo fuzz` uses (no tool to
//! install), then runs each on its seed corpus for N seconds.
//!
//! New inputs go to `target/fuzz/corpus/<target>` so the committed seeds in
//! `fuzz/corpus/<target>` stay small; crashes go to `fuzz/artifacts/<target>/`.

use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::{bail, Context, Result};

use crate::cargo_cmd::cargo;
use crate::layout::Layout;

/// Every target of `fuzz/Cargo.toml`.
pub const TARGETS: &[&str] = &[
    "quantity",
    "duration",
    "label_selector",
    "kubeconfig",
    "discovery_cache",
    "openapi_schema",
    "declaration",
    "request_path",
    "line_decoder",
    "watch_event",
    "list_body",
    "exec_credential",
    "field_set",
];

/// What `cargo fuzz build` passes to rustc (its defaults without a
/// sanitizer: the workspace forbids `unsafe`).
const RUSTFLAGS: &str = "-Cpasses=sancov-module \
    -Cllvm-args=-sanitizer-coverage-level=4 \
    -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
    -Cllvm-args=-sanitizer-coverage-pc-table \
    -Cllvm-args=-sanitizer-coverage-trace-compares \
    --cfg fuzzing";

/// Runs the command line's `fuzz` task.
pub fn fuzz(layout: &Layout, args: &[String]) -> Result<ExitCode> {
    let (targets, seconds) = parse_args(args)?;
    let target_dir = layout.root.join("target").join("fuzz");
    let triple = host_triple()?;
    let mut build = cargo(layout);
    build
        .args(["build", "--release", "--manifest-path", "fuzz/Cargo.toml"])
        .args(["--target", &triple, "--target-dir"])
        .arg(&target_dir)
        // Instrument only what runs in the fuzzer, not build scripts.
        .env("RUSTFLAGS", RUSTFLAGS)
        // Nightly flags (a `-Zsanitizer=` added to RUSTFLAGS) work on stable too.
        .env("RUSTC_BOOTSTRAP", "1");
    for t in &targets {
        build.args(["--bin", t]);
    }
    let status = build.status().context("running cargo build for fuzz/")?;
    if !status.success() {
        bail!("building the fuzz targets failed");
    }
    let bin_dir = target_dir.join(&triple).join("release");
    let mut failed = Vec::new();
    for t in &targets {
        if !run_target(layout, &bin_dir, &target_dir, t, seconds)? {
            failed.push(*t);
        }
    }
    if failed.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "fuzz targets found crashes: {} (inputs under fuzz/artifacts/)",
            failed.join(", ")
        );
        Ok(ExitCode::FAILURE)
    }
}

/// `[TARGET...] [--seconds N]`, in any order; all targets and 60 s by default.
fn parse_args(args: &[String]) -> Result<(Vec<&'static str>, u64)> {
    let mut targets: Vec<&'static str> = Vec::new();
    let mut seconds = 60;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--seconds" {
            let n = rest.next().context("--seconds needs a number")?;
            seconds = n
                .parse()
                .with_context(|| format!("--seconds {n}: not a number"))?;
        } else if let Some(t) = TARGETS.iter().find(|t| **t == arg) {
            targets.push(t);
        } else {
            bail!(
                "unknown fuzz target or option {arg:?}; targets: {}",
                TARGETS.join(", ")
            );
        }
    }
    if targets.is_empty() {
        targets = TARGETS.to_vec();
    }
    Ok((targets, seconds))
}

/// Runs one target for `seconds`; false if it found a crash.
fn run_target(
    layout: &Layout,
    bin_dir: &Path,
    target_dir: &Path,
    target: &str,
    seconds: u64,
) -> Result<bool> {
    let work = target_dir.join("corpus").join(target);
    let seeds = layout.root.join("fuzz").join("corpus").join(target);
    let artifacts = layout.root.join("fuzz").join("artifacts").join(target);
    // Targets that write scratch files do so here, not in the system's /tmp.
    let scratch = target_dir.join("tmp");
    for dir in [&work, &seeds, &artifacts, &scratch] {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    eprintln!("fuzzing {target} for {seconds} s");
    let status = Command::new(bin_dir.join(target))
        .current_dir(&layout.root)
        .arg(&work)
        .arg(&seeds)
        .arg(format!("-max_total_time={seconds}"))
        .arg(format!("-artifact_prefix={}/", artifacts.display()))
        .arg("-print_final_stats=1")
        .env("TMPDIR", &scratch)
        .status()
        .with_context(|| format!("running fuzz target {target}"))?;
    Ok(status.success())
}

/// The host's target triple, so RUSTFLAGS reach only the fuzz binaries.
fn host_triple() -> Result<String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(rustc)
        .arg("-vV")
        .output()
        .context("running rustc -vV")?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(str::to_owned)
        .context("rustc -vV printed no host triple")
}
