//! Every verb of the generic client against the real API server: the core
//! group (`/api`), a named group, a cluster-scoped resource, and a CRD with
//! status and scale subresources.

use futures::StreamExt;
use kubegen::meta::ObjectMeta;
use kubegen::{
    ApplyOptions, CreateOptions, DeleteOptions, DeleteResult, GetOptions, ListOptions, Patch,
    PatchOptions, PropagationPolicy, ResourceClient, UpdateOptions, WatchEvent,
};
use kubegen_tests::types::{ClusterRole, ConfigMap, Lease, Widget, WidgetSpec, WidgetStatus};
use kubegen_tests::{admin, install_widget_crd, test_namespace, unique_name};
use serde_json::json;

fn meta(name: &str, labels: &[(&str, &str)]) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.into()),
        labels: labels.iter().map(|&(k, v)| (k.into(), v.into())).collect(),
        ..ObjectMeta::default()
    }
}

fn configmap(name: &str, labels: &[(&str, &str)], data: &[(&str, &str)]) -> ConfigMap {
    ConfigMap {
        metadata: meta(name, labels),
        data: Some(data.iter().map(|&(k, v)| (k.into(), v.into())).collect()),
        ..ConfigMap::default()
    }
}

#[tokio::test]
async fn configmaps_in_the_core_group() {
    let client = admin();
    let ns = test_namespace(&client, "verbs-cm").await;
    let api = ResourceClient::<ConfigMap>::namespaced(client, &ns);

    let created = api
        .create(
            &configmap("a", &[("app", "x")], &[("k", "1")]),
            &CreateOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(created.metadata.namespace.as_deref(), Some(ns.as_str()));
    assert!(created.metadata.uid.is_some());
    api.create(
        &configmap("b", &[("app", "y")], &[]),
        &CreateOptions::default(),
    )
    .await
    .unwrap();
    let dry = api
        .create(
            &configmap("c", &[], &[]),
            &CreateOptions::default().dry_run(true),
        )
        .await
        .unwrap();
    assert_eq!(dry.metadata.name.as_deref(), Some("c"));
    assert!(
        api.get_opt("c", &GetOptions::default())
            .await
            .unwrap()
            .is_none(),
        "dry run stores nothing"
    );

    let err = api
        .create(&configmap("a", &[], &[]), &CreateOptions::default())
        .await
        .unwrap_err();
    assert!(err.is_already_exists(), "{err:?}");

    let got = api.get("a", &GetOptions::default()).await.unwrap();
    assert_eq!(got.data.as_ref().unwrap()["k"], "1");

    let list = api
        .list(&ListOptions::default().labels("app=x"))
        .await
        .unwrap();
    assert_eq!(
        list.items
            .iter()
            .map(|c| c.metadata.name.clone().unwrap())
            .collect::<Vec<_>>(),
        ["a"]
    );
    let list = api
        .list(&ListOptions::default().fields("metadata.name=b"))
        .await
        .unwrap();
    assert_eq!(list.items.len(), 1);

    let mut changed = got.clone();
    changed
        .data
        .as_mut()
        .unwrap()
        .insert("k".into(), "2".into());
    let updated = api
        .update(&changed, &UpdateOptions::default())
        .await
        .unwrap();
    assert_eq!(updated.data.as_ref().unwrap()["k"], "2");
    let err = api
        .update(&got, &UpdateOptions::default())
        .await
        .unwrap_err();
    assert!(
        err.is_conflict(),
        "a stale resourceVersion conflicts: {err:?}"
    );

    let patched = api
        .patch(
            "a",
            &Patch::Json(json!([{"op": "replace", "path": "/data/k", "value": "3"}])),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(patched.data.as_ref().unwrap()["k"], "3");
    let patched = api
        .patch(
            "a",
            &Patch::Merge(json!({"data": {"m": "merge"}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(patched.data.as_ref().unwrap()["m"], "merge");
    let patched = api
        .patch(
            "a",
            &Patch::Strategic(json!({"metadata": {"labels": {"s": "smp"}}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(patched.metadata.labels["s"], "smp");
    assert_eq!(patched.metadata.labels["app"], "x");

    let applied = api
        .apply("d", &json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "d"}, "data": {"owned": "yes"}}), &ApplyOptions::new("kubegen-e2e").force(true))
        .await
        .unwrap();
    assert_eq!(applied.data.as_ref().unwrap()["owned"], "yes");
    assert!(applied
        .metadata
        .managed_fields
        .iter()
        .any(|f| f.manager.as_deref() == Some("kubegen-e2e")));

    let err = api
        .patch(
            "a",
            &Patch::Json(json!([{"op": "test", "path": "/data/k", "value": "nope"}])),
            &PatchOptions::default(),
        )
        .await
        .unwrap_err();
    assert!(
        err.api().is_some(),
        "a failed JSON patch test is an API error: {err:?}"
    );

    match api.delete("a", &DeleteOptions::default()).await.unwrap() {
        DeleteResult::Deleted(status) => assert_eq!(status.status.as_deref(), Some("Success")),
        DeleteResult::Pending(obj) => assert_eq!(obj.metadata.name.as_deref(), Some("a")),
    }
    assert!(api
        .get("a", &GetOptions::default())
        .await
        .unwrap_err()
        .is_not_found());

    let deleted = api
        .delete_collection(
            &ListOptions::default().labels("app=y"),
            &DeleteOptions::default(),
        )
        .await
        .unwrap();
    match deleted {
        DeleteResult::Pending(list) => assert_eq!(list.items.len(), 1),
        DeleteResult::Deleted(status) => assert_eq!(status.status.as_deref(), Some("Success")),
    }
    let left: Vec<_> = api
        .list(&ListOptions::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.metadata.name.unwrap())
        .collect();
    assert_eq!(left, ["d"]);
}

#[tokio::test]
async fn leases_in_a_named_group() {
    let client = admin();
    let ns = test_namespace(&client, "verbs-lease").await;
    let api = ResourceClient::<Lease>::namespaced(client, &ns);
    let lease = Lease {
        metadata: meta("l", &[("t", "1")]),
        spec: Some(json!({"holderIdentity": "me", "leaseDurationSeconds": 15})),
        ..Lease::default()
    };
    let created = api.create(&lease, &CreateOptions::default()).await.unwrap();
    assert_eq!(
        created.api_version.as_deref(),
        Some("coordination.k8s.io/v1")
    );
    let mut got = api.get("l", &GetOptions::default()).await.unwrap();
    got.spec.as_mut().unwrap()["holderIdentity"] = json!("you");
    let updated = api.update(&got, &UpdateOptions::default()).await.unwrap();
    assert_eq!(updated.spec.unwrap()["holderIdentity"], "you");
    let patched = api
        .patch(
            "l",
            &Patch::Merge(json!({"spec": {"leaseTransitions": 2}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(patched.spec.unwrap()["leaseTransitions"], 2);
    api.apply("l2", &json!({"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "l2", "labels": {"t": "1"}}, "spec": {"holderIdentity": "x"}}), &ApplyOptions::new("e2e")).await.unwrap();
    assert_eq!(
        api.list(&ListOptions::default().labels("t=1"))
            .await
            .unwrap()
            .items
            .len(),
        2
    );
    api.delete_collection(
        &ListOptions::default().labels("t=1"),
        &DeleteOptions::default(),
    )
    .await
    .unwrap();
    assert!(api
        .list(&ListOptions::default())
        .await
        .unwrap()
        .items
        .is_empty());
}

#[tokio::test]
async fn cluster_scoped_cluster_roles() {
    let api = ResourceClient::<ClusterRole>::cluster(admin());
    let name = unique_name("e2e-role");
    let role = ClusterRole {
        metadata: meta(&name, &[("e2e", &name)]),
        rules: Some(vec![
            json!({"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}),
        ]),
        ..ClusterRole::default()
    };
    api.create(&role, &CreateOptions::default()).await.unwrap();
    let mut got = api.get(&name, &GetOptions::default()).await.unwrap();
    assert!(got.metadata.namespace.is_none());
    got.rules.as_mut().unwrap()[0]["verbs"] = json!(["get", "list"]);
    let updated = api.update(&got, &UpdateOptions::default()).await.unwrap();
    assert_eq!(updated.rules.unwrap()[0]["verbs"], json!(["get", "list"]));
    let patched = api
        .patch(
            &name,
            &Patch::Strategic(json!({"metadata": {"annotations": {"a": "b"}}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(patched.metadata.annotations["a"], "b");
    let list = api
        .list(&ListOptions::default().labels(format!("e2e={name}")))
        .await
        .unwrap();
    assert_eq!(list.items.len(), 1);
    api.delete(&name, &DeleteOptions::default()).await.unwrap();
    assert!(api
        .get_opt(&name, &GetOptions::default())
        .await
        .unwrap()
        .is_none());
}

fn widget(name: &str, replicas: i32) -> Widget {
    Widget {
        metadata: meta(name, &[]),
        spec: Some(WidgetSpec {
            replicas: Some(replicas),
            color: Some("blue".into()),
        }),
        ..Widget::default()
    }
}

#[tokio::test]
async fn crd_with_status_and_scale_subresources() {
    let client = admin();
    install_widget_crd(&client).await;
    let ns = test_namespace(&client, "verbs-crd").await;
    let api = ResourceClient::<Widget>::namespaced(client, &ns);

    let mut w = api
        .create(&widget("w", 1), &CreateOptions::default())
        .await
        .unwrap();
    assert_eq!(w.api_version.as_deref(), Some("e2e.kubegen.dev/v1"));

    w.status = Some(WidgetStatus {
        replicas: Some(1),
        phase: Some("Ready".into()),
    });
    let with_status = api
        .update_status(&w, &UpdateOptions::default())
        .await
        .unwrap();
    assert_eq!(
        with_status.status.as_ref().unwrap().phase.as_deref(),
        Some("Ready")
    );
    // The main resource ignores status, the status subresource ignores spec.
    let mut ignored = with_status.clone();
    ignored.status.as_mut().unwrap().phase = Some("Ignored".into());
    let after = api
        .update(&ignored, &UpdateOptions::default())
        .await
        .unwrap();
    assert_eq!(after.status.unwrap().phase.as_deref(), Some("Ready"));

    let patched = api
        .patch_status(
            "w",
            &Patch::Merge(json!({"status": {"phase": "Patched"}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(patched.status.unwrap().phase.as_deref(), Some("Patched"));
    let applied = api
        .apply_status("w", &json!({"apiVersion": "e2e.kubegen.dev/v1", "kind": "Widget", "metadata": {"name": "w"}, "status": {"phase": "Applied"}}), &ApplyOptions::new("e2e-status").force(true))
        .await
        .unwrap();
    assert_eq!(applied.status.unwrap().phase.as_deref(), Some("Applied"));
    let applied = api
        .apply("w", &json!({"apiVersion": "e2e.kubegen.dev/v1", "kind": "Widget", "metadata": {"name": "w"}, "spec": {"color": "red"}}), &ApplyOptions::new("e2e-spec").force(true))
        .await
        .unwrap();
    assert_eq!(applied.spec.as_ref().unwrap().color.as_deref(), Some("red"));

    let mut scale = api.get_scale("w").await.unwrap();
    assert_eq!(scale.spec.as_ref().unwrap().replicas, Some(1));
    assert_eq!(scale.status.as_ref().unwrap().replicas, 1);
    scale.spec.as_mut().unwrap().replicas = Some(4);
    let scaled = api
        .update_scale("w", &scale, &UpdateOptions::default())
        .await
        .unwrap();
    assert_eq!(scaled.spec.unwrap().replicas, Some(4));
    assert_eq!(
        api.get("w", &GetOptions::default())
            .await
            .unwrap()
            .spec
            .unwrap()
            .replicas,
        Some(4)
    );

    let err = api
        .patch(
            "w",
            &Patch::Strategic(json!({"spec": {"color": "x"}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(
        err.api().unwrap().code,
        415,
        "custom resources take no strategic merge patch: {err:?}"
    );

    // Foreground propagation: with no garbage collector running, the object
    // stays, marked for deletion and holding the foregroundDeletion finalizer.
    match api
        .delete(
            "w",
            &DeleteOptions::default().propagation(PropagationPolicy::Foreground),
        )
        .await
        .unwrap()
    {
        DeleteResult::Pending(obj) => {
            assert!(obj.metadata.deletion_timestamp.is_some());
            assert!(
                obj.metadata
                    .finalizers
                    .iter()
                    .any(|f| f == "foregroundDeletion"),
                "{:?}",
                obj.metadata.finalizers
            );
        }
        other => panic!("want the object back, got {other:?}"),
    }
    api.create(&widget("gone", 1), &CreateOptions::default())
        .await
        .unwrap();
    match api.delete("gone", &DeleteOptions::default()).await.unwrap() {
        DeleteResult::Pending(obj) => assert_eq!(obj.metadata.name.as_deref(), Some("gone")),
        DeleteResult::Deleted(status) => assert_eq!(status.status.as_deref(), Some("Success")),
    }
    assert!(api
        .get_opt("gone", &GetOptions::default())
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn watch_sees_changes_in_order_then_a_bookmark() {
    let client = admin();
    let ns = test_namespace(&client, "watch").await;
    let api = ResourceClient::<ConfigMap>::namespaced(client, &ns);
    let rv = api
        .list(&ListOptions::default())
        .await
        .unwrap()
        .metadata
        .resource_version
        .unwrap();
    let mut stream = api
        .watch(
            &ListOptions::default()
                .resource_version(rv)
                .bookmarks(true)
                .timeout(6),
        )
        .await
        .unwrap();
    let writer = api.clone();
    tokio::spawn(async move {
        let created = writer
            .create(
                &configmap("w", &[], &[("n", "1")]),
                &CreateOptions::default(),
            )
            .await
            .unwrap();
        let mut changed = created;
        changed
            .data
            .as_mut()
            .unwrap()
            .insert("n".into(), "2".into());
        writer
            .update(&changed, &UpdateOptions::default())
            .await
            .unwrap();
        writer.delete("w", &DeleteOptions::default()).await.unwrap();
    });
    let mut seen = Vec::new();
    while let Some(event) = stream.next().await {
        match event.unwrap() {
            WatchEvent::Added(c) => seen.push(format!("ADDED {}", c.data.unwrap()["n"])),
            WatchEvent::Modified(c) => seen.push(format!("MODIFIED {}", c.data.unwrap()["n"])),
            WatchEvent::Deleted(c) => seen.push(format!("DELETED {}", c.data.unwrap()["n"])),
            WatchEvent::Bookmark(b) => {
                assert!(!b.metadata.resource_version.is_empty());
                seen.push("BOOKMARK".into());
            }
        }
    }
    assert_eq!(
        &seen[..3],
        ["ADDED 1", "MODIFIED 2", "DELETED 2"],
        "{seen:?}"
    );
    assert!(
        seen[3..].iter().all(|e| e == "BOOKMARK") && seen.len() > 3,
        "a bookmark before the watch times out: {seen:?}"
    );
}

#[tokio::test]
async fn pager_walks_a_real_list() {
    let client = admin();
    let ns = test_namespace(&client, "pager").await;
    let api = ResourceClient::<ConfigMap>::namespaced(client, &ns);
    for i in 0..7 {
        api.create(
            &configmap(&format!("p{i}"), &[("pager", "yes")], &[]),
            &CreateOptions::default(),
        )
        .await
        .unwrap();
    }
    let pages: Vec<_> = api
        .pages(&ListOptions::default().labels("pager=yes"), 3)
        .collect()
        .await;
    let sizes: Vec<usize> = pages
        .iter()
        .map(|p| p.as_ref().unwrap().items.len())
        .collect();
    assert_eq!(sizes, [3, 3, 1]);
    assert_eq!(
        api.list_all(&ListOptions::default().labels("pager=yes"), 2)
            .await
            .unwrap()
            .len(),
        7
    );
}
