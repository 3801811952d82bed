//! A tiny kubectl for Pods: run a command in one, or forward local ports to it.
//!
//! ```text
//! podctl exec NAMESPACE POD -- COMMAND [ARG...]     # stdin in; stdout, stderr and exit code out
//! podctl port-forward NAMESPACE POD [LOCAL:]REMOTE...   # until interrupted
//! ```

use anyhow::{bail, Context};
use kubegen::remote::{ExecOptions, ExitStatus};
use kubegen::{Client, Clientset, Config};
use tokio::io::AsyncWriteExt;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [verb, namespace, pod, rest @ ..] = args.as_slice() else {
        bail!("usage: podctl exec NAMESPACE POD -- COMMAND... | podctl port-forward NAMESPACE POD [LOCAL:]REMOTE...");
    };
    let client = Client::new(Config::infer().await?)?;
    let pods = Clientset::from_client(client).core().v1().pods(namespace);
    match verb.as_str() {
        "exec" => {
            let command = rest.strip_prefix(&["--".to_string()]).unwrap_or(rest);
            let code = exec(&pods, pod, command).await?;
            std::process::exit(code);
        }
        "port-forward" => port_forward(&pods, pod, rest).await,
        other => bail!("unknown verb {other:?}: exec or port-forward"),
    }
}

/// Runs `command` with this program's stdin, stdout and stderr; returns its exit code.
async fn exec(
    pods: &kubegen::core::v1::PodClient,
    pod: &str,
    command: &[String],
) -> anyhow::Result<i32> {
    let options = ExecOptions {
        stdin: true,
        ..ExecOptions::default()
    };
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
