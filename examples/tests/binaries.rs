//! The finite example programs, run as binaries against the local control
//! plane exactly as a user runs them (the demo's tour among them); and every
//! program's command line: `--help`, and the one-line error without a cluster.

use std::path::PathBuf;
use std::process::Command;

fn kubeconfig() -> PathBuf {
    let dir = std::env::var_os("KUBEGEN_CLUSTER_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/kubegen-cluster")
        });
    let path = dir.join("kubeconfig");
    assert!(
        path.exists(),
        "no local control plane at {}: run `cargo xtask test`, or `cargo xtask cluster up`",
        dir.display()
    );
    path
}

/// Runs an example binary with the local kubeconfig; returns its stdout.
fn run(binary: &str, args: &[&str]) -> String {
    let output = Command::new(binary)
        .args(args)
        .env("KUBECONFIG", kubeconfig())
        .output()
        .expect("example binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{binary} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

#[test]
fn the_tour_runs() {
    let out = run(env!("CARGO_BIN_EXE_tour"), &[]);
    for expected in [
        "kube-apiserver \"v1.20.2\"",
        "is_not_found():",
        "ADDED    Some({\"hello\": \"world\"})",
        "MODIFIED Some({\"hello\": \"kubegen\"})",
        "DELETED  greeting",
        "2 replica(s) wanted",
        "found in the cache",
        "`deploy` resolves to deployments.v1.apps",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
}

#[test]
fn the_operator_example_runs_twice() {
    let ns = format!("emqx-bin-{}", std::process::id());
    let create_ns = Command::new("kubectl")
        .args(["create", "namespace", &ns])
        .env("KUBECONFIG", kubeconfig())
        .output();
    // kubectl is only a convenience here; without it, use the default namespace.
    let ns = match create_ns {
        Ok(o) if o.status.success() => ns,
        _ => "default".to_owned(),
    };
    for _ in 0..2 {
        let out = run(env!("CARGO_BIN_EXE_emqx-operator"), &["-n", &ns]);
        assert!(out.contains("after 2 tries"), "{out}");
        assert!(out.contains("finalizers [\"foregroundDeletion\"]"), "{out}");
    }
}

/// Every example program, by binary path.
const PROGRAMS: [&str; 6] = [
    env!("CARGO_BIN_EXE_tour"),
    env!("CARGO_BIN_EXE_emqx-operator"),
    env!("CARGO_BIN_EXE_ingress-manager"),
    env!("CARGO_BIN_EXE_podinfo"),
    env!("CARGO_BIN_EXE_pvcwatch"),
    env!("CARGO_BIN_EXE_virtualservice"),
];

#[test]
fn every_program_answers_help_with_kubectls_flags_and_an_example() {
    for program in PROGRAMS {
        let output = Command::new(program).arg("--help").output().expect("runs");
        let help = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{program} --help failed: {help}");
        for expected in [
            "Usage:",
            "--kubeconfig <FILE>",
            "--context <NAME>",
            "-n, --namespace <NAME>",
            "Example: ",
        ] {
            assert!(
                help.contains(expected),
                "{program}: no {expected:?} in:\n{help}"
            );
        }
    }
}

#[test]
fn without_any_configuration_every_program_fails_with_one_line() {
    // No KUBECONFIG, an empty home, and no service-account environment;
    // RUST_BACKTRACE asks for the dump a user must not get.
    let home = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("empty-home");
    std::fs::create_dir_all(&home).unwrap();
    for program in PROGRAMS {
        let output = Command::new(program)
            .env_remove("KUBECONFIG")
            .env_remove("KUBERNETES_SERVICE_HOST")
            .env_remove("KUBERNETES_SERVICE_PORT")
            .env("HOME", &home)
            .env("RUST_BACKTRACE", "1")
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{program} succeeded: {stderr}");
        assert_eq!(
            stderr.lines().count(),
            1,
            "{program}: not one line:\n{stderr}"
        );
        assert!(
            stderr.contains("error: no configuration found")
                && stderr.contains("KUBERNETES_SERVICE_HOST"),
            "{program}: {stderr}"
        );
    }
}
