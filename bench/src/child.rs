//! One measurement of one client, in a process of its own; prints one JSON line.
//!
//! - `child decode ignored|kubegen|kube [PODS]`
//! - `child list kubegen|kube PORT [PODS]`
//! - `child watch kubegen|kube PORT`
//! - `child informer kubegen|kubegen-transform|kube|kube-transform PORT [PODS]`
//!
//! PODS (the recorded 10,000 by default) is how many Pods the list holds: a
//! scaled list (`server::scaled_list`) for the scaling measurements.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use futures::StreamExt;
use kubegen_bench::{fixtures, rss};
use serde_json::{json, Value};

/// How long to let a process settle before reading its resident size.
const SETTLE: Duration = Duration::from_secs(2);

/// Runs `child ARGS...`.
pub fn run(args: &[String]) -> Result<()> {
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let pods = |count: Option<&&str>| -> Result<usize> {
        count.map_or(Ok(fixtures::POD_COUNT), |c| {
            c.parse().context("PODS is a number")
        })
    };
    let result = match words.as_slice() {
        ["decode", client, count @ ..] if count.len() <= 1 => decode(client, pods(count.first())?)?,
        ["list", client, port, count @ ..] if count.len() <= 1 => {
            runtime.block_on(list(client, &url(port), pods(count.first())?))?
        }
        ["watch", client, port] => runtime.block_on(watch(client, &url(port)))?,
        ["informer", client, port, count @ ..] if count.len() <= 1 => {
            runtime.block_on(informer(client, &url(port), pods(count.first())?))?
        }
        _ => bail!("unknown child command: {}", words.join(" ")),
    };
    println!("{result}");
    Ok(())
}

fn url(port: &str) -> String {
    format!("http://127.0.0.1:{port}")
}

type KPod = k8s_openapi::api::core::v1::Pod;
type GPod = kubegen::core::v1::Pod;

fn kubegen_pods(url: &str) -> Result<kubegen::ResourceClient<GPod>> {
    let client = kubegen::Client::new(kubegen::Config::new(url.parse()?))?;
    Ok(kubegen::ResourceClient::namespaced(
        client,
        fixtures::SERVED_NAMESPACE,
    ))
}

fn kube_pods(url: &str) -> Result<kube::Api<KPod>> {
    let client = kube::Client::try_from(kube::Config::new(url.parse()?))?;
    Ok(kube::Api::namespaced(client, fixtures::SERVED_NAMESPACE))
}

/// Typed decode of the list body from memory: the median of several runs.
fn decode(client: &str, pods: usize) -> Result<Value> {
    let bytes = if pods == fixtures::POD_COUNT {
        fixtures::load_list()?
    } else {
        kubegen_bench::server::scaled_list(&fixtures::load_list()?, pods)?
    };
    let runs = if client == "ignored" { 9 } else { 5 };
    let mut secs = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let items = match client {
            "ignored" => {
                serde_json::from_slice::<serde::de::IgnoredAny>(&bytes)?;
                secs.push(start.elapsed().as_secs_f64());
                pods
            }
            // Both typed decodes check the text's UTF-8 once, then decode it
            // as `str` (kube-rs's client reads the body as text; kubegen's
            // list decoder checks each item so).
            "kubegen" => {
                let list: kubegen::ObjectList<GPod> =
                    serde_json::from_str(std::str::from_utf8(&bytes)?)?;
                secs.push(start.elapsed().as_secs_f64());
                list.items.len()
            }
            "kube" => {
                let list: kube::core::ObjectList<KPod> =
                    serde_json::from_str(std::str::from_utf8(&bytes)?)?;
                secs.push(start.elapsed().as_secs_f64());
                list.items.len()
            }
            other => bail!("unknown client {other}"),
        };
        if items != pods {
            bail!("decoded {items} Pods, expected {pods}");
        }
    }
    secs.sort_by(f64::total_cmp);
    let median = secs[secs.len() / 2];
    Ok(json!({
        "client": client,
        "bytes": bytes.len(),
        "secs": median,
        "best_secs": secs[0],
        "mb_per_s": bytes.len() as f64 / 1e6 / median,
        "runs": runs,
        "pods": pods,
    }))
}

/// One list over HTTP: wall time and the process's peak RSS.
async fn list(client: &str, url: &str, pods: usize) -> Result<Value> {
    let base = rss::peak_bytes();
    let (secs, items) = match client {
        "kubegen" => {
            let pods = kubegen_pods(url)?;
            let start = Instant::now();
            let list = pods.list(&Default::default()).await?;
            (start.elapsed().as_secs_f64(), list.items.len())
        }
        "kube" => {
            let pods = kube_pods(url)?;
            let start = Instant::now();
            let list = pods.list(&Default::default()).await?;
            (start.elapsed().as_secs_f64(), list.items.len())
        }
        other => bail!("unknown client {other}"),
    };
    if items != pods {
        bail!("listed {items} Pods, expected {pods}");
    }
    Ok(json!({
        "client": client,
        "secs": secs,
        "peak_bytes": rss::peak_bytes(),
        "base_peak_bytes": base,
        "items": items,
    }))
}

/// One watch from resourceVersion=0 over HTTP, until every recorded event is decoded.
async fn watch(client: &str, url: &str) -> Result<Value> {
    let mut added = 0usize;
    let start = Instant::now();
    match client {
        "kubegen" => {
            let pods = kubegen_pods(url)?;
            let options = kubegen::options::ListOptions::default().resource_version("0");
            let mut stream = pods.watch(&options).await?;
            while let Some(event) = stream.next().await {
                if let kubegen::WatchEvent::Added(_) = event? {
                    added += 1;
                }
                if added == fixtures::POD_COUNT {
                    break;
                }
            }
        }
        "kube" => {
            let pods = kube_pods(url)?;
            let mut stream = pods.watch(&Default::default(), "0").await?.boxed();
            while let Some(event) = stream.next().await {
                if let kube::core::WatchEvent::Added(_) = event? {
                    added += 1;
                }
                if added == fixtures::POD_COUNT {
                    break;
                }
            }
        }
        other => bail!("unknown client {other}"),
    }
    let secs = start.elapsed().as_secs_f64();
    if added != fixtures::POD_COUNT {
        bail!("saw {added} ADDED events, expected {}", fixtures::POD_COUNT);
    }
    Ok(json!({
        "client": client,
        "secs": secs,
        "events": added,
        "events_per_s": added as f64 / secs,
        "peak_bytes": rss::peak_bytes(),
    }))
}

/// An informer (reflector + store) synced over HTTP: RSS growth per cached object.
async fn informer(client: &str, url: &str, pods: usize) -> Result<Value> {
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = rss::rss_bytes();
    let start = Instant::now();
    // Keeps the informer (and its cache) alive until the measurement is read.
    let (items, keep): (usize, Box<dyn std::any::Any>) = match client {
        "kubegen" | "kubegen-transform" => {
            let mut config = kubegen::cache::InformerConfig::<GPod>::default();
            if client == "kubegen-transform" {
                config.transform = Some(Arc::new(|mut pod: GPod| {
                    pod.metadata.managed_fields = Vec::new();
                    pod
                }));
            }
            let informer = kubegen::cache::Informer::new(kubegen_pods(url)?, config);
            let runner = informer.clone();
            tokio::spawn(async move { runner.run().await });
            tokio::time::timeout(Duration::from_secs(300), informer.wait_for_sync())
                .await
                .context("the informer did not sync")?;
            (informer.store().len(), Box::new(informer))
        }
        "kube" | "kube-transform" => {
            use kube::runtime::{reflector, watcher, WatchStreamExt};
            let (reader, writer) = reflector::store::<KPod>();
            let stream = watcher(kube_pods(url)?, watcher::Config::default());
            let stream = if client == "kube-transform" {
                stream
                    .modify(|pod| pod.metadata.managed_fields = None)
                    .boxed()
            } else {
                stream.boxed()
            };
            let stream = reflector(writer, stream);
            tokio::spawn(stream.for_each(|_| async {}));
            tokio::time::timeout(Duration::from_secs(300), reader.wait_until_ready())
                .await
                .context("the reflector did not sync")??;
            (reader.state().len(), Box::new(reader))
        }
        other => bail!("unknown client {other}"),
    };
    let sync_secs = start.elapsed().as_secs_f64();
    if items != pods {
        bail!("cached {items} Pods, expected {pods}");
    }
    tokio::time::sleep(SETTLE).await;
    let after = rss::rss_bytes();
    let peak = rss::peak_bytes();
    drop(keep);
    Ok(json!({
        "client": client,
        "items": items,
        "sync_secs": sync_secs,
        "rss_before": before,
        "rss_after": after,
        "peak_bytes": peak,
        "bytes_per_object": after.saturating_sub(before) as f64 / items as f64,
    }))
}
