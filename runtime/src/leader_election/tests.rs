//! The elector against a small local API server that holds one Lease,
//! refuses stale updates, and can be told to stop answering in time.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;

use super::{LeaderElectionConfig, LeaderElector, Outcome, TestLease};
use crate::client::Client;
use crate::config::Config;

#[derive(Default)]
struct Lock {
    lease: Option<Value>,
    version: u64,
    /// Every lease written (created or updated), in order.
    writes: Vec<Value>,
    /// Answer nothing for an hour.
    slow: bool,
}

#[derive(Clone)]
struct Server {
    url: String,
    lock: Arc<Mutex<Lock>>,
}

impl Server {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let server = Self {
            url: format!("http://{}", listener.local_addr().unwrap()),
            lock: Arc::default(),
        };
        let s = server.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(s.clone().serve(stream));
            }
        });
        server
    }

    fn client(&self) -> Client {
        Client::new(Config::new(self.url.parse().unwrap())).unwrap()
    }

    fn writes(&self) -> Vec<Value> {
        crate::poison::lock(&self.lock).writes.clone()
    }

    fn set_lease(&self, lease: Value) {
        crate::poison::lock(&self.lock).lease = Some(lease);
    }

    fn go_slow(&self) {
        crate::poison::lock(&self.lock).slow = true;
    }

    async fn serve(self, stream: TcpStream) {
        let mut reader = BufReader::new(stream);
        loop {
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).await.unwrap_or(0) == 0 {
                return;
            }
            let method = request_line
                .split(' ')
                .next()
                .unwrap_or_default()
                .to_owned();
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).await.unwrap();
                let Some((name, value)) = line.trim_end().split_once(':') else {
                    break;
                };
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().unwrap();
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).await.unwrap();
            let (status, answer, slow) = self.answer(&method, &body);
            if slow {
                tokio::time::sleep(Duration::from_secs(3600)).await;
            }
            let answer = answer.to_string();
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                answer.len()
            );
            let stream = reader.get_mut();
            if stream.write_all(head.as_bytes()).await.is_err()
                || stream.write_all(answer.as_bytes()).await.is_err()
            {
                return;
            }
        }
    }

    /// The API server's answer to a read, create or update of the Lease.
    fn answer(&self, method: &str, body: &[u8]) -> (u16, Value, bool) {
        let mut lock = crate::poison::lock(&self.lock);
        let status = |code: u16, reason: &str| json!({"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": reason, "code": code});
        let slow = lock.slow;
        let write = |lock: &mut Lock, mut lease: Value| {
            lock.version += 1;
            lease["metadata"]["resourceVersion"] = json!(lock.version.to_string());
            lock.lease = Some(lease.clone());
            lock.writes.push(lease.clone());
            lease
        };
        match (method, lock.lease.clone()) {
            ("GET", Some(lease)) => (200, lease, slow),
            ("GET", None) => (404, status(404, "NotFound"), slow),
            ("POST", None) => {
                let lease = serde_json::from_slice(body).unwrap();
                (201, write(&mut lock, lease), slow)
            }
            ("POST", Some(_)) => (409, status(409, "AlreadyExists"), slow),
            ("PUT", Some(current)) => {
                let lease: Value = serde_json::from_slice(body).unwrap();
                let version = &lease["metadata"]["resourceVersion"];
                if *version != current["metadata"]["resourceVersion"] {
                    return (409, status(409, "Conflict"), slow);
                }
                (200, write(&mut lock, lease), slow)
            }
            _ => (405, status(405, "MethodNotAllowed"), slow),
        }
    }
}

fn config() -> LeaderElectionConfig {
    let mut c = LeaderElectionConfig::new("ns", "lock", "me");
    c.lease_duration = Duration::from_secs(3);
    c.renew_deadline = Duration::from_secs(2);
    c.retry_period = Duration::from_millis(400);
    c
}

/// Runs the elector in a task whose leading part waits until leadership is lost.
fn campaign(server: &Server) -> tokio::task::JoinHandle<Outcome> {
    let elector = LeaderElector::<TestLease>::new(server.client(), config()).unwrap();
    tokio::spawn(async move {
        elector
            .run(
                |mut leadership| async move { leadership.lost().await },
                || {},
            )
            .await
    })
}

async fn wait_for_writes(server: &Server, count: usize) {
    tokio::time::timeout(Duration::from_secs(20), async {
        while server.writes().len() < count {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("the lease was written");
}

// Real time, a few seconds: tokio's paused clock jumps ahead while a reply is
// on its way over the socket, so request timeouts would fire at random.
#[tokio::test]
async fn a_renewal_the_server_never_answers_loses_leadership_by_the_renew_deadline() {
    let server = Server::start().await;
    let running = campaign(&server);
    // Acquired, then renewed twice.
    wait_for_writes(&server, 3).await;
    server.go_slow();
    let slow_since = Instant::now();
    let outcome = tokio::time::timeout(Duration::from_secs(120), running)
        .await
        .expect("run returned")
        .unwrap();
    assert_eq!(outcome, Outcome::Lost);
    // The last renewal began before the server went slow, about a retry
    // period earlier; Lost comes by the renew deadline after it (the slack
    // is for a loaded machine).
    let took = slow_since.elapsed();
    assert!(
        took >= Duration::from_secs(1) && took <= Duration::from_millis(2400),
        "{took:?}"
    );
}

#[tokio::test]
async fn taking_over_a_lease_at_the_top_transition_count_saturates() {
    let server = Server::start().await;
    server.set_lease(json!({
        "metadata": {"name": "lock", "namespace": "ns", "resourceVersion": "7"},
        "spec": {
            "holderIdentity": "other",
            "leaseDurationSeconds": 1,
            "leaseTransitions": i32::MAX,
        },
    }));
    let running = campaign(&server);
    wait_for_writes(&server, 1).await;
    let spec = &server.writes()[0]["spec"];
    assert_eq!(spec["holderIdentity"], "me");
    assert_eq!(spec["leaseTransitions"], i32::MAX);
    running.abort();
}

#[tokio::test]
async fn taking_over_writes_the_record_into_the_lease_as_read() {
    let server = Server::start().await;
    server.set_lease(json!({
        "metadata": {"name": "lock", "namespace": "ns", "resourceVersion": "7"},
        "spec": {
            "holderIdentity": "other",
            "leaseDurationSeconds": 1,
            "leaseTransitions": 2,
            "strategy": "OldestEmulationVersion",
            "preferredHolder": "me",
        },
    }));
    let running = campaign(&server);
    wait_for_writes(&server, 1).await;
    let spec = &server.writes()[0]["spec"];
    assert_eq!(spec["holderIdentity"], "me");
    assert_eq!(spec["leaseTransitions"], 3);
    assert_eq!(spec["strategy"], "OldestEmulationVersion");
    assert_eq!(spec["preferredHolder"], "me");
    running.abort();
}
