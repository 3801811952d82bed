//! `kubegen generate --out DIR INPUT...`: writes a module tree rooted at `DIR/mod.rs`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kubegen_codegen::generate::{generate_tree, Options};

#[derive(Parser)]
#[command(name = "kubegen", about = "Generate a typed Kubernetes clientset")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate Rust from declarations, CRD manifests and OpenAPI v2 specs.
    Generate {
        /// Output folder; `mod.rs` is its root module.
        #[arg(long)]
        out: PathBuf,
        /// Emit `#[cfg(feature = "...")]` per group.
        #[arg(long)]
        feature_per_group: bool,
        /// Declare every kind the OpenAPI specs serve.
        #[arg(long)]
        all_openapi_kinds: bool,
        /// Declaration files, CRD manifests, swagger.json files, or folders of them.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
    },
}

fn write_tree(
    out: &Path,
    files: &std::collections::BTreeMap<PathBuf, String>,
) -> std::io::Result<()> {
    for (rel, code) in files {
        let path = out.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, code)?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let Command::Generate {
        out,
        feature_per_group,
        all_openapi_kinds,
        inputs,
    } = Cli::parse().command;
    let opts = Options {
        feature_per_group,
        all_openapi_kinds,
    };
    // Everything is generated in memory first: a bad input writes nothing.
    let (loaded, files) = match generate_tree(&inputs, &opts) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = write_tree(&out, &files) {
        eprintln!("error: writing {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    println!(
        "wrote {} files to {}; features: {}",
        files.len(),
        out.display(),
        loaded.features().join(", ")
    );
    ExitCode::SUCCESS
}
