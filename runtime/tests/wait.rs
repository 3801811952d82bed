//! `await_condition` on the wire: one read of the object alone, then a watch
//! of it from the version read; a watch that ends resumes where it stopped,
//! and 410 Gone reads again.

mod support;

use kubegen_runtime::meta::ObjectMeta;
use kubegen_runtime::wait::{await_condition, conditions};
use kubegen_runtime::{Client, NamespaceScope, Resource, ResourceClient};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use support::{Recorder, Reply};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Job {
    #[serde(default)]
    metadata: ObjectMeta,
    #[serde(default)]
    status: Value,
}

impl Resource for Job {
    const GROUP: &'static str = "batch";
    const VERSION: &'static str = "v1";
    const KIND: &'static str = "Job";
    const PLURAL: &'static str = "jobs";
    type Scope = NamespaceScope;
    fn metadata(&self) -> &ObjectMeta {
        &self.metadata
    }
    fn metadata_mut(&mut self) -> &mut ObjectMeta {
        &mut self.metadata
    }
}

const PATH: &str = "/apis/batch/v1/namespaces/ci/jobs";

fn job(uid: &str, version: &str, succeeded: u32) -> Value {
    json!({"metadata": {"name": "build", "namespace": "ci", "uid": uid, "resourceVersion": version},
           "status": {"succeeded": succeeded}})
}

fn list(version: &str, items: Vec<Value>) -> Reply {
    Reply::json(
        200,
        json!({"metadata": {"resourceVersion": version}, "items": items}),
    )
}

fn events(lines: &[Value]) -> Reply {
    let body: Vec<u8> = lines
        .iter()
        .flat_map(|l| {
            let mut line = serde_json::to_vec(l).unwrap();
            line.push(b'\n');
            line
        })
        .collect();
    Reply::chunked(vec![body])
}

fn succeeded(job: Option<&Job>) -> bool {
    job.is_some_and(|j| j.status["succeeded"] == 1)
}

async fn setup() -> (Recorder, ResourceClient<Job>) {
    let server = Recorder::start().await;
    let client = Client::new(server.config()).unwrap();
    (server.clone(), ResourceClient::namespaced(client, "ci"))
}

/// Each request as `METHOD path?query`.
fn requests(server: &Recorder) -> Vec<String> {
    server
        .requests()
        .iter()
        .map(|r| {
            format!(
                "{} {}?{}",
                r.method,
                r.path,
                r.query.as_deref().unwrap_or("")
            )
        })
        .collect()
}

#[tokio::test]
async fn watches_the_one_object_from_the_version_read() {
    let (server, jobs) = setup().await;
    server
        .reply(list("100", vec![job("u1", "90", 0)]))
        .reply(events(&[
            json!({"type": "BOOKMARK", "object": {"metadata": {"resourceVersion": "105"}}}),
            json!({"type": "MODIFIED", "object": job("u1", "110", 1)}),
        ]));
    let done = await_condition(&jobs, "build", succeeded).await.unwrap();
    assert_eq!(
        done.unwrap().metadata.resource_version.as_deref(),
        Some("110")
    );
    assert_eq!(
        requests(&server),
        [
            format!("GET {PATH}?fieldSelector=metadata.name%3Dbuild"),
            format!(
                "GET {PATH}?watch=1&fieldSelector=metadata.name%3Dbuild\
                 &resourceVersion=100&allowWatchBookmarks=true"
            ),
        ]
    );
}

#[tokio::test]
async fn already_true_needs_no_watch() {
    let (server, jobs) = setup().await;
    server.reply(list("100", vec![job("u1", "90", 1)]));
    assert!(await_condition(&jobs, "build", succeeded)
        .await
        .unwrap()
        .is_some());
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn an_ended_watch_resumes_and_gone_reads_again() {
    let (server, jobs) = setup().await;
    server
        .reply(list("100", vec![job("u1", "90", 0)]))
        // The first watch ends after a change that does not satisfy.
        .reply(events(&[
            json!({"type": "MODIFIED", "object": job("u1", "120", 0)}),
        ]))
        // The second is told its version is too old.
        .reply(events(&[json!({"type": "ERROR", "object":
            {"kind": "Status", "status": "Failure", "reason": "Expired", "code": 410}})]))
        // So it reads again: the Job was deleted meanwhile.
        .reply(list("300", vec![]));
    let uid = "u1";
    let gone = await_condition(&jobs, "build", conditions::is_deleted(uid))
        .await
        .unwrap();
    assert!(gone.is_none());
    let seen = requests(&server);
    assert_eq!(seen.len(), 4, "{seen:#?}");
    assert!(seen[1].contains("&resourceVersion=100&"), "{}", seen[1]);
    assert!(
        seen[2].contains("&resourceVersion=120&"),
        "resumed: {}",
        seen[2]
    );
    assert_eq!(
        seen[3],
        format!("GET {PATH}?fieldSelector=metadata.name%3Dbuild")
    );
}

#[tokio::test]
async fn a_recreated_object_counts_as_deleted() {
    let (server, jobs) = setup().await;
    server
        .reply(list("100", vec![job("u1", "90", 0)]))
        .reply(events(&[
            json!({"type": "DELETED", "object": job("u1", "130", 0)}),
        ]));
    // Deleted: `None`, whatever came after.
    let gone = await_condition(&jobs, "build", conditions::is_deleted("u1"))
        .await
        .unwrap();
    assert!(gone.is_none());

    server.reply(list("200", vec![job("u2", "150", 0)]));
    let replaced = await_condition(&jobs, "build", conditions::is_deleted("u1"))
        .await
        .unwrap();
    assert_eq!(replaced.unwrap().metadata.uid.as_deref(), Some("u2"));
    assert!(conditions::exists(Some(&Job::default())));
    assert!(!conditions::exists::<Job>(None));
}
