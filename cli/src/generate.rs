//! `kubegen generate --out DIR INPUT...`: the generator's library API behind a
//! command line, writing a module tree rooted at `DIR/mod.rs`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use kubegen_codegen::generate::{generate_tree, Options};

/// Arguments of `kubegen generate`.
#[derive(clap::Args)]
pub struct GenerateArgs {
    /// Output folder; `mod.rs` is its root module.
    #[arg(long)]
    out: PathBuf,
    /// Emit `#[cfg(feature = "...")]` per group.
    #[arg(long)]
    feature_per_group: bool,
    /// Declare every kind the OpenAPI specs serve.
    #[arg(long)]
    all_openapi_kinds: bool,
    /// The path the generated code names the runtime by; the default reaches
    /// it through the `kubegen` crate an app depends on.
    #[arg(long, default_value = kubegen_codegen::generate::DEFAULT_RUNTIME_CRATE)]
    runtime_crate: String,
    /// Leave out the typed `InformerFactory` and a Lease's `LeaseObject`
    /// impl, for an app whose `kubegen` has its `runtime` feature off.
    #[arg(long)]
    no_informers: bool,
    /// Declaration files, CRD manifests, swagger.json files, or folders of them.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
}

/// Generates in memory first, so a bad input writes nothing.
pub fn run(args: &GenerateArgs) -> anyhow::Result<ExitCode> {
    let opts = Options {
        feature_per_group: args.feature_per_group,
        all_openapi_kinds: args.all_openapi_kinds,
        runtime_crate: args.runtime_crate.clone(),
        informers: !args.no_informers,
        // A crate's features are chosen after generation: keep every item.
        only_features: None,
    };
    let (loaded, files) = generate_tree(&args.inputs, &opts)?;
    write_tree(&args.out, &files).with_context(|| format!("writing {}", args.out.display()))?;
    println!(
        "wrote {} files to {}; features: {}",
        files.len(),
        args.out.display(),
        loaded.features().join(", ")
    );
    Ok(ExitCode::SUCCESS)
}

fn write_tree(out: &Path, files: &BTreeMap<PathBuf, String>) -> std::io::Result<()> {
    for (rel, code) in files {
        let path = out.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, code)?;
    }
    Ok(())
}
