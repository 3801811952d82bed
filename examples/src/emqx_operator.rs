//! The EMQX broker life cycle through a clientset generated from the
//! operator's CRD: `emqx-operator [NAMESPACE]`.

use kubegen::{Client, Config};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let namespace = std::env::args().nth(1).unwrap_or_else(|| "default".into());
    let client = Client::new(Config::infer().await?)?;
    kubegen_examples::emqx::run(client, &namespace, |line| println!("{line}")).await?;
    Ok(())
}
