//! The podinfo service's command line: kubectl's connection flags and
//! whether to install the Testcr CRD itself.

use std::process::ExitCode;

use clap::Parser;
use kubegen::Client;
use kubegen_runtime::config::{AllNamespacesFlag, ConfigFlags};

/// Mirrors each Pod's name, namespace, UID and IP into a Testcr custom
/// resource (stable.example.com/v1) of the same name, kept up to date and
/// deleted with the Pod. Installs the Testcr CRD first unless told not to.
/// Runs until stopped. Logs go to stderr (RUST_LOG, default info).
///
/// Example: podinfo -n default
#[derive(Parser)]
#[command(name = "podinfo", version)]
struct Args {
    #[command(flatten)]
    config: ConfigFlags,
    #[command(flatten)]
    all: AllNamespacesFlag,
    /// Expect the Testcr CRD to be installed already (then no rights over CRDs are needed)
    #[arg(long)]
    skip_crd_install: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    kubegen_examples::cli::init_logging("info");
    kubegen_examples::cli::run("podinfo", async move {
        let config = args.config.load()?;
        let namespace = args.all.scope(&config).map(str::to_owned);
        let client = Client::new(config)?;
        if args.skip_crd_install {
            kubegen_examples::podinfo::mirror_pods(client, namespace.as_deref()).await
        } else {
            kubegen_examples::podinfo::run(client, namespace.as_deref()).await
        }
    })
}
