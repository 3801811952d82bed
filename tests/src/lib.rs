//! Shared helpers for the end-to-end tests: finding the local control plane
//! that `cargo xtask cluster up` started, and naming things uniquely so tests
//! can run in parallel against one server.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use kubegen::{Client, Config, Kubeconfig, KubeconfigOptions};

/// What to do when no control plane is there: e2e tests fail, never skip.
pub(crate) const HOW_TO_START: &str =
    "no local control plane: run the tests with `cargo xtask test`, \
or start one with `cargo xtask cluster up` and set KUBEGEN_CLUSTER_DIR=target/kubegen-cluster \
and the KUBECONFIG it prints";

/// The folder of the running local control plane (certificates, tokens, kubeconfig).
pub fn cluster_dir() -> PathBuf {
    let dir = std::env::var_os("KUBEGEN_CLUSTER_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            let default =
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/kubegen-cluster");
            default.join("cluster.json").exists().then_some(default)
        })
        .unwrap_or_else(|| panic!("{HOW_TO_START}"));
    assert!(
        dir.join("kubeconfig").exists(),
        "{} has no kubeconfig; {HOW_TO_START}",
        dir.display()
    );
    dir
}

/// A file of the control plane's folder, such as `admin.token`.
pub fn cluster_file(name: &str) -> PathBuf {
    cluster_dir().join(name)
}

/// The content of a file of the control plane's folder.
pub fn read_cluster_file(name: &str) -> String {
    std::fs::read_to_string(cluster_file(name))
        .unwrap_or_else(|e| panic!("cannot read {name}: {e}; {HOW_TO_START}"))
}

/// The configuration of one context of the local control plane's kubeconfig
/// (`token`, `token-file`, `client-cert`, `exec`, `insecure`, `no-rights` ...).
pub fn config(context: &str) -> Config {
    let path = cluster_file("kubeconfig");
    Kubeconfig::read(&path)
        .and_then(|kc| kc.to_config(&KubeconfigOptions::context(context)))
        .unwrap_or_else(|e| panic!("context {context}: {e}; {HOW_TO_START}"))
}

/// A client of the local control plane as its admin (token auth).
pub fn admin() -> Client {
    Client::new(config("token")).expect("admin client")
}

/// A name no other test (or earlier run) uses: `prefix-<pid>-<n>`.
pub fn unique_name(prefix: &str) -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() % 100_000)
        .unwrap_or(0);
    format!("{prefix}-{}-{nanos}-{n}", std::process::id())
}

pub mod crds;
pub mod dedicated;
pub mod fault_proxy;
pub mod objects;
pub mod stand_in;
pub mod types;

/// Creates a namespace of its own for one test and returns its name. Namespaces
/// are left behind: without a namespace controller they never finish deleting,
/// and the control plane is thrown away after the run.
pub async fn test_namespace(client: &Client, prefix: &str) -> String {
    use kubegen::{CreateOptions, ResourceClient};
    let name = unique_name(prefix);
    let namespace = types::Namespace {
        metadata: kubegen::meta::ObjectMeta {
            name: Some(name.as_str().into()),
            ..Default::default()
        },
        ..Default::default()
    };
    ResourceClient::<types::Namespace>::cluster(client.clone())
        .create(&namespace, &CreateOptions::default())
        .await
        .unwrap_or_else(|e| panic!("cannot create namespace {name}: {e}; {HOW_TO_START}"));
    name
}

/// Installs the `widgets.e2e.kubegen.dev` CRD (status and scale subresources)
/// once, and waits until the server serves it.
pub async fn install_widget_crd(client: &Client) {
    let manifest = serde_json::json!({
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": {"name": "widgets.e2e.kubegen.dev"},
        "spec": {
            "group": "e2e.kubegen.dev",
            "scope": "Namespaced",
            "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"]},
            "versions": [{
                "name": "v1", "served": true, "storage": true,
                "subresources": {"status": {}, "scale": {"specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas"}},
                "schema": {"openAPIV3Schema": {"type": "object", "properties": {
                    "spec": {"type": "object", "properties": {"replicas": {"type": "integer"}, "color": {"type": "string"}}},
                    "status": {"type": "object", "properties": {"replicas": {"type": "integer"}, "phase": {"type": "string"}}}
                }}}
            }]
        }
    });
    // JSON is YAML: the examples' installer reads the manifest as is.
    kubegen_examples::crd_install::install(
        &kubegen::Clientset::from_client(client.clone()),
        &manifest.to_string(),
    )
    .await
    .unwrap_or_else(|e| panic!("cannot install the Widget CRD: {e}"));
}

/// Polls `check` every 100 ms until it yields something, for at most 15 s.
pub async fn eventually<T>(what: &str, mut check: impl AsyncFnMut() -> Option<T>) -> T {
    for _ in 0..150 {
        if let Some(found) = check().await {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("timed out waiting for {what}");
}
