//! The VirtualService walk-through: a CRD kind with no Rust type, found
//! through discovery (`vs`), written and read with the dynamic client, and
//! its traffic weights shifted 95/5 -> 50/50 with a JSON patch.

use std::time::Duration;

use anyhow::Context;
use kubegen::discovery::{ApiResource, Discovery};
use kubegen::dynamic::{DynamicClient, DynamicObject};
use kubegen::{Client, CreateOptions, GetOptions, ListOptions, Patch, PatchOptions, UpdateOptions};
use serde_json::{json, Value};

/// The name of the VirtualService the example writes.
pub const NAME: &str = "service2";

/// What the walk-through saw, for callers (and tests) to check.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// What `vs` resolved to.
    pub resource: ApiResource,
    /// Every VirtualService listed, as `namespace/name` and its weights.
    pub listed: Vec<(String, Vec<i64>)>,
    /// The weights of `service2` before the patch.
    pub before: Vec<i64>,
    /// The weights of `service2` after the patch, read back with a get.
    pub after: Vec<i64>,
}

/// Runs the walk-through in `namespace`, printing each step.
pub async fn run(client: &Client, namespace: &str) -> anyhow::Result<Outcome> {
    let discovery = Discovery::new(client.clone());
    let dynamic = DynamicClient::new(client.clone());

    let crds = discovery
        .resolve("customresourcedefinitions.apiextensions.k8s.io")
        .await?;
    install_crd(&dynamic, &crds).await?;
    let resource = resolve_when_served(&discovery, "vs").await?;
    println!(
        "resolved `vs` to {} (kind {}, namespaced: {})",
        resource.full_name(),
        resource.kind,
        resource.namespaced
    );

    let services = dynamic.resource(&resource).namespace(namespace);
    let wanted = virtual_service(&resource, namespace);
    match services.create(&wanted, &CreateOptions::default()).await {
        Ok(_) => println!("created VirtualService {namespace}/{NAME}"),
        Err(e) if e.is_already_exists() => {
            let mut current = services.get(NAME, &GetOptions::default()).await?;
            current
                .data
                .insert("spec".into(), wanted.data["spec"].clone());
            services.update(&current, &UpdateOptions::default()).await?;
            println!("reset the existing VirtualService {namespace}/{NAME}");
        }
        Err(e) => return Err(e.into()),
    }

    println!("all VirtualServices:");
    let mut listed = Vec::new();
    for vs in dynamic
        .resource(&resource)
        .list(&ListOptions::default())
        .await?
    {
        let key = format!(
            "{}/{}",
            vs.namespace().unwrap_or(""),
            vs.name().unwrap_or("")
        );
        println!("  {key}: weights {:?}", weights(&vs));
        listed.push((key, weights(&vs)));
    }

    let before = weights(&services.get(NAME, &GetOptions::default()).await?);
    println!("before: {before:?}");
    let patch = Patch::Json(json!([
        {"op": "replace", "path": "/spec/http/0/route/0/weight", "value": 50},
        {"op": "replace", "path": "/spec/http/0/route/1/weight", "value": 50},
    ]));
    services
        .patch(NAME, &patch, &PatchOptions::default())
        .await?;
    let after = weights(&services.get(NAME, &GetOptions::default()).await?);
    println!("after:  {after:?}");
    Ok(Outcome {
        resource,
        listed,
        before,
        after,
    })
}

/// The weights of the first HTTP route's destinations.
pub fn weights(vs: &DynamicObject) -> Vec<i64> {
    vs.pointer("/spec/http/0/route")
        .and_then(Value::as_array)
        .map(|routes| routes.iter().filter_map(|r| r["weight"].as_i64()).collect())
        .unwrap_or_default()
}

/// `service2`: 95% of the traffic to subset v1, 5% to v2.
pub fn virtual_service(resource: &ApiResource, namespace: &str) -> DynamicObject {
    let destination = |subset: &str, weight: i64| json!({"destination": {"host": NAME, "subset": subset}, "weight": weight});
    DynamicObject::new(NAME, resource).within(namespace).with(
        "spec",
        json!({
            "hosts": [NAME],
            "http": [{"route": [destination("v1", 95), destination("v2", 5)]}],
        }),
    )
}

/// The VirtualService CRD, reduced to what the example needs: its names and
/// a spec the server keeps as given.
pub fn crd() -> Value {
    json!({
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": "virtualservices.networking.istio.io"},
        "spec": {
            "group": "networking.istio.io",
            "scope": "Namespaced",
            "names": {
                "plural": "virtualservices", "singular": "virtualservice",
                "kind": "VirtualService", "listKind": "VirtualServiceList",
                "shortNames": ["vs"], "categories": ["istio-io", "networking-istio-io"]
            },
            "versions": [{
                "name": "v1alpha3", "served": true, "storage": true,
                "subresources": {"status": {}},
                "schema": {"openAPIV3Schema": {"type": "object", "properties": {
                    "spec": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                    "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}
                }}}
            }]
        }
    })
}

/// Installs the CRD unless it is there, and waits until it is Established.
pub async fn install_crd(dynamic: &DynamicClient, crds: &ApiResource) -> anyhow::Result<()> {
    let crds = dynamic.resource(crds);
    let object = DynamicObject::from_value(crd())?;
    match crds.create(&object, &CreateOptions::default()).await {
        Ok(_) => println!("installed the VirtualService CRD"),
        Err(e) if e.is_already_exists() => println!("the VirtualService CRD is already installed"),
        Err(e) => return Err(e).context("installing the VirtualService CRD"),
    }
    let typed = kubegen::Clientset::from_client(dynamic.client().clone());
    crate::crd_install::wait_established(&typed, "virtualservices.networking.istio.io").await?;
    Ok(())
}

/// Resolves `input`, refreshing discovery while a just-installed CRD is not yet served.
async fn resolve_when_served(discovery: &Discovery, input: &str) -> anyhow::Result<ApiResource> {
    let mut last = None;
    for _ in 0..50 {
        match discovery.resolve(input).await {
            Ok(resource) => return Ok(resource),
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        discovery.refresh().await?;
    }
    Err(last
        .map(anyhow::Error::from)
        .unwrap_or_else(|| anyhow::anyhow!("unreachable")))
    .with_context(|| format!("resolving {input:?}"))
}
