//! A tiny kubectl for Pods: run a command in one, or forward local ports to
//! it, with kubectl's connection flags.

use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use kubegen::remote::{ExecOptions, ExitStatus};
use kubegen::{Client, Clientset};
use kubegen_runtime::config::ConfigFlags;
use tokio::io::AsyncWriteExt;

/// A tiny kubectl for Pods: runs a command in a Pod with this terminal's
/// stdin, stdout, stderr and exit code, or forwards local ports to a Pod's
/// ports until interrupted.
///
/// Example: podctl -n default exec web -- sh -c 'echo hello'
#[derive(Parser)]
#[command(name = "podctl", version)]
struct Args {
    #[command(flatten)]
    config: ConfigFlags,
    #[command(subcommand)]
    command: Verb,
}

#[derive(Subcommand)]
enum Verb {
    /// Runs COMMAND in POD with this terminal's stdin, stdout and stderr, and exits with its code
    Exec {
        /// The Pod
        pod: String,
        /// The command and its arguments, after `--`
        #[arg(last = true, required = true)]
        command: Vec<String>,
    },
    /// Forwards local ports to POD's ports until interrupted; `:REMOTE` or `REMOTE` alone takes a free local port
    PortForward {
        /// The Pod
        pod: String,
        /// `[LOCAL:]REMOTE` port pairs
        #[arg(required = true)]
        ports: Vec<String>,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    kubegen_examples::cli::init_logging("warn");
    let mut code = 0;
    let outcome = kubegen_examples::cli::run("podctl", async {
        let config = args.config.load()?;
        let namespace = config.default_namespace.clone();
        let pods = Clientset::from_client(Client::new(config)?)
            .core()
            .v1()
            .pods(&namespace);
        match &args.command {
            Verb::Exec { pod, command } => code = exec(&pods, pod, command).await?,
            Verb::PortForward { pod, ports } => port_forward(&pods, pod, ports).await?,
        }
        Ok(())
    });
    if outcome == ExitCode::SUCCESS {
        ExitCode::from(u8::try_from(code).unwrap_or(1))
    } else {
        outcome
    }
}

/// Runs `command` with this program's stdin, stdout and stderr; returns its exit code.
async fn exec(
    pods: &kubegen::core::v1::PodClient,
    pod: &str,
    command: &[String],
) -> anyhow::Result<i32> {
    let options = ExecOptions::default().stdin(true);
    let mut process = pods.exec(pod, command, &options).await?;
    let mut remote_stdin = process.stdin.take().context("no stdin")?;
    let mut remote_stdout = process.stdout.take().context("no stdout")?;
    let mut remote_stderr = process.stderr.take().context("no stderr")?;
    // Input is sent while it lasts; the command may end before it does.
    tokio::spawn(async move {
        let _ = tokio::io::copy(&mut tokio::io::stdin(), &mut remote_stdin).await;
        // Closing stdin tells the command there is no more input.
        let _ = remote_stdin.shutdown().await;
    });
    let (mut stdout, mut stderr) = (tokio::io::stdout(), tokio::io::stderr());
    let (out, err) = tokio::join!(
        tokio::io::copy(&mut remote_stdout, &mut stdout),
        tokio::io::copy(&mut remote_stderr, &mut stderr),
    );
    out?;
    err?;
    Ok(match process.wait().await? {
        ExitStatus::Success => 0,
        ExitStatus::Code(code) => code,
        ExitStatus::Failure(status) => {
            eprintln!("podctl: {}", status.message.unwrap_or_default());
            1
        }
    })
}

/// Listens on the local ports (a free one for `REMOTE` alone) until interrupted.
async fn port_forward(
    pods: &kubegen::core::v1::PodClient,
    pod: &str,
    specs: &[String],
) -> anyhow::Result<()> {
    let pairs = specs
        .iter()
        .map(|spec| {
            let (local, remote) = spec.split_once(':').unwrap_or(("0", spec));
            let local = if local.is_empty() { "0" } else { local };
            Ok((local.parse()?, remote.parse()?))
        })
        .collect::<anyhow::Result<Vec<(u16, u16)>>>()
        .context("ports are [LOCAL:]REMOTE numbers")?;
    let forward = pods.forward_local_ports(pod, &pairs).await?;
    for (local, remote) in forward.addresses() {
        println!("Forwarding from {local} -> {remote}");
    }
    // Forwards until the process is interrupted (Ctrl-C) or killed.
    std::future::pending().await
}
