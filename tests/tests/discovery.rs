//! Discovery and the REST mapper against the real API server: built-in
//! groups, an installed CRD, what users type, the caches (in memory and on
//! disk), and a broken
//! aggregated API reported per group-version instead of failing everything.

use std::sync::Arc;
use std::time::Duration;

use kubegen::discovery::{ApiResource, Discovery, DiskCache, MapError};
use kubegen::dynamic::{DynamicClient, DynamicObject};
use kubegen::{AuthConfig, Client, CreateOptions, DeleteOptions};
use kubegen_tests::{admin, config, install_widget_crd, unique_name};
use serde_json::json;

/// Installs the example's VirtualService CRD (idempotent, waits for Established).
async fn install_virtual_services(discovery: &Discovery) {
    let crds = discovery
        .resolve("customresourcedefinitions.apiextensions.k8s.io")
        .await
        .unwrap();
    kubegen_examples::istio::install_crd(&DynamicClient::new(admin()), &crds)
        .await
        .unwrap();
}

/// Refreshes discovery until `input` resolves (a new CRD takes a moment to be served).
async fn resolve_eventually(discovery: &Discovery, input: &str) -> ApiResource {
    for _ in 0..50 {
        if let Ok(found) = discovery.resolve(input).await {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        discovery.refresh().await.unwrap();
    }
    panic!("{input} never resolved");
}

#[tokio::test]
async fn built_in_groups_and_resources() {
    let discovery = Discovery::new(admin());
    let groups = discovery.groups().await.unwrap();
    assert_eq!(groups[0].name, "", "the core group comes first");
    assert_eq!(groups[0].versions, ["v1"]);
    for name in [
        "apps",
        "batch",
        "rbac.authorization.k8s.io",
        "apiextensions.k8s.io",
    ] {
        assert!(groups.iter().any(|g| g.name == name), "{name} missing");
    }
    assert_eq!(
        discovery
            .preferred_version("apps")
            .await
            .unwrap()
            .as_deref(),
        Some("v1")
    );
    assert_eq!(
        discovery.preferred_version("").await.unwrap().as_deref(),
        Some("v1")
    );
    assert_eq!(
        discovery.preferred_version("no.such.group").await.unwrap(),
        None
    );

    let core = discovery.resources("v1").await.unwrap();
    let pods = core.iter().find(|r| r.plural == "pods").unwrap();
    assert_eq!(
        (pods.kind.as_str(), pods.singular.as_str(), pods.namespaced),
        ("Pod", "pod", true)
    );
    assert_eq!(pods.short_names, ["po"]);
    assert!(pods.categories.contains(&"all".to_owned()));
    for verb in [
        "get",
        "list",
        "watch",
        "create",
        "delete",
        "deletecollection",
        "patch",
    ] {
        assert!(pods.supports(verb), "pods {verb}");
    }
    for sub in ["status", "log", "exec", "binding", "eviction"] {
        assert!(pods.subresource(sub).is_some(), "pods/{sub}");
    }
    assert!(core.iter().all(|r| !r.plural.contains('/')));
    let nodes = core.iter().find(|r| r.plural == "nodes").unwrap();
    assert!(!nodes.namespaced);

    let apps = discovery.resources("apps/v1").await.unwrap();
    let deployments = apps.iter().find(|r| r.plural == "deployments").unwrap();
    assert_eq!(deployments.kind, "Deployment");
    assert_eq!(deployments.short_names, ["deploy"]);
    assert_eq!(deployments.api_version(), "apps/v1");
    let scale = deployments.subresource("scale").unwrap();
    assert_eq!(
        (
            scale.group.as_str(),
            scale.version.as_str(),
            scale.kind.as_str()
        ),
        ("autoscaling", "v1", "Scale")
    );
    assert!(scale.verbs.contains(&"update".to_owned()));
    assert_eq!(
        deployments.subresource("status").unwrap().kind,
        "Deployment"
    );
    assert!(discovery.resources("apps/v9").await.unwrap().is_empty());
}

#[tokio::test]
async fn an_installed_crd_is_discovered() {
    let client = admin();
    install_widget_crd(&client).await;
    let discovery = Discovery::new(client);
    let widgets = resolve_eventually(&discovery, "widgets.e2e.kubegen.dev").await;
    assert_eq!(widgets.group, "e2e.kubegen.dev");
    assert_eq!(widgets.version, "v1");
    assert_eq!(widgets.kind, "Widget");
    assert_eq!(widgets.singular, "widget");
    assert_eq!(widgets.short_names, ["wd"]);
    assert!(widgets.namespaced);
    assert!(widgets.subresource("status").is_some());
    assert_eq!(widgets.subresource("scale").unwrap().kind, "Scale");
    let apis = discovery.apis().await.unwrap();
    assert_eq!(apis.preferred_version("e2e.kubegen.dev"), Some("v1"));
    assert!(apis.resource("e2e.kubegen.dev/v1", "widgets").is_some());
    assert!(apis.all_resources().any(|r| r.kind == "Widget"));
}

#[tokio::test]
async fn the_mapper_resolves_what_users_type() {
    let discovery = Discovery::new(admin());
    install_virtual_services(&discovery).await;
    let vs = resolve_eventually(&discovery, "vs").await;
    assert_eq!(
        vs.full_name(),
        "virtualservices.v1alpha3.networking.istio.io"
    );
    assert_eq!(vs.kind, "VirtualService");
    assert!(vs.namespaced);

    let mapper = discovery.mapper().await.unwrap();
    let cases = [
        ("deploy", "deployments.v1.apps"),
        ("deployments", "deployments.v1.apps"),
        ("deployment", "deployments.v1.apps"),
        ("Deployment", "deployments.v1.apps"),
        ("deployments.apps", "deployments.v1.apps"),
        ("deployments.v1.apps", "deployments.v1.apps"),
        ("po", "pods.v1"),
        ("Pod", "pods.v1"),
        ("events", "events.v1"),
        ("no", "nodes.v1"),
        ("crd", "customresourcedefinitions.v1.apiextensions.k8s.io"),
        (
            "VirtualService",
            "virtualservices.v1alpha3.networking.istio.io",
        ),
        (
            "virtualservices.networking.istio.io",
            "virtualservices.v1alpha3.networking.istio.io",
        ),
        (
            "vs.v1alpha3.networking.istio.io",
            "virtualservices.v1alpha3.networking.istio.io",
        ),
    ];
    for (input, expected) in cases {
        let found = mapper
            .resolve(input)
            .unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(found.full_name(), expected, "{input}");
    }
    assert!(!mapper.resolve("nodes").unwrap().namespaced);
    assert!(matches!(
        mapper.resolve("nosuchthings").unwrap_err(),
        MapError::NotFound { .. }
    ));
    assert!(mapper.resolve("deployments.batch").is_err());

    let by_kind = mapper
        .resource_for_api_version("apps/v1", "Deployment")
        .unwrap();
    assert_eq!(by_kind.plural, "deployments");
    let by_kind = mapper
        .resource_for_kind("networking.istio.io", None, "VirtualService")
        .unwrap();
    assert_eq!(by_kind.plural, "virtualservices");
    assert_eq!(
        mapper.kind_for("", Some("v1"), "configmaps").unwrap().kind,
        "ConfigMap"
    );
}

#[tokio::test]
async fn the_cache_lasts_until_invalidated() {
    let discovery = Discovery::new(admin());
    let first = discovery.apis().await.unwrap();
    let again = discovery.clone().apis().await.unwrap();
    assert!(
        Arc::ptr_eq(&first, &again),
        "clones share one cached snapshot"
    );
    discovery.invalidate();
    let fetched = discovery.apis().await.unwrap();
    assert!(!Arc::ptr_eq(&first, &fetched));
    let refreshed = discovery.refresh().await.unwrap();
    assert!(!Arc::ptr_eq(&fetched, &refreshed));
    assert!(Arc::ptr_eq(&refreshed, &discovery.apis().await.unwrap()));
}

#[tokio::test]
async fn a_crd_installed_after_the_snapshot_resolves_without_a_refresh() {
    let client = admin();
    let discovery = Discovery::new(client.clone());
    let before = discovery.apis().await.unwrap();
    let group = format!("{}.e2e.kubegen.dev", unique_name("late"));
    let manifest = json!({
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": {"name": format!("gadgets.{group}")},
        "spec": {
            "group": group,
            "scope": "Namespaced",
            "names": {"plural": "gadgets", "singular": "gadget", "kind": "Gadget"},
            "versions": [{
                "name": "v1", "served": true, "storage": true,
                "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}
            }]
        }
    });
    kubegen_examples::crd_install::install(
        &kubegen::Clientset::from_client(client),
        &manifest.to_string(),
    )
    .await
    .unwrap();
    assert!(before.resource(&format!("{group}/v1"), "gadgets").is_none());

    // No refresh by the caller: the failed lookup fetches discovery again.
    let gadgets = discovery
        .resolve(&format!("gadgets.{group}"))
        .await
        .expect("found after one more fetch");
    assert_eq!(gadgets.kind, "Gadget");
    let after = discovery.apis().await.unwrap();
    assert!(!Arc::ptr_eq(&before, &after), "the snapshot was replaced");

    // A resource no server has still fails after its one more look, and a
    // name that resolves leaves the snapshot alone.
    let missing = discovery
        .resolve("nosuchthings.nowhere.example")
        .await
        .unwrap_err();
    assert!(
        missing
            .to_string()
            .contains("doesn't have a resource type \"nosuchthings.nowhere.example\""),
        "{missing}"
    );
    let now = discovery.apis().await.unwrap();
    discovery.resolve("deploy").await.unwrap();
    assert!(Arc::ptr_eq(&now, &discovery.apis().await.unwrap()));
}

#[tokio::test]
async fn the_disk_cache_serves_another_process_until_invalidated() {
    let dir = tempfile::tempdir().unwrap();
    let client = admin();
    let url = client.config().cluster_url.clone();
    let fetched = Discovery::with_disk_cache(client, DiskCache::new(dir.path(), &url))
        .apis()
        .await
        .unwrap();
    let cache = DiskCache::new(dir.path(), &url);
    assert!(
        cache.file().is_file(),
        "written to {}",
        cache.file().display()
    );

    // A client the server refuses (a wrong token) still discovers: from disk.
    let mut refused = config("token");
    refused.auth = AuthConfig::Token("not-a-valid-token".to_owned().into());
    let later = Discovery::with_disk_cache(Client::new(refused).unwrap(), cache.clone());
    let read = later.apis().await.expect("served from the disk cache");
    assert_eq!(read.groups(), fetched.groups());
    assert_eq!(read.resources("apps/v1"), fetched.resources("apps/v1"));
    assert_eq!(later.resolve("deploy").await.unwrap().kind, "Deployment");

    // Invalidated, it asks the server, which refuses; so does a stale file.
    later.invalidate();
    let err = later.apis().await.unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    let mut refused = config("token");
    refused.auth = AuthConfig::Token("not-a-valid-token".to_owned().into());
    let stale = Discovery::with_disk_cache(
        Client::new(refused).unwrap(),
        cache.with_ttl(Duration::ZERO),
    );
    assert!(stale.apis().await.unwrap_err().is_unauthorized());
}

#[tokio::test]
async fn a_broken_aggregated_api_is_reported_not_fatal() {
    let client = admin();
    let discovery = Discovery::new(client.clone());
    let apiservices = discovery.resolve("apiservices").await.unwrap();
    assert!(!apiservices.namespaced);
    let group = format!("{}.e2e.kubegen.dev", unique_name("broken"));
    let name = format!("v1.{group}");
    let service = DynamicObject::new(&name, &apiservices).with(
        "spec",
        json!({
            "group": group, "version": "v1",
            "service": {"namespace": "default", "name": "kubegen-nowhere", "port": 443},
            "insecureSkipTLSVerify": true,
            "groupPriorityMinimum": 10, "versionPriority": 10
        }),
    );
    let apiservices = DynamicClient::new(client).resource(&apiservices);
    apiservices
        .create(&service, &CreateOptions::default())
        .await
        .unwrap();

    let group_version = format!("{group}/v1");
    let mut apis = discovery.refresh().await.unwrap();
    for _ in 0..50 {
        if apis.failures().contains_key(&group_version) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
        apis = discovery.refresh().await.unwrap();
    }
    let outcome = apis.check_complete();
    apiservices
        .delete(&name, &DeleteOptions::default())
        .await
        .unwrap();

    let err = outcome.expect_err("the broken group-version is reported");
    assert!(err.failures.contains_key(&group_version), "{err}");
    assert!(err.to_string().contains(&group_version), "{err}");
    assert!(apis.resources(&group_version).is_none());
    // Everything else is still there.
    assert!(apis.resource("v1", "pods").is_some());
    assert!(apis.resource("apps/v1", "deployments").is_some());
    let mapper = kubegen::discovery::RestMapper::new(apis.clone());
    assert_eq!(mapper.resolve("deploy").unwrap().plural, "deployments");
    match mapper.resolve("nosuchthings").unwrap_err() {
        MapError::NotFound { unavailable, .. } => assert!(unavailable.contains(&group_version)),
        other => panic!("{other:?}"),
    }
}
