//! The ingress manager: a controller that gives every Service annotated
//! `ingress/http` an Ingress (host example.com, path /, the Service's port)
//! owned by that Service, and deletes it when the annotation goes. Built on
//! shared informers, listers, a rate-limited work queue and owner references;
//! what it does shows as Events on the Service (`kubectl describe service`).

use std::sync::Arc;

use kubegen::cache::{HandlerFns, Lister};
use kubegen::controller::{controller_of, is_controlled_by, Action, Controller};
use kubegen::core::v1::Service;
use kubegen::meta::ObjectMeta;
use kubegen::networking::v1::{
    HTTPIngressPath, HTTPIngressRuleValue, Ingress, IngressBackend, IngressRule,
    IngressServiceBackend, IngressSpec, ServiceBackendPort,
};
use kubegen::recorder::{Event, EventType, ObjectReference, Recorder, Reporter};
use kubegen::workqueue::RateLimitingQueue;
use kubegen::{cache, Client, Clientset, CreateOptions, DeleteOptions, InformerFactory, Resource};

/// The annotation that asks for an Ingress.
pub const ANNOTATION: &str = "ingress/http";
/// The host every managed Ingress routes.
pub const HOST: &str = "example.com";
/// The name its Events are reported under.
pub const CONTROLLER_NAME: &str = "example.com/ingress-manager";

/// Everything the reconcile reads and writes.
#[derive(Clone)]
struct Context {
    cs: Clientset,
    services: Lister<Service>,
    ingresses: Lister<Ingress>,
    recorder: Recorder,
}

/// Runs the controller with `workers` workers, watching one namespace (or all
/// when `None`), until the future is dropped.
pub async fn run(client: Client, namespace: Option<&str>, workers: usize) -> kubegen::Result<()> {
    let factory = match namespace {
        Some(ns) => InformerFactory::namespaced(client.clone(), ns),
        None => InformerFactory::new(client.clone()),
    };
    let services = factory.core().v1().services();
    let ingresses = factory.networking().v1().ingresses();
    let controller = Controller::new(RateLimitingQueue::with_default_rate_limiter(), workers);

    let queue = controller.queue().clone();
    let enqueue = move |s: &Arc<Service>| queue.add(cache::object_key(s.as_ref()));
    let (on_add, on_update, on_delete) = (enqueue.clone(), enqueue.clone(), enqueue);
    services.add_handler(
        HandlerFns::new()
            .on_add(move |s| on_add(s))
            .on_update(move |_, s| on_update(s))
            .on_delete(move |s| on_delete(s)),
    );
    // A changed or deleted Ingress wakes the Service that owns it, so hand-made
    // changes are undone.
    let queue = controller.queue().clone();
    let owner = move |i: &Arc<Ingress>| {
        if let Some(owner) = controller_of(i.as_ref()).filter(|o| o.kind == "Service") {
            queue.add(cache::key_of(i.metadata.namespace.as_deref(), &owner.name));
        }
    };
    let (on_update, on_delete) = (owner.clone(), owner);
    ingresses.add_handler(
        HandlerFns::new()
            .on_update(move |_, i| on_update(i))
            .on_delete(move |i| on_delete(i)),
    );

    factory.start();
    factory.wait_for_cache_sync().await;
    tracing::info!("ingress-manager: caches synced, {workers} workers");
    let context = Context {
        cs: Clientset::from_client(client.clone()),
        services: services.lister(),
        ingresses: ingresses.lister(),
        recorder: Recorder::new(client, Reporter::new(CONTROLLER_NAME)),
    };
    controller
        .run(move |key: String| {
            let context = context.clone();
            async move { reconcile(&context, &key).await }
        })
        .await;
    Ok(())
}

/// Brings the Ingress of the Service at `key` in line with its annotation.
async fn reconcile(ctx: &Context, key: &str) -> kubegen::Result<Action> {
    let (namespace, name) = cache::split_key(key);
    let namespace = namespace.unwrap_or("default");
    let ingresses = ctx.cs.networking().v1().ingresses(namespace);
    let service = ctx.services.namespace(namespace).get(name);
    let existing = ctx.ingresses.namespace(namespace).get(name);
    let wanted = service
        .as_ref()
        .filter(|s| s.metadata.annotations.contains_key(ANNOTATION));
    match (wanted, existing) {
        (Some(service), None) => {
            match ingresses
                .create(&ingress_for(service), &CreateOptions::default())
                .await
            {
                Ok(ingress) => {
                    tracing::info!(%key, "created Ingress");
                    let note = format!("created Ingress {key} for host {HOST}");
                    report(ctx, service, Done::Created, note, &ingress).await;
                }
                Err(e) if e.is_already_exists() => {}
                Err(e) => {
                    let note = format!("could not create Ingress {key}: {e}");
                    let ingress = ingress_for(service);
                    report(ctx, service, Done::FailedCreate, note, &ingress).await;
                    return Err(e);
                }
            }
        }
        (None, Some(ingress)) => {
            // Only delete what this controller made for this Service.
            let ours = match &service {
                Some(service) => is_controlled_by(ingress.as_ref(), service.as_ref()),
                None => controller_of(ingress.as_ref())
                    .is_some_and(|o| o.kind == "Service" && o.name == name),
            };
            if ours {
                match ingresses.delete(name, &DeleteOptions::default()).await {
                    Ok(_) => {
                        tracing::info!(%key, "deleted Ingress");
                        if let Some(service) = &service {
                            let note = format!("deleted Ingress {key}: the annotation is gone");
                            report(ctx, service, Done::Deleted, note, &ingress).await;
                        }
                    }
                    Err(e) if e.is_not_found() => {}
                    Err(e) => return Err(e),
                }
            }
        }
        _ => {}
    }
    Ok(Action::Done)
}

/// What was done (or tried) to a Service's Ingress, as its Event says it:
/// reason, action, and whether it went wrong.
#[derive(Clone, Copy)]
enum Done {
    Created,
    FailedCreate,
    Deleted,
}

/// Records `done` to `ingress` as an Event on `service`. An Event that
/// cannot be written is logged, not a reason to reconcile again.
async fn report(ctx: &Context, service: &Service, done: Done, note: String, ingress: &Ingress) {
    let (type_, reason, action) = match done {
        Done::Created => (EventType::Normal, "Created", "CreateIngress"),
        Done::FailedCreate => (EventType::Warning, "FailedCreate", "CreateIngress"),
        Done::Deleted => (EventType::Normal, "Deleted", "DeleteIngress"),
    };
    let event = Event {
        type_,
        reason: reason.into(),
        action: action.into(),
        note: Some(note),
        related: Some(ObjectReference::to(ingress)),
    };
    let regarding = ObjectReference::to(service);
    if let Err(e) = ctx.recorder.publish(&event, &regarding).await {
        tracing::warn!(error = %e, reason, "could not record an Event");
    }
}

/// The Ingress a Service asks for: host example.com, path /, the Service's port, owned by it.
pub fn ingress_for(service: &Service) -> Ingress {
    let port = service
        .spec
        .as_ref()
        .and_then(|s| s.ports.as_ref())
        .and_then(|p| p.first())
        .map_or(80, |p| p.port);
    let name = service.metadata.name.clone().unwrap_or_default();
    Ingress {
        metadata: ObjectMeta {
            name: Some(name.clone()),
            namespace: service.metadata.namespace.clone(),
            owner_references: service.controller_owner_ref().into_iter().collect(),
            ..ObjectMeta::default()
        },
        spec: Some(IngressSpec {
            rules: Some(vec![IngressRule {
                host: Some(HOST.into()),
                http: Some(Box::new(HTTPIngressRuleValue {
                    paths: vec![HTTPIngressPath {
                        path: Some("/".into()),
                        path_type: "Prefix".into(),
                        backend: IngressBackend {
                            service: Some(Box::new(IngressServiceBackend {
                                name,
                                port: Some(Box::new(ServiceBackendPort {
                                    number: Some(port),
                                    name: None,
                                    ..Default::default()
                                })),
                                ..Default::default()
                            })),
                            resource: None,
                            ..Default::default()
                        },
                        ..Default::default()
                    }],
                    ..Default::default()
                })),
                ..Default::default()
            }]),
            ..IngressSpec::default()
        }),
        ..Ingress::default()
    }
}
