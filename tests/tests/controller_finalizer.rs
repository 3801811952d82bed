//! A controller's finalizer on the real server: the finalizer is added on
//! first sight, and a deleted object stays (with its deletionTimestamp)
//! until cleanup has succeeded, then goes.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use kubegen::cache::InformerFactory;
use kubegen::controller::{finalizer, Action, ControllerBuilder, FinalizerEvent};
use kubegen::core::v1::ConfigMap;
use kubegen::meta::ObjectMeta;
use kubegen::{Client, Clientset, CreateOptions, DeleteOptions, GetOptions, ResourceClient};
use kubegen_tests::{admin, eventually, test_namespace};

const FINALIZER: &str = "e2e.kubegen.dev/cleanup";

/// Whether cleanup may succeed yet, and what it did.
#[derive(Default)]
struct Cleanup {
    allowed: AtomicBool,
    refused: AtomicUsize,
    done: AtomicUsize,
}

#[tokio::test]
async fn a_finalizer_blocks_deletion_until_cleanup_ran() {
    let client = admin();
    let ns = test_namespace(&client, "finalizer").await;
    let factory = InformerFactory::namespaced(client.clone(), &ns);
    let cleanup = Arc::new(Cleanup::default());
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let controller = tokio::spawn(
        ControllerBuilder::<ConfigMap>::new("finalizer-e2e", &factory)
            .graceful_shutdown_on(async move {
                let _ = stop_rx.await;
            })
            .run(
                |cm: Arc<ConfigMap>, ctx: Arc<(Client, Arc<Cleanup>)>| async move {
                    let ns = cm.metadata.namespace.clone().unwrap_or_default();
                    let objects = ResourceClient::<ConfigMap>::namespaced(ctx.0.clone(), &ns);
                    let cleanup = ctx.1.clone();
                    finalizer(&objects, FINALIZER, cm, |event| async move {
                        match event {
                            FinalizerEvent::Apply(_) => Ok(Action::await_change()),
                            FinalizerEvent::Cleanup(_)
                                if !cleanup.allowed.load(Ordering::SeqCst) =>
                            {
                                cleanup.refused.fetch_add(1, Ordering::SeqCst);
                                Err("the outside world is not ready")
                            }
                            FinalizerEvent::Cleanup(_) => {
                                cleanup.done.fetch_add(1, Ordering::SeqCst);
                                Ok(Action::await_change())
                            }
                        }
                    })
                    .await
                },
                Arc::new((client.clone(), cleanup.clone())),
            ),
    );
    let cs = Clientset::from_client(client);
    let cms = cs.core().v1().config_maps(&ns);
    let config_map = ConfigMap {
        metadata: ObjectMeta {
            name: Some("guarded".into()),
            ..ObjectMeta::default()
        },
        ..ConfigMap::default()
    };
    cms.create(&config_map, &CreateOptions::default())
        .await
        .unwrap();
    let get = || async {
        cms.inner()
            .get_opt("guarded", &GetOptions::default())
            .await
            .unwrap()
    };
    eventually("the finalizer", async || {
        get()
            .await
            .filter(|cm| cm.metadata.finalizers.iter().any(|f| f == FINALIZER))
    })
    .await;

    cms.delete("guarded", &DeleteOptions::default())
        .await
        .unwrap();
    eventually("cleanup to be refused twice", async || {
        (cleanup.refused.load(Ordering::SeqCst) >= 2).then_some(())
    })
    .await;
    let held = get().await.expect("held while cleanup fails");
    assert!(held.metadata.deletion_timestamp.is_some());
    assert_eq!(cleanup.done.load(Ordering::SeqCst), 0);

    cleanup.allowed.store(true, Ordering::SeqCst);
    eventually("the ConfigMap to go", async || {
        get().await.is_none().then_some(())
    })
    .await;
    assert!(
        cleanup.done.load(Ordering::SeqCst) >= 1,
        "cleanup ran before it went"
    );
    stop_tx.send(()).unwrap();
    controller.await.unwrap().unwrap();
}
