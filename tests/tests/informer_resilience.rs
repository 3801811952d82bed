//! An informer through an API server restart and an etcd compaction: its
//! cache and what its handlers were told end equal to the server's list.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kubegen::cache::{HandlerFns, Informer, InformerConfig};
use kubegen::meta::ObjectMeta;
use kubegen::{
    Client, CreateOptions, DeleteOptions, GetOptions, ListOptions, ResourceClient, UpdateOptions,
};
use kubegen_tests::dedicated::{compact_etcd, DedicatedApiServer};
use kubegen_tests::types::ConfigMap;
use kubegen_tests::{admin, test_namespace};

type View = Arc<Mutex<BTreeMap<String, String>>>;

fn value(cm: &ConfigMap) -> String {
    cm.data
        .as_ref()
        .and_then(|d| d.get("v").cloned())
        .unwrap_or_default()
}

fn name(cm: &ConfigMap) -> String {
    cm.metadata.name.as_deref().unwrap_or_default().to_owned()
}

async fn create(api: &ResourceClient<ConfigMap>, n: &str, v: &str) {
    let cm = ConfigMap {
        metadata: ObjectMeta {
            name: Some(n.into()),
            ..ObjectMeta::default()
        },
        data: Some([("v".to_owned(), v.to_owned())].into()),
        ..ConfigMap::default()
    };
    api.create(&cm, &CreateOptions::default()).await.unwrap();
}

async fn set(api: &ResourceClient<ConfigMap>, n: &str, v: &str) {
    let mut cm = api.get(n, &GetOptions::default()).await.unwrap();
    cm.data
        .get_or_insert_with(Default::default)
        .insert("v".into(), v.into());
    api.update(&cm, &UpdateOptions::default()).await.unwrap();
}

/// Waits until the informer's cache and the handlers' view both equal the server's list.
async fn converge(
    api: &ResourceClient<ConfigMap>,
    informer: &Informer<ConfigMap>,
    view: &View,
    stage: &str,
) {
    let mut last = String::new();
    for _ in 0..150 {
        let server: BTreeMap<String, String> = api
            .list(&ListOptions::default())
            .await
            .unwrap()
            .items
            .iter()
            .map(|c| (name(c), value(c)))
            .collect();
        let cache: BTreeMap<String, String> = informer
            .store()
            .list()
            .iter()
            .map(|c| (name(c), value(c)))
            .collect();
        let told = view.lock().unwrap().clone();
        if cache == server && told == server {
            return;
        }
        last = format!("server {server:?}\ncache  {cache:?}\ntold   {told:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("{stage}: no convergence after 30 s\n{last}");
}

#[tokio::test]
async fn informer_converges_after_restart_and_compaction() {
    let main = admin();
    let ns = test_namespace(&main, "resilience").await;
    let writer = ResourceClient::<ConfigMap>::namespaced(main, &ns);
    let mut server = DedicatedApiServer::start().await;
    let source =
        ResourceClient::<ConfigMap>::namespaced(Client::new(server.config()).unwrap(), &ns);

    let mut config = InformerConfig::default();
    config.reflector.initial_backoff = Duration::from_millis(200);
    config.reflector.max_backoff = Duration::from_secs(1);
    let informer = Informer::new(source, config);
    let view: View = Arc::default();
    let (on_add, on_update, on_delete) = (view.clone(), view.clone(), view.clone());
    informer.add_handler(
        HandlerFns::new()
            .on_add(move |c: &Arc<ConfigMap>| {
                on_add.lock().unwrap().insert(name(c), value(c));
            })
            .on_update(move |_, c| {
                on_update.lock().unwrap().insert(name(c), value(c));
            })
            .on_delete(move |c| {
                on_delete.lock().unwrap().remove(&name(c));
            }),
    );
    let running = tokio::spawn({
        let informer = informer.clone();
        async move { informer.run().await }
    });
    informer.wait_for_sync().await;

    for n in ["a", "b", "c"] {
        create(&writer, n, "1").await;
    }
    converge(&writer, &informer, &view, "before the restart").await;

    // The informer's server goes down; the world changes meanwhile.
    server.stop();
    set(&writer, "a", "2").await;
    writer.delete("b", &DeleteOptions::default()).await.unwrap();
    create(&writer, "d", "1").await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    server.restart().await;
    set(&writer, "c", "3").await;
    create(&writer, "e", "1").await;
    converge(&writer, &informer, &view, "after the restart").await;

    // Down again, more changes, and etcd compacted past everything the watch has seen:
    // resuming is impossible, so the reflector must relist.
    server.stop();
    set(&writer, "a", "4").await;
    writer.delete("d", &DeleteOptions::default()).await.unwrap();
    create(&writer, "f", "1").await;
    compact_etcd();
    server.restart().await;
    set(&writer, "e", "5").await;
    converge(&writer, &informer, &view, "after the compaction").await;
    running.abort();
}
