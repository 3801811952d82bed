//! Typed calls against a local recording server: the exact request each verb
//! sends, how answers (objects, Statuses, errors, malformed bodies, chunked
//! watches) come back, and the transport's retries.

mod support;

use std::time::{Duration, Instant};

use futures::StreamExt;
use kubegen_runtime::meta::ObjectMeta;
use kubegen_runtime::{
    ApplyOptions, Client, ClusterScope, CreateOptions, DeleteOptions, DeleteResult, Error,
    GetOptions, ListOptions, NamespaceScope, Patch, PatchOptions, Resource, ResourceClient,
    UpdateOptions, WatchEvent,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use support::{Recorder, Reply};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConfigMap {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    api_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(default)]
    metadata: ObjectMeta,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    data: std::collections::BTreeMap<String, String>,
}

impl Resource for ConfigMap {
    const GROUP: &'static str = "";
    const VERSION: &'static str = "v1";
    const KIND: &'static str = "ConfigMap";
    const PLURAL: &'static str = "configmaps";
    type Scope = NamespaceScope;
    fn metadata(&self) -> &ObjectMeta {
        &self.metadata
    }
    fn metadata_mut(&mut self) -> &mut ObjectMeta {
        &mut self.metadata
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Widget {
    #[serde(default)]
    metadata: ObjectMeta,
    spec: WidgetSpec,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct WidgetSpec {
    size: u32,
}

impl Resource for Widget {
    const GROUP: &'static str = "example.com";
    const VERSION: &'static str = "v1alpha1";
    const KIND: &'static str = "Widget";
    const PLURAL: &'static str = "widgets";
    type Scope = ClusterScope;
    fn metadata(&self) -> &ObjectMeta {
        &self.metadata
    }
    fn metadata_mut(&mut self) -> &mut ObjectMeta {
        &mut self.metadata
    }
}

fn cm(name: &str) -> ConfigMap {
    ConfigMap {
        api_version: Some("v1".into()),
        kind: Some("ConfigMap".into()),
        metadata: ObjectMeta {
            name: Some(name.into()),
            ..ObjectMeta::default()
        },
        data: [("k".to_owned(), "v".to_owned())].into(),
    }
}

fn cm_json(name: &str) -> serde_json::Value {
    serde_json::to_value(cm(name)).unwrap()
}

async fn setup() -> (Recorder, ResourceClient<ConfigMap>) {
    let server = Recorder::start().await;
    let client = Client::new(server.config()).unwrap();
    (server.clone(), ResourceClient::namespaced(client, "ns1"))
}

#[tokio::test]
async fn get_sends_exact_request_with_standard_headers() {
    let (server, api) = setup().await;
    server.reply(Reply::json(200, cm_json("a")));
    let got = api
        .get("a", &GetOptions::default().resource_version("0"))
        .await
        .unwrap();
    assert_eq!(got, cm("a"));
    let req = server.single();
    assert_eq!(req.method, "GET");
    assert_eq!(req.path, "/api/v1/namespaces/ns1/configmaps/a");
    assert_eq!(req.query.as_deref(), Some("resourceVersion=0"));
    assert_eq!(req.header("authorization"), Some("Bearer test-token"));
    assert_eq!(req.header("accept"), Some("application/json"));
    assert_eq!(req.header("accept-encoding"), Some("gzip"));
    let ua = req.header("user-agent").unwrap();
    assert!(
        ua.starts_with("kubegen/")
            && ua.contains(std::env::consts::OS)
            && ua.contains(std::env::consts::ARCH),
        "{ua}"
    );
    assert!(req.body.is_empty());
}

#[tokio::test]
async fn create_update_patch_apply_send_bodies() {
    let (server, api) = setup().await;
    for _ in 0..6 {
        server.reply(Reply::json(200, cm_json("a")));
    }
    api.create(&cm("a"), &CreateOptions::default().field_manager("t"))
        .await
        .unwrap();
    api.update(&cm("a"), &UpdateOptions::default())
        .await
        .unwrap();
    api.update_status(&cm("a"), &UpdateOptions::default())
        .await
        .unwrap();
    api.patch(
        "a",
        &Patch::Merge(json!({"data": {"k": "w"}})),
        &PatchOptions::default(),
    )
    .await
    .unwrap();
    api.apply(
        "a",
        &json!({"apiVersion": "v1", "kind": "ConfigMap", "data": {"k": "x"}}),
        &ApplyOptions::new("me").force(true),
    )
    .await
    .unwrap();
    api.patch_status(
        "a",
        &Patch::Json(json!([{"op": "add", "path": "/x", "value": 1}])),
        &PatchOptions::default(),
    )
    .await
    .unwrap();
    let reqs = server.requests();
    let summary: Vec<(String, String, Option<String>, Option<String>)> = reqs
        .iter()
        .map(|r| {
            (
                r.method.clone(),
                r.path.clone(),
                r.query.clone(),
                r.header("content-type").map(str::to_owned),
            )
        })
        .collect();
    let base = "/api/v1/namespaces/ns1/configmaps";
    let json_ct = Some("application/json".to_owned());
    assert_eq!(
        summary,
        vec![
            (
                "POST".into(),
                base.into(),
                Some("fieldManager=t".into()),
                json_ct.clone()
            ),
            ("PUT".into(), format!("{base}/a"), None, json_ct.clone()),
            (
                "PUT".into(),
                format!("{base}/a/status"),
                None,
                json_ct.clone()
            ),
            (
                "PATCH".into(),
                format!("{base}/a"),
                None,
                Some("application/merge-patch+json".into())
            ),
            (
                "PATCH".into(),
                format!("{base}/a"),
                Some("fieldManager=me&force=true".into()),
                Some("application/apply-patch+yaml".into())
            ),
            (
                "PATCH".into(),
                format!("{base}/a/status"),
                None,
                Some("application/json-patch+json".into())
            ),
        ]
    );
    assert_eq!(reqs[0].json(), cm_json("a"));
    assert_eq!(reqs[3].json(), json!({"data": {"k": "w"}}));
    assert_eq!(reqs[4].json()["data"]["k"], "x");
}

#[tokio::test]
async fn update_of_an_unnamed_object_is_refused_before_sending() {
    let (server, api) = setup().await;
    let err = api
        .update(&ConfigMap::default(), &UpdateOptions::default())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("no metadata.name"), "{err}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn delete_answers_object_or_status() {
    let (server, api) = setup().await;
    let mut lingering = cm_json("a");
    lingering["metadata"]["deletionTimestamp"] = json!("2024-01-01T00:00:00Z");
    server.reply(Reply::json(200, lingering));
    server.reply(Reply::json(200, json!({"kind": "Status", "apiVersion": "v1", "status": "Success", "details": {"name": "b", "kind": "configmaps", "uid": "u"}})));
    match api.delete("a", &DeleteOptions::default()).await.unwrap() {
        DeleteResult::Pending(obj) => assert!(obj.metadata.deletion_timestamp.is_some()),
        other => panic!("{other:?}"),
    }
    match api.delete("b", &DeleteOptions::default()).await.unwrap() {
        DeleteResult::Deleted(status) => {
            assert_eq!(status.details.unwrap().uid.as_deref(), Some("u"))
        }
        other => panic!("{other:?}"),
    }
    let reqs = server.requests();
    assert_eq!(reqs[0].method, "DELETE");
    assert_eq!(
        reqs[0].json(),
        json!({"kind": "DeleteOptions", "apiVersion": "v1"})
    );
}

#[tokio::test]
async fn cluster_scoped_and_named_group_paths() {
    let server = Recorder::start().await;
    let api: ResourceClient<Widget> =
        ResourceClient::cluster(Client::new(server.config()).unwrap());
    server.reply(Reply::json(200, json!({"kind": "WidgetList", "apiVersion": "example.com/v1alpha1", "metadata": {"resourceVersion": "9"}, "items": [{"metadata": {"name": "w"}, "spec": {"size": 3}}]})));
    let list = api
        .list(&ListOptions::default().labels("a=b"))
        .await
        .unwrap();
    assert_eq!(list.items[0].spec.size, 3);
    assert_eq!(list.metadata.resource_version.as_deref(), Some("9"));
    let req = server.single();
    assert_eq!(req.path, "/apis/example.com/v1alpha1/widgets");
    assert_eq!(req.query.as_deref(), Some("labelSelector=a%3Db"));
}

#[tokio::test]
async fn error_statuses_are_typed_and_keep_the_status() {
    let (server, api) = setup().await;
    let status = |code: u16, reason: &str| json!({"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": format!("{reason} happened"), "reason": reason, "code": code, "details": {"name": "a", "kind": "configmaps", "causes": [{"reason": "FieldValueInvalid", "message": "bad", "field": "data.k"}]}});
    type Predicate = fn(&Error) -> bool;
    let cases: Vec<(u16, &str, Predicate)> = vec![
        (404, "NotFound", Error::is_not_found),
        (409, "AlreadyExists", Error::is_already_exists),
        (409, "Conflict", Error::is_conflict),
        (403, "Forbidden", Error::is_forbidden),
        (410, "Gone", Error::is_gone),
        (422, "Invalid", Error::is_invalid),
        (504, "Timeout", Error::is_timeout),
        (401, "Unauthorized", Error::is_unauthorized),
    ];
    for (code, reason, predicate) in &cases {
        server.reply(Reply::json(*code, status(*code, reason)));
        let err = api.get("a", &GetOptions::default()).await.unwrap_err();
        assert!(predicate(&err), "{reason}: {err:?}");
        let s = err.status().unwrap();
        assert_eq!(s.reason.as_deref(), Some(*reason));
        assert_eq!(
            s.details.as_ref().unwrap().causes[0].field.as_deref(),
            Some("data.k")
        );
    }
    // A conflict is not "already exists", and the reverse.
    server.reply(Reply::json(409, status(409, "Conflict")));
    let err = api.get("a", &GetOptions::default()).await.unwrap_err();
    assert!(!err.is_already_exists());

    // A non-Status error body is kept as the message of a synthesised Status.
    server.reply(Reply::raw(502, "text/plain", b"bad gateway from proxy"));
    let err = api.get("a", &GetOptions::default()).await.unwrap_err();
    assert_eq!(err.api().unwrap().code, 502);
    assert_eq!(
        err.status().unwrap().message.as_deref(),
        Some("bad gateway from proxy")
    );
}

#[tokio::test]
async fn malformed_answers_are_decode_errors_not_panics() {
    let (server, api) = setup().await;
    for body in [
        &b"{not json"[..],
        b"",
        b"42",
        br#"{"metadata": {"name": 5}}"#,
        b"\xff\xfe",
    ] {
        server.reply(Reply::raw(200, "application/json", body));
        let err = api.get("a", &GetOptions::default()).await.unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{body:?}: {err:?}");
        assert!(
            err.to_string()
                .contains("ConfigMap from GET /api/v1/namespaces/ns1/configmaps/a"),
            "{err}"
        );
    }
}

fn event(kind: &str, name: &str) -> Vec<u8> {
    let mut line = serde_json::to_vec(&json!({"type": kind, "object": cm_json(name)})).unwrap();
    line.push(b'\n');
    line
}

#[tokio::test]
async fn watch_decodes_events_split_and_merged_across_chunks() {
    let (server, api) = setup().await;
    let mut body = Vec::new();
    body.extend(event("ADDED", "a"));
    body.extend(event("MODIFIED", "a"));
    body.extend(br#"{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"77"}}}"#);
    body.push(b'\n');
    body.extend(event("DELETED", "a"));
    // Chunks cut at awkward places: mid-event, and several events in one chunk.
    let cuts = [7, 8, 150, body.len() - 20, body.len()];
    let mut pieces = Vec::new();
    let mut from = 0;
    for to in cuts {
        pieces.push(body[from..to].to_vec());
        from = to;
    }
    server.reply(Reply::chunked(pieces));
    let events: Vec<_> = api
        .watch(&ListOptions::default().resource_version("5").bookmarks(true))
        .await
        .unwrap()
        .collect()
        .await;
    let events: Vec<WatchEvent<ConfigMap>> = events.into_iter().map(Result::unwrap).collect();
    assert_eq!(events.len(), 4);
    assert_eq!(events[0], WatchEvent::Added(cm("a")));
    assert_eq!(events[1], WatchEvent::Modified(cm("a")));
    match &events[2] {
        WatchEvent::Bookmark(b) => assert_eq!(b.metadata.resource_version, "77"),
        other => panic!("{other:?}"),
    }
    assert_eq!(events[3], WatchEvent::Deleted(cm("a")));
    let req = server.single();
    assert_eq!(
        req.query.as_deref(),
        Some("watch=1&resourceVersion=5&allowWatchBookmarks=true")
    );
}

#[tokio::test]
async fn watch_of_a_multi_megabyte_object() {
    let (server, api) = setup().await;
    let mut big = cm("big");
    big.data.insert("blob".into(), "x".repeat(4 << 20));
    let mut line = serde_json::to_vec(&json!({"type": "ADDED", "object": big})).unwrap();
    line.push(b'\n');
    let pieces: Vec<Vec<u8>> = line.chunks(64 * 1024).map(<[u8]>::to_vec).collect();
    let mut reply = Reply::chunked(pieces);
    reply.chunk_delay = Duration::ZERO;
    server.reply(reply);
    let mut stream = api.watch(&ListOptions::default()).await.unwrap();
    match stream.next().await.unwrap().unwrap() {
        WatchEvent::Added(obj) => assert_eq!(obj.data["blob"].len(), 4 << 20),
        other => panic!("{other:?}"),
    }
    assert!(
        stream.next().await.is_none(),
        "the stream ends when the server closes it"
    );
}

#[tokio::test]
async fn watch_error_410_is_typed_gone_and_malformed_events_end_the_stream() {
    let (server, api) = setup().await;
    let mut body = event("ADDED", "a");
    body.extend(br#"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version","reason":"Expired","code":410}}"#);
    body.push(b'\n');
    server.reply(Reply::chunked(vec![body]));
    let events: Vec<_> = api
        .watch(&ListOptions::default())
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(events.len(), 2);
    let err = events[1].as_ref().unwrap_err();
    assert!(err.is_gone(), "{err:?}");

    let mut body = event("ADDED", "a");
    body.extend(b"{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"name\":5}}}\n");
    body.extend(event("ADDED", "never"));
    server.reply(Reply::chunked(vec![body]));
    let events: Vec<_> = api
        .watch(&ListOptions::default())
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(events.len(), 2, "nothing after a decode error");
    assert!(
        matches!(events[1], Err(Error::Decode { .. })),
        "{:?}",
        events[1]
    );
}

#[tokio::test]
async fn pager_follows_continue_tokens() {
    let (server, api) = setup().await;
    server.reply(Reply::json(200, json!({"kind": "ConfigMapList", "apiVersion": "v1", "metadata": {"continue": "t1"}, "items": [cm_json("a"), cm_json("b")]})));
    server.reply(Reply::json(200, json!({"kind": "ConfigMapList", "apiVersion": "v1", "metadata": {"continue": "t2"}, "items": [cm_json("c"), cm_json("d")]})));
    server.reply(Reply::json(200, json!({"kind": "ConfigMapList", "apiVersion": "v1", "metadata": {}, "items": [cm_json("e")]})));
    let all = api
        .list_all(&ListOptions::default().labels("x=y"), 2)
        .await
        .unwrap();
    let names: Vec<_> = all
        .iter()
        .map(|c| c.metadata.name.clone().unwrap())
        .collect();
    assert_eq!(names, ["a", "b", "c", "d", "e"]);
    let queries: Vec<_> = server
        .requests()
        .into_iter()
        .map(|r| r.query.unwrap())
        .collect();
    assert_eq!(
        queries,
        [
            "labelSelector=x%3Dy&limit=2",
            "labelSelector=x%3Dy&limit=2&continue=t1",
            "labelSelector=x%3Dy&limit=2&continue=t2"
        ]
    );
}

#[tokio::test]
async fn throttled_requests_are_retried_after_retry_after() {
    let (server, api) = setup().await;
    server.reply(
        Reply::json(
            429,
            json!({"kind": "Status", "reason": "TooManyRequests", "code": 429}),
        )
        .with_header("Retry-After", "1"),
    );
    server.reply(
        Reply::json(503, json!({"kind": "Status", "code": 503})).with_header("Retry-After", "0"),
    );
    server.reply(Reply::json(201, cm_json("a")));
    let started = Instant::now();
    api.create(&cm("a"), &CreateOptions::default())
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn creates_and_patches_answered_503_without_retry_after_are_sent_once() {
    let unavailable = || Reply::json(503, json!({"kind": "Status", "code": 503}));
    let (server, api) = setup().await;
    server.reply(unavailable());
    server.reply(Reply::json(201, cm_json("a")));
    let err = api
        .create(&cm("a"), &CreateOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.api().map(|e| e.code), Some(503), "{err:?}");
    assert_eq!(server.requests().len(), 1, "POST is not repeated");

    let (server, api) = setup().await;
    server.reply(unavailable());
    server.reply(Reply::json(200, cm_json("a")));
    let patch = Patch::Json(json!([{"op": "add", "path": "/data/k", "value": "v"}]));
    let err = api
        .patch("a", &patch, &PatchOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.api().map(|e| e.code), Some(503), "{err:?}");
    assert_eq!(server.requests().len(), 1, "PATCH is not repeated");

    let (server, api) = setup().await;
    server.reply(unavailable());
    server.reply(Reply::json(200, cm_json("a")));
    api.get("a", &GetOptions::default())
        .await
        .expect("GET is retried");
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn retries_give_up_with_the_last_answer() {
    let (server, api) = setup().await;
    for _ in 0..4 {
        server.reply(
            Reply::json(
                429,
                json!({"kind": "Status", "reason": "TooManyRequests", "code": 429}),
            )
            .with_header("Retry-After", "0"),
        );
    }
    let err = api.get("a", &GetOptions::default()).await.unwrap_err();
    assert!(err.is_too_many_requests(), "{err:?}");
    assert_eq!(server.requests().len(), 4, "one try and three retries");
}

#[tokio::test]
async fn dropped_connections_are_retried_only_for_reads() {
    let (server, api) = setup().await;
    server.reply(Reply::dropped());
    server.reply(Reply::json(200, cm_json("a")));
    api.get("a", &GetOptions::default())
        .await
        .expect("GET is retried");
    assert_eq!(server.requests().len(), 2);

    let (server, api) = setup().await;
    server.reply(Reply::dropped());
    server.reply(Reply::json(200, cm_json("a")));
    let err = api
        .create(&cm("a"), &CreateOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(server.requests().len(), 1, "POST is not repeated");

    let (server, api) = setup().await;
    server.reply(Reply::dropped());
    server.reply(Reply::json(200, cm_json("a")));
    let err = api
        .delete("a", &DeleteOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(server.requests().len(), 1, "DELETE is not repeated");

    let (server, api) = setup().await;
    server.reply(Reply::dropped());
    server.reply(Reply::json(200, cm_json("a")));
    let err = api
        .update(&cm("a"), &UpdateOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert_eq!(server.requests().len(), 1, "PUT is not repeated");
}

#[tokio::test]
async fn client_side_rate_limit_spaces_requests() {
    let server = Recorder::start().await;
    let mut config = server.config();
    config.qps = Some(20.0);
    config.burst = 1;
    let api: ResourceClient<ConfigMap> =
        ResourceClient::namespaced(Client::new(config).unwrap(), "ns1");
    for _ in 0..6 {
        server.reply(Reply::json(200, cm_json("a")));
    }
    let started = Instant::now();
    for _ in 0..6 {
        api.get("a", &GetOptions::default()).await.unwrap();
    }
    // One at once, then five at 20/s: at least 250 ms.
    assert!(
        started.elapsed() >= Duration::from_millis(240),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn get_scale_and_update_scale() {
    let (server, api) = setup().await;
    let scale = json!({"kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": {"name": "a", "resourceVersion": "3"}, "spec": {"replicas": 2}, "status": {"replicas": 1, "selector": "app=a"}});
    server.reply(Reply::json(200, scale.clone()));
    server.reply(Reply::json(200, scale));
    let mut got = api.get_scale("a").await.unwrap();
    assert_eq!(
        got.status.as_ref().unwrap().selector.as_deref(),
        Some("app=a")
    );
    got.spec.as_mut().unwrap().replicas = Some(5);
    api.update_scale("a", &got, &UpdateOptions::default())
        .await
        .unwrap();
    let reqs = server.requests();
    assert_eq!(
        (reqs[0].method.as_str(), reqs[0].path.as_str()),
        ("GET", "/api/v1/namespaces/ns1/configmaps/a/scale")
    );
    assert_eq!(
        (reqs[1].method.as_str(), reqs[1].path.as_str()),
        ("PUT", "/api/v1/namespaces/ns1/configmaps/a/scale")
    );
    assert_eq!(reqs[1].json()["spec"]["replicas"], 5);
}

#[tokio::test]
async fn proxy_url_sends_requests_through_the_proxy() {
    // The recorder plays an HTTP proxy: it receives the absolute-form URI.
    let proxy = Recorder::start().await;
    let mut config = kubegen_runtime::Config::new("http://cluster.invalid:6443".parse().unwrap());
    config.proxy_url = Some(proxy.url.parse().unwrap());
    config.auth = kubegen_runtime::AuthConfig::Token("test-token".to_owned().into());
    let api: ResourceClient<ConfigMap> =
        ResourceClient::namespaced(Client::new(config).unwrap(), "ns1");
    proxy.reply(Reply::json(200, cm_json("a")));
    api.get("a", &GetOptions::default()).await.unwrap();
    let req = proxy.single();
    assert_eq!(
        req.path,
        "http://cluster.invalid:6443/api/v1/namespaces/ns1/configmaps/a"
    );
    assert_eq!(req.header("authorization"), Some("Bearer test-token"));
}

#[tokio::test]
async fn writes_fill_in_api_version_and_kind() {
    let (server, api) = setup().await;
    server.reply(Reply::json(201, cm_json("a")));
    let bare = ConfigMap {
        metadata: ObjectMeta {
            name: Some("a".into()),
            ..ObjectMeta::default()
        },
        ..ConfigMap::default()
    };
    api.create(&bare, &CreateOptions::default()).await.unwrap();
    let body = server.single().json();
    assert_eq!(
        (body["apiVersion"].as_str(), body["kind"].as_str()),
        (Some("v1"), Some("ConfigMap"))
    );
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let server = Recorder::start().await;
    let elsewhere = Recorder::start().await;
    for status in [301, 302, 307, 308] {
        server.reply(Reply::raw(status, "text/plain", b"moved").with_header(
            "Location",
            &format!("{}/api/v1/namespaces/ns1/configmaps", elsewhere.url),
        ));
        let mut config = server.config();
        config.impersonate = Some("admin".into());
        let api = ResourceClient::<ConfigMap>::namespaced(Client::new(config).unwrap(), "ns1");
        let err = api
            .create(&cm("a"), &CreateOptions::default())
            .await
            .unwrap_err();
        assert_eq!(err.api().map(|e| e.code), Some(status), "{err:?}");
    }
    assert_eq!(server.requests().len(), 4);
    assert!(
        elsewhere.requests().is_empty(),
        "{:#?}",
        elsewhere.requests()
    );
}

#[tokio::test]
async fn error_answers_are_read_up_to_one_mib() {
    let status = |message: String| {
        Reply::json(
            500,
            json!({"kind": "Status", "status": "Failure", "reason": "InternalError", "code": 500, "message": message}),
        )
    };
    let (server, api) = setup().await;
    let under = "x".repeat((1 << 20) - 200);
    server.reply(status(under.clone()));
    let err = api.get("a", &GetOptions::default()).await.unwrap_err();
    assert_eq!(
        err.status().unwrap().message.as_deref(),
        Some(under.as_str()),
        "kept whole"
    );

    let over = "x".repeat(1 << 20);
    server.reply(status(over));
    let err = api.get("a", &GetOptions::default()).await.unwrap_err();
    let message = err.status().unwrap().message.clone().unwrap();
    assert!(
        message.len() < 2048 && message.ends_with("..."),
        "cut: {}",
        message.len()
    );
    assert_eq!(err.api().unwrap().code, 500);
}
