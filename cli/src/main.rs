//! `kubegen`: generate a typed clientset from declarations (`generate`), write
//! their CustomResourceDefinitions (`crd`), list
//! what a live cluster serves (`discover`), and turn a cluster's API groups
//! into declarations plus an OpenAPI spec ready for `generate` (`import`).
//!
//! A binary crate of its own so the generator stays a library with no network
//! or runtime dependency; this is the one place both meet.

mod connect;
mod crd;
mod discover;
mod generate;
mod import;
mod table;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "kubegen",
    version,
    about = "Typed Kubernetes clients: generate, crd, discover, import"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust from declarations, CRD manifests and OpenAPI v2 specs.
    Generate(generate::GenerateArgs),
    /// Write CustomResourceDefinition manifests for the declared custom kinds.
    Crd(crd::CrdArgs),
    /// Print the resources the server serves, as `kubectl api-resources` does.
    Discover(discover::DiscoverArgs),
    /// Write declarations and an OpenAPI spec for API groups of a live cluster.
    Import(import::ImportArgs),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Generate(args) => generate::run(&args),
        Command::Crd(args) => crd::run(&args),
        Command::Discover(args) => block_on(discover::run(&args)),
        Command::Import(args) => block_on(import::run(&args)),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Runs a network command. One thread is plenty for a handful of requests,
/// and `generate` never starts a runtime at all.
fn block_on<F: std::future::Future<Output = anyhow::Result<ExitCode>>>(
    future: F,
) -> anyhow::Result<ExitCode> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(future)
}
