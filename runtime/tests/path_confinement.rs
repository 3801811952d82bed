//! Hostile names and namespaces never reach the server: every verb of the
//! typed and dynamic clients refuses them before sending, and so does a raw
//! request whose path a URL parser would move.

mod support;

use futures::StreamExt;
use kubegen_runtime::discovery::ApiResource;
use kubegen_runtime::dynamic::{DynamicClient, DynamicObject};
use kubegen_runtime::meta::ObjectMeta;
use kubegen_runtime::{
    ApplyOptions, Client, CreateOptions, DeleteOptions, Error, GetOptions, ListOptions, LogOptions,
    Patch, PatchOptions, ResourceClient, Result, Scale, UpdateOptions,
};
use serde_json::json;
use support::pod::Pod;
use support::Recorder;

const TRAVERSAL: &str = r"..\..\..\..\..\api\v1\namespaces\kube-system\secrets\admin";
const HOSTILE: [&str; 6] = [TRAVERSAL, r"a\b", "..", "a/b", "%2e%2e", ""];

fn pod(name: &str) -> Pod {
    Pod {
        metadata: ObjectMeta {
            name: Some(name.into()),
            ..ObjectMeta::default()
        },
    }
}

fn refused<T: std::fmt::Debug>(what: &str, bad: &str, result: Result<T>) {
    match result {
        Err(Error::InvalidPath { .. }) => {}
        // Writes of an object without a name are refused before its path is built.
        Err(Error::MissingName { .. }) if bad.is_empty() => {}
        other => panic!("{what} with {bad:?}: want InvalidPath, got {other:?}"),
    }
}

/// Every call of the typed client that takes a name.
async fn typed_item_calls(api: &ResourceClient<Pod>, name: &str) {
    let patch = Patch::Merge(json!({}));
    let apply = ApplyOptions::new("t");
    refused("get", name, api.get(name, &GetOptions::default()).await);
    refused(
        "get_opt",
        name,
        api.get_opt(name, &GetOptions::default()).await,
    );
    refused(
        "update",
        name,
        api.update(&pod(name), &UpdateOptions::default()).await,
    );
    refused(
        "update_status",
        name,
        api.update_status(&pod(name), &UpdateOptions::default())
            .await,
    );
    refused(
        "patch",
        name,
        api.patch(name, &patch, &PatchOptions::default()).await,
    );
    refused(
        "patch_status",
        name,
        api.patch_status(name, &patch, &PatchOptions::default())
            .await,
    );
    refused("apply", name, api.apply(name, &json!({}), &apply).await);
    refused(
        "apply_status",
        name,
        api.apply_status(name, &json!({}), &apply).await,
    );
    refused(
        "delete",
        name,
        api.delete(name, &DeleteOptions::default()).await,
    );
    refused(
        "evict",
        name,
        api.evict(name, &DeleteOptions::default()).await,
    );
    refused("logs", name, api.logs(name, &LogOptions::default()).await);
    refused(
        "log_stream",
        name,
        api.log_stream(name, &LogOptions::default())
            .await
            .map(|_| ()),
    );
    refused("get_scale", name, api.get_scale(name).await);
    refused(
        "update_scale",
        name,
        api.update_scale(name, &Scale::default(), &UpdateOptions::default())
            .await,
    );
}

#[tokio::test]
async fn typed_verbs_refuse_hostile_names_and_namespaces_before_sending() {
    let server = Recorder::start().await;
    let client = Client::new(server.config()).unwrap();
    for bad in HOSTILE {
        typed_item_calls(&ResourceClient::namespaced(client.clone(), "default"), bad).await;
        let api = ResourceClient::<Pod>::namespaced(client.clone(), bad);
        typed_item_calls(&api, "a").await;
        refused("list", bad, api.list(&ListOptions::default()).await);
        refused(
            "watch",
            bad,
            api.watch(&ListOptions::default()).await.map(|_| ()),
        );
        refused(
            "create",
            bad,
            api.create(&pod("a"), &CreateOptions::default()).await,
        );
        refused(
            "delete_collection",
            bad,
            api.delete_collection(&ListOptions::default(), &DeleteOptions::default())
                .await,
        );
        let pages = Box::pin(api.pages(&ListOptions::default(), 10))
            .next()
            .await;
        refused("pages", bad, pages.expect("an answer"));
    }
    assert!(server.requests().is_empty(), "{:#?}", server.requests());
}

#[tokio::test]
async fn dynamic_verbs_refuse_hostile_names_and_namespaces_before_sending() {
    let server = Recorder::start().await;
    let dynamic = DynamicClient::new(Client::new(server.config()).unwrap());
    let resource = ApiResource::of::<Pod>();
    let patch = Patch::Merge(json!({}));
    for bad in HOSTILE {
        let api = dynamic.resource(&resource).namespace("default");
        refused("get", bad, api.get(bad, &GetOptions::default()).await);
        refused(
            "patch",
            bad,
            api.patch(bad, &patch, &PatchOptions::default()).await,
        );
        refused(
            "delete",
            bad,
            api.delete(bad, &DeleteOptions::default()).await,
        );
        refused("get_scale", bad, api.get_scale(bad).await);
        let object = DynamicObject::new(bad, &resource).within("default");
        refused(
            "update",
            bad,
            api.update(&object, &UpdateOptions::default()).await,
        );

        let api = dynamic.resource(&resource).namespace(bad);
        refused("list", bad, api.list(&ListOptions::default()).await);
        refused(
            "get in namespace",
            bad,
            api.get("a", &GetOptions::default()).await,
        );
        let object = DynamicObject::new("a", &resource).within(bad);
        let unset = dynamic.resource(&resource);
        refused(
            "create",
            bad,
            unset.create(&object, &CreateOptions::default()).await,
        );

        let plural = ApiResource {
            plural: bad.into(),
            ..resource.clone()
        };
        let api = dynamic.resource(&plural).namespace("default");
        refused("plural", bad, api.list(&ListOptions::default()).await);
    }
    assert!(server.requests().is_empty(), "{:#?}", server.requests());
}

#[tokio::test]
async fn raw_paths_that_a_url_parser_would_move_are_not_sent() {
    let server = Recorder::start().await;
    let client = Client::new(server.config()).unwrap();
    for path in [
        r"/api/v1/namespaces/default/pods/..\..\..\kube-system\secrets\admin",
        "/api/v1/namespaces/default/pods/../../kube-system/secrets/admin",
        "/api/v1/namespaces/default/pods/%2e%2e/x",
    ] {
        let request = http::Request::get(path).body(Vec::new()).unwrap();
        refused("send", path, client.send(request).await);
        refused(
            "get_json",
            path,
            client.get_json::<serde_json::Value>(path).await,
        );
    }
    assert!(server.requests().is_empty(), "{:#?}", server.requests());
}
