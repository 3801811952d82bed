//! `bench`: kubegen against kube-rs + k8s-openapi on recorded Pods.
//!
//! Records the fixtures when they are missing (starting the local control
//! plane for it), then runs every measurement of the `kubegen-bench` crate
//! and prints its table.

use std::path::PathBuf;
use std::process::{Command, ExitCode};

use anyhow::{Context, Result};

use crate::cluster;
use crate::layout::Layout;
use crate::process::describe;

/// `cargo xtask bench [--rerecord] [ARGS...]`: ARGS go to the bench binary
/// (`--skip-build`, `--build-only`, `--runs N`).
pub fn bench(layout: &Layout, args: &[String]) -> Result<ExitCode> {
    let rerecord = args.iter().any(|a| a == "--rerecord");
    let args: Vec<&String> = args.iter().filter(|a| *a != "--rerecord").collect();
    let fixtures = std::env::var_os("KUBEGEN_BENCH_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| layout.root.join("target").join("bench-fixtures"));
    let present =
        fixtures.join("pods-list.json").is_file() && fixtures.join("pods-watch.jsonl").is_file();
    if rerecord || !present {
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

/// A cargo command in the workspace root, with the caller's toolchain.
///
/// Without the variables `cargo run` set for xtask itself: build scripts
/// that watch them (ring's watches `CARGO_MANIFEST_DIR`) would otherwise
/// rerun, and rebuild half the release tree a plain `cargo build` just built.
fn cargo(layout: &Layout) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(&layout.root);
    for (name, _) in std::env::vars_os() {
        let Some(name) = name.to_str() else { continue };
        if name.starts_with("CARGO_PKG_")
            || name.starts_with("CARGO_MANIFEST_")
            || matches!(
                name,
                "CARGO_BIN_NAME" | "CARGO_CRATE_NAME" | "CARGO_PRIMARY_PACKAGE"
            )
        {
            cmd.env_remove(name);
        }
    }
    cmd
}
