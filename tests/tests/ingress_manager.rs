//! The ingress manager against the real server: an annotated Service gets an
//! Ingress it owns; removing the annotation deletes it; an Ingress deleted by
//! hand comes back while the annotation stays; each step is an Event on the
//! Service.

use std::time::Duration;

use kubegen::networking::v1::Ingress;
use kubegen::{Clientset, CreateOptions, DeleteOptions, GetOptions, Patch, PatchOptions};
use kubegen_examples::ingress_manager::{run, CONTROLLER_NAME};
use kubegen_tests::objects::service;
use kubegen_tests::{admin, eventually, test_namespace};
use serde_json::Value;

#[tokio::test]
async fn ingress_follows_the_annotation() {
    let client = admin();
    let ns = test_namespace(&client, "ingress").await;
    let cs = Clientset::from_client(client.clone());
    let services = cs.core().v1().services(&ns);
    let ingresses = cs.networking().v1().ingresses(&ns);
    let controller = tokio::spawn({
        let ns = ns.clone();
        async move { run(client, Some(&ns), 2).await }
    });

    let web = services
        .create(&service("web", true), &CreateOptions::default())
        .await
        .unwrap();
    services
        .create(&service("plain", false), &CreateOptions::default())
        .await
        .unwrap();
    let get = |name: &'static str| {
        let ingresses = cs.networking().v1().ingresses(&ns);
        async move {
            ingresses
                .inner()
                .get_opt(name, &GetOptions::default())
                .await
                .unwrap()
        }
    };
    let ingress: Ingress = eventually("the Ingress of web", async || get("web").await).await;
    let owner = &ingress.metadata.owner_references[0];
    assert_eq!(
        (owner.kind.as_str(), owner.name.as_str()),
        ("Service", "web")
    );
    assert_eq!(Some(owner.uid.as_str()), web.metadata.uid.as_deref());
    assert_eq!(owner.controller, Some(true));
    let rule = &ingress.spec.as_ref().unwrap().rules.as_ref().unwrap()[0];
    assert_eq!(rule.host.as_deref(), Some("example.com"));
    let path = &rule.http.as_ref().unwrap().paths[0];
    assert_eq!(path.path.as_deref(), Some("/"));
    let backend = path.backend.service.as_ref().unwrap();
    assert_eq!(backend.name, "web");
    assert_eq!(backend.port.as_ref().unwrap().number, Some(80));

    // Deleted by hand: it comes back while the annotation stays.
    let first_uid = ingress.metadata.uid.clone();
    ingresses
        .delete("web", &DeleteOptions::default())
        .await
        .unwrap();
    eventually("the Ingress to be recreated", async || {
        get("web").await.filter(|i| i.metadata.uid != first_uid)
    })
    .await;

    // The annotation goes: so does the Ingress.
    let drop_annotation = Patch::Json(
        serde_json::json!([{"op": "remove", "path": "/metadata/annotations/ingress~1http"}]),
    );
    services
        .patch("web", &drop_annotation, &PatchOptions::default())
        .await
        .unwrap();
    eventually("the Ingress to be deleted", async || {
        get("web").await.is_none().then_some(())
    })
    .await;

    // Each step shows on the Service: two creations (two Ingresses, so two
    // Events), then the deletion.
    let (created, deleted) = eventually("the Events of web", async || {
        let events = service_events(&ns, "web").await;
        let with = |reason: &str| -> Vec<Value> {
            events
                .iter()
                .filter(|e| e["reason"] == reason)
                .cloned()
                .collect()
        };
        let (created, deleted) = (with("Created"), with("Deleted"));
        (created.len() == 2 && deleted.len() == 1).then(|| (created, deleted[0].clone()))
    })
    .await;
    assert_ne!(created[0]["related"]["uid"], created[1]["related"]["uid"]);
    let created = &created[0];
    assert_eq!(created["type"], "Normal");
    assert_eq!(created["action"], "CreateIngress");
    assert_eq!(
        created["note"],
        format!("created Ingress {ns}/web for host example.com")
    );
    assert_eq!(created["related"]["kind"], "Ingress");
    assert_eq!(created["reportingController"], CONTROLLER_NAME);
    assert_eq!(
        created["regarding"]["uid"].as_str(),
        web.metadata.uid.as_deref()
    );
    assert_eq!(deleted["action"], "DeleteIngress");

    // The unannotated Service never got one, nor an Event.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(get("plain").await.is_none());
    assert!(service_events(&ns, "plain").await.is_empty());
    controller.abort();
}

#[tokio::test]
async fn a_deleted_owned_ingress_is_repaired_by_its_services_reconcile() {
    let client = admin();
    let ns = test_namespace(&client, "ingress-owns").await;
    let cs = Clientset::from_client(client.clone());
    let controller = tokio::spawn({
        let ns = ns.clone();
        async move { run(client, Some(&ns), 1).await }
    });
    cs.core()
        .v1()
        .services(&ns)
        .create(&service("api", true), &CreateOptions::default())
        .await
        .unwrap();
    let ingresses = cs.networking().v1().ingresses(&ns);
    let get = || async {
        ingresses
            .inner()
            .get_opt("api", &GetOptions::default())
            .await
            .unwrap()
    };
    let mut uid = eventually("the Ingress of api", async || get().await)
        .await
        .metadata
        .uid;
    // Each deletion is an owned object's event mapped to its owner's key:
    // nothing about the Service changes.
    for round in 0..2 {
        ingresses
            .delete("api", &DeleteOptions::default())
            .await
            .unwrap();
        let again = eventually(&format!("the Ingress back, round {round}"), async || {
            get().await.filter(|i| i.metadata.uid != uid)
        })
        .await;
        assert_eq!(again.metadata.owner_references[0].name, "api");
        uid = again.metadata.uid;
    }
    controller.abort();
}

/// The events.k8s.io Events about Service `name`.
async fn service_events(namespace: &str, name: &str) -> Vec<Value> {
    let list: Value = admin()
        .get_json(&format!(
            "/apis/events.k8s.io/v1/namespaces/{namespace}/events"
        ))
        .await
        .unwrap();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["regarding"]["kind"] == "Service" && e["regarding"]["name"] == name)
        .cloned()
        .collect()
}
