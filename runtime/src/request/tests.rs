//! Exact paths, queries, headers and bodies of every verb and option.

use http::Method;
use serde_json::json;

use super::*;
use crate::meta::Preconditions;
use crate::options::{PropagationPolicy, ResourceVersionMatch};

fn configmaps(ns: Option<&str>) -> RequestBuilder {
    RequestBuilder::new(ResourcePath::new("", "v1", "configmaps", ns))
}

fn deployments() -> RequestBuilder {
    RequestBuilder::new(ResourcePath::new("apps", "v1", "deployments", Some("prod")))
}

fn nodes() -> RequestBuilder {
    RequestBuilder::new(ResourcePath::new("", "v1", "nodes", None))
}

fn check(req: &http::Request<Vec<u8>>, method: Method, uri: &str) {
    assert_eq!(req.method(), method);
    assert_eq!(req.uri().to_string(), uri);
    assert_eq!(req.headers()["accept"], "application/json");
}

#[test]
fn paths_for_core_named_groups_namespaced_and_cluster_scoped() {
    check(
        &configmaps(Some("default"))
            .get("a", &GetOptions::default())
            .unwrap(),
        Method::GET,
        "/api/v1/namespaces/default/configmaps/a",
    );
    check(
        &configmaps(None).list(&ListOptions::default()).unwrap(),
        Method::GET,
        "/api/v1/configmaps",
    );
    check(
        &deployments().get("web", &GetOptions::default()).unwrap(),
        Method::GET,
        "/apis/apps/v1/namespaces/prod/deployments/web",
    );
    check(
        &nodes().get("n1", &GetOptions::default()).unwrap(),
        Method::GET,
        "/api/v1/nodes/n1",
    );
    check(
        &deployments()
            .get_subresource("scale", "web", &GetOptions::default())
            .unwrap(),
        Method::GET,
        "/apis/apps/v1/namespaces/prod/deployments/web/scale",
    );
}

#[test]
fn list_and_watch_queries() {
    let options = ListOptions::default()
        .labels("app=web,tier in (a,b)")
        .fields("metadata.name=x")
        .resource_version("10")
        .resource_version_match(ResourceVersionMatch::NotOlderThan)
        .limit(50)
        .continue_token("abc")
        .timeout(30)
        .bookmarks(true);
    let list = configmaps(Some("ns")).list(&options).unwrap();
    check(&list, Method::GET, "/api/v1/namespaces/ns/configmaps?labelSelector=app%3Dweb%2Ctier+in+%28a%2Cb%29&fieldSelector=metadata.name%3Dx&resourceVersion=10&resourceVersionMatch=NotOlderThan&limit=50&continue=abc&timeoutSeconds=30&allowWatchBookmarks=true");
    assert!(list.body().is_empty());
    assert!(list.headers().get("content-type").is_none());
    let watch = configmaps(Some("ns"))
        .watch(&ListOptions::default().resource_version("5").bookmarks(true))
        .unwrap();
    check(
        &watch,
        Method::GET,
        "/api/v1/namespaces/ns/configmaps?watch=1&resourceVersion=5&allowWatchBookmarks=true",
    );
}

#[test]
fn writes_carry_body_content_type_and_write_options() {
    let body = br#"{"metadata":{"name":"a"}}"#.to_vec();
    let create = configmaps(Some("ns"))
        .create(
            body.clone(),
            &CreateOptions::default().dry_run(true).field_manager("me"),
        )
        .unwrap();
    check(
        &create,
        Method::POST,
        "/api/v1/namespaces/ns/configmaps?dryRun=All&fieldManager=me",
    );
    assert_eq!(create.headers()["content-type"], "application/json");
    assert_eq!(create.body(), &body);

    let replace = configmaps(Some("ns"))
        .replace("a", body.clone(), &UpdateOptions::default())
        .unwrap();
    check(&replace, Method::PUT, "/api/v1/namespaces/ns/configmaps/a");
    assert_eq!(replace.body(), &body);

    let status = deployments()
        .replace_subresource(
            "status",
            "web",
            body.clone(),
            &UpdateOptions::default().field_manager("ctl"),
        )
        .unwrap();
    check(
        &status,
        Method::PUT,
        "/apis/apps/v1/namespaces/prod/deployments/web/status?fieldManager=ctl",
    );
}

#[test]
fn patches_use_their_content_types() {
    let cases = [
        (
            Patch::Json(json!([{"op": "replace", "path": "/data/a", "value": "b"}])),
            "application/json-patch+json",
        ),
        (
            Patch::Merge(json!({"data": {"a": "b"}})),
            "application/merge-patch+json",
        ),
        (
            Patch::Strategic(json!({"data": {"a": "b"}})),
            "application/strategic-merge-patch+json",
        ),
    ];
    for (patch, content_type) in cases {
        let req = configmaps(Some("ns"))
            .patch(
                "a",
                &patch,
                &PatchOptions::default().field_manager("me").force(true),
            )
            .unwrap();
        check(
            &req,
            Method::PATCH,
            "/api/v1/namespaces/ns/configmaps/a?fieldManager=me&force=true",
        );
        assert_eq!(req.headers()["content-type"], content_type);
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(req.body()).unwrap(),
            match &patch {
                Patch::Json(v) | Patch::Merge(v) | Patch::Strategic(v) | Patch::Apply(v) =>
                    v.clone(),
            }
        );
    }
    let req = deployments()
        .patch_subresource(
            "status",
            "web",
            &Patch::Merge(json!({"status": {}})),
            &PatchOptions::default(),
        )
        .unwrap();
    check(
        &req,
        Method::PATCH,
        "/apis/apps/v1/namespaces/prod/deployments/web/status",
    );
}

#[test]
fn apply_is_an_apply_patch_with_field_manager_and_force() {
    let body = br#"{"apiVersion":"v1","kind":"ConfigMap"}"#.to_vec();
    let req = configmaps(Some("ns"))
        .apply("a", body.clone(), &ApplyOptions::new("kubegen").force(true))
        .unwrap();
    check(
        &req,
        Method::PATCH,
        "/api/v1/namespaces/ns/configmaps/a?fieldManager=kubegen&force=true",
    );
    assert_eq!(
        req.headers()["content-type"],
        "application/apply-patch+yaml"
    );
    assert_eq!(req.body(), &body);
    let req = deployments()
        .apply_subresource("status", "web", body, &ApplyOptions::new("kubegen"))
        .unwrap();
    check(
        &req,
        Method::PATCH,
        "/apis/apps/v1/namespaces/prod/deployments/web/status?fieldManager=kubegen",
    );
}

#[test]
fn delete_sends_delete_options_as_body() {
    let options = DeleteOptions::default()
        .grace_period(0)
        .propagation(PropagationPolicy::Foreground)
        .preconditions(Preconditions {
            uid: Some("u1".into()),
            resource_version: Some("7".into()),
        })
        .dry_run(true);
    let req = configmaps(Some("ns")).delete("a", &options).unwrap();
    check(&req, Method::DELETE, "/api/v1/namespaces/ns/configmaps/a");
    assert_eq!(req.headers()["content-type"], "application/json");
    let body: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
    assert_eq!(
        body,
        json!({
            "kind": "DeleteOptions", "apiVersion": "v1", "gracePeriodSeconds": 0,
            "propagationPolicy": "Foreground", "preconditions": {"uid": "u1", "resourceVersion": "7"},
            "dryRun": ["All"],
        })
    );

    let req = configmaps(Some("ns"))
        .delete_collection(
            &ListOptions::default().labels("app=x"),
            &DeleteOptions::default(),
        )
        .unwrap();
    check(
        &req,
        Method::DELETE,
        "/api/v1/namespaces/ns/configmaps?labelSelector=app%3Dx",
    );
    let body: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
    assert_eq!(body, json!({"kind": "DeleteOptions", "apiVersion": "v1"}));
}

#[test]
fn names_that_would_change_the_path_are_refused() {
    for bad in ["", ".", "..", "a/b", "a?b", "a#b", "a%2F", "a b", "a\nb"] {
        let err = configmaps(Some("ns"))
            .get(bad, &GetOptions::default())
            .unwrap_err();
        assert!(
            err.to_string().contains("cannot be used in a URL path"),
            "{bad:?}: {err}"
        );
    }
    let err = configmaps(Some("a/b"))
        .list(&ListOptions::default())
        .unwrap_err();
    assert!(err.to_string().contains("namespace"), "{err}");
}
