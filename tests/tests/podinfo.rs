//! The podinfo service against the real server: each Pod gets a Testcr with
//! its name, namespace, UID and IP; the record follows the IP and goes with the Pod.
//! (No scheduler runs here, so the Pods stay Pending; their IP is set through
//! the status subresource as a kubelet would.)

use kubegen::core::v1::PodStatus;
use kubegen::{Clientset, CreateOptions, DeleteOptions, GetOptions, UpdateOptions};
use kubegen_examples::crds::stable_example_com::v1::Testcr;
use kubegen_tests::objects::pod;
use kubegen_tests::{admin, eventually, test_namespace};

#[tokio::test]
async fn records_follow_pods() {
    let client = admin();
    let ns = test_namespace(&client, "podinfo").await;
    let service = tokio::spawn({
        let (client, ns) = (client.clone(), ns.clone());
        async move { kubegen_examples::podinfo::run(client, Some(&ns)).await }
    });
    let cs = Clientset::from_client(client.clone());
    let pods = cs.core().v1().pods(&ns);
    let crs = kubegen_examples::crds::Clientset::from_client(client);
    let record = |name: &'static str| {
        let records = crs.stable_example_com().v1().testcrs(&ns);
        async move {
            records
                .inner()
                .get_opt(name, &GetOptions::default())
                .await
                .unwrap()
        }
    };

    let a = pods
        .create(&pod("a"), &CreateOptions::default())
        .await
        .unwrap();
    pods.create(&pod("b"), &CreateOptions::default())
        .await
        .unwrap();
    let got: Testcr = eventually("the record of a", async || record("a").await).await;
    let spec = got.spec.unwrap();
    assert_eq!(spec.pod_name.as_deref(), Some("a"));
    assert_eq!(spec.pod_namespace.as_deref(), Some(ns.as_str()));
    assert_eq!(spec.pod_uid, a.metadata.uid);
    assert_eq!(spec.pod_ip, None, "a Pending Pod has no IP yet");
    assert_eq!(
        got.metadata.owner_references[0].uid,
        a.metadata.uid.clone().unwrap()
    );
    eventually("the record of b", async || record("b").await).await;

    // The Pod gets its IP, as a kubelet would report it.
    let mut with_ip = pods.get("a", &GetOptions::default()).await.unwrap();
    with_ip.status = Some(PodStatus {
        pod_ip: Some("10.0.0.42".into()),
        phase: Some("Running".into()),
        ..PodStatus::default()
    });
    pods.update_status(&with_ip, &UpdateOptions::default())
        .await
        .unwrap();
    eventually("the IP in the record", async || {
        record("a")
            .await
            .filter(|r| r.spec.as_ref().and_then(|s| s.pod_ip.as_deref()) == Some("10.0.0.42"))
    })
    .await;

    // Unscheduled Pods are deleted at once; the record goes with them.
    pods.delete("a", &DeleteOptions::default().grace_period(0))
        .await
        .unwrap();
    eventually("the record of a to go", async || {
        record("a").await.is_none().then_some(())
    })
    .await;
    assert!(record("b").await.is_some());
    service.abort();
}
