//! Runs every benchmark of kubegen against kube-rs + k8s-openapi on the
//! recorded fixtures and prints a table of the figures and their ratios.
//!
//! ```text
//! cargo run -p kubegen-bench --release --bin bench [-- --skip-build | --build-only]
//!     [--runs N] [--edit-runs N] [--only NAME]
//! ```
//!
//! `--only NAME` runs one measurement: decode, list, watch, cache, scaling (runtime),
//! clean-build, add-call, literal, check, declaration (build).
//!
//! Every measurement runs in a child process of its own (this binary again,
//! with `child ...`), so peak and resident memory belong to one client only;
//! this process serves the fixtures on loopback meanwhile.

mod build;
mod child;
mod edits;
mod report;
mod scaling;

use std::process::Command;
use std::sync::Arc;

use anyhow::{bail, Context, Result};
use kubegen_bench::{fixtures, server};
use serde_json::Value;

/// The runtime measurements, as `--only` takes them.
const RUNTIME: [&str; 5] = ["decode", "list", "watch", "cache", "scaling"];

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("child") {
        return child::run(&args[1..]);
    }
    let skip_build = args.iter().any(|a| a == "--skip-build");
    let build_only = args.iter().any(|a| a == "--build-only");
    let runs = number_after(&args, "--runs")?.unwrap_or(3).max(1);
    let edit_runs = number_after(&args, "--edit-runs")?.unwrap_or(5).max(1);
    let only = value_after(&args, "--only");
    if let Some(name) = only {
        if !RUNTIME.contains(&name) && !build::names().contains(&name) {
            bail!(
                "--only takes one of {}, {}; not {name:?}",
                RUNTIME.join(", "),
                build::names().join(", ")
            );
        }
    }
    let wanted = |name: &str| {
        let runtime = RUNTIME.contains(&name);
        only.is_none_or(|o| o == name) && !(runtime && build_only) && (runtime || !skip_build)
    };
    orchestrate(&wanted, runs, edit_runs)
}

/// The argument after `flag`, if the flag is given.
fn value_after<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

/// The number after `flag`, if the flag is given.
fn number_after(args: &[String], flag: &str) -> Result<Option<usize>> {
    value_after(args, flag)
        .map(str::parse)
        .transpose()
        .with_context(|| format!("{flag} takes a number"))
}

/// Runs this binary as `child ARGS...` and parses the JSON line it prints.
fn child(args: &[&str]) -> Result<Value> {
    let exe = std::env::current_exe()?;
    let output = Command::new(&exe)
        .arg("child")
        .args(args)
        .output()
        .with_context(|| format!("running {} child {}", exe.display(), args.join(" ")))?;
    if !output.status.success() {
        bail!(
            "child {} failed ({}): {}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .last()
        .with_context(|| format!("child {} printed nothing", args.join(" ")))?;
    serde_json::from_str(line).with_context(|| format!("child {} printed {line}", args.join(" ")))
}

/// The median of `runs` runs of a child, by `key` (the other fields of the median run kept).
fn median_of(runs: usize, args: &[&str], key: &str) -> Result<Value> {
    let mut results = Vec::with_capacity(runs);
    for _ in 0..runs {
        results.push(child(args)?);
    }
    results.sort_by(|a, b| {
        let a = a[key].as_f64().unwrap_or(f64::NAN);
        let b = b[key].as_f64().unwrap_or(f64::NAN);
        a.total_cmp(&b)
    });
    let mut median = results[results.len() / 2].clone();
    median["runs"] = Value::from(results.len());
    median["all"] = Value::from(
        results
            .iter()
            .map(|r| r[key].clone())
            .collect::<Vec<Value>>(),
    );
    Ok(median)
}

fn orchestrate(wanted: &dyn Fn(&str) -> bool, runs: usize, edit_runs: usize) -> Result<()> {
    let runtime = RUNTIME.iter().any(|name| wanted(name));
    if runtime && !fixtures::present() {
        bail!(
            "no fixtures in {}: record them with `cargo run -p kubegen-bench --release --bin record` \
             (or run `cargo xtask bench`)",
            fixtures::dir().display()
        );
    }
    let meta: Value = std::fs::read(fixtures::meta_path())
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null);
    let mut results = serde_json::Map::new();
    results.insert("fixtures".into(), meta);

    if runtime {
        measure(&mut results, wanted, runs)?;
    }
    results.extend(build::measure(wanted, edit_runs));

    let results = Value::Object(results);
    let table = report::table(&results);
    println!("{table}");
    std::fs::create_dir_all(fixtures::dir())?;
    std::fs::write(fixtures::dir().join("results.md"), &table)?;
    std::fs::write(
        fixtures::dir().join("results.json"),
        serde_json::to_vec_pretty(&results)?,
    )?;
    eprintln!(
        "bench: wrote {} and results.json",
        fixtures::dir().join("results.md").display()
    );
    Ok(())
}

/// Decode, list, watch and informer measurements, each in child processes.
fn measure(
    results: &mut serde_json::Map<String, Value>,
    wanted: &dyn Fn(&str) -> bool,
    runs: usize,
) -> Result<()> {
    // Decode from bytes (no server needed).
    for client in ["ignored", "kubegen", "kube"] {
        if wanted("decode") {
            eprintln!("bench: decode {client}");
            let r = child(&["decode", client])?;
            results.insert(format!("decode_{client}"), r);
        }
    }
    if !["list", "watch", "cache", "scaling"]
        .iter()
        .any(|name| wanted(name))
    {
        return Ok(());
    }

    // Everything over HTTP: the fixture server runs here, on one worker thread.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()?;
    let fixtures = Arc::new(server::Fixtures::load()?);
    let port = runtime.block_on(server::spawn(fixtures))?.to_string();
    eprintln!("bench: fixture server on http://127.0.0.1:{port}");

    for client in ["kubegen", "kube"] {
        if wanted("list") {
            eprintln!("bench: list {client} ({runs} runs)");
            let r = median_of(runs, &["list", client, &port], "secs")?;
            results.insert(format!("list_{client}"), r);
        }
        if wanted("watch") {
            eprintln!("bench: watch {client} ({runs} runs)");
            let r = median_of(runs, &["watch", client, &port], "secs")?;
            results.insert(format!("watch_{client}"), r);
        }
    }
    for client in ["kubegen", "kubegen-transform", "kube", "kube-transform"] {
        if !wanted("cache") {
            break;
        }
        eprintln!("bench: informer {client}");
        let r = median_of(
            runs.min(2),
            &["informer", client, &port],
            "bytes_per_object",
        )?;
        results.insert(format!("informer_{client}"), r);
    }
    if wanted("scaling") {
        let scaled = scaling::measure(&runtime, child)?;
        eprintln!("{}", scaling::table(&scaled));
        results.insert("scaling".into(), scaled);
    }
    runtime.shutdown_background();
    Ok(())
}
