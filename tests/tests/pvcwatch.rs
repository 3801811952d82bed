//! The PVC capacity watcher end to end: the table and total it prints for the
//! claims its selectors pick, then the running total and the threshold
//! announcements as claims come and go.

use kubegen::meta::Map;
use std::ops::ControlFlow;
use std::time::Duration;

use kubegen::core::v1::{
    PersistentVolumeClaim, PersistentVolumeClaimSpec, VolumeResourceRequirements,
};
use kubegen::meta::ObjectMeta;
use kubegen::{Clientset, CreateOptions, DeleteOptions, Patch, PatchOptions};
use kubegen_examples::pvc_capacity::{run, Notice, Options};
use kubegen_tests::{admin, test_namespace};
use tokio::sync::mpsc;

fn claim(name: &str, labels: &[(&str, &str)], storage: &str) -> PersistentVolumeClaim {
    PersistentVolumeClaim {
        metadata: ObjectMeta {
            name: Some(name.into()),
            labels: labels.iter().map(|&(k, v)| (k.into(), v.into())).collect(),
            ..ObjectMeta::default()
        },
        spec: Some(PersistentVolumeClaimSpec {
            access_modes: Some(vec!["ReadWriteOnce".into()]),
            resources: Some(Box::new(VolumeResourceRequirements {
                requests: Some(Map::from([("storage".into(), storage.parse().unwrap())])),
                ..VolumeResourceRequirements::default()
            })),
            ..PersistentVolumeClaimSpec::default()
        }),
        ..PersistentVolumeClaim::default()
    }
}

async fn next(rx: &mut mpsc::UnboundedReceiver<Notice>) -> Notice {
    tokio::time::timeout(Duration::from_secs(20), rx.recv())
        .await
        .expect("a notice in time")
        .expect("watcher running")
}

#[tokio::test]
async fn pvcwatch_tables_totals_and_announces_threshold_crossings() {
    let client = admin();
    let ns = test_namespace(&client, "pvcwatch").await;
    let cs = Clientset::from_client(client);
    let claims = cs.core().v1().persistent_volume_claims(&ns);
    let create = CreateOptions::default();
    claims
        .create(&claim("data-a", &[("app", "db")], "1Gi"), &create)
        .await
        .unwrap();
    claims
        .create(&claim("data-b", &[("app", "db")], "512Mi"), &create)
        .await
        .unwrap();
    claims
        .create(&claim("other", &[("app", "web")], "50Gi"), &create)
        .await
        .unwrap();
    claims
        .create(&claim("scratch", &[("app", "db")], "50Gi"), &create)
        .await
        .unwrap();

    let options = Options {
        namespace: ns.clone(),
        label_selector: "app=db".into(),
        field_selector: Some("metadata.name!=scratch".into()),
        threshold: "2Gi".parse().unwrap(),
    };
    let (tx, mut rx) = mpsc::unbounded_channel();
    let watcher = tokio::spawn(async move {
        run(&cs, &options, |notice| {
            let _ = tx.send(notice);
            ControlFlow::Continue(())
        })
        .await
    });

    let q = |s: &str| s.parse::<kubegen::meta::Quantity>().unwrap();
    assert_eq!(
        next(&mut rx).await,
        Notice::Row {
            name: "data-a".into(),
            phase: "Pending".into(),
            request: q("1Gi")
        }
    );
    assert_eq!(
        next(&mut rx).await,
        Notice::Row {
            name: "data-b".into(),
            phase: "Pending".into(),
            request: q("512Mi")
        }
    );
    let total = next(&mut rx).await;
    assert_eq!(total, Notice::Total(q("1536Mi")));
    if let Notice::Total(t) = total {
        assert_eq!(t.to_string(), "1536Mi", "exact arithmetic, canonical form");
    }

    claims
        .create(&claim("data-c", &[("app", "db")], "1Gi"), &create)
        .await
        .unwrap();
    assert_eq!(next(&mut rx).await, Notice::Total(q("2560Mi")));
    assert_eq!(next(&mut rx).await, Notice::Above(q("2560Mi")));

    // Changes outside the selection are not counted.
    claims
        .create(&claim("other-2", &[("app", "web")], "9Gi"), &create)
        .await
        .unwrap();
    // No controller-manager runs here, so a deleted claim keeps its
    // pvc-protection finalizer; remove it as the controller would.
    claims
        .delete("data-a", &DeleteOptions::default())
        .await
        .unwrap();
    claims
        .patch(
            "data-a",
            &Patch::Merge(serde_json::json!({"metadata": {"finalizers": null}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(next(&mut rx).await, Notice::Total(q("1536Mi")));
    assert_eq!(next(&mut rx).await, Notice::Below(q("1536Mi")));
    watcher.abort();
}
