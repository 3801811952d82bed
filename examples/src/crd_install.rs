//! Installs a CRD from its manifest (idempotently) and waits until the
//! server serves it: the one place the examples and tests wait for a CRD.

use std::time::Duration;

use anyhow::Context;
use kubegen::apiextensions::v1::CustomResourceDefinition;
use kubegen::wait::await_condition;
use kubegen::{Clientset, CreateOptions};

/// Creates the CRD of `manifest` unless it exists, then waits for Established.
pub async fn install(cs: &Clientset, manifest: &str) -> anyhow::Result<CustomResourceDefinition> {
    let crd: CustomResourceDefinition = serde_yaml::from_str(manifest)?;
    let crds = cs.apiextensions().v1().custom_resource_definitions();
    let name = crd.metadata.name.clone().unwrap_or_default();
    match crds.create(&crd, &CreateOptions::default()).await {
        Ok(_) => {}
        Err(e) if e.is_already_exists() => {}
        Err(e) => return Err(e.into()),
    }
    wait_established(cs, &name).await
}

/// Waits until the CRD `name` is Established (and served): a watch of that
/// one CRD, not polling.
pub async fn wait_established(
    cs: &Clientset,
    name: &str,
) -> anyhow::Result<CustomResourceDefinition> {
    let crds = cs.apiextensions().v1().custom_resource_definitions();
    let established = |crd: Option<&CustomResourceDefinition>| {
        crd.and_then(|c| c.status.as_ref())
            .and_then(|s| s.conditions.as_ref())
            .is_some_and(|c| {
                c.iter()
                    .any(|c| c.type_ == "Established" && c.status == "True")
            })
    };
    let waited = tokio::time::timeout(
        Duration::from_secs(30),
        await_condition(crds.inner(), name, established),
    )
    .await;
    let Ok(found) = waited else {
        anyhow::bail!("CRD {name} did not become Established within 30 s");
    };
    let crd = found?.context("an Established CRD exists")?;
    // Discovery and the new REST endpoint can lag the condition by a moment.
    tokio::time::sleep(Duration::from_millis(500)).await;
    Ok(crd)
}
