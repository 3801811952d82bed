//! Watches the storage requested by PersistentVolumeClaims.

use std::ops::ControlFlow;
use std::process::ExitCode;

use clap::Parser;
use kubegen::meta::Quantity;
use kubegen::{Client, Clientset};
use kubegen_examples::pvc_capacity::{run, Notice, Options};
use kubegen_runtime::config::ConfigFlags;

/// Prints a table of the PersistentVolumeClaims of one namespace and their
/// requested storage, then watches them and announces when the total request
/// goes above the threshold and when it is back at or below it. Runs until
/// stopped. Logs go to stderr (RUST_LOG, default warn).
///
/// Example: pvcwatch -n default -l app=db --threshold 10Gi --field-selector metadata.name!=scratch
#[derive(Parser)]
#[command(name = "pvcwatch", version)]
struct Args {
    #[command(flatten)]
    config: ConfigFlags,
    /// Only claims with these labels
    #[arg(
        short = 'l',
        long,
        value_name = "SELECTOR",
        default_value = "app=pvcwatch"
    )]
    selector: String,
    /// Only claims with these fields
    #[arg(long, value_name = "SELECTOR")]
    field_selector: Option<String>,
    /// Announce when the total request goes above this quantity
    #[arg(long, value_name = "QUANTITY", default_value = "10Gi")]
    threshold: Quantity,
}

fn main() -> ExitCode {
    let args = Args::parse();
    kubegen_examples::cli::init_logging("warn");
    kubegen_examples::cli::run("pvcwatch", async move {
        let config = args.config.load()?;
        let options = Options {
            namespace: config.default_namespace.clone(),
            label_selector: args.selector,
            threshold: args.threshold,
            field_selector: args.field_selector,
        };
        let cs = Clientset::from_client(Client::new(config)?);
        watch(&cs, &options).await
    })
}

/// Prints the table, the totals and the alerts as they come.
async fn watch(cs: &Clientset, options: &Options) -> anyhow::Result<()> {
    println!("{:<30} {:<10} {:>10}", "NAME", "STATUS", "REQUEST");
    run(cs, options, |notice| {
        match notice {
            Notice::Row {
                name,
                phase,
                request,
            } => println!("{name:<30} {phase:<10} {request:>10}"),
            Notice::Total(total) => {
                println!("total requested: {total} (threshold {})", options.threshold)
            }
            Notice::Above(total) => {
                println!("ALERT: {total} requested, above {}", options.threshold)
            }
            Notice::Below(total) => println!(
                "OK: {total} requested, back at or below {}",
                options.threshold
            ),
        }
        ControlFlow::Continue(())
    })
    .await?;
    Ok(())
}
