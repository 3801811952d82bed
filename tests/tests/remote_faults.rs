//! exec and port-forward against stand-ins of the tests' own: one that
//! speaks only `v4.channel.k8s.io` as older kubelets do, and ones killed
//! mid-stream, which must end the client's calls with an error or a clean
//! close, never a hang (the timeouts only guard against one).

use std::time::Duration;

use kubegen::remote::{ExecOptions, ExitStatus};
use kubegen_tests::stand_in::{pod, OwnStandIn};
use kubegen_tests::{admin, config, test_namespace, unique_name};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::time::timeout;

const GUARD: Duration = Duration::from_secs(30);

#[tokio::test]
async fn an_older_kubelet_gets_v4_and_exec_still_works() {
    let stand_in = OwnStandIn::start(
        &unique_name("node-v4"),
        &["--exec-protocols=v4.channel.k8s.io"],
    )
    .await;
    let namespace = test_namespace(&admin(), "v4").await;
    let pods = pod(config("token"), &namespace, "old", Some(&stand_in.node)).await;
    let script = ["sh", "-c", "echo out; echo err >&2; exit 3"];
    let mut process = pods
        .exec("old", &script, &ExecOptions::default())
        .await
        .unwrap();
    assert_eq!(process.protocol(), "v4.channel.k8s.io");
    let (mut out, mut err) = (String::new(), String::new());
    let mut stdout = process.stdout.take().unwrap();
    let mut stderr = process.stderr.take().unwrap();
    let (a, b) = tokio::join!(
        stdout.read_to_string(&mut out),
        stderr.read_to_string(&mut err)
    );
    a.unwrap();
    b.unwrap();
    assert_eq!((out.as_str(), err.as_str()), ("out\n", "err\n"));
    assert_eq!(process.wait().await.unwrap(), ExitStatus::Code(3));
}

#[tokio::test]
async fn a_kubelet_dying_mid_exec_ends_it_with_an_error() {
    let mut stand_in = OwnStandIn::start(&unique_name("node-dies"), &[]).await;
    let namespace = test_namespace(&admin(), "dies-exec").await;
    let pods = pod(config("token"), &namespace, "doomed", Some(&stand_in.node)).await;
    let options = ExecOptions::default().stdin(true);
    let mut process = pods.exec("doomed", &["cat"], &options).await.unwrap();
    let mut stdin = process.stdin.take().unwrap();
    let mut stdout = process.stdout.take().unwrap();
    stdin.write_all(b"alive\n").await.unwrap();
    let mut line = [0u8; 6];
    stdout.read_exact(&mut line).await.unwrap();
    assert_eq!(&line, b"alive\n");

    stand_in.kill();
    let ended = timeout(GUARD, process.wait()).await.expect("exec hung");
    assert!(matches!(ended, Err(kubegen::Error::Remote(_))), "{ended:?}");
    let mut rest = Vec::new();
    let read = timeout(GUARD, stdout.read_to_end(&mut rest)).await;
    assert!(read.expect("stdout hung").is_ok(), "stdout ends with EOF");
}

#[tokio::test]
async fn a_kubelet_dying_mid_port_forward_ends_it_cleanly() {
    let mut stand_in = OwnStandIn::start(&unique_name("node-dies-pf"), &[]).await;
    let namespace = test_namespace(&admin(), "dies-pf").await;
    let pods = pod(config("token"), &namespace, "doomed", Some(&stand_in.node)).await;
    let mut forward = pods.port_forward("doomed", &[8080]).await.unwrap();
    let mut stream = forward.take_stream(8080).unwrap();
    stream.write_all(b"ping").await.unwrap();
    let mut pong = [0u8; 4];
    stream.read_exact(&mut pong).await.unwrap();
    assert_eq!(&pong, b"ping");

    stand_in.kill();
    let mut rest = Vec::new();
    let read = timeout(GUARD, stream.read_to_end(&mut rest))
        .await
        .expect("the port's stream hung");
    assert!(read.is_ok() && rest.is_empty(), "{read:?} {rest:?}");
    let ended = timeout(GUARD, forward.join())
        .await
        .expect("the forward hung");
    // The API server closes its side: a clean end or a lost connection.
    assert!(
        ended.is_ok() || matches!(ended, Err(kubegen::Error::Remote(_))),
        "{ended:?}"
    );
}
