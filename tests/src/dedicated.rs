//! A second kube-apiserver on the shared etcd, owned by one test, so that the
//! test can stop and restart it without disturbing the tests that share the
//! main server. Also compacts etcd, for tests of 410 Gone.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use kubegen::{Client, Config};
use serde_json::Value;

use crate::{cluster_file, config, HOW_TO_START};

/// A kube-apiserver process started by a test; killed when dropped.
pub struct DedicatedApiServer {
    child: Option<Child>,
    binary: String,
    args: Vec<String>,
    port: u16,
    log: std::path::PathBuf,
}

fn cluster_json() -> Value {
    let text = std::fs::read_to_string(cluster_file("cluster.json"))
        .unwrap_or_else(|e| panic!("cluster.json: {e}; {HOW_TO_START}"));
    serde_json::from_str(&text).expect("cluster.json is JSON")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl DedicatedApiServer {
    /// Starts one on a free port and waits until it is ready.
    pub async fn start() -> Self {
        let cluster = cluster_json();
        let port = free_port();
        let args = cluster["apiserver_args"]
            .as_array()
            .expect("apiserver_args")
            .iter()
            .map(|a| {
                let a = a.as_str().unwrap();
                if a.starts_with("--secure-port=") {
                    format!("--secure-port={port}")
                } else {
                    a.to_owned()
                }
            })
            .collect();
        let mut server = Self {
            child: None,
            binary: cluster["apiserver_binary"]
                .as_str()
                .expect("apiserver_binary")
                .to_owned(),
            args,
            port,
            log: cluster_file(&format!("dedicated-{port}.log")),
        };
        server.launch().await;
        server
    }

    async fn launch(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .unwrap();
        let child = Command::new(&self.binary)
            .args(&self.args)
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("start kube-apiserver");
        self.child = Some(child);
        self.wait_ready().await;
    }

    async fn wait_ready(&self) {
        let started = Instant::now();
        let mut config = self.config();
        config.max_retries = 0;
        let client = Client::new(config).unwrap();
        let request = || http::Request::get("/readyz").body(Vec::new()).unwrap();
        while client.send(request()).await.is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(90),
                "dedicated kube-apiserver not ready; see {}",
                self.log.display()
            );
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }

    /// The admin configuration for this server.
    pub fn config(&self) -> Config {
        let mut config = config("token");
        config.cluster_url.set_port(Some(self.port)).unwrap();
        config
    }

    /// Kills the server (as a crash would) and waits for it to exit.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port and waits until it is ready.
    pub async fn restart(&mut self) {
        self.stop();
        self.launch().await;
    }
}

impl Drop for DedicatedApiServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Compacts etcd up to its current revision, so that every older
/// resourceVersion is gone for good.
pub fn compact_etcd() {
    let endpoint = cluster_json()["etcd_url"]
        .as_str()
        .expect("etcd_url")
        .to_owned();
    let status = Command::new("etcdctl")
        .args(["--endpoints", &endpoint, "endpoint", "status", "-w", "json"])
        .env("ETCDCTL_API", "3")
        .output()
        .expect("etcdctl (from the etcd-client package) is needed");
    let status: Value = serde_json::from_slice(&status.stdout).expect("etcdctl status JSON");
    let revision = status[0]["Status"]["header"]["revision"]
        .as_u64()
        .expect("revision");
    let out = Command::new("etcdctl")
        .args(["--endpoints", &endpoint, "compact", &revision.to_string()])
        .env("ETCDCTL_API", "3")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "etcdctl compact: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
