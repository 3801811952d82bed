//! A tour of kubegen against a live cluster: how the configuration is found,
//! what the server is, and how calls and their typed errors map onto HTTP.
//!
//! Run it with `cargo xtask demo` (which starts a local control plane first),
//! or against any cluster with `cargo run -p kubegen-examples --bin tour`.
//! `RUST_LOG=kubegen_runtime=debug` shows every request it makes.

use kubegen::{Client, Config};
use serde_json::Value;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();

    println!("== configuration (kubeconfig, else in-cluster)");
    let config = Config::infer().await?;
    println!("server:            {}", config.cluster_url);
    println!("default namespace: {}", config.default_namespace);
    println!("credentials:       {}", describe_auth(&config));
    let client = Client::new(config)?;

    println!("\n== GET /version");
    let version: Value = client.get_json("/version").await?;
    println!(
        "kube-apiserver {} ({})",
        version["gitVersion"], version["platform"]
    );

    println!("\n== GET /api/v1/namespaces");
    let namespaces: Value = client.get_json("/api/v1/namespaces").await?;
    for ns in namespaces["items"].as_array().into_iter().flatten() {
        println!("  {}", ns["metadata"]["name"].as_str().unwrap_or("?"));
    }

    println!("\n== typed errors: GET /api/v1/namespaces/kubegen-tour-missing");
    match client
        .get_json::<Value>("/api/v1/namespaces/kubegen-tour-missing")
        .await
    {
        Err(e) if e.is_not_found() => println!("is_not_found(): {e}"),
        other => anyhow::bail!("expected NotFound, got {other:?}"),
    }
    Ok(())
}

fn describe_auth(config: &Config) -> String {
    use kubegen::AuthConfig;
    let auth = match &config.auth {
        AuthConfig::None => "none",
        AuthConfig::Token(_) => "bearer token",
        AuthConfig::TokenFile { .. } => "bearer token file (re-read as it rotates)",
        AuthConfig::Basic { .. } => "basic auth",
        AuthConfig::Exec(_) => "exec plugin",
    };
    match config.identity {
        Some(_) => format!("{auth} + client certificate"),
        None => auth.to_owned(),
    }
}
