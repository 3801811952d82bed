//! `nodes/proxy` and `services/proxy` through the real API server: the
//! kubelet stand-in answers `/healthz`, and a Service without endpoints is a
//! typed 503.

use kubegen::core::v1::{Endpoints, Service, ServicePort, ServiceSpec};
use kubegen::meta::ObjectMeta;
use kubegen::{Clientset, CreateOptions, ProxyRequest};
use kubegen_tests::stand_in::NODE;
use kubegen_tests::{admin, test_namespace};

#[tokio::test]
async fn node_proxy_reaches_the_stand_in() {
    let nodes = Clientset::from_client(admin()).core().v1().nodes();
    let answer = nodes
        .proxy(NODE, &ProxyRequest::get("healthz"))
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(&answer.body()[..], b"ok");

    let err = nodes
        .proxy(NODE, &ProxyRequest::get("no/such/page"))
        .await
        .unwrap_err();
    assert_eq!(err.status().and_then(|s| s.code), Some(404), "{err}");
}

#[tokio::test]
async fn a_service_without_endpoints_is_a_typed_503() {
    let client = admin();
    let namespace = test_namespace(&client, "proxy").await;
    let core = Clientset::from_client(client).core().v1();
    let services = core.services(&namespace);
    let named = || ObjectMeta {
        name: Some("lonely".into()),
        ..ObjectMeta::default()
    };
    let service = Service {
        metadata: named(),
        spec: Some(ServiceSpec {
            selector: Some([("app".into(), "none".into())].into_iter().collect()),
            ports: Some(vec![ServicePort {
                port: 80,
                ..ServicePort::default()
            }]),
            ..ServiceSpec::default()
        }),
        ..Service::default()
    };
    services
        .create(&service, &CreateOptions::default())
        .await
        .unwrap();
    // No controller manager runs here: the Endpoints an endpoints
    // controller would write for a Service without Pods, empty.
    let endpoints = Endpoints {
        metadata: named(),
        ..Endpoints::default()
    };
    core.endpoints(&namespace)
        .create(&endpoints, &CreateOptions::default())
        .await
        .unwrap();
    let err = services
        .proxy("lonely:80", &ProxyRequest::get("index.html"))
        .await
        .unwrap_err();
    assert_eq!(err.status().and_then(|s| s.code), Some(503), "{err}");
    assert!(err.to_string().contains("no endpoints available"), "{err}");
}
