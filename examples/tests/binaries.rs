//! The finite example programs, run as binaries against the local control
//! plane exactly as a user runs them (the demo's tour among them); the
//! ingress manager's own flags; and every program's command line: `--help`,
//! and the one-line error without a cluster.

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

/// Every example program, by binary path, with the arguments of a run.
const PROGRAMS: [(&str, &[&str]); 7] = [
    (env!("CARGO_BIN_EXE_tour"), &[]),
    (env!("CARGO_BIN_EXE_emqx-operator"), &[]),
    (env!("CARGO_BIN_EXE_ingress-manager"), &[]),
    (env!("CARGO_BIN_EXE_podinfo"), &[]),
    (env!("CARGO_BIN_EXE_pvcwatch"), &[]),
    (env!("CARGO_BIN_EXE_virtualservice"), &[]),
    (env!("CARGO_BIN_EXE_podctl"), &["exec", "web", "--", "true"]),
];

#[test]
fn every_program_answers_help_with_kubectls_flags_and_an_example() {
    for (program, _) in PROGRAMS {
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
    for (program, args) in PROGRAMS {
        let output = Command::new(program)
            .args(args)
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

/// Runs kubectl with the local kubeconfig, `stdin` fed in; whether it succeeded.
fn kubectl(args: &[&str], stdin: &str) -> bool {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new("kubectl")
        .args(args)
        .env("KUBECONFIG", kubeconfig())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("kubectl runs");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.as_bytes()).unwrap();
    drop(input);
    child.wait().unwrap().success()
}

#[test]
fn the_ingress_manager_acts_on_the_annotation_its_flag_names() {
    let ns = format!("ingress-flags-{}", std::process::id());
    assert!(kubectl(&["create", "namespace", &ns], ""));
    let service = |name: &str, annotation: &str| {
        format!(
            r#"{{"apiVersion": "v1", "kind": "Service",
                "metadata": {{"name": "{name}", "annotations": {{"{annotation}": "yes"}}}},
                "spec": {{"ports": [{{"port": 80}}]}}}}"#
        )
    };
    // Listed in name order, and one worker: a-default is reconciled first.
    for (name, annotation) in [
        ("a-default", "ingress/http"),
        ("b-custom", "example.com/expose"),
    ] {
        assert!(kubectl(
            &["apply", "-n", &ns, "-f", "-"],
            &service(name, annotation)
        ));
    }
    let mut controller = Command::new(env!("CARGO_BIN_EXE_ingress-manager"))
        .args(["--kubeconfig", kubeconfig().to_str().unwrap(), "-n", &ns])
        .args(["--workers", "1", "--annotation", "example.com/expose"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("ingress-manager runs");
    let made = (0..300).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        kubectl(&["get", "ingress", "b-custom", "-n", &ns], "")
    });
    let default_too = kubectl(&["get", "ingress", "a-default", "-n", &ns], "");
    controller.kill().unwrap();
    controller.wait().unwrap();
    assert!(
        made,
        "no Ingress for the Service with the flag's annotation"
    );
    assert!(!default_too, "an Ingress for the default annotation");
}
