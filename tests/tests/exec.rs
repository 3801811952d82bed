//! exec and logs through the real API server, to the kubelet stand-in that
//! `cargo xtask cluster up` starts and registers as Node `kubegen-node`.
//! Its containers run a small scripted shell (see `kubelet-standin/`), and
//! every container has written ten lines of log. kubectl, when installed,
//! checks the stand-in speaks the kubelet's protocols.

use std::process::{Command, Stdio};

use futures::StreamExt;
use kubegen::remote::{ExecOptions, ExitStatus, TerminalSize};
use kubegen::{Clientset, LogOptions};
use kubegen_tests::stand_in::{pod, NODE};
use kubegen_tests::{admin, cluster_file, config, test_namespace};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Reads a stream to its end as text.
async fn read_all(stream: Option<impl tokio::io::AsyncRead + Unpin>) -> String {
    let mut text = String::new();
    stream.unwrap().read_to_string(&mut text).await.unwrap();
    text
}

#[tokio::test]
async fn exec_with_stdin_stdout_stderr_and_exit_codes() {
    let namespace = test_namespace(&admin(), "exec").await;
    let pods = pod(config("token"), &namespace, "shell", Some(NODE)).await;

    let options = ExecOptions::default().stdin(true);
    let script = ["sh", "-c", "cat; echo out; echo err >&2; exit 3"];
    let mut process = pods.exec("shell", &script, &options).await.unwrap();
    assert_eq!(process.protocol(), "v5.channel.k8s.io");
    let mut stdin = process.stdin.take().unwrap();
    let (stdout, stderr) = (process.stdout.take(), process.stderr.take());
    let writing = async {
        stdin.write_all(b"hello\nworld\n").await.unwrap();
        stdin.shutdown().await.unwrap();
        drop(stdin);
    };
    let ((), out, err) = tokio::join!(writing, read_all(stdout), read_all(stderr));
    assert_eq!(out, "hello\nworld\nout\n");
    assert_eq!(err, "err\n");
    assert_eq!(process.wait().await.unwrap(), ExitStatus::Code(3));

    let mut process = pods
        .exec("shell", &["env"], &ExecOptions::default())
        .await
        .unwrap();
    let out = read_all(process.stdout.take()).await;
    assert!(out.contains("HOSTNAME=shell\n"), "{out}");
    assert_eq!(process.wait().await.unwrap(), ExitStatus::Success);
}

#[tokio::test]
async fn tty_echoes_and_reports_resizes() {
    let namespace = test_namespace(&admin(), "exec-tty").await;
    let pods = pod(config("token"), &namespace, "shell", Some(NODE)).await;
    let options = ExecOptions::default().stdin(true).tty(true);
    let mut process = pods.exec("shell", &["cat"], &options).await.unwrap();
    assert!(
        process.stderr.is_none(),
        "a terminal has no separate stderr"
    );
    process
        .resize(TerminalSize {
            width: 120,
            height: 40,
        })
        .await
        .unwrap();
    let mut stdin = process.stdin.take().unwrap();
    let mut stdout = process.stdout.take().unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 256];
    while !seen.contains("[terminal 120x40]") {
        let n = stdout.read(&mut buf).await.unwrap();
        assert!(n > 0, "stdout ended early: {seen:?}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    stdin.write_all(b"typed\n").await.unwrap();
    stdin.shutdown().await.unwrap();
    drop(stdin);
    let rest = read_all(Some(stdout)).await;
    assert_eq!(rest, "typed\n");
    assert_eq!(process.wait().await.unwrap(), ExitStatus::Success);
}

#[tokio::test]
async fn every_way_in_can_exec() {
    let namespace = test_namespace(&admin(), "exec-auth").await;
    let _ = pod(config("token"), &namespace, "shell", Some(NODE)).await;
    for context in ["token", "token-file", "client-cert", "exec"] {
        let client = kubegen::Client::new(config(context)).unwrap();
        let pods = Clientset::from_client(client).core().v1().pods(&namespace);
        let mut process = pods
            .exec("shell", &["echo", context], &ExecOptions::default())
            .await
            .unwrap_or_else(|e| panic!("{context}: {e}"));
        assert_eq!(
            read_all(process.stdout.take()).await,
            format!("{context}\n")
        );
        assert_eq!(
            process.wait().await.unwrap(),
            ExitStatus::Success,
            "{context}"
        );
    }
}

#[tokio::test]
async fn refusals_and_dropped_handles_end_cleanly() {
    let namespace = test_namespace(&admin(), "exec-faults").await;
    let pods = pod(config("token"), &namespace, "shell", Some(NODE)).await;
    let nowhere = pod(config("token"), &namespace, "nowhere", None).await;

    let unknown = ExecOptions::default().container("nope");
    let err = pods.exec("shell", &["true"], &unknown).await.unwrap_err();
    assert_eq!(err.status().and_then(|s| s.code), Some(400), "{err}");
    assert!(
        err.to_string().contains("container nope is not valid"),
        "{err}"
    );

    let err = nowhere
        .exec("nowhere", &["true"], &ExecOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.status().and_then(|s| s.code), Some(400), "{err}");
    assert!(
        err.to_string().contains("does not have a host assigned"),
        "{err}"
    );

    let none: [&str; 0] = [];
    let err = pods
        .exec("shell", &none, &ExecOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(err, kubegen::Error::EmptyCommand), "{err}");

    // A handle dropped while its command sleeps: nothing hangs, and the
    // next command runs.
    let sleeping = pods
        .exec("shell", &["sleep", "1000"], &ExecOptions::default())
        .await
        .unwrap();
    drop(sleeping);
    let mut process = pods
        .exec("shell", &["echo", "after"], &ExecOptions::default())
        .await
        .unwrap();
    assert_eq!(read_all(process.stdout.take()).await, "after\n");
    assert_eq!(process.wait().await.unwrap(), ExitStatus::Success);
}

#[tokio::test]
async fn logs_tail_and_follow_through_the_real_server() {
    let namespace = test_namespace(&admin(), "exec-logs").await;
    let pods = pod(config("token"), &namespace, "shell", Some(NODE)).await;
    let line = |n: usize| format!("{namespace}/shell/main line {n}");

    let tail = pods
        .logs("shell", &LogOptions::default().tail(2))
        .await
        .unwrap();
    assert_eq!(tail, format!("{}\n{}\n", line(9), line(10)));
    let whole = pods.logs("shell", &LogOptions::default()).await.unwrap();
    assert_eq!(whole.lines().count(), 10);

    // Following goes on past the ten written lines.
    let followed: Vec<String> = pods
        .log_stream("shell", &LogOptions::default().tail(1).follow())
        .await
        .unwrap()
        .take(3)
        .map(Result::unwrap)
        .collect()
        .await;
    assert_eq!(followed, [line(10), line(11), line(12)]);
}

/// kubectl, run against the local control plane.
fn kubectl(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new("kubectl")
        .env("KUBECONFIG", cluster_file("kubeconfig"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kubectl is needed as the oracle of this test (Debian: kubernetes-client)");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (
        out.status.code().unwrap_or(-1),
        text(out.stdout),
        text(out.stderr),
    )
}

#[tokio::test]
async fn kubectl_execs_and_reads_logs_from_the_stand_in() {
    let namespace = test_namespace(&admin(), "exec-kubectl").await;
    let _ = pod(config("token"), &namespace, "shell", Some(NODE)).await;
    let ns = namespace.as_str();
    let script = "cat; echo err >&2; exit 3";
    let (code, out, err) = tokio::task::spawn_blocking({
        let ns = ns.to_string();
        move || {
            kubectl(
                &["exec", "-i", "-n", &ns, "shell", "--", "sh", "-c", script],
                "piped\n",
            )
        }
    })
    .await
    .unwrap();
    assert_eq!((code, out.as_str()), (3, "piped\n"), "stderr: {err}");
    assert!(err.starts_with("err\n"), "{err}");

    let (code, out, err) = tokio::task::spawn_blocking({
        let ns = ns.to_string();
        move || kubectl(&["logs", "-n", &ns, "shell", "--tail=1"], "")
    })
    .await
    .unwrap();
    assert_eq!(
        (code, out),
        (0, format!("{ns}/shell/main line 10\n")),
        "{err}"
    );

    let (code, out, err) = tokio::task::spawn_blocking({
        let ns = ns.to_string();
        move || {
            kubectl(
                &["logs", "-n", &ns, "shell", "--tail=1", "--timestamps"],
                "",
            )
        }
    })
    .await
    .unwrap();
    let (stamp, line) = out.split_once(' ').unwrap_or_default();
    assert_eq!(
        (code, line),
        (0, &*format!("{ns}/shell/main line 10\n")),
        "{err}"
    );
    assert!(stamp.ends_with('Z') && stamp.contains('T'), "{out}");

    let (code, out, err) = tokio::task::spawn_blocking({
        let ns = ns.to_string();
        move || kubectl(&["logs", "-n", &ns, "shell", "--limit-bytes=7"], "")
    })
    .await
    .unwrap();
    assert_eq!((code, out), (0, ns[..7].to_string()), "{err}");
}

#[tokio::test]
async fn attach_reaches_the_running_process() {
    let namespace = test_namespace(&admin(), "exec-attach").await;
    let pods = pod(config("token"), &namespace, "shell", Some(NODE)).await;
    let options = ExecOptions::default().stdin(true);
    // The stand-in's containers run `cat`: what is sent comes back.
    let mut process = pods.attach("shell", &options).await.unwrap();
    let mut stdin = process.stdin.take().unwrap();
    let stdout = process.stdout.take();
    let writing = async {
        stdin.write_all(b"to the main process\n").await.unwrap();
        drop(stdin);
    };
    let ((), out) = tokio::join!(writing, read_all(stdout));
    assert_eq!(out, "to the main process\n");
    assert_eq!(process.wait().await.unwrap(), ExitStatus::Success);
}

#[tokio::test]
async fn the_dynamic_client_execs_too() {
    let namespace = test_namespace(&admin(), "exec-dynamic").await;
    let _ = pod(config("token"), &namespace, "shell", Some(NODE)).await;
    let pods = kubegen::discovery::ApiResource::new("", "v1", "Pod", "pods", true);
    let pods = kubegen::dynamic::DynamicClient::new(admin())
        .resource(&pods)
        .namespace(&namespace);
    let script = ["sh", "-c", "printf 'a\\nb\\n'; exit 7"];
    let mut process = pods
        .exec("shell", &script, &ExecOptions::default())
        .await
        .unwrap();
    assert_eq!(read_all(process.stdout.take()).await, "a\nb\n");
    assert_eq!(process.wait().await.unwrap(), ExitStatus::Code(7));
}
