//! The build-cost comparison of the same small app (`bench/apps/kubegen-app`
//! and `bench/apps/kube-app`): a clean debug build of each, and of the stack
//! both kinds of client stand on (`bench/apps/stack-floor`), under
//! `/usr/bin/time -v` for the peak memory of the largest compiler process;
//! then the edit loops of [`crate::edits`], the two apps in turn, in target
//! dirs of their own in a temporary folder.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use kubegen_bench::fixtures;
use serde_json::{json, Map, Value};

use crate::edits::{self, Cargo, LOOPS};

/// The apps compared, and the floor built for the clean build only.
const APPS: [&str; 2] = ["kubegen-app", "kube-app"];
const FLOOR: &str = "stack-floor";

/// The names of the build measurements, as `--only` takes them.
pub fn names() -> Vec<&'static str> {
    let mut names = vec!["clean-build"];
    names.extend(LOOPS.iter().map(|l| l.name));
    names
}

fn app_dir(app: &str) -> PathBuf {
    fixtures::workspace_root()
        .join("bench")
        .join("apps")
        .join(app)
}

fn target_dir(app: &str) -> PathBuf {
    std::env::temp_dir().join(format!("kubegen-bench-build-{app}"))
}

/// Gives the app the workspace's lockfile (the same dependency versions;
/// kube and k8s-openapi are locked there by this crate) and fetches its
/// dependencies, so that the builds measure compiling only.
fn prepare(app: &str) -> Result<()> {
    let root = fixtures::workspace_root();
    let dir = app_dir(app);
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).context("copying Cargo.lock")?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(&cargo)
        .arg("fetch")
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .status()
        .context("running cargo fetch")?;
    if !status.success() {
        bail!("cargo fetch for {app} failed");
    }
    Ok(())
}

/// Runs the build measurements `wanted` accepts: the clean builds, then
/// each edit loop `runs` times. Every result is keyed as the report reads it.
pub fn measure(wanted: impl Fn(&str) -> bool, runs: usize) -> Map<String, Value> {
    let mut results = Map::new();
    let clean = wanted("clean-build");
    let loops: Vec<_> = LOOPS.iter().filter(|l| wanted(l.name)).collect();
    if !clean && loops.is_empty() {
        return results;
    }
    let mut apps: Vec<&str> = APPS.to_vec();
    if clean {
        apps.push(FLOOR);
    }
    for app in &apps {
        if let Err(e) = prepare(app) {
            results.insert(format!("build_{app}"), json!({"error": format!("{e:#}")}));
            return results;
        }
    }
    for app in &apps {
        let _ = std::fs::remove_dir_all(target_dir(app));
    }
    if clean {
        for app in &apps {
            eprintln!("bench: clean debug build of bench/apps/{app} (serially)");
            let result = clean_debug_build(app).unwrap_or_else(|e| {
                eprintln!("bench: the build of {app} failed: {e:#}");
                json!({"error": format!("{e:#}")})
            });
            results.insert(format!("build_{app}"), result);
        }
        let _ = std::fs::remove_dir_all(target_dir(FLOOR));
    }
    for l in loops {
        eprintln!(
            "bench: edit loop {} ({runs} runs, the apps in turn)",
            l.name
        );
        let result = edit_loop(l, runs).unwrap_or_else(|e| {
            eprintln!("bench: edit loop {} failed: {e:#}", l.name);
            json!({"error": format!("{e:#}")})
        });
        results.insert(format!("edit_{}", l.name), result);
    }
    for app in APPS {
        let _ = std::fs::remove_dir_all(target_dir(app));
    }
    results
}

/// Builds `bench/apps/<app>` from scratch (dependencies included) in debug,
/// keeping the target dir for the edit loops.
fn clean_debug_build(app: &str) -> Result<Value> {
    let target = target_dir(app);
    let (secs, stderr) = edits::run_cargo(&app_dir(app), &target, Cargo::Build, true)?;
    let peak_kib: Option<u64> = stderr.lines().find_map(|line| {
        line.trim()
            .strip_prefix("Maximum resident set size (kbytes):")
            .and_then(|v| v.trim().parse().ok())
    });
    let crates = stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("Compiling "))
        .count();
    Ok(json!({
        "app": app,
        "secs": secs,
        "peak_bytes": peak_kib.map(|k| k * 1024),
        "crates_compiled": crates,
        "target_dir_bytes": dir_size(&target),
    }))
}

/// Times one edit loop `runs` times, kubegen's app then kube-rs's in each
/// run, and gives each app's median and the median of the runs' ratios.
fn edit_loop(l: &edits::Loop, runs: usize) -> Result<Value> {
    let (mut kubegen, mut kube, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let g = edits::time_edit(&app_dir(APPS[0]), &target_dir(APPS[0]), &l.kubegen, l.cargo)?;
        kubegen.push(g);
        if let Some(edit) = &l.kube {
            let k = edits::time_edit(&app_dir(APPS[1]), &target_dir(APPS[1]), edit, l.cargo)?;
            kube.push(k);
            ratios.push(g / k);
        }
    }
    Ok(json!({
        "kubegen_secs": median(&kubegen),
        "kube_secs": median(&kube),
        "ratio": median(&ratios),
        "kubegen_all": kubegen,
        "kube_all": kube,
        "ratios": ratios,
    }))
}

/// The median of `values` (the upper one of an even count); `None` when empty.
fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_takes_the_middle_run() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0]), Some(4.0));
        assert_eq!(median(&[]), None);
    }
}
