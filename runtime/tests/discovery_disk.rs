//! Discovery's disk cache on the wire: a fresh copy answers with no request,
//! and a copy that lacks a group-version (it failed when stored) costs
//! exactly that one request, after which the copy is whole.

mod support;

use std::time::{SystemTime, UNIX_EPOCH};

use kubegen_runtime::discovery::{Discovery, DiskCache};
use kubegen_runtime::Client;
use serde_json::{json, Value};
use support::{Recorder, Reply};

fn apps_v1() -> Value {
    json!({"kind": "APIResourceList", "groupVersion": "apps/v1", "resources": [
        {"name": "deployments", "singularName": "", "namespaced": true,
         "kind": "Deployment", "verbs": ["get", "list"], "shortNames": ["deploy"]}]})
}

/// A cache file as a run that saw `apps/v1` fail would have left it.
fn partial_copy(server: &str) -> Value {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    json!({
        "format": 1,
        "server": server,
        "fetched_at_unix_ms": now.as_millis() as u64,
        "core": {"versions": ["v1"]},
        "groups": {"groups": [{"name": "apps",
            "versions": [{"groupVersion": "apps/v1", "version": "v1"}],
            "preferredVersion": {"groupVersion": "apps/v1", "version": "v1"}}]},
        "lists": {"v1": {"groupVersion": "v1", "resources": [
            {"name": "pods", "singularName": "", "namespaced": true, "kind": "Pod",
             "verbs": ["get"], "shortNames": ["po"]}]}}
    })
}

#[tokio::test]
async fn a_copy_missing_a_group_version_fetches_only_that_one() {
    let server = Recorder::start().await;
    let dir = tempfile::tempdir().unwrap();
    let url: reqwest::Url = server.url.parse().unwrap();
    let disk = DiskCache::new(dir.path(), &url);
    std::fs::create_dir_all(disk.file().parent().unwrap()).unwrap();
    std::fs::write(disk.file(), partial_copy(&server.url).to_string()).unwrap();
    server.reply(Reply::json(200, apps_v1()));

    let client = Client::new(server.config()).unwrap();
    let discovery = Discovery::with_disk_cache(client.clone(), disk.clone());
    assert_eq!(discovery.resolve("po").await.unwrap().kind, "Pod");
    assert_eq!(
        discovery.resolve("deploy").await.unwrap().kind,
        "Deployment"
    );
    let request = server.single();
    assert_eq!(
        (request.method.as_str(), request.path.as_str()),
        ("GET", "/apis/apps/v1")
    );

    // Now whole: another process asks nothing at all.
    let again = Discovery::with_disk_cache(client, disk);
    let apis = again.apis().await.unwrap();
    assert_eq!(apis.resources("apps/v1").unwrap()[0].plural, "deployments");
    assert_eq!(server.requests().len(), 1);
}
