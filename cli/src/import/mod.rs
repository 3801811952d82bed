//! `kubegen import --out DIR GROUP[/VERSION]...`: turns API groups of a live
//! cluster (built-in or CRD) into what `kubegen generate` reads: one
//! declaration per group, with one or more versions, and the server's OpenAPI
//! spec, trimmed to the definitions needed.
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
    /// The version to import of each GROUP named without one; the group's
    /// preferred version when unset.
    #[arg(long, conflicts_with = "all_versions")]
    version: Option<String>,
    /// Import every version served of each GROUP named without one.
    #[arg(long)]
    all_versions: bool,
    /// API groups, such as `apps` or `e2e.kubegen.dev`, each optionally with
    /// a version (`autoscaling/v2beta2`); `core` is the core group.
    #[arg(required = true, value_name = "GROUP[/VERSION]")]
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
    let unversioned = match (&args.version, args.all_versions) {
        (Some(version), _) => select::Versions::Only(version),
        (None, true) => select::Versions::All,
        (None, false) => select::Versions::Preferred,
    };
    let mut imported = Vec::new();
    for versions in select::plan(&apis, &args.groups, unversioned)? {
        let import = select::declare(&versions, defs);
        for skipped in &import.skipped {
            eprintln!("warning: {skipped}");
        }
        for (version, group_version) in import
            .declaration
            .versions
            .iter()
            .zip(&import.group_versions)
        {
            if version.kinds.is_empty() {
                anyhow::bail!("{group_version}: no resource has a definition in /openapi/v2");
            }
        }
        imported.push(import);
    }
    let roots: Vec<&str> = imported
        .iter()
        .flat_map(|i| &i.declaration.versions)
        .flat_map(|v| &v.kinds)
        .filter_map(|k| k.schema.openapi.as_deref())
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
            import.group_versions.join(", "),
            import
                .declaration
                .versions
                .iter()
                .map(|v| v.kinds.len())
                .sum::<usize>(),
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
