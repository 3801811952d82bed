//! Lists Pods, creates a Deployment and watches Deployments, with kubegen.

use futures::StreamExt;
use kubegen::apps::v1::Deployment;
use kubegen::options::{CreateOptions, ListOptions};
use kubegen::{Client, Clientset, Config, WatchEvent};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cs = Clientset::from_client(Client::new(Config::infer().await?)?);
    let pods = cs
        .core()
        .v1()
        .pods("default")
        .list(&ListOptions::default())
        .await?;
    for pod in &pods.items {
        let phase = pod.status.as_ref().and_then(|s| s.phase.clone());
        println!("{:?} {:?}", pod.metadata.name, phase);
    }
    let deployments = cs.apps().v1().deployments("default");
    let deployment: Deployment = serde_json::from_value(serde_json::json!({
        "metadata": {"name": "hello"},
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app": "hello"}},
            "template": {
                "metadata": {"labels": {"app": "hello"}},
                "spec": {"containers": [{"name": "hello", "image": "nginx:1.19"}]}
            }
        }
    }))?;
    let created = deployments
        .create(&deployment, &CreateOptions::default())
        .await?;
    println!("created {:?}", created.metadata.name);
    let mut events = deployments.watch(&ListOptions::default()).await?;
    while let Some(event) = events.next().await {
        if let WatchEvent::Added(d) | WatchEvent::Modified(d) = event? {
            let replicas = d.spec.as_ref().and_then(|s| s.replicas);
            println!("{:?} replicas {:?}", d.metadata.name, replicas);
        }
    }
    Ok(())
}
