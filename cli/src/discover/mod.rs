//! `kubegen discover`: what `kubectl api-resources` prints, from
//! [`kubegen_runtime::discovery::Discovery`].

mod rows;

use std::path::PathBuf;
use std::process::ExitCode;

use kubegen_runtime::discovery::{Discovery, DiskCache};

use crate::connect::ConnectArgs;
use rows::{preferred_resources, Filter};

/// Output formats, as kubectl's `-o`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// Adds the VERBS and CATEGORIES columns.
    Wide,
    /// One `plural[.group]` a line, the form kubectl accepts back.
    Name,
}

/// Arguments of `kubegen discover`.
#[derive(clap::Args)]
pub struct DiscoverArgs {
    #[command(flatten)]
    connect: ConnectArgs,
    /// Output format: `wide` or `name`; a table when unset.
    #[arg(short = 'o', long = "output", value_enum)]
    output: Option<Output>,
    /// Only this API group; `--api-group=` (empty) is the core group.
    #[arg(long)]
    api_group: Option<String>,
    /// Only namespaced (`true`) or cluster-scoped (`false`) resources.
    #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true")]
    namespaced: Option<bool>,
    /// Leave out the header line.
    #[arg(long)]
    no_headers: bool,
    /// Use the discovery cached on disk when fresh, instead of asking the
    /// server (which refreshes that cache).
    #[arg(long)]
    cached: bool,
    /// The cache folder; `$KUBECACHEDIR`, else `~/.kube/cache`, as kubectl.
    #[arg(long)]
    cache_dir: Option<PathBuf>,
}

/// Prints the table; like kubectl, a group-version that failed discovery is
/// reported after what was found and makes the exit status non-zero.
pub async fn run(args: &DiscoverArgs) -> anyhow::Result<ExitCode> {
    let client = args.connect.client().await?;
    let server = &client.config().cluster_url;
    let disk = match &args.cache_dir {
        Some(dir) => Some(DiskCache::new(dir.join("discovery"), server)),
        None => DiskCache::in_default_dir(server),
    };
    let discovery = match disk {
        Some(disk) => Discovery::with_disk_cache(client, disk),
        None => Discovery::new(client),
    };
    if !args.cached {
        discovery.invalidate();
    }
    let apis = discovery.apis().await?;
    let filter = Filter {
        api_group: args.api_group.clone(),
        namespaced: args.namespaced,
    };
    let listed = preferred_resources(&apis)
        .into_iter()
        .filter(|l| filter.keeps(l))
        .collect::<Vec<_>>();
    print!("{}", rows::render(&listed, args.output, !args.no_headers));
    if let Err(failed) = apis.check_complete() {
        eprintln!("error: unable to retrieve the complete list of server APIs: {failed}");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}
