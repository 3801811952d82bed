//! An informer whose list the server refuses (a 403 without the RBAC to
//! list) never syncs; the factory's timed wait gives up and says why.

mod support;

use std::time::Duration;

use kubegen_runtime::cache::InformerFactory;
use kubegen_runtime::Client;
use serde_json::json;
use support::pod::Pod;
use support::{Recorder, Reply};

#[tokio::test]
async fn a_forbidden_list_ends_the_timed_wait_with_the_error() {
    let server = Recorder::start().await;
    for _ in 0..10 {
        server.reply(Reply::json(
            403,
            json!({"kind": "Status", "status": "Failure", "reason": "Forbidden", "code": 403,
                   "message": "pods is forbidden: User \"me\" cannot list resource \"pods\""}),
        ));
    }
    let factory = InformerFactory::namespaced(Client::new(server.config()).unwrap(), "shop");
    let informer = factory.informer::<Pod>();
    factory.start();
    // The first list's answer has come back (the informer keeps retrying).
    for _ in 0..200 {
        if informer.last_error().is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    let err = factory
        .wait_for_cache_sync_timeout(Duration::from_millis(50))
        .await
        .unwrap_err();
    assert_eq!(err.unsynced.len(), 1, "{err}");
    assert_eq!(err.unsynced[0].kind, "Pod");
    let last = err.unsynced[0]
        .last_error
        .as_ref()
        .expect("the list's error");
    assert!(last.is_forbidden(), "{last}");
    let shown = err.to_string();
    assert!(
        shown.contains("Pod") && shown.contains("forbidden"),
        "{shown}"
    );
    assert!(!format!("{shown} {err:?}").contains("test-token"));
    let request = &server.requests()[0];
    assert_eq!(request.path, "/api/v1/namespaces/shop/pods");
    factory.shutdown();
}

#[tokio::test]
async fn a_synced_factory_waits_no_longer() {
    let server = Recorder::start().await;
    server.reply(Reply::json(
        200,
        json!({"kind": "PodList", "metadata": {"resourceVersion": "5"}, "items": [
            {"metadata": {"name": "a", "namespace": "shop"}}
        ]}),
    ));
    let factory = InformerFactory::namespaced(Client::new(server.config()).unwrap(), "shop");
    let informer = factory.informer::<Pod>();
    factory.start();
    factory
        .wait_for_cache_sync_timeout(Duration::from_secs(30))
        .await
        .unwrap();
    assert!(informer.has_synced());
    assert!(informer.store().get("shop/a").is_some());
    factory.shutdown();
}
