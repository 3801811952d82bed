//! Port forwarding through the real API server to the kubelet stand-in,
//! whose Pods answer on every port with an echo server.

use kubegen::discovery::ApiResource;
use kubegen::dynamic::DynamicClient;
use kubegen_tests::stand_in::{pod, NODE};
use kubegen_tests::{admin, config, test_namespace};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

const MIB: usize = 1024 * 1024;

/// Bytes that differ from port to port, so crossed streams show.
fn payload(port: u16, len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i.wrapping_mul(31) ^ usize::from(port)) as u8)
        .collect()
}

/// Writes `data` while reading as many bytes back; returns them.
async fn echo(stream: impl AsyncRead + AsyncWrite, data: &[u8]) -> Vec<u8> {
    let (mut read, mut write) = tokio::io::split(stream);
    let mut back = vec![0u8; data.len()];
    let (written, read) = tokio::join!(write.write_all(data), read.read_exact(&mut back));
    written.unwrap();
    read.unwrap();
    back
}

#[tokio::test]
async fn two_ports_at_once_carry_a_mebibyte_each_way() {
    let namespace = test_namespace(&admin(), "portfwd").await;
    let pods = pod(config("token"), &namespace, "web", Some(NODE)).await;
    let mut forward = pods.port_forward("web", &[8080, 9090]).await.unwrap();
    let (first, second) = (payload(8080, MIB), payload(9090, MIB));
    let (a, b) = tokio::join!(
        echo(forward.take_stream(8080).unwrap(), &first),
        echo(forward.take_stream(9090).unwrap(), &second),
    );
    assert!(a == first, "port 8080 echoed other bytes");
    assert!(b == second, "port 9090 echoed other bytes");
}

#[tokio::test]
async fn local_ports_forward_each_connection() {
    let namespace = test_namespace(&admin(), "portfwd-local").await;
    let pods = pod(config("client-cert"), &namespace, "web", Some(NODE)).await;
    let local = pods
        .forward_local_ports("web", &[(0, 80), (0, 443)])
        .await
        .unwrap();
    assert_eq!(local.addresses().len(), 2);
    for round in 0..2 {
        for port in [80, 443] {
            let conn = TcpStream::connect(local.local_addr(port).unwrap())
                .await
                .unwrap();
            let data = payload(port + round, 64 * 1024);
            assert!(echo(conn, &data).await == data, "port {port} round {round}");
        }
    }
}

#[tokio::test]
async fn the_dynamic_client_forwards_ports_too() {
    let namespace = test_namespace(&admin(), "portfwd-dynamic").await;
    let _ = pod(config("token"), &namespace, "web", Some(NODE)).await;
    let pods = ApiResource::new("", "v1", "Pod", "pods", true);
    let pods = DynamicClient::new(admin())
        .resource(&pods)
        .namespace(&namespace);
    let mut forward = pods.port_forward("web", &[5432]).await.unwrap();
    let data = payload(5432, 4096);
    assert!(echo(forward.take_stream(5432).unwrap(), &data).await == data);
}

#[tokio::test]
async fn a_pod_on_no_node_is_a_typed_error() {
    let namespace = test_namespace(&admin(), "portfwd-faults").await;
    let pods = pod(config("token"), &namespace, "nowhere", None).await;
    let err = pods.port_forward("nowhere", &[80]).await.unwrap_err();
    assert_eq!(err.status().and_then(|s| s.code), Some(400), "{err}");
    assert!(
        err.to_string().contains("does not have a host assigned"),
        "{err}"
    );
    let err = pods.port_forward("nowhere", &[]).await.unwrap_err();
    assert!(matches!(err, kubegen::Error::InvalidPorts { .. }), "{err}");
}

/// kubectl, the oracle: it tries a WebSocket tunnel first, which the
/// stand-in refuses, and falls back to SPDY, as against a v1.20 kubelet.
#[tokio::test]
async fn kubectl_port_forward_works_against_the_stand_in() {
    use std::process::Stdio;
    use tokio::io::AsyncBufReadExt;

    let namespace = test_namespace(&admin(), "portfwd-kubectl").await;
    let pods = pod(config("token"), &namespace, "web", Some(NODE)).await;
    // kubectl forwards to running Pods only; the stand-in reports none.
    let running = kubegen::Patch::Merge(serde_json::json!({"status": {"phase": "Running"}}));
    pods.patch_status("web", &running, &kubegen::PatchOptions::default())
        .await
        .unwrap();
    let mut kubectl = tokio::process::Command::new("kubectl")
        .env("KUBECONFIG", kubegen_tests::cluster_file("kubeconfig"))
        .args(["port-forward", "-n", &namespace, "pod/web", ":8080"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("kubectl is needed as the oracle of this test (Debian: kubernetes-client)");
    let mut lines = tokio::io::BufReader::new(kubectl.stdout.take().unwrap()).lines();
    let first = tokio::time::timeout(std::time::Duration::from_secs(30), lines.next_line())
        .await
        .expect("kubectl printed nothing in 30s")
        .unwrap()
        .unwrap_or_default();
    // "Forwarding from 127.0.0.1:PORT -> 8080"
    let address = first
        .strip_prefix("Forwarding from ")
        .and_then(|rest| rest.split_once(" -> 8080"))
        .map(|(address, _)| address.to_string())
        .unwrap_or_else(|| panic!("unexpected kubectl output {first:?}"));
    for round in 0..2 {
        let conn = TcpStream::connect(&address).await.unwrap();
        let data = payload(8080 + round, MIB);
        assert!(echo(conn, &data).await == data, "round {round}");
    }
    kubectl.kill().await.unwrap();
}
