//! Watches the storage requested by PersistentVolumeClaims.
//!
//! ```text
//! pvcwatch [NAMESPACE] [LABEL-SELECTOR] [THRESHOLD] [FIELD-SELECTOR]
//! pvcwatch default app=db 10Gi metadata.name!=scratch
//! ```

use std::ops::ControlFlow;

use kubegen::{Client, Clientset, Config};
use kubegen_examples::pvc_capacity::{run, Notice, Options};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, default: &str| args.get(i).cloned().unwrap_or_else(|| default.to_owned());
    let options = Options {
        namespace: arg(0, "default"),
        label_selector: arg(1, "app=pvcwatch"),
        threshold: arg(2, "10Gi").parse()?,
        field_selector: args.get(3).cloned(),
    };
    let cs = Clientset::from_client(Client::new(Config::infer().await?)?);
    println!("{:<30} {:<10} {:>10}", "NAME", "STATUS", "REQUEST");
    run(&cs, &options, |notice| {
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
