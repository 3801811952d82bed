//! Named subresources (get, create, update, patch) and `proxy` on the wire:
//! the exact method, path, query, content type and body each call sends,
//! on the typed and the dynamic client.

mod support;

use http::Method;
use kubegen_runtime::discovery::ApiResource;
use kubegen_runtime::dynamic::DynamicClient;
use kubegen_runtime::meta::ObjectMeta;
use kubegen_runtime::{
    Client, ClusterScope, CreateOptions, Error, GetOptions, Patch, PatchOptions, ProxyKind,
    ProxyRequest, Resource, ResourceClient, UpdateOptions,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use support::pod::{pods_in_shop, Pod};
use support::{Recorded, Recorder, Reply};

/// A Node with nothing but its metadata.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Node {
    #[serde(default)]
    metadata: ObjectMeta,
}

impl Resource for Node {
    const GROUP: &'static str = "";
    const VERSION: &'static str = "v1";
    const KIND: &'static str = "Node";
    const PLURAL: &'static str = "nodes";
    type Scope = ClusterScope;
    fn metadata(&self) -> &ObjectMeta {
        &self.metadata
    }
    fn metadata_mut(&mut self) -> &mut ObjectMeta {
        &mut self.metadata
    }
}

impl ProxyKind for Node {}

impl ProxyKind for Pod {}

fn ok() -> Reply {
    Reply::json(200, json!({"kind": "Scale", "spec": {"replicas": 3}}))
}

/// Method, path, query, content type and body of a request.
fn wire(r: &Recorded) -> (String, String, Option<String>, Option<String>, String) {
    (
        r.method.clone(),
        r.path.clone(),
        r.query.clone(),
        r.header("content-type").map(str::to_owned),
        String::from_utf8_lossy(&r.body).into_owned(),
    )
}

fn expected(
    method: &str,
    path: &str,
    query: Option<&str>,
    content_type: Option<&str>,
    body: &str,
) -> (String, String, Option<String>, Option<String>, String) {
    (
        method.into(),
        path.into(),
        query.map(Into::into),
        content_type.map(Into::into),
        body.into(),
    )
}

#[tokio::test]
async fn named_subresources_map_to_their_verbs() {
    let (server, pods) = pods_in_shop().await;
    for _ in 0..4 {
        server.reply(ok());
    }
    let body = json!({"spec": {"replicas": 3}});
    let got: Value = pods
        .get_subresource("ephemeralcontainers", "web-0", &GetOptions::default())
        .await
        .unwrap();
    assert_eq!(got["spec"]["replicas"], 3, "the answer is decoded");
    let _: Value = pods
        .create_subresource("binding", "web-0", &body, &CreateOptions::default())
        .await
        .unwrap();
    let update = UpdateOptions::default().dry_run(true);
    let _: Value = pods
        .update_subresource("ephemeralcontainers", "web-0", &body, &update)
        .await
        .unwrap();
    let patch = Patch::Merge(json!({"spec": {"replicas": 4}}));
    let _: Value = pods
        .patch_subresource("status", "web-0", &patch, &PatchOptions::default())
        .await
        .unwrap();
    let at = "/api/v1/namespaces/shop/pods/web-0";
    let sent: Vec<_> = server.requests().iter().map(wire).collect();
    assert_eq!(
        sent,
        [
            expected("GET", &format!("{at}/ephemeralcontainers"), None, None, ""),
            expected(
                "POST",
                &format!("{at}/binding"),
                None,
                Some("application/json"),
                r#"{"spec":{"replicas":3}}"#
            ),
            expected(
                "PUT",
                &format!("{at}/ephemeralcontainers"),
                Some("dryRun=All"),
                Some("application/json"),
                r#"{"spec":{"replicas":3}}"#
            ),
            expected(
                "PATCH",
                &format!("{at}/status"),
                None,
                Some("application/merge-patch+json"),
                r#"{"spec":{"replicas":4}}"#
            ),
        ]
    );
}

#[tokio::test]
async fn proxy_passes_any_method_path_query_and_body() {
    let (server, pods) = pods_in_shop().await;
    server.reply(Reply::raw(200, "text/plain", b"pong"));
    server.reply(Reply::raw(201, "application/json", b"{}"));
    let answer = pods
        .proxy(
            "web-0:8080",
            &ProxyRequest::get("/api/ping")
                .query("q", "a b&c")
                .query("q", "2"),
        )
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(&answer.body()[..], b"pong");
    let post = ProxyRequest::new(Method::POST, "items/").body("text/csv", "a,b\n");
    let answer = pods.proxy("web-0", &post).await.unwrap();
    assert_eq!(answer.status(), 201);
    let sent: Vec<_> = server.requests().iter().map(wire).collect();
    assert_eq!(
        sent,
        [
            expected(
                "GET",
                "/api/v1/namespaces/shop/pods/web-0:8080/proxy/api/ping",
                Some("q=a+b%26c&q=2"),
                None,
                ""
            ),
            expected(
                "POST",
                "/api/v1/namespaces/shop/pods/web-0/proxy/items/",
                None,
                Some("text/csv"),
                "a,b\n"
            ),
        ]
    );
    assert_eq!(server.requests()[0].header("accept"), Some("*/*"));
}

#[tokio::test]
async fn node_proxy_errors_are_typed_and_hostile_paths_are_refused() {
    let server = Recorder::start().await;
    let nodes: ResourceClient<Node> =
        ResourceClient::cluster(Client::new(server.config()).unwrap());
    server.reply(Reply::json(
        404,
        json!({"kind": "Status", "status": "Failure", "code": 404, "reason": "NotFound",
               "message": "nodes \"node-1\" not found"}),
    ));
    let err = nodes
        .proxy("node-1", &ProxyRequest::get("healthz"))
        .await
        .unwrap_err();
    assert_eq!(err.status().and_then(|s| s.code), Some(404), "{err}");
    assert!(!format!("{err} {err:?}").contains("test-token"));
    assert_eq!(server.single().path, "/api/v1/nodes/node-1/proxy/healthz");

    for bad in [
        "../../secrets",
        "a/./b",
        "a?b",
        "a#b",
        "a%2e%2e",
        "a\\b",
        "a b",
    ] {
        let err = nodes
            .proxy("node-1", &ProxyRequest::get(bad))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidPath { .. }), "{bad}: {err:?}");
    }
    let err = nodes
        .proxy("../x", &ProxyRequest::get("healthz"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidPath { .. }), "{err:?}");
    assert_eq!(server.requests().len(), 1, "nothing hostile was sent");
}

#[tokio::test]
async fn the_dynamic_client_maps_subresources_and_proxy_alike() {
    let server = Recorder::start().await;
    let services = ApiResource::new("", "v1", "Service", "services", true);
    let services = DynamicClient::new(Client::new(server.config()).unwrap())
        .resource(&services)
        .namespace("shop");
    for _ in 0..4 {
        server.reply(ok());
    }
    server.reply(Reply::raw(200, "text/plain", b"ok"));
    let body = json!({"spec": {"replicas": 3}});
    let _: Value = services
        .get_subresource("status", "front", &GetOptions::default())
        .await
        .unwrap();
    let _: Value = services
        .create_subresource("token", "front", &body, &CreateOptions::default())
        .await
        .unwrap();
    let _: Value = services
        .update_subresource("status", "front", &body, &UpdateOptions::default())
        .await
        .unwrap();
    let patch = Patch::Json(json!([{"op": "add", "path": "/a", "value": 1}]));
    let _: Value = services
        .patch_subresource("status", "front", &patch, &PatchOptions::default())
        .await
        .unwrap();
    let proxy = ProxyRequest::new(Method::DELETE, "cache").query("all", "1");
    let answer = services.proxy("https:front:443", &proxy).await.unwrap();
    assert_eq!(&answer.body()[..], b"ok");
    let at = "/api/v1/namespaces/shop/services/front";
    let sent: Vec<_> = server.requests().iter().map(wire).collect();
    let json = Some("application/json");
    assert_eq!(
        sent,
        [
            expected("GET", &format!("{at}/status"), None, None, ""),
            expected(
                "POST",
                &format!("{at}/token"),
                None,
                json,
                r#"{"spec":{"replicas":3}}"#
            ),
            expected(
                "PUT",
                &format!("{at}/status"),
                None,
                json,
                r#"{"spec":{"replicas":3}}"#
            ),
            expected(
                "PATCH",
                &format!("{at}/status"),
                None,
                Some("application/json-patch+json"),
                r#"[{"op":"add","path":"/a","value":1}]"#
            ),
            expected(
                "DELETE",
                "/api/v1/namespaces/shop/services/https:front:443/proxy/cache",
                Some("all=1"),
                None,
                ""
            ),
        ]
    );
}
