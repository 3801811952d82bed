//! Helpers shared by the CLI tests: running the built `kubegen` binary, and
//! the generator's fixtures it is run on.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// The `kubegen` binary cargo built for these tests.
pub fn kubegen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kubegen"))
}

/// Runs `kubegen` and returns its output, panicking with stderr on failure.
pub fn run_ok(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run kubegen");
    assert!(
        out.status.success(),
        "kubegen failed: {}\nstdout: {}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    out
}

/// `codegen/tests/<rel>`: the generator's own fixtures.
pub fn codegen_tests_dir(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../codegen/tests")
        .join(rel)
}

/// The v1.20.2 OpenAPI spec, committed once as data of the `generated` crate.
pub fn swagger() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../generated/openapi/swagger-v1.20.2.json")
}

/// The local control plane's kubeconfig (fails, never skips, when it is down).
pub fn kubeconfig() -> PathBuf {
    kubegen_tests::cluster_file("kubeconfig")
}

/// `kubegen <command>` pointed at the local control plane's admin context,
/// with kubectl's cache folder in the control plane's folder, not in HOME.
pub fn kubegen_on_cluster(command: &str) -> Command {
    let mut cmd = kubegen();
    cmd.arg(command)
        .arg("--kubeconfig")
        .arg(kubeconfig())
        .args(["--context", "token"])
        .env("KUBECACHEDIR", kube_cache_dir());
    cmd
}

/// Where the tests' kubectl and `kubegen discover` keep their caches.
pub fn kube_cache_dir() -> PathBuf {
    kubegen_tests::cluster_file("kube-cache")
}

/// Installs the Widget CRD (`widgets.e2e.kubegen.dev`, status and scale, short
/// name `wd`) on the local control plane and waits until it is served, and
/// until `/openapi/v2` describes it (the server adds a new CRD's schema there
/// a few seconds after it is Established).
pub fn install_widget_crd() {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            let admin = kubegen_tests::admin();
            kubegen_tests::install_widget_crd(&admin).await;
            kubegen_tests::eventually("the Widget schema in /openapi/v2", async || {
                let spec: serde_json::Value = admin.get_json("/openapi/v2").await.ok()?;
                spec["definitions"]
                    .get("dev.kubegen.e2e.v1.Widget")
                    .map(|_| ())
            })
            .await;
        });
}

/// The whitespace-separated cells of the line of `table` whose first cell is `name`.
pub fn row<'a>(table: &'a str, name: &str) -> Option<Vec<&'a str>> {
    table
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .find(|cells| cells.first() == Some(&name))
}

/// `kubegen SUBCOMMAND --out DIR` on a good and a bad input fails naming the
/// bad file and line, and writes nothing.
pub fn bad_input_writes_nothing(subcommand: &str) {
    let out = tempfile::tempdir().expect("tempdir");
    let target = out.path().join("out");
    let status = kubegen()
        .args([subcommand, "--out"])
        .arg(&target)
        .arg(codegen_tests_dir("cases/crd"))
        .arg(codegen_tests_dir("bad/bad_scope.yaml"))
        .output()
        .expect("run kubegen");
    assert!(!status.status.success());
    let stderr = String::from_utf8_lossy(&status.stderr);
    assert!(stderr.contains("bad_scope.yaml:6"), "{stderr}");
    assert!(!target.exists(), "nothing written");
}
