//! Least privilege, proven on the real server, for each example's manifests
//! (examples/deploy/*/10-rbac.yaml): `kubectl auth can-i --list` shows they
//! grant exactly the rights listed here; the program works as that
//! ServiceAccount (a TokenRequest token in a Pod's service-account layout);
//! and with any one rule removed it reports the 403 instead of stalling.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

use kubegen::config::InClusterPaths;
use kubegen::core::v1::PodStatus;
use kubegen::{
    Client, Clientset, Config, CreateOptions, DeleteOptions, GetOptions, Patch, PatchOptions,
    UpdateOptions,
};
use kubegen_tests::objects::{pod, service};
use kubegen_tests::{admin, cluster_file, config, eventually, test_namespace};
use serde_json::{json, Value};

/// The log filter the Deployments set (RUST_LOG), so failed reconciles show.
const DEPLOYED_RUST_LOG: &str = "info,kubegen_runtime::controller=debug";

/// How long a program may take to report a missing right.
const REPORT_TIMEOUT: Duration = Duration::from_secs(30);

/// One example as deployed: its account, the role holding its rules, and
/// the rights those rules grant, rule by rule, as `kubectl auth can-i --list`
/// names them.
struct Deployed {
    folder: &'static str,
    namespace: &'static str,
    account: &'static str,
    role: &'static str,
    rules: &'static [(&'static str, &'static [&'static str])],
}

const INGRESS_MANAGER: Deployed = Deployed {
    folder: "ingress-manager",
    namespace: "ingress-manager",
    account: "ingress-manager",
    role: "clusterrole/kubegen-ingress-manager",
    rules: &[
        ("services", &["list", "watch"]),
        (
            "ingresses.networking.k8s.io",
            &["create", "delete", "list", "watch"],
        ),
        ("events.events.k8s.io", &["create", "patch"]),
    ],
};

const PODINFO: Deployed = Deployed {
    folder: "podinfo",
    namespace: "podinfo",
    account: "podinfo",
    role: "clusterrole/kubegen-podinfo",
    rules: &[
        ("pods", &["list", "patch", "watch"]),
        (
            "testcrs.stable.example.com",
            &["create", "delete", "get", "list", "update", "watch"],
        ),
    ],
};

const EMQX: Deployed = Deployed {
    folder: "emqx-operator",
    namespace: "emqx-operator",
    account: "emqx-operator",
    role: "role/emqx-operator",
    rules: &[
        (
            "emqxbrokers.apps.emqx.io",
            &["create", "delete", "get", "list", "patch", "update"],
        ),
        ("emqxbrokers.apps.emqx.io/status", &["update"]),
        ("emqxbrokers.apps.emqx.io/scale", &["get"]),
    ],
};

impl Deployed {
    fn file(&self, name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../examples/deploy")
            .join(self.folder)
            .join(name)
    }

    /// The user name the account authenticates as.
    fn user(&self) -> String {
        format!("system:serviceaccount:{}:{}", self.namespace, self.account)
    }

    /// Applies the Namespace and the RBAC manifests as the admin.
    fn apply(&self) {
        let namespace = self.file("00-namespace.yaml");
        let rbac = self.file("10-rbac.yaml");
        kubectl(&["apply", "-f", path(&namespace), "-f", path(&rbac)], None);
    }

    /// The role's rules as the server holds them.
    fn server_rules(&self) -> Vec<Value> {
        let role = self.role_json();
        role["rules"].as_array().cloned().unwrap_or_default()
    }

    fn role_json(&self) -> Value {
        let text = kubectl(
            &["get", self.role, "-n", self.namespace, "-o", "json"],
            None,
        );
        serde_json::from_str(&text).expect("kubectl prints JSON")
    }

    /// Replaces the role's rules, then waits until the server's authorizer
    /// grants exactly what they say (the rules of `self.rules` at `kept`).
    async fn set_rules(&self, rules: &[Value], kept: &[usize]) {
        let mut role = self.role_json();
        role["rules"] = Value::Array(rules.to_vec());
        kubectl(&["replace", "-f", "-"], Some(&role.to_string()));
        self.await_grants(kept).await;
    }

    /// The rights of the rules at `indices`, as (resource, verb) pairs.
    fn rights(&self, indices: &[usize]) -> BTreeSet<(String, String)> {
        indices
            .iter()
            .flat_map(|&i| {
                let (resource, verbs) = self.rules[i];
                verbs
                    .iter()
                    .map(move |v| (resource.to_owned(), (*v).to_owned()))
            })
            .collect()
    }

    /// What the account may do beyond what any account of its namespace may.
    fn granted(&self) -> BTreeSet<(String, String)> {
        let anyone = format!("system:serviceaccount:{}:kubegen-nobody", self.namespace);
        let baseline = can_i_list(self.namespace, &anyone);
        can_i_list(self.namespace, &self.user())
            .difference(&baseline)
            .cloned()
            .collect()
    }

    /// Waits (bounded) until `kubectl auth can-i --list` shows exactly the
    /// rights of the rules at `indices`.
    async fn await_grants(&self, indices: &[usize]) {
        let wanted = self.rights(indices);
        let mut granted = BTreeSet::new();
        for _ in 0..50 {
            granted = self.granted();
            if granted == wanted {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("{} is granted {granted:?}, not {wanted:?}", self.user());
    }

    /// A configuration as the Pod would have it: a fresh TokenRequest token,
    /// the CA and the namespace in a service-account folder under `dir`,
    /// and the local server as KUBERNETES_SERVICE_HOST and _PORT.
    async fn in_cluster_config(&self, dir: &Path) -> Config {
        let request = json!({
            "apiVersion": "authentication.k8s.io/v1",
            "kind": "TokenRequest",
            "spec": {"expirationSeconds": 3600},
        });
        let answer: Value = Clientset::from_client(admin())
            .core()
            .v1()
            .service_accounts(self.namespace)
            .inner()
            .create_subresource("token", self.account, &request, &CreateOptions::default())
            .await
            .expect("a TokenRequest as the admin");
        let token = answer["status"]["token"].as_str().expect("a token");
        std::fs::write(dir.join("token"), token).unwrap();
        std::fs::copy(cluster_file("ca.crt"), dir.join("ca.crt")).unwrap();
        std::fs::write(dir.join("namespace"), self.namespace).unwrap();
        let server = config("token").cluster_url;
        let paths = InClusterPaths {
            dir: dir.to_owned(),
            host: server.host_str().map(str::to_owned),
            port: server.port().map(|p| p.to_string()),
        };
        let config = paths.load().expect("the in-cluster layout loads");
        assert_eq!(config.default_namespace, self.namespace);
        config
    }

    /// Every rule but the one at `missing`, as the server holds them.
    fn without(&self, all: &[Value], missing: usize) -> (Vec<Value>, Vec<usize>) {
        let mut rules = all.to_vec();
        rules.remove(missing);
        let kept = (0..all.len()).filter(|&i| i != missing).collect();
        (rules, kept)
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// Runs kubectl as the local control plane's admin; its stdout.
fn kubectl(args: &[&str], stdin: Option<&str>) -> String {
    let mut child = Command::new("kubectl")
        .args(args)
        .env("KUBECONFIG", cluster_file("kubeconfig"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kubectl runs");
    if let Some(text) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "kubectl {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// `kubectl auth can-i --list` for `user` in `namespace`, as (resource, verb)
/// pairs; non-resource URLs are left out.
fn can_i_list(namespace: &str, user: &str) -> BTreeSet<(String, String)> {
    let table = kubectl(
        &[
            "auth",
            "can-i",
            "--list",
            "-n",
            namespace,
            &format!("--as={user}"),
        ],
        None,
    );
    let mut rights = BTreeSet::new();
    for line in table.lines().skip(1) {
        // A non-resource line starts with blanks under the Resources column.
        if line.starts_with(char::is_whitespace) {
            continue;
        }
        let resource = line.split_whitespace().next().unwrap_or_default();
        let verbs = line
            .rfind('[')
            .and_then(|open| line[open + 1..].split(']').next())
            .unwrap_or_default();
        for verb in verbs.split_whitespace() {
            rights.insert((resource.to_owned(), verb.to_owned()));
        }
    }
    rights
}

/// Everything the programs in this test binary log, as text.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut text = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        text.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    /// The process-wide log, with the Deployments' filter.
    fn get() -> &'static Logs {
        static LOGS: OnceLock<Logs> = OnceLock::new();
        LOGS.get_or_init(|| {
            let logs = Logs::default();
            let writer = logs.clone();
            tracing_subscriber::fmt()
                .with_env_filter(DEPLOYED_RUST_LOG)
                .with_ansi(false)
                .with_writer(move || writer.clone())
                .init();
            logs
        })
    }

    /// Where the log ends now.
    fn mark(&self) -> usize {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// Waits (at most [`REPORT_TIMEOUT`]) for a line logged after `mark`
    /// that holds every one of `needles`; returns it.
    async fn await_line(&self, mark: usize, needles: &[&str]) -> String {
        let deadline = tokio::time::Instant::now() + REPORT_TIMEOUT;
        loop {
            let found = {
                let text = self.0.lock().unwrap_or_else(PoisonError::into_inner);
                String::from_utf8_lossy(&text[mark..])
                    .lines()
                    .find(|line| needles.iter().all(|n| line.contains(n)))
                    .map(str::to_owned)
            };
            if let Some(line) = found {
                return line;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no log line with {needles:?} within {REPORT_TIMEOUT:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// Checks the Deployment runs the program with the flags and log filter this test uses.
fn assert_deployment(deployed: &Deployed, args: &str) {
    let text = std::fs::read_to_string(deployed.file("20-deployment.yaml")).unwrap();
    assert!(text.contains(&format!("serviceAccountName: {}", deployed.account)));
    assert!(text.contains(&format!("namespace: {}", deployed.namespace)));
    assert!(text.contains(&format!("args: {args}")), "{text}");
    assert!(
        text.contains(&format!("value: {DEPLOYED_RUST_LOG}")),
        "{text}"
    );
}

#[tokio::test]
async fn the_ingress_manager_works_with_its_rules_and_reports_each_one_missing() {
    let deployed = INGRESS_MANAGER;
    Logs::get();
    assert_deployment(&deployed, "[--all-namespaces, --workers=2]");
    deployed.apply();
    let all = [0, 1, 2];
    let rules = deployed.server_rules();
    assert_eq!(rules.len(), deployed.rules.len(), "{rules:?}");
    deployed.set_rules(&rules, &all).await;

    let admin = admin();
    let ns = test_namespace(&admin, "least-ingress").await;
    let cs = Clientset::from_client(admin.clone());
    let services = cs.core().v1().services(&ns);
    let ingresses = cs.networking().v1().ingresses(&ns);
    let dir = tempfile::tempdir().unwrap();
    let as_account = Client::new(deployed.in_cluster_config(dir.path()).await).unwrap();
    let start = |client: Client| {
        tokio::spawn(async move { kubegen_examples::ingress_manager::run(client, None, 2).await })
    };

    // With all its rules: the Ingress comes and goes, and each step is an Event.
    let controller = start(as_account.clone());
    services
        .create(&service("web", true), &CreateOptions::default())
        .await
        .unwrap();
    eventually("the Ingress of web", async || {
        ingresses
            .inner()
            .get_opt("web", &GetOptions::default())
            .await
            .unwrap()
    })
    .await;
    let events_path = format!("/apis/events.k8s.io/v1/namespaces/{ns}/events");
    eventually("the Created Event", async || {
        let events: Value = admin.get_json(&events_path).await.unwrap();
        events["items"]
            .as_array()?
            .iter()
            .find(|e| e["reason"] == "Created" && e["regarding"]["name"] == "web")
            .cloned()
    })
    .await;
    let unannotate = Patch::Merge(json!({"metadata": {"annotations": {
        kubegen_examples::ingress_manager::ANNOTATION: null
    }}}));
    services
        .patch("web", &unannotate, &PatchOptions::default())
        .await
        .unwrap();
    eventually("the Ingress of web gone", async || {
        let left = ingresses
            .inner()
            .get_opt("web", &GetOptions::default())
            .await
            .unwrap();
        left.is_none().then_some(())
    })
    .await;
    controller.abort();

    // Without one rule each time: a 403 naming the account and the right.
    let who = format!("User \"{}\"", deployed.user());
    let missing = [
        "cannot list resource \"services\"",
        "cannot list resource \"ingresses\"",
        "cannot create resource \"events\"",
    ];
    for (rule, cannot) in missing.iter().enumerate() {
        let (fewer, kept) = deployed.without(&rules, rule);
        deployed.set_rules(&fewer, &kept).await;
        let mark = Logs::get().mark();
        let controller = start(as_account.clone());
        // Events are only written when there is work.
        let name = format!("web-{rule}");
        services
            .create(&service(&name, true), &CreateOptions::default())
            .await
            .unwrap();
        let line = Logs::get()
            .await_line(mark, &["403 Forbidden", cannot, &who])
            .await;
        assert!(line.contains("WARN"), "{line}");
        controller.abort();
    }
    deployed.set_rules(&rules, &all).await;
}

#[tokio::test]
async fn podinfo_works_with_its_rules_and_reports_each_one_missing() {
    let deployed = PODINFO;
    Logs::get();
    assert_deployment(&deployed, "[--all-namespaces, --skip-crd-install]");
    let admin = admin();
    // The admin installs the CRD, as the deployment instructions say.
    kubegen_examples::crd_install::install(
        &Clientset::from_client(admin.clone()),
        kubegen_examples::podinfo::CRD,
    )
    .await
    .unwrap();
    deployed.apply();
    let all = [0, 1];
    let rules = deployed.server_rules();
    assert_eq!(rules.len(), deployed.rules.len(), "{rules:?}");
    deployed.set_rules(&rules, &all).await;

    let ns = test_namespace(&admin, "least-podinfo").await;
    let pods = Clientset::from_client(admin.clone()).core().v1().pods(&ns);
    let records = kubegen_examples::crds::Clientset::from_client(admin.clone());
    let records = records.stable_example_com().v1().testcrs(&ns);
    let dir = tempfile::tempdir().unwrap();
    let as_account = Client::new(deployed.in_cluster_config(dir.path()).await).unwrap();
    let start = |client: Client| {
        tokio::spawn(async move { kubegen_examples::podinfo::mirror_pods(client, None).await })
    };

    // With all its rules: the record is made, follows the IP, and goes with the Pod.
    let service = start(as_account.clone());
    pods.create(&pod("a"), &CreateOptions::default())
        .await
        .unwrap();
    eventually("the record of a", async || {
        records
            .inner()
            .get_opt("a", &GetOptions::default())
            .await
            .unwrap()
    })
    .await;
    let mut with_ip = pods.get("a", &GetOptions::default()).await.unwrap();
    with_ip.status = Some(PodStatus {
        pod_ip: Some("10.0.0.7".into()),
        ..PodStatus::default()
    });
    pods.update_status(&with_ip, &UpdateOptions::default())
        .await
        .unwrap();
    eventually("the record of a with its IP", async || {
        let record = records
            .inner()
            .get_opt("a", &GetOptions::default())
            .await
            .unwrap()?;
        (record.spec?.pod_ip.as_deref() == Some("10.0.0.7")).then_some(())
    })
    .await;
    pods.delete("a", &DeleteOptions::default()).await.unwrap();
    eventually("the record of a gone", async || {
        let left = records
            .inner()
            .get_opt("a", &GetOptions::default())
            .await
            .unwrap();
        left.is_none().then_some(())
    })
    .await;
    service.abort();

    let who = format!("User \"{}\"", deployed.user());
    let missing = [
        "cannot list resource \"pods\"",
        "cannot list resource \"testcrs\"",
    ];
    for (rule, cannot) in missing.iter().enumerate() {
        let (fewer, kept) = deployed.without(&rules, rule);
        deployed.set_rules(&fewer, &kept).await;
        let mark = Logs::get().mark();
        let service = start(as_account.clone());
        pods.create(&pod(&format!("p-{rule}")), &CreateOptions::default())
            .await
            .unwrap();
        Logs::get()
            .await_line(mark, &["403 Forbidden", cannot, &who])
            .await;
        service.abort();
    }
    deployed.set_rules(&rules, &all).await;
}

#[tokio::test]
async fn the_emqx_example_works_with_its_rules_and_reports_each_one_missing() {
    let deployed = EMQX;
    let job = std::fs::read_to_string(deployed.file("20-job.yaml")).unwrap();
    assert!(job.contains("args: [--skip-crd-install]"), "{job}");
    let admin = admin();
    kubegen_examples::crd_install::install(
        &Clientset::from_client(admin.clone()),
        kubegen_examples::emqx::CRD,
    )
    .await
    .unwrap();
    deployed.apply();
    let all = [0, 1, 2];
    let rules = deployed.server_rules();
    assert_eq!(rules.len(), deployed.rules.len(), "{rules:?}");
    deployed.set_rules(&rules, &all).await;
    let dir = tempfile::tempdir().unwrap();
    let config = deployed.in_cluster_config(dir.path()).await;
    let namespace = deployed.namespace;
    let life_cycle = |config: Config| async move {
        let client = Client::new(config).unwrap();
        kubegen_examples::emqx::life_cycle(client, namespace, |_| {}).await
    };

    // Twice: the second run also clears what the first left (the patch).
    for _ in 0..2 {
        let outcome = life_cycle(config.clone()).await.expect("the life cycle");
        assert_eq!(outcome.scale_replicas, Some(3), "{outcome:?}");
    }

    let who = format!("User \"{}\"", deployed.user());
    let missing = [
        "cannot get resource \"emqxbrokers\"",
        "cannot update resource \"emqxbrokers/status\"",
        "cannot get resource \"emqxbrokers/scale\"",
    ];
    for (rule, cannot) in missing.iter().enumerate() {
        let (fewer, kept) = deployed.without(&rules, rule);
        deployed.set_rules(&fewer, &kept).await;
        let err = life_cycle(config.clone()).await.expect_err("a 403");
        let text = format!("{err:#}");
        for needle in ["403 Forbidden", cannot, &who] {
            assert!(text.contains(needle), "no {needle:?} in: {text}");
        }
    }
    deployed.set_rules(&rules, &all).await;
}
