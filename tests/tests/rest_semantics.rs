//! Behaviour that needs the real server to judge: optimistic concurrency with
//! retry_on_conflict, and HTTP/2.

use std::collections::BTreeMap;
use std::time::Duration;

use kubegen::meta::ObjectMeta;
use kubegen::{
    retry_on_conflict, Backoff, CreateOptions, GetOptions, ResourceClient, UpdateOptions,
};
use kubegen_tests::types::ConfigMap;
use kubegen_tests::{admin, test_namespace};

#[tokio::test]
async fn concurrent_writers_with_retry_on_conflict_lose_no_increment() {
    const WRITERS: usize = 8;
    const INCREMENTS: usize = 10;
    let client = admin();
    let ns = test_namespace(&client, "conflict").await;
    let api = ResourceClient::<ConfigMap>::namespaced(client, &ns);
    let counter = ConfigMap {
        metadata: ObjectMeta {
            name: Some("counter".into()),
            ..ObjectMeta::default()
        },
        data: Some([("n".to_owned(), "0".to_owned())].into()),
        ..ConfigMap::default()
    };
    api.create(&counter, &CreateOptions::default())
        .await
        .unwrap();
    // Eight writers contend hard: allow many tries, spread out by jitter.
    let backoff = Backoff {
        steps: 200,
        duration: Duration::from_millis(5),
        factor: 1.2,
        jitter: 1.0,
        cap: Duration::from_millis(200),
    };
    let writers = (0..WRITERS).map(|_| {
        let api = api.clone();
        tokio::spawn(async move {
            let mut attempts = 0;
            for _ in 0..INCREMENTS {
                retry_on_conflict(backoff, || {
                    attempts += 1;
                    let api = api.clone();
                    async move {
                        let mut cm = api.get("counter", &GetOptions::default()).await?;
                        let data = cm.data.get_or_insert_with(BTreeMap::new);
                        let n: usize = data["n"].parse().unwrap();
                        data.insert("n".into(), (n + 1).to_string());
                        api.update(&cm, &UpdateOptions::default()).await
                    }
                })
                .await
                .expect("increment");
            }
            // Every try beyond one per increment was a retried conflict.
            attempts - INCREMENTS
        })
    });
    let mut conflicts = 0;
    for writer in writers.collect::<Vec<_>>() {
        conflicts += writer.await.unwrap();
    }
    let n = api
        .get("counter", &GetOptions::default())
        .await
        .unwrap()
        .data
        .unwrap()["n"]
        .clone();
    assert_eq!(
        n,
        (WRITERS * INCREMENTS).to_string(),
        "with {conflicts} conflicts retried"
    );
    assert!(
        conflicts > 0,
        "eight writers should have collided at least once"
    );
}

#[tokio::test]
async fn requests_use_http2_when_the_server_offers_it() {
    let client = admin();
    let request = http::Request::get("/version").body(Vec::new()).unwrap();
    let response = client.send(request).await.unwrap();
    assert_eq!(response.version(), http::Version::HTTP_2);
}
