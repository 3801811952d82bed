//! `kubegen import --out DIR GROUP...`: turns API groups of a live cluster
//! (built-in or CRD) into what `kubegen generate` reads: one declaration per
//! group and the server's OpenAPI spec, trimmed to the definitions needed.
//! Types come from the server itself, so CRDs need no manifest at hand.

mod declaration;
mod openapi;
mod select;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use kubegen_runtime::discovery::Discovery;

use crate::connect::ConnectArgs;

/// Arguments of `kubegen import`.
#[derive(clap::Args)]
pub struct ImportArgs {
    #[command(flatten)]
    connect: ConnectArgs,
    /// Folder to write `openapi.json` and `<group>.yaml` into (created if missing).
    #[arg(long)]
    out: PathBuf,
    /// The version to import; each group's preferred version when unset.
    #[arg(long)]
    version: Option<String>,
    /// API groups, such as `apps` or `e2e.kubegen.dev`; `core` is the core group.
    #[arg(required = true)]
    groups: Vec<String>,
}

/// The OpenAPI spec's name in the output folder.
const SPEC_FILE: &str = "openapi.json";

/// Discovers, fetches `/openapi/v2`, builds everything in memory, writes it,
/// then reads it back with the generator so a bad import fails here.
pub async fn run(args: &ImportArgs) -> anyhow::Result<ExitCode> {
    let client = args.connect.client().await?;
    let apis = Discovery::new(client.clone()).apis().await?;
    let spec: serde_json::Value = client
        .get_json("/openapi/v2")
        .await
        .context("fetching /openapi/v2")?;
    let defs = openapi::definitions(&spec)?;
    let mut imported = Vec::new();
    for group in &args.groups {
        let found = select::group(&apis, group, args.version.as_deref())?;
        let import = select::declare(&found, defs);
        for skipped in &import.skipped {
            eprintln!(
                "warning: {}/{}: {skipped}",
                found.group_version, skipped.plural
            );
        }
        if import.declaration.versions[0].kinds.is_empty() {
            anyhow::bail!(
                "{}: no resource has a definition in /openapi/v2",
                found.group_version
            );
        }
        imported.push(import);
    }
    let roots: Vec<&str> = imported
        .iter()
        .flat_map(|i| &i.declaration.versions[0].kinds)
        .map(|k| k.schema.openapi.as_str())
        .collect();
    let trimmed = openapi::trim(&spec, &roots)?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let spec_path = args.out.join(SPEC_FILE);
    std::fs::write(&spec_path, serde_json::to_string_pretty(&trimmed)? + "\n")
        .with_context(|| format!("writing {}", spec_path.display()))?;
    for import in &imported {
        let path = args.out.join(&import.file_name);
        let yaml = serde_yaml::to_string(&import.declaration)?;
        std::fs::write(&path, yaml).with_context(|| format!("writing {}", path.display()))?;
        println!(
            "{}: {} kinds -> {}",
            import.group_version,
            import.declaration.versions[0].kinds.len(),
            path.display()
        );
    }
    kubegen_codegen::generate::load(std::slice::from_ref(&args.out), &Default::default())
        .context("the generator cannot read the imported declarations")?;
    println!(
        "wrote {} ({} definitions); next: kubegen generate --out <DIR> {}",
        spec_path.display(),
        trimmed["definitions"].as_object().map_or(0, |d| d.len()),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
