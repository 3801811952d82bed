//! `cargo xtask`: development automation for kubegen.
//!
//! Runs a real `kube-apiserver` (v1.20.2, built from Debian's source package)
//! backed by a real `etcd` on loopback, so that the end-to-end tests and the
//! demo exercise the client against a genuine server rather than a mock.
//! Everything it creates lives under `<workspace>/target/kubegen-cluster/`.

mod bench;
mod cargo_cmd;
mod certs;
mod cluster;
mod exec_plugin;
mod fuzz;
mod kubeconfig;
mod kubelet;
mod launch;
mod layout;
mod ports;
mod probe;
mod process;
mod state;
mod tasks;
mod tokens;
mod tools;
mod users;

use std::process::ExitCode;

use layout::Layout;

/// Printed by `cargo xtask help` and on unknown commands.
const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  cluster up       build/cache kube-apiserver v1.20.2 if needed, start etcd and
                   kube-apiserver on loopback, write certificates, tokens and a
                   kubeconfig; last line of stdout is `export KUBECONFIG=...`
                   (harmless when the cluster already runs)
  cluster down     stop the cluster started by `cluster up`, remove its state dir
                   (refused while a `test` or `demo` of this checkout uses it)
  cluster status   report whether the cluster runs (exit 0) or not (exit 1)
  test [ARGS...]   cluster up, `cargo test --workspace ARGS...` against it (only
                   the named packages with `-p NAME`), then
                   cluster down (skip the down with KUBEGEN_KEEP_CLUSTER=1; left
                   up while another `test` or `demo` of this checkout uses it)
  demo             cluster up, run `cargo run -p kubegen-examples --bin tour`,
                   leave the cluster running
  bench [ARGS...]  kubegen vs kube-rs + k8s-openapi on recorded Pods: records the
                   fixtures if missing (cluster up), then every measurement and a
                   table (ARGS: --rerecord, --skip-build, --build-only, --runs N,
                   --edit-runs N, --only NAME: one of decode, list, watch, cache, scaling,
                   clean-build, add-call, literal, check, declaration)
  fuzz [TARGET] [--seconds N]
                   build the libFuzzer targets of fuzz/ with coverage flags (no
                   cargo-fuzz needed) and run each (or TARGET) on its corpus for
                   N seconds (default 60); crashes land in fuzz/artifacts/
  help             print this message

environment:
  KUBEGEN_CACHE_DIR     where the built binary is cached
                        (default $HOME/.cache/kubegen; binary at <dir>/v1.20.2/kube-apiserver)
  KUBEGEN_KEEP_CLUSTER  set to 1 to keep the cluster after `cargo xtask test`
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Dispatches the command line to a task.
fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        [] | ["help" | "-h" | "--help", ..] => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        ["cluster", "up"] => {
            cluster::up(&Layout::discover()?)?;
            Ok(ExitCode::SUCCESS)
        }
        ["cluster", "down"] => {
            let layout = Layout::discover()?;
            let Some(_alone) = users::alone(&layout)? else {
                anyhow::bail!(
                    "a `cargo xtask test` or `demo` of this checkout is using the cluster; \
                     stop it or wait (a test run stops the cluster itself when it ends)"
                );
            };
            cluster::down(&layout)?;
            Ok(ExitCode::SUCCESS)
        }
        ["cluster", "status"] => Ok(if cluster::status(&Layout::discover()?)? {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }),
        ["test", ..] => tasks::test(&Layout::discover()?, &args[1..]),
        ["demo"] => tasks::demo(&Layout::discover()?),
        ["bench", ..] => bench::bench(&Layout::discover()?, &args[1..]),
        ["fuzz", ..] => fuzz::fuzz(&Layout::discover()?, &args[1..]),
        _ => {
            eprintln!("unknown command: {}\n", args.join(" "));
            eprint!("{USAGE}");
            Ok(ExitCode::from(2))
        }
    }
}
