//! The ingress manager's command line: kubectl's connection flags, the
//! worker count and the annotation to act on.

use std::process::ExitCode;

use clap::Parser;
use kubegen::Client;
use kubegen_examples::ingress_manager::{self, ANNOTATION};
use kubegen_runtime::config::{AllNamespacesFlag, ConfigFlags};

/// Gives every Service annotated `ingress/http` an Ingress (host example.com,
/// path /, the Service's port) owned by that Service, and deletes it when the
/// annotation goes; what it does shows as Events on the Service. Runs until
/// stopped. Logs go to stderr (RUST_LOG, default info).
///
/// Example: ingress-manager -A --workers 4
#[derive(Parser)]
#[command(name = "ingress-manager", version)]
struct Args {
    #[command(flatten)]
    config: ConfigFlags,
    #[command(flatten)]
    all: AllNamespacesFlag,
    /// Services reconciled at once
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..))]
    workers: u16,
    /// The Service annotation that asks for an Ingress
    #[arg(long, default_value = ANNOTATION)]
    annotation: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    kubegen_examples::cli::init_logging("info");
    kubegen_examples::cli::run("ingress-manager", async move {
        let config = args.config.load()?;
        let namespace = args.all.scope(&config).map(str::to_owned);
        let client = Client::new(config)?;
        let workers = usize::from(args.workers);
        ingress_manager::run_with(client, namespace.as_deref(), workers, &args.annotation).await?;
        Ok(())
    })
}
