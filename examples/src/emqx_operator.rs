//! The EMQX broker life cycle through a clientset generated from the
//! operator's CRD.

use std::process::ExitCode;

use clap::Parser;
use kubegen::Client;
use kubegen_runtime::config::ConfigFlags;

/// Runs the whole life cycle of an EMQX broker (apps.emqx.io/v1beta1
/// EmqxBroker) through a clientset generated from the operator's CRD: installs
/// the CRD, creates, gets, lists, updates with retry on conflict, writes
/// status, reads scale, and deletes with foreground propagation, printing
/// each step; the CRD is installed first unless told not to. Logs go to stderr (RUST_LOG, default warn).
///
/// Example: emqx-operator -n demo
#[derive(Parser)]
#[command(name = "emqx-operator", version)]
struct Args {
    #[command(flatten)]
    config: ConfigFlags,
    /// Expect the EmqxBroker CRD to be installed already (then no rights over CRDs are needed)
    #[arg(long)]
    skip_crd_install: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    kubegen_examples::cli::init_logging("warn");
    kubegen_examples::cli::run("emqx-operator", async move {
        let config = args.config.load()?;
        let namespace = config.default_namespace.clone();
        let client = Client::new(config)?;
        let say = |line| println!("{line}");
        if args.skip_crd_install {
            kubegen_examples::emqx::life_cycle(client, &namespace, say).await?;
        } else {
            kubegen_examples::emqx::run(client, &namespace, say).await?;
        }
        Ok(())
    })
}
