//! Typed and dynamic deletes read their answers alike: the lingering object,
//! the Status once it is gone, and the same decode error for a body that is
//! neither, for one object and for a collection.

mod support;

use kubegen_runtime::discovery::ApiResource;
use kubegen_runtime::dynamic::DynamicClient;
use kubegen_runtime::{Client, DeleteOptions, ListOptions, ResourceClient};
use serde_json::json;
use support::pod::Pod;
use support::{Recorder, Reply};

/// The three answers: lingering, gone, garbled.
fn queue(server: &Recorder) {
    server
        .reply(Reply::json(
            200,
            json!({"kind": "Pod", "apiVersion": "v1",
                   "metadata": {"name": "a", "namespace": "shop", "deletionTimestamp": "2024-01-01T00:00:00Z"}}),
        ))
        .reply(Reply::json(
            200,
            json!({"kind": "Status", "apiVersion": "v1", "status": "Success"}),
        ))
        .reply(Reply::raw(200, "application/json", b"{\"kind\": 7"));
}

#[tokio::test]
async fn typed_and_dynamic_deletes_answer_alike() {
    let server = Recorder::start().await;
    let client = Client::new(server.config()).unwrap();
    let typed = ResourceClient::<Pod>::namespaced(client.clone(), "shop");
    let resource = ApiResource::of::<Pod>();
    let dynamic = DynamicClient::new(client);
    let dynamic = dynamic.resource(&resource).namespace("shop");
    let options = DeleteOptions::default();

    queue(&server);
    let pending = typed
        .delete("a", &options)
        .await
        .unwrap()
        .pending()
        .unwrap();
    assert!(pending.metadata.deletion_timestamp.is_some());
    assert!(typed.delete("a", &options).await.unwrap().is_deleted());
    let typed_error = typed.delete("a", &options).await.unwrap_err().to_string();

    queue(&server);
    let pending = dynamic
        .delete("a", &options)
        .await
        .unwrap()
        .pending()
        .unwrap();
    assert_eq!(pending.name(), Some("a"));
    assert!(dynamic.delete("a", &options).await.unwrap().is_deleted());
    let dynamic_error = dynamic.delete("a", &options).await.unwrap_err().to_string();
    assert_eq!(dynamic_error, typed_error);
    assert!(
        typed_error.contains("Pod from DELETE /api/v1/namespaces/shop/pods/a"),
        "{typed_error}"
    );

    let list = ListOptions::default();
    server.reply(Reply::raw(200, "application/json", b"{\"kind\": 7"));
    let typed_error = typed.delete_collection(&list, &options).await.unwrap_err();
    server.reply(Reply::raw(200, "application/json", b"{\"kind\": 7"));
    let dynamic_error = dynamic
        .delete_collection(&list, &options)
        .await
        .unwrap_err();
    assert_eq!(dynamic_error.to_string(), typed_error.to_string());
    assert!(
        typed_error
            .to_string()
            .contains("PodList from DELETE /api/v1/namespaces/shop/pods"),
        "{typed_error}"
    );
    assert_eq!(server.requests().len(), 8);
}
