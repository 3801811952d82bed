//! The dynamic client against the real API server: the VirtualService
//! example end to end, and every verb on a namespaced CRD (with status and
//! scale), a built-in namespaced resource, and a cluster-scoped resource.

use std::time::Duration;

use futures::StreamExt;
use kubegen::discovery::{ApiResource, Discovery};
use kubegen::dynamic::{DynamicClient, DynamicObject, DynamicResource};
use kubegen::{
    ApplyOptions, CreateOptions, DeleteOptions, DeleteResult, GetOptions, ListOptions, Patch,
    PatchOptions, Scale, UpdateOptions, WatchEvent,
};
use kubegen_tests::{admin, install_widget_crd, test_namespace, unique_name};
use serde_json::json;

/// Resolves `input`, refreshing discovery while a new CRD is not yet served.
async fn resolve(input: &str) -> ApiResource {
    let discovery = Discovery::new(admin());
    for _ in 0..50 {
        if let Ok(found) = discovery.resolve(input).await {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        discovery.refresh().await.unwrap();
    }
    panic!("{input} never resolved");
}

fn names(objects: &[DynamicObject]) -> Vec<&str> {
    let mut names: Vec<&str> = objects.iter().filter_map(DynamicObject::name).collect();
    names.sort();
    names
}

/// Waits for the next Added/Modified/Deleted event of the watch.
async fn next_event(watch: &mut kubegen::WatchStream<DynamicObject>) -> WatchEvent<DynamicObject> {
    loop {
        let event = tokio::time::timeout(Duration::from_secs(10), watch.next())
            .await
            .expect("a watch event within 10s")
            .expect("the watch is open")
            .expect("a decodable event");
        if !matches!(event, WatchEvent::Bookmark(_)) {
            return event;
        }
    }
}

#[tokio::test]
async fn the_virtualservice_example_runs() {
    let client = admin();
    let ns = test_namespace(&client, "dyn-vs").await;
    let outcome = kubegen_examples::istio::run(&client, &ns).await.unwrap();
    assert_eq!(
        outcome.resource.full_name(),
        "virtualservices.v1alpha3.networking.istio.io"
    );
    assert_eq!(outcome.before, [95, 5]);
    assert_eq!(outcome.after, [50, 50]);
    let key = format!("{ns}/service2");
    let listed = outcome.listed.iter().find(|(k, _)| *k == key).unwrap();
    assert_eq!(listed.1, [95, 5]);

    let vs = DynamicClient::new(client)
        .resource(&outcome.resource)
        .namespace(&ns)
        .get("service2", &GetOptions::default())
        .await
        .unwrap();
    assert_eq!(vs.kind, "VirtualService");
    assert_eq!(vs.api_version, "networking.istio.io/v1alpha3");
    assert_eq!(vs.pointer("/spec/hosts"), Some(&json!(["service2"])));
    assert_eq!(vs.pointer("/spec/http/0/route/0/weight"), Some(&json!(50)));
    assert_eq!(vs.pointer("/spec/http/0/route/1/weight"), Some(&json!(50)));
    assert_eq!(
        vs.pointer("/spec/http/0/route/0/destination"),
        Some(&json!({"host": "service2", "subset": "v1"}))
    );
    assert_eq!(
        vs.pointer("/spec/http/0/route/1/destination"),
        Some(&json!({"host": "service2", "subset": "v2"}))
    );
    assert_eq!(vs.pointer("/spec/http/0/route/2"), None);
}

fn widget(resource: &ApiResource, name: &str, color: &str, replicas: i64) -> DynamicObject {
    let mut object = DynamicObject::new(name, resource)
        .with("spec", json!({"color": color, "replicas": replicas}));
    object.metadata.labels.insert("tier".into(), color.into());
    object.api_version.clear(); // filled in by the client
    object.kind.clear();
    object
}

#[tokio::test]
async fn every_verb_on_a_namespaced_crd() {
    let client = admin();
    install_widget_crd(&client).await;
    let ns = test_namespace(&client, "dyn-widgets").await;
    let resource = resolve("wd").await;
    assert_eq!(resource.full_name(), "widgets.v1.e2e.kubegen.dev");
    let dynamic = DynamicClient::new(client);
    let all = dynamic.resource(&resource);
    let api = all.clone().namespace(&ns);

    let err = all.get("a", &GetOptions::default()).await.unwrap_err();
    assert!(err.to_string().contains("namespaced"), "{err}");

    let listed = api.list(&ListOptions::default()).await.unwrap();
    assert!(listed.items.is_empty());
    assert_eq!(listed.kind, "WidgetList");
    let mut watch = api
        .watch(&ListOptions::default().resource_version(listed.metadata.resource_version.unwrap()))
        .await
        .unwrap();

    let a = api
        .create(&widget(&resource, "a", "red", 1), &CreateOptions::default())
        .await
        .unwrap();
    assert_eq!(a.api_version, "e2e.kubegen.dev/v1");
    assert_eq!(a.kind, "Widget");
    assert_eq!(a.namespace(), Some(ns.as_str()));
    assert_eq!(a.pointer("/spec/color"), Some(&json!("red")));
    match next_event(&mut watch).await {
        WatchEvent::Added(o) => assert_eq!(o.name(), Some("a")),
        other => panic!("{other:?}"),
    }
    // Writes through an all-namespaces handle go to the object's namespace.
    let b = widget(&resource, "b", "blue", 2).within(&ns);
    all.create(&b, &CreateOptions::default()).await.unwrap();
    let dry = api
        .create(
            &widget(&resource, "c", "red", 1),
            &CreateOptions::default().dry_run(true),
        )
        .await
        .unwrap();
    assert_eq!(dry.name(), Some("c"));
    assert!(api
        .get_opt("c", &GetOptions::default())
        .await
        .unwrap()
        .is_none());
    let err = api
        .create(&widget(&resource, "a", "red", 1), &CreateOptions::default())
        .await
        .unwrap_err();
    assert!(err.is_already_exists(), "{err:?}");

    let red = api
        .list(&ListOptions::default().labels("tier=red"))
        .await
        .unwrap();
    assert_eq!(names(&red.items), ["a"]);
    let everywhere = all
        .list(&ListOptions::default().labels("tier"))
        .await
        .unwrap();
    assert!(everywhere
        .items
        .iter()
        .any(|o| o.namespace() == Some(ns.as_str())));
    assert_eq!(
        names(&api.list_all(&ListOptions::default(), 1).await.unwrap()),
        ["a", "b"]
    );
    let pages: Vec<_> = api.pages(&ListOptions::default(), 1).collect().await;
    assert_eq!(pages.len(), 2);

    let mut changed = api.get("a", &GetOptions::default()).await.unwrap();
    *changed.pointer_mut("/spec/color").unwrap() = json!("green");
    let updated = api
        .update(&changed, &UpdateOptions::default())
        .await
        .unwrap();
    assert_eq!(updated.pointer("/spec/color"), Some(&json!("green")));
    let err = api
        .update(&changed, &UpdateOptions::default())
        .await
        .unwrap_err();
    assert!(
        err.is_conflict(),
        "a stale resourceVersion conflicts: {err:?}"
    );
    match next_event(&mut watch).await {
        WatchEvent::Added(o) => assert_eq!(o.name(), Some("b")),
        other => panic!("{other:?}"),
    }
    match next_event(&mut watch).await {
        WatchEvent::Modified(o) => assert_eq!(o.pointer("/spec/color"), Some(&json!("green"))),
        other => panic!("{other:?}"),
    }

    let mut with_status = updated.clone();
    with_status
        .data
        .insert("status".into(), json!({"phase": "Ready", "replicas": 1}));
    let status = api
        .update_status(&with_status, &UpdateOptions::default())
        .await
        .unwrap();
    assert_eq!(status.pointer("/status/phase"), Some(&json!("Ready")));
    let status = api
        .patch_status(
            "a",
            &Patch::Merge(json!({"status": {"phase": "Done"}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(status.pointer("/status/phase"), Some(&json!("Done")));
    let status = api
        .apply_status(
            "a",
            &json!({"metadata": {"name": "a"}, "status": {"phase": "Applied"}}),
            &ApplyOptions::new("kubegen-e2e-status").force(true),
        )
        .await
        .unwrap();
    assert_eq!(status.pointer("/status/phase"), Some(&json!("Applied")));

    let patched = api
        .patch(
            "a",
            &Patch::Json(json!([{"op": "replace", "path": "/spec/replicas", "value": 3}])),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(patched.pointer("/spec/replicas"), Some(&json!(3)));
    let patched = api
        .patch(
            "a",
            &Patch::Merge(json!({"spec": {"color": "black"}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(patched.pointer("/spec/color"), Some(&json!("black")));
    assert_eq!(patched.pointer("/spec/replicas"), Some(&json!(3)));
    let err = api
        .patch(
            "a",
            &Patch::Strategic(json!({"spec": {"color": "x"}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap_err();
    assert!(
        err.api().is_some_and(|e| e.code == 415),
        "custom resources refuse strategic merge: {err:?}"
    );

    let applied = api
        .apply(
            "d",
            &json!({"metadata": {"name": "d"}, "spec": {"color": "white", "replicas": 5}}),
            &ApplyOptions::new("kubegen-e2e"),
        )
        .await
        .unwrap();
    assert_eq!(applied.pointer("/spec/replicas"), Some(&json!(5)));
    assert!(applied
        .metadata
        .managed_fields
        .iter()
        .any(|f| f.manager.as_deref() == Some("kubegen-e2e")));

    let scale = api.get_scale("d").await.unwrap();
    assert_eq!(scale.spec.as_ref().and_then(|s| s.replicas), Some(5));
    let scaled = api
        .update_scale(
            "d",
            &Scale {
                spec: Some(kubegen::ScaleSpec { replicas: Some(7) }),
                ..scale
            },
            &UpdateOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(scaled.spec.and_then(|s| s.replicas), Some(7));
    let d = api.get("d", &GetOptions::default()).await.unwrap();
    assert_eq!(d.pointer("/spec/replicas"), Some(&json!(7)));

    match api.delete("a", &DeleteOptions::default()).await.unwrap() {
        DeleteResult::Deleted(status) => assert_eq!(status.status.as_deref(), Some("Success")),
        DeleteResult::Pending(object) => assert_eq!(object.name(), Some("a")),
    }
    assert!(api
        .get("a", &GetOptions::default())
        .await
        .unwrap_err()
        .is_not_found());
    let deleted = api
        .delete_collection(
            &ListOptions::default().labels("tier=blue"),
            &DeleteOptions::default(),
        )
        .await
        .unwrap();
    match deleted {
        DeleteResult::Pending(list) => assert_eq!(names(&list.items), ["b"]),
        DeleteResult::Deleted(status) => assert_eq!(status.status.as_deref(), Some("Success")),
    }
    let left = api.list(&ListOptions::default()).await.unwrap();
    assert_eq!(names(&left.items), ["d"]);
}

#[tokio::test]
async fn strategic_merge_on_a_built_in_resource() {
    let client = admin();
    let ns = test_namespace(&client, "dyn-cm").await;
    let resource = resolve("cm").await;
    assert_eq!(resource.full_name(), "configmaps.v1");
    let api = DynamicClient::new(client)
        .resource(&resource)
        .default_namespace()
        .namespace(&ns);
    let cm = DynamicObject::new("cm", &resource).with("data", json!({"k": "1"}));
    api.create(&cm, &CreateOptions::default()).await.unwrap();
    let patched = api
        .patch(
            "cm",
            &Patch::Strategic(json!({"metadata": {"labels": {"s": "smp"}}, "data": {"m": "2"}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(patched.metadata.labels["s"], "smp");
    assert_eq!(patched.pointer("/data"), Some(&json!({"k": "1", "m": "2"})));
    #[derive(serde::Deserialize)]
    struct ConfigMap {
        data: std::collections::BTreeMap<String, String>,
    }
    assert_eq!(patched.parse::<ConfigMap>().unwrap().data["m"], "2");
}

fn cluster_role(resource: &ApiResource, name: &str, run: &str, verbs: &[&str]) -> DynamicObject {
    let mut role = DynamicObject::new(name, resource).with(
        "rules",
        json!([{"apiGroups": [""], "resources": ["configmaps"], "verbs": verbs}]),
    );
    role.metadata
        .labels
        .insert("kubegen-run".into(), run.into());
    role
}

#[tokio::test]
async fn every_verb_on_a_cluster_scoped_resource() {
    let resource = resolve("clusterroles").await;
    assert!(!resource.namespaced);
    assert_eq!(resource.group, "rbac.authorization.k8s.io");
    let api: DynamicResource = DynamicClient::new(admin()).resource(&resource);
    let run = unique_name("run");
    let selector = format!("kubegen-run={run}");
    let (a, b) = (format!("{run}-a"), format!("{run}-b"));

    let err = api
        .clone()
        .namespace("default")
        .list(&ListOptions::default())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("cluster-scoped"), "{err}");

    let listed = api
        .list(&ListOptions::default().labels(&selector))
        .await
        .unwrap();
    assert!(listed.items.is_empty());
    let mut watch = api
        .watch(
            &ListOptions::default()
                .labels(&selector)
                .resource_version(listed.metadata.resource_version.unwrap()),
        )
        .await
        .unwrap();

    let created = api
        .create(
            &cluster_role(&resource, &a, &run, &["get"]),
            &CreateOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(created.namespace(), None);
    assert_eq!(created.kind, "ClusterRole");
    api.create(
        &cluster_role(&resource, &b, &run, &["list"]),
        &CreateOptions::default(),
    )
    .await
    .unwrap();
    match next_event(&mut watch).await {
        WatchEvent::Added(o) => assert_eq!(o.name(), Some(a.as_str())),
        other => panic!("{other:?}"),
    }
    let listed = api
        .list(&ListOptions::default().labels(&selector))
        .await
        .unwrap();
    assert_eq!(listed.items.len(), 2);

    let mut got = api.get(&a, &GetOptions::default()).await.unwrap();
    *got.pointer_mut("/rules/0/verbs").unwrap() = json!(["get", "watch"]);
    let updated = api.update(&got, &UpdateOptions::default()).await.unwrap();
    assert_eq!(
        updated.pointer("/rules/0/verbs"),
        Some(&json!(["get", "watch"]))
    );
    let err = api
        .update(&got, &UpdateOptions::default())
        .await
        .unwrap_err();
    assert!(err.is_conflict(), "{err:?}");

    let patched = api
        .patch(
            &a,
            &Patch::Json(json!([{"op": "add", "path": "/rules/0/verbs/-", "value": "list"}])),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(
        patched.pointer("/rules/0/verbs"),
        Some(&json!(["get", "watch", "list"]))
    );
    let patched = api
        .patch(
            &a,
            &Patch::Merge(json!({"metadata": {"annotations": {"m": "1"}}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(patched.metadata.annotations["m"], "1");
    let patched = api
        .patch(
            &a,
            &Patch::Strategic(json!({"metadata": {"labels": {"s": "2"}}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    assert_eq!(patched.metadata.labels["s"], "2");
    assert_eq!(patched.metadata.labels["kubegen-run"], run);

    let c = format!("{run}-c");
    let applied = api
        .apply(
            &c,
            &json!({"metadata": {"name": c, "labels": {"kubegen-run": run}}, "rules": []}),
            &ApplyOptions::new("kubegen-e2e"),
        )
        .await
        .unwrap();
    assert_eq!(applied.api_version, "rbac.authorization.k8s.io/v1");

    match api.delete(&a, &DeleteOptions::default()).await.unwrap() {
        DeleteResult::Deleted(status) => assert_eq!(status.status.as_deref(), Some("Success")),
        DeleteResult::Pending(object) => assert_eq!(object.name(), Some(a.as_str())),
    }
    assert!(api
        .get_opt(&a, &GetOptions::default())
        .await
        .unwrap()
        .is_none());
    api.delete_collection(
        &ListOptions::default().labels(&selector),
        &DeleteOptions::default(),
    )
    .await
    .unwrap();
    let left = api
        .list(&ListOptions::default().labels(&selector))
        .await
        .unwrap();
    assert!(left.items.is_empty(), "{:?}", names(&left.items));
}
