//! A tour of kubegen against a live cluster: how the configuration is found,
//! how typed calls map onto HTTP, typed errors, watches, informers, and the
//! dynamic client.
//!
//! Run it with `cargo xtask demo` (which starts a local control plane first),
//! or against any cluster with `cargo run -p kubegen-examples --bin tour`.
//! `RUST_LOG=kubegen_runtime=debug` shows every request it makes.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use futures::StreamExt;
use kubegen::apps::v1::{Deployment, DeploymentSpec};
use kubegen::core::v1::{ConfigMap, Container, Namespace, PodSpec, PodTemplateSpec};
use kubegen::discovery::Discovery;
use kubegen::dynamic::DynamicClient;
use kubegen::meta::{LabelSelector, Map, ObjectMeta};
use kubegen::{
    Client, Clientset, CompactString, Config, CreateOptions, DeleteOptions, GetOptions,
    InformerFactory, ListOptions, Patch, PatchOptions, WatchEvent,
};
use kubegen_runtime::config::ConfigFlags;
use serde_json::{json, Value};

/// A tour of kubegen against a live cluster: how the configuration is found,
/// how typed calls map onto HTTP, typed errors, watches, informers, and the
/// dynamic client. Works in a namespace of its own, deleted at the end. Logs
/// go to stderr (RUST_LOG, e.g. kubegen_runtime=debug shows every request).
///
/// Example: tour --context kind-dev
#[derive(Parser)]
#[command(name = "tour", version)]
struct Args {
    #[command(flatten)]
    config: ConfigFlags,
}

fn main() -> ExitCode {
    let args = Args::parse();
    kubegen_examples::cli::init_logging("warn");
    kubegen_examples::cli::run("tour", tour(args.config))
}

async fn tour(flags: ConfigFlags) -> anyhow::Result<()> {
    println!("== configuration (--kubeconfig, KUBECONFIG, ~/.kube/config, else in-cluster)");
    let config = flags.load()?;
    println!("server:            {}", config.cluster_url);
    println!("default namespace: {}", config.default_namespace);
    println!("credentials:       {}", describe_auth(&config));
    let client = Client::new(config)?;
    let cs = Clientset::from_client(client.clone());

    println!("\n== GET /version");
    let version: Value = client.get_json("/version").await?;
    println!(
        "kube-apiserver {} ({})",
        version["gitVersion"], version["platform"]
    );

    let ns = format!("kubegen-tour-{}", std::process::id());
    println!("\n== POST /api/v1/namespaces: a namespace of our own, {ns}");
    let namespace = Namespace {
        metadata: ObjectMeta {
            name: Some(ns.as_str().into()),
            ..ObjectMeta::default()
        },
        ..Namespace::default()
    };
    cs.core()
        .v1()
        .namespaces()
        .create(&namespace, &CreateOptions::default())
        .await?;

    println!("\n== typed errors: GET /api/v1/namespaces/{ns}/configmaps/missing");
    let configmaps = cs.core().v1().config_maps(&ns);
    match configmaps.get("missing", &GetOptions::default()).await {
        Err(e) if e.is_not_found() => println!("is_not_found(): {e}"),
        other => anyhow::bail!("expected NotFound, got {other:?}"),
    }

    println!("\n== watch /api/v1/namespaces/{ns}/configmaps while we write");
    let rv = configmaps
        .list(&ListOptions::default())
        .await?
        .metadata
        .resource_version
        .unwrap_or_default();
    let mut events = configmaps
        .watch(&ListOptions::default().resource_version(rv))
        .await?;
    let greeting = ConfigMap {
        metadata: ObjectMeta {
            name: Some("greeting".into()),
            ..ObjectMeta::default()
        },
        data: Some([("hello".into(), "world".into())].into()),
        ..ConfigMap::default()
    };
    configmaps
        .create(&greeting, &CreateOptions::default())
        .await?;
    configmaps
        .patch(
            "greeting",
            &Patch::Merge(json!({"data": {"hello": "kubegen"}})),
            &PatchOptions::default(),
        )
        .await?;
    configmaps
        .delete("greeting", &DeleteOptions::default())
        .await?;
    for _ in 0..3 {
        match tokio::time::timeout(Duration::from_secs(10), events.next()).await? {
            Some(Ok(WatchEvent::Added(c))) => println!("ADDED    {:?}", c.data),
            Some(Ok(WatchEvent::Modified(c))) => println!("MODIFIED {:?}", c.data),
            Some(Ok(WatchEvent::Deleted(c))) => {
                println!("DELETED  {}", c.metadata.name.unwrap_or_default())
            }
            Some(Ok(WatchEvent::Bookmark(_))) => {}
            Some(Err(e)) => return Err(e.into()),
            None => break,
        }
    }

    println!("\n== apps/v1: a Deployment and its scale subresource");
    let deployments = cs.apps().v1().deployments(&ns);
    deployments
        .create(&deployment("web"), &CreateOptions::default())
        .await?;
    let scale = deployments.get_scale("web").await?;
    println!(
        "GET .../deployments/web/scale: {} replica(s) wanted",
        scale.spec.and_then(|s| s.replicas).unwrap_or(0)
    );

    println!("\n== an informer: list once, then watch, serving reads from its cache");
    let factory = InformerFactory::namespaced(client.clone(), &ns);
    let informer = factory.apps().v1().deployments();
    factory.start();
    factory.wait_for_cache_sync().await;
    let cached = informer.lister().namespace(&ns).get("web");
    println!(
        "lister().namespace({ns}).get(\"web\"): {}",
        if cached.is_some() {
            "found in the cache"
        } else {
            "missing"
        }
    );
    factory.shutdown();

    println!("\n== discovery and the dynamic client: no generated types needed");
    let discovery = Discovery::new(client.clone());
    let resource = discovery.resolve("deploy").await?;
    println!(
        "`deploy` resolves to {} ({})",
        resource.full_name(),
        resource.kind
    );
    let dynamic = DynamicClient::new(client.clone())
        .resource(&resource)
        .namespace(&ns);
    for object in dynamic.list(&ListOptions::default()).await?.items {
        println!(
            "{} replicas={}",
            object.name().unwrap_or_default(),
            object
                .pointer("/spec/replicas")
                .cloned()
                .unwrap_or_default()
        );
    }

    println!("\n== cleaning up: DELETE /api/v1/namespaces/{ns}");
    cs.core()
        .v1()
        .namespaces()
        .delete(&ns, &DeleteOptions::default())
        .await?;
    println!(
        "done (with no namespace controller running locally, the namespace stays Terminating)"
    );
    Ok(())
}

fn deployment(name: &str) -> Deployment {
    let labels: Map<CompactString, CompactString> = [("app".into(), name.into())].into();
    Deployment {
        metadata: ObjectMeta {
            name: Some(name.into()),
            ..ObjectMeta::default()
        },
        spec: Some(DeploymentSpec {
            replicas: Some(2),
            selector: LabelSelector {
                match_labels: labels.clone(),
                ..LabelSelector::default()
            },
            template: PodTemplateSpec {
                metadata: Some(ObjectMeta {
                    labels,
                    ..ObjectMeta::default()
                }),
                spec: Some(Box::new(PodSpec {
                    containers: vec![Container {
                        name: "web".into(),
                        image: Some("nginx:1.25".into()),
                        ..Container::default()
                    }],
                    ..PodSpec::default()
                })),
                ..PodTemplateSpec::default()
            },
            ..DeploymentSpec::default()
        }),
        ..Deployment::default()
    }
}

fn describe_auth(config: &Config) -> String {
    use kubegen::AuthConfig;
    let auth = match &config.auth {
        AuthConfig::None => "none",
        AuthConfig::Token(_) => "bearer token",
        AuthConfig::TokenFile { .. } => "bearer token file (re-read as it rotates)",
        AuthConfig::Basic { .. } => "basic auth",
        AuthConfig::Exec(_) => "exec plugin",
        _ => "another method",
    };
    match config.identity {
        Some(_) => format!("{auth} + client certificate"),
        None => auth.to_owned(),
    }
}
