//! Lists Pods, creates a Deployment and watches Deployments, with kube + k8s-openapi.

/// The app's own kind, as kubegen-app declares it in `api/toys.yaml`
/// (unused here, as there).
#[allow(dead_code)]
mod api {
    use kube::CustomResource;
    use serde::{Deserialize, Serialize};

    /// A widget's desired state.
    #[derive(CustomResource, Serialize, Deserialize, Clone, Debug, Default)]
    #[kube(
        group = "toys.example.net",
        version = "v1",
        kind = "Widget",
        namespaced,
        status = "WidgetStatus",
        schema = "disabled"
    )]
    pub struct WidgetSpec {
        pub size: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub color: Option<WidgetSpecColor>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub tags: Option<Vec<String>>,
    }

    /// The colors a widget comes in.
    #[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
    #[serde(rename_all = "lowercase")]
    pub enum WidgetSpecColor {
        Red,
        Blue,
    }

    /// A widget's observed state.
    #[derive(Serialize, Deserialize, Clone, Debug, Default)]
    pub struct WidgetStatus {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub phase: Option<String>,
    }
}

use futures::StreamExt;
use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::Pod;
use kube::api::{ListParams, PostParams, WatchEvent, WatchParams};
use kube::{Api, Client, Config};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let client = Client::try_from(Config::infer().await?)?;
    let pods: Api<Pod> = Api::namespaced(client.clone(), "default");
    let pods = pods.list(&ListParams::default()).await?;
    for pod in &pods.items {
        let phase = pod.status.as_ref().and_then(|s| s.phase.clone());
        println!("{:?} {:?}", pod.metadata.name, phase);
    }
    let deployments: Api<Deployment> = Api::namespaced(client, "default");
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
        .create(&PostParams::default(), &deployment)
        .await?;
    println!("created {:?}", created.metadata.name);
    let mut events = deployments
        .watch(&WatchParams::default(), "0")
        .await?
        .boxed();
    while let Some(event) = events.next().await {
        if let WatchEvent::Added(d) | WatchEvent::Modified(d) = event? {
            let replicas = d.spec.replicas;
            println!("{:?} replicas {:?}", d.metadata.name, replicas);
        }
    }
    Ok(())
}
