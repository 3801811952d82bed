//! The ingress manager: a controller that gives every Service annotated
//! `ingress/http` an Ingress (host example.com, path /, the Service's port)
//! owned by that Service, and deletes it when the annotation goes. Built on
//! the controller builder: Services are the primary kind, and the Ingresses
//! they own wake their Service when changed or deleted, so hand-made changes
//! are undone. A deleted Service's Ingress goes with it through garbage
//! collection (its owner reference). What it does shows as Events on the
//! Service (`kubectl describe service`).

use std::sync::Arc;

use kubegen::cache::Lister;
use kubegen::controller::{is_controlled_by, Action, ControllerBuilder};
use kubegen::core::v1::Service;
use kubegen::meta::ObjectMeta;
use kubegen::networking::v1::{
    HTTPIngressPath, HTTPIngressRuleValue, Ingress, IngressBackend, IngressRule,
    IngressServiceBackend, IngressSpec, ServiceBackendPort,
};
use kubegen::recorder::{Event, EventType, ObjectReference, Recorder, Reporter};
use kubegen::{Client, Clientset, CreateOptions, DeleteOptions, InformerFactory, Resource};

/// The annotation that asks for an Ingress.
pub const ANNOTATION: &str = "ingress/http";
/// The host every managed Ingress routes.
pub const HOST: &str = "example.com";
/// The name its Events are reported under.
pub const CONTROLLER_NAME: &str = "example.com/ingress-manager";

/// Everything the reconcile reads and writes.
struct Context {
    cs: Clientset,
    ingresses: Lister<Ingress>,
    recorder: Recorder,
    annotation: String,
}

/// Runs the controller with `workers` workers, watching one namespace (or all
/// when `None`), until the future is dropped.
pub async fn run(client: Client, namespace: Option<&str>, workers: usize) -> kubegen::Result<()> {
    run_with(client, namespace, workers, ANNOTATION).await
}

/// [`run`] acting on Services annotated `annotation` instead of [`ANNOTATION`].
pub async fn run_with(
    client: Client,
    namespace: Option<&str>,
    workers: usize,
    annotation: &str,
) -> kubegen::Result<()> {
    let factory = match namespace {
        Some(ns) => InformerFactory::namespaced(client.clone(), ns),
        None => InformerFactory::new(client.clone()),
    };
    let context = Arc::new(Context {
        cs: Clientset::from_client(client.clone()),
        ingresses: factory.factory().lister::<Ingress>(),
        recorder: Recorder::new(client, Reporter::new(CONTROLLER_NAME)),
        annotation: annotation.to_owned(),
    });
    ControllerBuilder::<Service>::new("ingress-manager", factory.factory())
        .owns::<Ingress>()
        .workers(workers)
        .run(reconcile, context)
        .await
}

/// Brings the Ingress of `service` in line with its annotation.
async fn reconcile(service: Arc<Service>, ctx: Arc<Context>) -> kubegen::Result<Action> {
    let namespace = service.namespace().unwrap_or("default");
    let name = service.name().unwrap_or_default();
    let key = format!("{namespace}/{name}");
    let ingresses = ctx.cs.networking().v1().ingresses(namespace);
    let existing = ctx.ingresses.namespace(namespace).get(name);
    let wanted = service
        .metadata
        .annotations
        .contains_key(ctx.annotation.as_str());
    match (wanted, existing) {
        (true, None) => {
            match ingresses
                .create(&ingress_for(&service), &CreateOptions::default())
                .await
            {
                Ok(ingress) => {
                    tracing::info!(%key, "created Ingress");
                    let note = format!("created Ingress {key} for host {HOST}");
                    report(&ctx, &service, Done::Created, note, &ingress).await;
                }
                Err(e) if e.is_already_exists() => {}
                Err(e) => {
                    let note = format!("could not create Ingress {key}: {e}");
                    let ingress = ingress_for(&service);
                    report(&ctx, &service, Done::FailedCreate, note, &ingress).await;
                    return Err(e);
                }
            }
        }
        // Only delete what this controller made for this Service.
        (false, Some(ingress)) if is_controlled_by(ingress.as_ref(), service.as_ref()) => {
            match ingresses.delete(name, &DeleteOptions::default()).await {
                Ok(_) => {
                    tracing::info!(%key, "deleted Ingress");
                    let note = format!("deleted Ingress {key}: the annotation is gone");
                    report(&ctx, &service, Done::Deleted, note, &ingress).await;
                }
                Err(e) if e.is_not_found() => {}
                Err(e) => return Err(e),
            }
        }
        _ => {}
    }
    Ok(Action::await_change())
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
