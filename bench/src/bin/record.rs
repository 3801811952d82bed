//! Records the benchmark fixtures from the local control plane.
//!
//! Creates 10,000 realistic Pods (two containers, an init container, env,
//! probes, volumes, affinity, tolerations, an owner reference) in a namespace
//! of its own with kubegen's clientset, grows their managedFields with two
//! server-side applies by two more field managers, then records the list body
//! and a 10,000-event watch stream (from resourceVersion=0) byte for byte
//! under `target/bench-fixtures/`. Pods already there are kept, so a rerun
//! only creates what is missing. Pods stay Pending: no scheduler runs.
//!
//! `cargo run -p kubegen-bench --release --bin record` (KUBECONFIG pointing at
//! the cluster, e.g. `target/kubegen-cluster/kubeconfig`).

use std::collections::HashSet;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use futures::StreamExt;
use kubegen::core::v1::Namespace;
use kubegen::options::{CreateOptions, ListOptions};
use kubegen_bench::{fixtures, pods};
use serde_json::{json, Value};

/// The namespace the Pods are created in.
const NAMESPACE: &str = pods::NAMESPACE;
/// Requests in flight at once.
const CONCURRENCY: usize = 24;

#[tokio::main]
async fn main() -> Result<()> {
    let started = Instant::now();
    let mut config = kubegen::Config::infer()
        .await
        .context("no cluster: run `cargo xtask cluster up` and export KUBECONFIG")?;
    config.qps = None;
    let cs = kubegen::Clientset::from_client(kubegen::Client::new(config)?);

    let ns: Namespace = serde_json::from_value(json!({"metadata": {"name": NAMESPACE}}))?;
    match cs
        .core()
        .v1()
        .namespaces()
        .create(&ns, &CreateOptions::default())
        .await
    {
        Ok(_) => {}
        Err(e) if e.is_already_exists() => {}
        Err(e) => return Err(e).context("creating the namespace"),
    }

    let pod_api = cs.core().v1().pods(NAMESPACE);
    let existing: HashSet<String> = pod_api
        .inner()
        .list_all(&ListOptions::default(), 1000)
        .await?
        .into_iter()
        .filter_map(|p| p.metadata.name)
        .map(String::from)
        .collect();
    // `record --sample`: only the first Pod, and print its sizes.
    let sample = std::env::args().any(|a| a == "--sample");
    let count = if sample { 1 } else { fixtures::POD_COUNT };
    let missing: Vec<usize> = (0..count)
        .filter(|i| !existing.contains(&pods::name(*i)))
        .collect();
    eprintln!(
        "record: {} Pods exist in {NAMESPACE}, creating {}",
        existing.len(),
        missing.len()
    );

    let created = Instant::now();
    let mut done = 0usize;
    let mut results = futures::stream::iter(missing.into_iter().map(|i| {
        let pod_api = pod_api.inner().clone();
        async move { pods::create(&pod_api, i).await }
    }))
    .buffer_unordered(CONCURRENCY);
    while let Some(result) = results.next().await {
        result?;
        done += 1;
        if done % 1000 == 0 {
            eprintln!(
                "record: {done} Pods created ({:.0}/s)",
                done as f64 / created.elapsed().as_secs_f64()
            );
        }
    }
    drop(results);
    if sample {
        let path = format!("/api/v1/namespaces/{NAMESPACE}/pods/{}", pods::name(0));
        let pod: Value = cs.client().get_json(&path).await?;
        eprintln!(
            "record --sample: {} B per Pod, {} B of it managedFields",
            serde_json::to_vec(&pod)?.len(),
            serde_json::to_vec(&pod["metadata"]["managedFields"])?.len()
        );
        return Ok(());
    }

    // The list, byte for byte.
    let client = cs.client();
    let path = format!("/api/v1/namespaces/{NAMESPACE}/pods");
    let response = client
        .send(http::Request::get(&path).body(Vec::new())?)
        .await?;
    let list = response.body().to_vec();
    #[derive(serde::Deserialize)]
    struct Items {
        items: Vec<Value>,
    }
    let items: Items = serde_json::from_slice(&list)?;
    if items.items.len() != fixtures::POD_COUNT {
        bail!(
            "the list holds {} Pods, expected {} (other Pods in {NAMESPACE}?)",
            items.items.len(),
            fixtures::POD_COUNT
        );
    }
    let mut pod_bytes = 0usize;
    let mut managed_bytes = 0usize;
    for item in &items.items {
        pod_bytes += serde_json::to_vec(item)?.len();
        managed_bytes += serde_json::to_vec(&item["metadata"]["managedFields"])?.len();
    }
    drop(items);

    // The watch stream from resourceVersion=0: one ADDED event per Pod.
    let watch = client
        .send_streaming(
            http::Request::get(format!("{path}?watch=true&resourceVersion=0")).body(Vec::new())?,
        )
        .await?;
    let mut watch = watch.into_body();
    let mut stream = Vec::with_capacity(list.len() + list.len() / 8);
    let mut events = 0usize;
    while events < fixtures::POD_COUNT {
        let Some(chunk) = watch.next().await.transpose()? else {
            bail!("the watch ended after {events} events");
        };
        events += chunk.iter().filter(|&&b| b == b'\n').count();
        stream.extend_from_slice(&chunk);
    }
    drop(watch);
    // Keep exactly POD_COUNT complete lines.
    let mut kept = 0usize;
    let mut end = 0usize;
    for (i, b) in stream.iter().enumerate() {
        if *b == b'\n' {
            kept += 1;
            if kept == fixtures::POD_COUNT {
                end = i + 1;
                break;
            }
        }
    }
    stream.truncate(end);
    for line in stream.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        if !line.starts_with(br#"{"type":"ADDED""#) {
            bail!(
                "unexpected watch event: {}",
                String::from_utf8_lossy(&line[..line.len().min(80)])
            );
        }
    }

    let version: Value = client.get_json("/version").await?;
    std::fs::create_dir_all(fixtures::dir())?;
    std::fs::write(fixtures::list_path(), &list)?;
    std::fs::write(fixtures::watch_path(), &stream)?;
    let meta = json!({
        "pods": fixtures::POD_COUNT,
        "list_bytes": list.len(),
        "watch_bytes": stream.len(),
        "avg_pod_bytes": pod_bytes / fixtures::POD_COUNT,
        "avg_managed_fields_bytes": managed_bytes / fixtures::POD_COUNT,
        "server": version["gitVersion"],
        "namespace": NAMESPACE,
    });
    std::fs::write(fixtures::meta_path(), serde_json::to_vec_pretty(&meta)?)?;
    eprintln!(
        "record: wrote {} ({:.1} MB) and {} ({:.1} MB); {} B per Pod, {} B of it managedFields; {:.0} s",
        fixtures::list_path().display(),
        list.len() as f64 / 1e6,
        fixtures::watch_path().display(),
        stream.len() as f64 / 1e6,
        pod_bytes / fixtures::POD_COUNT,
        managed_bytes / fixtures::POD_COUNT,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
