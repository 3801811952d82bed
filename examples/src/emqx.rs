//! A typed clientset for an operator's CRD (apps.emqx.io/v1beta1 EmqxBroker),
//! generated from the CRD manifest at build time: create, get, list, update
//! with retry on conflict, status, scale, and delete with foreground propagation.

use kubegen::meta::Map;

use kubegen::meta::ObjectMeta;
use kubegen::{
    retry_on_conflict, Client, Clientset, CreateOptions, DeleteOptions, DeleteResult, GetOptions,
    ListOptions, PropagationPolicy, UpdateOptions, DEFAULT_RETRY,
};

use crate::crds::apps_emqx_io::v1beta1::{
    EmqxBroker, EmqxBrokerSpec, EmqxBrokerSpecEnv, EmqxBrokerStatus, EmqxBrokerStatusConditions,
};

/// The CRD manifest the clients were generated from.
pub const CRD: &str = include_str!("../crds/emqx-broker.yaml");

/// What the run did, for the caller to print or check.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The names `list` returned.
    pub listed: Vec<String>,
    /// How many tries the conflicting update took.
    pub update_attempts: u32,
    /// Replicas after the update, read back through the scale subresource.
    pub scale_replicas: Option<i32>,
    /// The Ready condition written through the status subresource.
    pub ready_condition: Option<String>,
    /// The broker as the foreground delete left it (GC removes it once its dependents are gone).
    pub deleting: Option<EmqxBroker>,
}

fn broker(name: &str) -> EmqxBroker {
    EmqxBroker {
        metadata: ObjectMeta {
            name: Some(name.into()),
            ..ObjectMeta::default()
        },
        spec: Some(EmqxBrokerSpec {
            image: "emqx/emqx:4.3.10".into(),
            replicas: Some(1),
            env: Some(vec![EmqxBrokerSpecEnv {
                name: "EMQX_LOG__LEVEL".into(),
                value: Some("info".into()),
                ..Default::default()
            }]),
            labels: Some(Map::from([("cluster".into(), "emqx".into())])),
            emqx_template: Some(serde_json::json!({"listener": {"tcp": {"port": 1883}}})),
            ..EmqxBrokerSpec::default()
        }),
        ..EmqxBroker::default()
    }
}

/// Runs the whole life cycle of one broker in `namespace`, printing each step with `say`.
pub async fn run(client: Client, namespace: &str, say: impl Fn(String)) -> anyhow::Result<Outcome> {
    crate::crd_install::install(&Clientset::from_client(client.clone()), CRD).await?;
    say("installed the EmqxBroker CRD".into());
    life_cycle(client, namespace, say).await
}

/// [`run`] without installing the CRD, which must be there already: then
/// no rights over CRDs are needed.
pub async fn life_cycle(
    client: Client,
    namespace: &str,
    say: impl Fn(String),
) -> anyhow::Result<Outcome> {
    let cs = crate::crds::Clientset::from_client(client.clone());
    let brokers = cs.apps_emqx_io().v1beta1().emqx_brokers(namespace);
    let mut outcome = Outcome::default();
    clear_leftovers(&brokers, &say).await?;

    let created = brokers
        .create(&broker("emqx"), &CreateOptions::default())
        .await?;
    say(format!(
        "created emqxbroker/emqx (uid {})",
        created.metadata.uid.unwrap_or_default()
    ));
    let got = brokers.get("emqx", &GetOptions::default()).await?;
    say(format!(
        "get: image {}",
        got.spec.as_ref().map(|s| s.image.as_str()).unwrap_or("")
    ));
    brokers
        .create(&broker("emqx-edge"), &CreateOptions::default())
        .await?;
    outcome.listed = brokers
        .list(&ListOptions::default())
        .await?
        .items
        .into_iter()
        .filter_map(|b| b.metadata.name)
        .map(String::from)
        .collect();
    say(format!("list: {:?}", outcome.listed));

    // Scale to 3 and upgrade, while another writer changes the broker between
    // our read and our write once: the first update conflicts and is retried
    // on a fresh read.
    let interloper = crate::crds::Clientset::from_client(client)
        .apps_emqx_io()
        .v1beta1()
        .emqx_brokers(namespace);
    let attempts = std::sync::atomic::AtomicU32::new(0);
    let updated = retry_on_conflict(DEFAULT_RETRY, || async {
        let attempt = attempts.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        let mut current = brokers.get("emqx", &GetOptions::default()).await?;
        if attempt == 1 {
            let mut theirs = current.clone();
            theirs
                .metadata
                .labels
                .insert("touched-by".into(), "someone-else".into());
            interloper
                .update(&theirs, &UpdateOptions::default())
                .await?;
        }
        let spec = current.spec.get_or_insert_with(Default::default);
        spec.replicas = Some(3);
        spec.image = "emqx/emqx:4.4.0".into();
        brokers.update(&current, &UpdateOptions::default()).await
    })
    .await?;
    outcome.update_attempts = attempts.into_inner();
    say(format!(
        "updated to {} x {} after {} tries (label from the other writer kept: {:?})",
        updated.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0),
        updated
            .spec
            .as_ref()
            .map(|s| s.image.as_str())
            .unwrap_or(""),
        outcome.update_attempts,
        updated.metadata.labels.get("touched-by"),
    ));

    let mut with_status = updated;
    with_status.status = Some(EmqxBrokerStatus {
        replicas: Some(3),
        ready_replicas: Some(0),
        conditions: Some(vec![EmqxBrokerStatusConditions {
            type_: "Ready".into(),
            status: "False".into(),
            reason: Some("PodsNotReady".into()),
            ..EmqxBrokerStatusConditions::default()
        }]),
        ..Default::default()
    });
    let with_status = brokers
        .update_status(&with_status, &UpdateOptions::default())
        .await?;
    outcome.ready_condition = with_status
        .status
        .and_then(|s| s.conditions)
        .and_then(|c| c.into_iter().find(|c| c.type_ == "Ready"))
        .map(|c| c.status.into());
    say(format!(
        "status: Ready={}",
        outcome.ready_condition.as_deref().unwrap_or("?")
    ));
    let scale = brokers.get_scale("emqx").await?;
    outcome.scale_replicas = scale.spec.and_then(|s| s.replicas);
    say(format!(
        "scale subresource: {} replicas",
        outcome.scale_replicas.unwrap_or(0)
    ));

    let foreground = DeleteOptions::default().propagation(PropagationPolicy::Foreground);
    match brokers.delete("emqx", &foreground).await? {
        DeleteResult::Pending(broker) => {
            say(format!(
                "deleting in the foreground: deletionTimestamp set, finalizers {:?}",
                broker.metadata.finalizers
            ));
            outcome.deleting = Some(broker);
        }
        DeleteResult::Deleted(_) => say("deleted".into()),
    }
    brokers
        .delete("emqx-edge", &DeleteOptions::default())
        .await?;
    Ok(outcome)
}

/// Removes brokers left by an earlier run. A foreground delete waits for the
/// garbage collector to drop its finalizer; where none runs (a bare API
/// server), drop it here as the collector would.
async fn clear_leftovers(
    brokers: &crate::crds::apps_emqx_io::v1beta1::EmqxBrokerClient,
    say: &impl Fn(String),
) -> anyhow::Result<()> {
    use kubegen::{Patch, PatchOptions};
    for name in ["emqx", "emqx-edge"] {
        let Some(old) = brokers
            .inner()
            .get_opt(name, &GetOptions::default())
            .await?
        else {
            continue;
        };
        if old.metadata.deletion_timestamp.is_none() {
            brokers.delete(name, &DeleteOptions::default()).await?;
        }
        let clear = Patch::Merge(serde_json::json!({"metadata": {"finalizers": null}}));
        match brokers.patch(name, &clear, &PatchOptions::default()).await {
            Ok(_) => {}
            Err(e) if e.is_not_found() => {}
            Err(e) => return Err(e.into()),
        }
        while brokers
            .inner()
            .get_opt(name, &GetOptions::default())
            .await?
            .is_some()
        {
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        say(format!("removed {name} left by an earlier run"));
    }
    Ok(())
}
