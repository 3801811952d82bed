//! `bench`: kubegen against kube-rs + k8s-openapi on recorded Pods.
//!
//! Records the fixtures when they are missing (starting the local control
//! plane for it), then runs every measurement of the `kubegen-bench` crate
//! and prints its table.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};

use crate::cargo_cmd::cargo;
use crate::cluster;
use crate::layout::Layout;
use crate::process::describe;

/// The measurements that read the recorded fixtures (the others are builds).
const RUNTIME: [&str; 5] = ["decode", "list", "watch", "cache", "scaling"];

/// `cargo xtask bench [--rerecord] [ARGS...]`: ARGS go to the bench binary
/// (`--skip-build`, `--build-only`, `--runs N`, `--edit-runs N`,
/// `--only NAME`). Build measurements alone need no fixtures.
pub fn bench(layout: &Layout, args: &[String]) -> Result<ExitCode> {
    let rerecord = args.iter().any(|a| a == "--rerecord");
    let args: Vec<&String> = args.iter().filter(|a| *a != "--rerecord").collect();
    let only = args
        .iter()
        .position(|a| *a == "--only")
        .and_then(|i| args.get(i + 1));
    let builds_only = args.iter().any(|a| *a == "--build-only")
        || only.is_some_and(|name| !RUNTIME.contains(&name.as_str()));
    let fixtures = std::env::var_os("KUBEGEN_BENCH_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| layout.root.join("target").join("bench-fixtures"));
    let present =
        fixtures.join("pods-list.json").is_file() && fixtures.join("pods-watch.jsonl").is_file();
    if builds_only && !rerecord {
        eprintln!("bench: build measurements only; no fixtures needed");
    } else if rerecord || !present {
        eprintln!(
            "bench: recording fixtures into {} (cluster up, 10,000 Pods)",
            fixtures.display()
        );
        let state = cluster::up(layout)?;
        let mut cmd = cargo(layout);
        cmd.env("KUBECONFIG", &state.kubeconfig).args([
            "run",
            "-p",
            "kubegen-bench",
            "--release",
            "--bin",
            "record",
        ]);
        let status = cmd
            .status()
            .with_context(|| format!("running {}", describe(&cmd)))?;
        if !status.success() {
            eprintln!("bench: recording failed ({status})");
            return Ok(ExitCode::FAILURE);
        }
    } else {
        eprintln!("bench: using the fixtures in {}", fixtures.display());
    }
    let mut cmd = cargo(layout);
    cmd.args([
        "run",
        "-p",
        "kubegen-bench",
        "--release",
        "--bin",
        "bench",
        "--",
    ])
    .args(args);
    let status = cmd
        .status()
        .with_context(|| format!("running {}", describe(&cmd)))?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
