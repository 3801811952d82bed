//! Lists Pods over HTTPS with reqwest, rustls, tokio and serde alone: the
//! floor under any client built on this stack.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct PodList {
    items: Vec<Pod>,
}

#[derive(Debug, Deserialize)]
struct Pod {
    metadata: Metadata,
}

#[derive(Debug, Deserialize)]
struct Metadata {
    name: Option<String>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let tls = rustls::ClientConfig::builder()
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
    let client = reqwest::Client::builder()
        .use_preconfigured_tls(tls)
        .build()?;
    let server = std::env::var("SERVER").unwrap_or_else(|_| "https://127.0.0.1:6443".into());
    let pods: PodList = client
        .get(format!("{server}/api/v1/namespaces/default/pods"))
        .send()
        .await?
        .json()
        .await?;
    for pod in &pods.items {
        println!("{:?}", pod.metadata.name);
    }
    Ok(())
}
