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

/// Every request of `builder` that names `name`, one per verb.
fn item_requests(builder: &RequestBuilder, name: &str) -> Vec<Result<http::Request<Vec<u8>>>> {
    let patch = Patch::Merge(json!({}));
    vec![
        builder.get(name, &GetOptions::default()),
        builder.replace(name, b"{}".to_vec(), &UpdateOptions::default()),
        builder.patch(name, &patch, &PatchOptions::default()),
        builder.apply(name, b"{}".to_vec(), &ApplyOptions::new("t")),
        builder.delete(name, &DeleteOptions::default()),
        builder.get_subresource("scale", name, &GetOptions::default()),
        builder.log(name, &LogOptions::default()),
        builder.replace_subresource("status", name, b"{}".to_vec(), &UpdateOptions::default()),
        builder.patch_subresource("status", name, &patch, &PatchOptions::default()),
        builder.apply_subresource("status", name, b"{}".to_vec(), &ApplyOptions::new("t")),
    ]
}

/// Every request of `builder`, collection verbs included.
fn all_requests(builder: &RequestBuilder) -> Vec<Result<http::Request<Vec<u8>>>> {
    let mut all = item_requests(builder, "a");
    all.push(builder.list(&ListOptions::default()));
    all.push(builder.watch(&ListOptions::default()));
    all.push(builder.create(b"{}".to_vec(), &CreateOptions::default()));
    all.push(builder.delete_collection(&ListOptions::default(), &DeleteOptions::default()));
    all
}

const HOSTILE: [&str; 14] = [
    "",
    ".",
    "..",
    "a/b",
    "a?b",
    "a#b",
    "a%2F",
    "a b",
    "a\nb",
    r"a\b",
    r"..\..\..\..\..\api\v1\namespaces\kube-system\secrets\admin",
    r"..\",
    "%2e%2e",
    "\u{0}",
];

fn assert_refused(result: Result<http::Request<Vec<u8>>>, what: &str, bad: &str) {
    match result {
        Err(Error::InvalidPath { what: w, value }) => {
            assert_eq!((w.as_str(), value.as_str()), (what, bad));
        }
        other => panic!("{what} {bad:?}: {other:?}"),
    }
}

#[test]
fn names_that_would_change_the_path_are_refused() {
    for bad in HOSTILE {
        for result in item_requests(&configmaps(Some("ns")), bad) {
            assert_refused(result, "name", bad);
        }
        for result in all_requests(&configmaps(Some(bad))) {
            assert_refused(result, "namespace", bad);
        }
        let subresource = configmaps(Some("ns")).get_subresource(bad, "a", &GetOptions::default());
        assert_refused(subresource, "subresource", bad);
        let plural = RequestBuilder::new(ResourcePath::new("", "v1", bad, None));
        for result in all_requests(&plural) {
            assert_refused(result, "resource", bad);
        }
        let group = RequestBuilder::new(ResourcePath::new(bad, "v1", "things", None));
        if !bad.is_empty() {
            for result in all_requests(&group) {
                assert_refused(result, "group", bad);
            }
        }
    }
    let err = configmaps(Some("ns"))
        .get(r"a\b", &GetOptions::default())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"name "a\\b" cannot be used in a URL path"#
    );
}

#[test]
fn built_urls_stay_under_their_collection() {
    let base: url::Url = "https://127.0.0.1:6443/prefix".parse().unwrap();
    for ns in [Some("ns"), None] {
        let builder = configmaps(ns);
        let collection = format!("/prefix{}", builder.path().collection().unwrap());
        for name in HOSTILE
            .iter()
            .copied()
            .chain(["a", "a.b", "..a", "a..", "a:b"])
        {
            for request in item_requests(&builder, name).into_iter().flatten() {
                let url = url_on(&base, &request.uri().to_string()).unwrap();
                assert!(
                    url.path().starts_with(&format!("{collection}/{name}")),
                    "{name:?}: {url}"
                );
            }
        }
    }
}

#[test]
fn raw_paths_a_url_parser_would_move_are_refused() {
    let base: url::Url = "https://127.0.0.1:6443".parse().unwrap();
    for bad in [
        r"/api/v1/namespaces/ns/configmaps/..\..\secrets",
        "/api/v1/namespaces/ns/configmaps/../../secrets/x",
        "/api/v1/namespaces/ns/configmaps/%2e%2E/x",
        "/api/v1/namespaces/ns/configmaps/.%2e/x",
        "/api/v1/./namespaces",
        "/api/v1/..",
        "api/v1",
    ] {
        let err = url_on(&base, bad).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidPath { what, .. } if what == "request path"),
            "{bad}: {err:?}"
        );
    }
    assert_eq!(
        url_on(&base, "/api/v1/namespaces/a..b/pods?labelSelector=x%3D..")
            .unwrap()
            .as_str(),
        "https://127.0.0.1:6443/api/v1/namespaces/a..b/pods?labelSelector=x%3D.."
    );
}

#[test]
fn fuzzing_resource_url_confines_or_refuses() {
    let url = crate::fuzzing::resource_url("https://h:1/p", Some("ns"), "db").unwrap();
    assert_eq!(url, "https://h:1/p/api/v1/namespaces/ns/secrets/db");
    let err = crate::fuzzing::resource_url(
        "https://h:1",
        Some("default"),
        r"..\..\..\..\..\api\v1\namespaces\kube-system\secrets\admin",
    )
    .unwrap_err();
    assert!(matches!(err, Error::InvalidPath { .. }), "{err:?}");
}
