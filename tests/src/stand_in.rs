//! Pods "running" on the kubelet stand-in that `cargo xtask cluster up`
//! starts and registers as Node [`NODE`].

use kubegen::core::v1::{Container, Pod, PodClient, PodSpec};
use kubegen::meta::ObjectMeta;
use kubegen::{Clientset, Config, CreateOptions, GetOptions};

/// The Node the stand-in serves.
pub const NODE: &str = "kubegen-node";

/// Creates a Pod with one container `main`, bound to `node` (or to none),
/// and returns the Pods client of `config` in `namespace`.
pub async fn pod(config: Config, namespace: &str, name: &str, node: Option<&str>) -> PodClient {
    let clientset = Clientset::from_client(kubegen::Client::new(config).unwrap());
    let nodes = clientset.core().v1().nodes();
    if let Err(err) = nodes.get(NODE, &GetOptions::default()).await {
        panic!("no Node {NODE} ({err}): the kubelet stand-in is missing; start the cluster with `cargo xtask cluster up`");
    }
    let pods = clientset.core().v1().pods(namespace);
    let pod = Pod {
        metadata: ObjectMeta {
            name: Some(name.into()),
            ..ObjectMeta::default()
        },
        spec: Some(PodSpec {
            node_name: node.map(Into::into),
            containers: vec![Container {
                name: "main".into(),
                image: Some("scripted".into()),
                ..Container::default()
            }],
            ..PodSpec::default()
        }),
        ..Pod::default()
    };
    pods.create(&pod, &CreateOptions::default()).await.unwrap();
    pods
}

/// A kubelet stand-in of one test's own, registered as a Node of its own:
/// the test may kill it, or start it as an older kubelet.
pub struct OwnStandIn {
    /// The Node it serves.
    pub node: String,
    process: std::process::Child,
}

impl OwnStandIn {
    /// Starts the stand-in that `cargo xtask cluster up` built, with the
    /// cluster's kubelet certificate and `extra` flags, and registers Node
    /// `node` for it.
    pub async fn start(node: &str, extra: &[&str]) -> Self {
        let dir = crate::cluster_dir();
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
        let binary = target.join("debug/kubelet-standin");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let file = |name: &str| dir.join(name).display().to_string();
        let process = std::process::Command::new(&binary)
            .arg(format!("--port={port}"))
            .arg(format!("--tls-cert-file={}", file("kubelet.crt")))
            .arg(format!("--tls-private-key-file={}", file("kubelet.key")))
            .arg(format!("--client-ca-file={}", file("ca.crt")))
            .args(extra)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", binary.display()));
        let mut up = false;
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                up = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(up, "the stand-in did not listen on 127.0.0.1:{port}");
        let node_object: kubegen::core::v1::Node = serde_json::from_value(serde_json::json!({
            "metadata": {"name": node},
            "status": {
                "addresses": [{"type": "InternalIP", "address": "127.0.0.1"}],
                "daemonEndpoints": {"kubeletEndpoint": {"Port": port}},
            },
        }))
        .unwrap();
        Clientset::from_client(crate::admin())
            .core()
            .v1()
            .nodes()
            .create(&node_object, &CreateOptions::default())
            .await
            .unwrap();
        Self {
            node: node.to_owned(),
            process,
        }
    }

    /// Kills the stand-in at once, as a crashing kubelet.
    pub fn kill(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

impl Drop for OwnStandIn {
    fn drop(&mut self) {
        self.kill();
    }
}
