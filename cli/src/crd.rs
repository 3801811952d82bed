//! `kubegen crd --out DIR INPUT...`: a CustomResourceDefinition manifest for
//! every custom kind the declarations declare, ready for `kubectl apply -f DIR`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use kubegen_codegen::crd::{crd_manifests, write_crds};

/// Arguments of `kubegen crd`.
#[derive(clap::Args)]
pub struct CrdArgs {
    /// Output folder; one `<plural>.<group>.yaml` per kind.
    #[arg(long)]
    out: PathBuf,
    /// Declaration files, CRD manifests, or folders of them.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
}

/// Builds every manifest first, so a bad input writes nothing.
pub fn run(args: &CrdArgs) -> anyhow::Result<ExitCode> {
    let manifests = crd_manifests(&args.inputs)?;
    for note in &manifests.skipped {
        eprintln!("skipped {note}");
    }
    let written = write_crds(&args.out, &manifests.crds)
        .with_context(|| format!("writing {}", args.out.display()))?;
    for path in &written {
        println!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
