//! A Pod's log through the generated client against the real API server.
//! The local control plane runs no kubelet, so no container writes a log:
//! what is checked here is that the server takes the request (path and
//! parameters), answers an empty log, and that its refusals come back as
//! typed errors. Reading text and lines is checked on the recording server
//! (`runtime/tests/logs.rs`).

use futures::StreamExt;
use kubegen::core::v1::{Container, Pod, PodSpec};
use kubegen::meta::ObjectMeta;
use kubegen::{Clientset, CreateOptions, LogOptions};
use kubegen_tests::{admin, test_namespace};

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
