//! The generated clients' verbs hand back the runtime's own futures; these
//! are `Send` (an app spawns them), which this file checks by compiling.

use kubegen::apps::v1::{Deployment, DeploymentClient};
use kubegen::core::v1::PodClient;
use kubegen::{CreateOptions, DeleteOptions, GetOptions, ListOptions, Patch, PatchOptions};

fn send<T: Send>(_: T) {}

/// Never called: type-checking it is the test.
#[allow(dead_code)]
fn verb_futures_are_send(d: &DeploymentClient, p: &PodClient, obj: &Deployment, patch: &Patch) {
    let list = ListOptions::default();
    send(d.get("web", &GetOptions::default()));
    send(d.list(&list));
    send(d.watch(&list));
    send(d.create(obj, &CreateOptions::default()));
    send(d.patch("web", patch, &PatchOptions::default()));
    send(d.delete("web", &DeleteOptions::default()));
    send(d.delete_collection(&list, &DeleteOptions::default()));
    send(p.list(&list));
}

#[test]
fn verb_futures_of_generated_clients_are_send() {
    let check: fn(&DeploymentClient, &PodClient, &Deployment, &Patch) = verb_futures_are_send;
    let _ = check;
}
