//! The generated informer chain over the shared factory: consumers of one
//! kind share one informer, and typed listers read its cache.

use std::time::Duration;

use kubegen::core::v1::ConfigMap;
use kubegen::meta::{ObjectMeta, Selector};
use kubegen::{Clientset, CompactString, CreateOptions, InformerFactory};
use kubegen_tests::{admin, test_namespace};

#[tokio::test]
async fn shared_informers_and_typed_listers() {
    let client = admin();
    let ns = test_namespace(&client, "factory").await;
    let cs = Clientset::from_client(client.clone());
    for (name, tier) in [("a", "web"), ("b", "web"), ("c", "db")] {
        let cm = ConfigMap {
            metadata: ObjectMeta {
                name: Some(name.into()),
                labels: [("tier".into(), tier.into())].into(),
                ..ObjectMeta::default()
            },
            ..ConfigMap::default()
        };
        cs.core()
            .v1()
            .config_maps(&ns)
            .create(&cm, &CreateOptions::default())
            .await
            .unwrap();
    }
    let factory = InformerFactory::namespaced(client, &ns);
    let first = factory.core().v1().config_maps();
    let second = factory.core().v1().config_maps();
    assert!(
        first.shares_with(&second),
        "one informer, one watch, for every consumer"
    );
    factory.start();
    tokio::time::timeout(Duration::from_secs(20), factory.wait_for_cache_sync())
        .await
        .expect("synced");
    assert!(first.has_synced() && second.has_synced());
    let lister = second.lister();
    assert_eq!(
        lister
            .namespace(&ns)
            .get("a")
            .unwrap()
            .metadata
            .name
            .as_deref(),
        Some("a")
    );
    assert!(lister.namespace("elsewhere").get("a").is_none());
    let web: Selector = "tier=web".parse().unwrap();
    let mut names: Vec<CompactString> = lister
        .namespace(&ns)
        .list(&web)
        .iter()
        .filter_map(|c| c.metadata.name.clone())
        .collect();
    names.sort();
    assert_eq!(names, ["a", "b"]);
    factory.shutdown();
}
