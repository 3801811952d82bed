//! An Istio-style VirtualService, a kind kubegen has no type for, driven
//! through discovery and the dynamic client.

use std::process::ExitCode;

use clap::Parser;
use kubegen::Client;
use kubegen_runtime::config::ConfigFlags;

/// Drives an Istio-style VirtualService, a kind kubegen has no type for,
/// through discovery and the dynamic client: installs its CRD, resolves `vs`,
/// creates `service2` with a 95/5 split, lists, patches to 50/50 and reads it
/// back. Logs go to stderr (RUST_LOG, default warn).
///
/// Example: virtualservice -n default
#[derive(Parser)]
#[command(name = "virtualservice", version)]
struct Args {
    #[command(flatten)]
    config: ConfigFlags,
}

fn main() -> ExitCode {
    let args = Args::parse();
    kubegen_examples::cli::init_logging("warn");
    kubegen_examples::cli::run("virtualservice", async move {
        let config = args.config.load()?;
        let namespace = config.default_namespace.clone();
        let client = Client::new(config)?;
        let outcome = kubegen_examples::istio::run(&client, &namespace).await?;
        anyhow::ensure!(
            outcome.after == [50, 50],
            "the patch did not take: {:?}",
            outcome.after
        );
        Ok(())
    })
}
