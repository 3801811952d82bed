//! A Pod's log and eviction through the generated client against the real
//! API server.
//! The local control plane runs no kubelet, so no container writes a log:
//! what is checked here is that the server takes the request (path and
//! parameters), answers an empty log, and that its refusals come back as
//! typed errors. Reading text and lines is checked on the recording server
//! (`runtime/tests/logs.rs`).

use futures::StreamExt;
use kubegen::core::v1::{Container, Pod, PodSpec};
use kubegen::discovery::ApiResource;
use kubegen::dynamic::{DynamicClient, DynamicObject};
use kubegen::meta::ObjectMeta;
use kubegen::{
    Clientset, CreateOptions, DeleteOptions, GetOptions, LogOptions, Patch, PatchOptions,
};
use kubegen_tests::{admin, config, test_namespace};
use serde_json::json;

#[tokio::test]
async fn the_server_takes_a_log_request_and_says_why_it_has_none() {
    let client = admin();
    let namespace = test_namespace(&client, "logs").await;
    let pods = Clientset::from_client(client).core().v1().pods(&namespace);
    let pod = Pod {
        metadata: ObjectMeta {
            name: Some("web".into()),
            ..ObjectMeta::default()
        },
        spec: Some(PodSpec {
            containers: vec![
                Container {
                    name: "web".into(),
                    image: Some("nginx".into()),
                    ..Container::default()
                },
                Container {
                    name: "sidecar".into(),
                    image: Some("busybox".into()),
                    ..Container::default()
                },
            ],
            ..PodSpec::default()
        }),
        ..Pod::default()
    };
    pods.create(&pod, &CreateOptions::default()).await.unwrap();

    // Two containers and none named: the server asks which.
    let err = pods.logs("web", &LogOptions::default()).await.unwrap_err();
    assert_eq!(err.status().and_then(|s| s.code), Some(400), "{err}");
    assert!(
        err.to_string().contains("choose one of: [web sidecar]"),
        "{err}"
    );
    // Named: accepted. The Pod runs nowhere, so its log is empty (the
    // server answers 200 with no body), whole or followed.
    let options = LogOptions::default().container("web").tail(10);
    assert_eq!(pods.logs("web", &options).await.unwrap(), "");
    let lines: Vec<_> = pods
        .log_stream("web", &options.follow())
        .await
        .unwrap()
        .collect()
        .await;
    assert!(lines.is_empty(), "{lines:?}");
    let unknown = pods
        .logs("web", &LogOptions::default().container("db"))
        .await
        .unwrap_err();
    assert!(
        unknown
            .to_string()
            .contains("container db is not valid for pod web"),
        "{unknown}"
    );
    let missing = pods
        .logs("nobody", &LogOptions::default())
        .await
        .unwrap_err();
    assert!(missing.is_not_found(), "{missing}");
}

fn pod(name: &str, labels: &[(&str, &str)]) -> Pod {
    Pod {
        metadata: ObjectMeta {
            name: Some(name.into()),
            labels: labels
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect(),
            ..ObjectMeta::default()
        },
        spec: Some(PodSpec {
            containers: vec![Container {
                name: "web".into(),
                image: Some("nginx".into()),
                ..Container::default()
            }],
            ..PodSpec::default()
        }),
        ..Pod::default()
    }
}

/// Eviction on a v1.20 server, which knows only `policy/v1beta1`: the
/// client's `policy/v1` try is refused and the older version deletes the
/// Pod. A disruption budget covering a running Pod makes the server refuse
/// (429).
#[tokio::test]
async fn eviction_deletes_unless_a_budget_forbids_it() {
    let client = admin();
    let namespace = test_namespace(&client, "evict").await;
    let pods = Clientset::from_client(client.clone())
        .core()
        .v1()
        .pods(&namespace);
    pods.create(&pod("free", &[]), &CreateOptions::default())
        .await
        .unwrap();
    pods.evict("free", &DeleteOptions::default()).await.unwrap();
    let gone = pods.get("free", &GetOptions::default()).await.unwrap_err();
    assert!(gone.is_not_found(), "{gone}");

    // A budget no controller has processed yet guards its Pods completely.
    let budget = DynamicObject::from_value(json!({
        "apiVersion": "policy/v1beta1", "kind": "PodDisruptionBudget",
        "metadata": {"name": "guard"},
        "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": "guarded"}}}
    }))
    .unwrap();
    let budgets = ApiResource::new(
        "policy",
        "v1beta1",
        "PodDisruptionBudget",
        "poddisruptionbudgets",
        true,
    );
    DynamicClient::new(client)
        .resource(&budgets)
        .namespace(&namespace)
        .create(&budget, &CreateOptions::default())
        .await
        .unwrap();
    pods.create(
        &pod("guarded", &[("app", "guarded")]),
        &CreateOptions::default(),
    )
    .await
    .unwrap();
    // Pending Pods are evicted whatever the budget; say it runs (no kubelet
    // here will say otherwise).
    pods.patch_status(
        "guarded",
        &Patch::Merge(json!({"status": {"phase": "Running"}})),
        &PatchOptions::default(),
    )
    .await
    .unwrap();
    // No retries of the 429 here: the answer itself is what is checked.
    let mut config = config("token");
    config.max_retries = 0;
    let impatient = Clientset::from_client(kubegen::Client::new(config).unwrap());
    let refused = impatient
        .core()
        .v1()
        .pods(&namespace)
        .evict("guarded", &DeleteOptions::default())
        .await
        .unwrap_err();
    assert_eq!(
        refused.status().and_then(|s| s.code),
        Some(429),
        "{refused}"
    );
    assert!(pods.get("guarded", &GetOptions::default()).await.is_ok());
}
