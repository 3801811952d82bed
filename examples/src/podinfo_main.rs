//! Runs the podinfo service: `podinfo [NAMESPACE]` (all namespaces by default).

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let namespace = std::env::args().nth(1);
    let client = kubegen::Client::new(kubegen::Config::infer().await?)?;
    kubegen_examples::podinfo::run(client, namespace.as_deref()).await
}
