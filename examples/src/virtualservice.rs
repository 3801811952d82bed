//! An Istio-style VirtualService, a kind kubegen has no type for, driven
//! through discovery and the dynamic client: install its CRD, resolve `vs`,
//! create `service2` with a 95/5 split, list, patch to 50/50, read back.
//!
//! Run it with `cargo run -p kubegen-examples --bin virtualservice [namespace]`
//! (the namespace defaults to `default`).

use kubegen::{Client, Config};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let namespace = std::env::args().nth(1).unwrap_or_else(|| "default".into());
    let client = Client::new(Config::infer().await?)?;
    let outcome = kubegen_examples::istio::run(&client, &namespace).await?;
    anyhow::ensure!(
        outcome.after == [50, 50],
        "the patch did not take: {:?}",
        outcome.after
    );
    Ok(())
}
