//! `podctl`, run as a binary against the local control plane and its
//! kubelet stand-in: exec with stdin and an exit code, and port-forward.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn kubeconfig() -> PathBuf {
    let dir = std::env::var_os("KUBEGEN_CLUSTER_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/kubegen-cluster")
        });
    dir.join("kubeconfig")
}

/// A namespace with Pod `web` on the stand-in's node, made with kubectl.
fn namespace_with_pod(name: &str) -> String {
    let ns = format!("{name}-{}", std::process::id());
    let manifest = format!(
        r#"{{"apiVersion":"v1","kind":"Namespace","metadata":{{"name":"{ns}"}}}}
{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"web","namespace":"{ns}"}},
 "spec":{{"nodeName":"kubegen-node","containers":[{{"name":"main","image":"scripted"}}]}}}}"#
    );
    let mut kubectl = Command::new("kubectl")
        .args(["apply", "-f", "-"])
        .env("KUBECONFIG", kubeconfig())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("kubectl runs");
    kubectl
        .stdin
        .take()
        .unwrap()
        .write_all(manifest.as_bytes())
        .unwrap();
    assert!(kubectl.wait().unwrap().success(), "kubectl apply failed");
    ns
}

fn podctl(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_podctl"));
    command.args(args).env("KUBECONFIG", kubeconfig());
    command
}

#[test]
fn podctl_execs_with_stdin_and_the_exit_code() {
    let ns = namespace_with_pod("podctl-exec");
    let mut child = podctl(&[
        "-n",
        &ns,
        "exec",
        "web",
        "--",
        "sh",
        "-c",
        "cat; echo done >&2; exit 3",
    ])
    .stdin(Stdio::piped())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"through podctl\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "through podctl\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "done\n");
}

#[test]
fn podctl_forwards_a_local_port() {
    let ns = namespace_with_pod("podctl-pf");
    let mut child = podctl(&["-n", &ns, "port-forward", "web", ":8080"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let address = first
        .strip_prefix("Forwarding from ")
        .and_then(|rest| rest.trim_end().strip_suffix(" -> 8080"))
        .unwrap_or_else(|| panic!("unexpected output {first:?}"))
        .to_string();
    let mut conn = TcpStream::connect(&address).unwrap();
    conn.write_all(b"echo me").unwrap();
    let mut back = [0u8; 7];
    conn.read_exact(&mut back).unwrap();
    assert_eq!(&back, b"echo me");
    child.kill().unwrap();
    child.wait().unwrap();
}
