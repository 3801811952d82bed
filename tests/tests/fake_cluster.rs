//! The fake cluster against the real API server: one scenario of ConfigMap
//! calls (creates, errors, selectors, pages, updates, patches, finalizers,
//! watch) runs on both, and their transcripts must be the same line for
//! line. Then a controller runs against the fake alone, as a unit test would.

use std::time::Duration;

use futures::StreamExt;
use kubegen::core::v1::ConfigMap;
use kubegen::fake::FakeCluster;
use kubegen::meta::ObjectMeta;
use kubegen::watch::WatchEvent;
use kubegen::{
    Clientset, CreateOptions, DeleteOptions, GetOptions, ListOptions, Patch, PatchOptions,
    Resource, UpdateOptions,
};
use kubegen_tests::{admin, test_namespace};
use serde_json::json;

fn config_map(name: &str, labels: &[(&str, &str)]) -> ConfigMap {
    ConfigMap {
        metadata: ObjectMeta {
            name: Some(name.into()),
            labels: labels
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect(),
            ..ObjectMeta::default()
        },
        data: Some([("k".into(), "v".into())].into_iter().collect()),
        ..ConfigMap::default()
    }
}

/// How a call failed, or `ok`.
fn outcome<T>(result: &kubegen::Result<T>) -> String {
    match result {
        Ok(_) => "ok".into(),
        Err(e) => match e.status() {
            Some(s) => format!(
                "{} {} {}",
                s.code.unwrap_or_default(),
                s.reason.as_deref().unwrap_or_default(),
                s.message.as_deref().unwrap_or_default()
            ),
            None => format!("not an API error: {e}"),
        },
    }
}

fn names(items: &[ConfigMap]) -> String {
    let names: Vec<&str> = items.iter().filter_map(|c| c.name()).collect();
    names.join(",")
}

fn data(cm: &ConfigMap) -> String {
    format!("{:?}", cm.data)
}

/// The scenario; each line of the transcript is one observation.
async fn scenario(cs: &Clientset, ns: &str) -> Vec<String> {
    let cms = cs.core().v1().config_maps(ns);
    let create = CreateOptions::default();
    let mut seen = Vec::new();

    let a = cms
        .create(&config_map("a", &[("app", "web")]), &create)
        .await
        .unwrap();
    seen.push(format!(
        "created {} uid:{} rv:{} ts:{}",
        a.name().unwrap(),
        a.uid().is_some_and(|u| u.len() == 36),
        a.resource_version().is_some_and(|v| !v.is_empty()),
        a.metadata.creation_timestamp.is_some()
    ));
    seen.push(outcome(&cms.create(&config_map("a", &[]), &create).await));
    let mut generated = config_map("", &[("app", "db")]);
    generated.metadata.name = None;
    generated.metadata.generate_name = Some("gen-".into());
    let g = cms.create(&generated, &create).await.unwrap();
    let g_name = g.name().unwrap().to_owned();
    seen.push(format!("generated {} {}", &g_name[..4], g_name.len()));
    seen.push(outcome(&cms.get("missing", &GetOptions::default()).await));
    seen.push(outcome(&cms.create(&config_map("", &[]), &create).await).replace(&g_name, "G"));

    let list = |options: ListOptions| {
        let cms = cs.core().v1().config_maps(ns);
        async move { cms.list(&options).await.unwrap() }
    };
    seen.push(names(
        &list(ListOptions::default().labels("app=web")).await.items,
    ));
    seen.push(
        names(
            &list(ListOptions::default().labels("app in (web,db)"))
                .await
                .items,
        )
        .replace(&g_name, "G"),
    );
    seen.push(names(
        &list(ListOptions::default().fields("metadata.name=a"))
            .await
            .items,
    ));
    let first = list(ListOptions::default().limit(1)).await;
    let token = first.metadata.continue_.clone().unwrap_or_default();
    seen.push(format!(
        "page 1: {} more: {}",
        names(&first.items),
        !token.is_empty()
    ));
    let second = list(ListOptions::default().limit(1).continue_token(token)).await;
    seen.push(format!(
        "page 2: {} more: {}",
        names(&second.items).replace(&g_name, "G"),
        second
            .metadata
            .continue_
            .as_deref()
            .is_some_and(|c| !c.is_empty())
    ));

    // Watch what follows from the list's version.
    let version = list(ListOptions::default()).await.metadata.resource_version;
    let mut events = cms
        .watch(&ListOptions::default().resource_version(version.unwrap_or_default()))
        .await
        .unwrap();

    let mut stale = a.clone();
    stale.data = Some([("k".into(), "stale".into())].into_iter().collect());
    let mut fresh = cms.get("a", &GetOptions::default()).await.unwrap();
    fresh.data = Some([("k".into(), "updated".into())].into_iter().collect());
    let updated = cms.update(&fresh, &UpdateOptions::default()).await.unwrap();
    seen.push(format!(
        "updated {} new rv: {}",
        data(&updated),
        updated.resource_version() != a.resource_version()
    ));
    seen.push(outcome(
        &cms.update(&stale, &UpdateOptions::default()).await,
    ));
    let merged = cms
        .patch(
            "a",
            &Patch::Merge(json!({"data": {"extra": "1"}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    seen.push(format!("merged {}", data(&merged)));
    let patched = cms
        .patch(
            "a",
            &Patch::Json(json!([{"op": "remove", "path": "/data/k"}])),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    seen.push(format!("json-patched {}", data(&patched)));
    seen.push(outcome(
        &cms.patch(
            "missing",
            &Patch::Merge(json!({})),
            &PatchOptions::default(),
        )
        .await,
    ));

    // A finalizer holds a deleted object until it is removed.
    let mut held = config_map("held", &[]);
    held.metadata.finalizers = vec!["e2e.kubegen.dev/hold".into()];
    cms.create(&held, &create).await.unwrap();
    let deleting = cms.delete("held", &DeleteOptions::default()).await.unwrap();
    seen.push(format!(
        "delete with finalizer: gone={}",
        deleting.is_deleted()
    ));
    let marked = cms.get("held", &GetOptions::default()).await.unwrap();
    seen.push(format!(
        "still there, being deleted: {}",
        marked.metadata.deletion_timestamp.is_some()
    ));
    let mut release = marked;
    release.metadata.finalizers.clear();
    cms.update(&release, &UpdateOptions::default())
        .await
        .unwrap();
    seen.push(format!(
        "after release: {}",
        outcome(&cms.get("held", &GetOptions::default()).await)
    ));

    let gone = cms.delete("a", &DeleteOptions::default()).await.unwrap();
    seen.push(format!("delete: gone={}", gone.is_deleted()));
    seen.push(outcome(&cms.delete("a", &DeleteOptions::default()).await));

    // A cluster-scoped kind: no namespace in its paths.
    let roles = cs.rbac_authorization().v1().cluster_roles();
    let role_name = format!("{ns}-reader");
    let role = kubegen::rbac_authorization::v1::ClusterRole {
        metadata: ObjectMeta {
            name: Some(role_name.as_str().into()),
            ..ObjectMeta::default()
        },
        ..Default::default()
    };
    let created = roles.create(&role, &create).await.unwrap();
    seen.push(format!(
        "cluster-scoped: namespace={:?}",
        created.namespace()
    ));
    let listed = roles
        .list(&ListOptions::default().fields(format!("metadata.name={role_name}")))
        .await
        .unwrap();
    seen.push(format!("listed {}", listed.items.len()));
    roles
        .delete(&role_name, &DeleteOptions::default())
        .await
        .unwrap();
    seen.push(outcome(
        &roles.get(&role_name, &GetOptions::default()).await,
    ));

    // The watch saw every change to `a` and `held`, in order.
    let mut watched = Vec::new();
    while watched.len() < 7 {
        let event = tokio::time::timeout(Duration::from_secs(10), events.next())
            .await
            .expect("an event within 10 s")
            .expect("the watch goes on")
            .unwrap();
        watched.push(match event {
            WatchEvent::Added(c) => format!("ADDED {}", c.name().unwrap()),
            WatchEvent::Modified(c) => format!("MODIFIED {}", c.name().unwrap()),
            WatchEvent::Deleted(c) => format!("DELETED {}", c.name().unwrap()),
            WatchEvent::Bookmark(_) => continue,
        });
    }
    seen.push(watched.join(", "));
    seen
}

/// A Deployment's status: dropped on create, kept by other writes, changed
/// only through `/status`, which changes nothing else; generation counts
/// spec changes. (No controller runs on either cluster to change status.)
async fn status_scenario(cs: &Clientset, ns: &str) -> Vec<String> {
    use kubegen::apps::v1::{Deployment, DeploymentSpec, DeploymentStatus};
    use kubegen::core::v1::{Container, PodSpec, PodTemplateSpec};
    use kubegen::meta::LabelSelector;

    let labels: kubegen::meta::Map<_, _> = [("app".into(), "web".into())].into_iter().collect();
    let deployment = Deployment {
        metadata: ObjectMeta {
            name: Some("web".into()),
            ..ObjectMeta::default()
        },
        spec: Some(DeploymentSpec {
            replicas: Some(1),
            selector: LabelSelector {
                match_labels: labels.clone(),
                ..LabelSelector::default()
            },
            template: PodTemplateSpec {
                metadata: Some(ObjectMeta {
                    labels,
                    ..ObjectMeta::default()
                }),
                spec: Some(Box::new(PodSpec {
                    containers: vec![Container {
                        name: "web".into(),
                        image: Some("nginx".into()),
                        ..Container::default()
                    }],
                    ..PodSpec::default()
                })),
                ..PodTemplateSpec::default()
            },
            ..DeploymentSpec::default()
        }),
        status: Some(DeploymentStatus {
            replicas: Some(5),
            ..DeploymentStatus::default()
        }),
        ..Deployment::default()
    };
    let deployments = cs.apps().v1().deployments(ns);
    let show = |d: &Deployment| {
        let status = d.status.as_ref();
        format!(
            "spec.replicas={:?} status.replicas={:?} ready={:?} generation={:?}",
            d.spec.as_ref().and_then(|s| s.replicas),
            status.and_then(|s| s.replicas),
            status.and_then(|s| s.ready_replicas),
            d.metadata.generation
        )
    };
    let mut seen = Vec::new();
    let created = deployments
        .create(&deployment, &CreateOptions::default())
        .await
        .unwrap();
    seen.push(format!("created: {}", show(&created)));

    let mut scaled = created.clone();
    scaled.spec.as_mut().unwrap().replicas = Some(3);
    scaled.status = Some(DeploymentStatus {
        replicas: Some(3),
        ..DeploymentStatus::default()
    });
    let scaled = deployments
        .update(&scaled, &UpdateOptions::default())
        .await
        .unwrap();
    seen.push(format!("update: {}", show(&scaled)));

    let mut reported = scaled.clone();
    reported.spec.as_mut().unwrap().replicas = Some(9);
    reported.status = Some(DeploymentStatus {
        replicas: Some(2),
        ..DeploymentStatus::default()
    });
    let reported = deployments
        .update_status(&reported, &UpdateOptions::default())
        .await
        .unwrap();
    seen.push(format!("update_status: {}", show(&reported)));

    let patched = deployments
        .patch_status(
            "web",
            &Patch::Merge(json!({"status": {"readyReplicas": 1}, "spec": {"replicas": 7}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    seen.push(format!("patch_status: {}", show(&patched)));
    let read = deployments
        .get("web", &GetOptions::default())
        .await
        .unwrap();
    seen.push(format!("get: {}", show(&read)));
    seen
}

#[tokio::test]
async fn status_is_written_apart_on_both() {
    let client = admin();
    let ns = test_namespace(&client, "fake-status").await;
    let real = status_scenario(&Clientset::from_client(client), &ns).await;
    let fake = FakeCluster::start().await.unwrap();
    let faked = status_scenario(&Clientset::from_client(fake.client().unwrap()), &ns).await;
    assert_eq!(real, faked);
}

#[tokio::test]
async fn the_fake_answers_as_the_real_server_does() {
    let client = admin();
    let ns = test_namespace(&client, "fake-vs-real").await;
    let real = scenario(&Clientset::from_client(client), &ns).await;

    let fake = FakeCluster::start().await.unwrap();
    let faked = scenario(&Clientset::from_client(fake.client().unwrap()), &ns).await;
    for (line, (real, faked)) in real.iter().zip(&faked).enumerate() {
        assert_eq!(real, faked, "line {line} differs");
    }
    assert_eq!(real.len(), faked.len());
    let verbs: Vec<&str> = fake.requests().iter().map(|a| a.verb).collect();
    assert_eq!(&verbs[..3], ["create", "create", "create"]);
    assert!(verbs.contains(&"watch"));
}

/// The ingress manager, informers and work queue included, run against the
/// fake cluster as a unit test of a controller would: no API server at all.
#[tokio::test]
async fn a_controller_runs_against_the_fake() {
    use kubegen::core::v1::{Service, ServicePort, ServiceSpec};
    use kubegen::networking::v1::Ingress;
    use kubegen_examples::ingress_manager::{run, ANNOTATION};

    let fake = FakeCluster::start().await.unwrap();
    let service = Service {
        metadata: ObjectMeta {
            name: Some("web".into()),
            annotations: [(ANNOTATION.into(), "true".into())].into(),
            ..ObjectMeta::default()
        },
        spec: Some(ServiceSpec {
            ports: Some(vec![ServicePort {
                port: 8080,
                ..ServicePort::default()
            }]),
            ..ServiceSpec::default()
        }),
        ..Service::default()
    };
    let stored = fake.insert("shop", &service).unwrap();
    let controller = tokio::spawn(run(fake.client().unwrap(), Some("shop"), 1));

    let ingress: Ingress =
        kubegen_tests::eventually("the Ingress", async || fake.get::<Ingress>("shop", "web")).await;
    let owner = &ingress.metadata.owner_references[0];
    assert_eq!(Some(owner.uid.as_str()), stored.uid());
    let port = ingress.spec.as_ref().unwrap().rules.as_ref().unwrap()[0]
        .http
        .as_ref()
        .unwrap()
        .paths[0]
        .backend
        .service
        .as_ref()
        .unwrap()
        .port
        .as_ref()
        .unwrap()
        .number;
    assert_eq!(port, Some(8080));

    // The annotation goes, through the client as anyone would remove it.
    let services = Clientset::from_client(fake.client().unwrap());
    services
        .core()
        .v1()
        .services("shop")
        .patch(
            "web",
            &Patch::Merge(json!({"metadata": {"annotations": {ANNOTATION: null}}})),
            &PatchOptions::default(),
        )
        .await
        .unwrap();
    kubegen_tests::eventually("the Ingress to go", async || {
        fake.get::<Ingress>("shop", "web").is_none().then_some(())
    })
    .await;

    // What it asked of the server, as a client-go fake's actions.
    let actions = fake.requests();
    let did = |verb: &str, resource: &str| {
        actions
            .iter()
            .any(|a| a.verb == verb && a.resource == resource)
    };
    assert!(did("list", "services") && did("watch", "services"));
    assert!(did("create", "ingresses") && did("delete", "ingresses"));
    assert!(did("create", "events"), "the Created Event");
    controller.abort();
}

/// An injected Conflict, as a client-go reactor would return, meets the
/// caller's retry; the requests show both tries.
#[tokio::test]
async fn injected_failures_reach_the_caller_once() {
    let fake = FakeCluster::start().await.unwrap();
    fake.insert("shop", &config_map("settings", &[])).unwrap();
    let cms = Clientset::from_client(fake.client().unwrap())
        .core()
        .v1()
        .config_maps("shop");
    fake.fail_next("update", "configmaps", 409);
    let updated = kubegen::retry::retry_on_conflict(kubegen::retry::DEFAULT_RETRY, || {
        let cms = cms.clone();
        async move {
            let mut current = cms.get("settings", &GetOptions::default()).await?;
            current.data = Some([("k".into(), "new".into())].into_iter().collect());
            cms.update(&current, &UpdateOptions::default()).await
        }
    })
    .await
    .unwrap();
    assert_eq!(data(&updated), r#"Some({"k": "new"})"#);
    let verbs: Vec<&str> = fake.requests().iter().map(|a| a.verb).collect();
    assert_eq!(verbs, ["get", "update", "get", "update"]);
    fake.clear_requests();
    assert!(fake.requests().is_empty());
    assert_eq!(
        fake.get::<ConfigMap>("shop", "settings").map(|c| data(&c)),
        Some(r#"Some({"k": "new"})"#.to_owned())
    );
}

/// The dynamic-client walk-through (install a CRD, resolve `vs`, create,
/// list, JSON-patch the weights) on the fake: it serves discovery, and
/// serves a CRD's kind as soon as the CRD is created.
#[tokio::test]
async fn the_dynamic_walk_through_runs_on_the_fake() {
    let fake = FakeCluster::start().await.unwrap();
    let outcome = kubegen_examples::istio::run(&fake.client().unwrap(), "mesh")
        .await
        .unwrap();
    assert_eq!(outcome.resource.kind, "VirtualService");
    assert_eq!(outcome.before, [95, 5]);
    assert_eq!(outcome.after, [50, 50]);
    let paths: Vec<String> = fake.requests().iter().map(|a| a.path.clone()).collect();
    assert!(
        paths.contains(
            &"/apis/networking.istio.io/v1alpha3/namespaces/mesh/virtualservices/service2"
                .to_owned()
        ),
        "{paths:#?}"
    );
}
