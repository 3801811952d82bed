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
use kubegen::core::v1::{Namespace, Pod};
use kubegen::options::{ApplyOptions, CreateOptions, ListOptions};
use kubegen_bench::fixtures;
use serde_json::{json, Value};

/// The namespace the Pods are created in.
const NAMESPACE: &str = "kubegen-bench";
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

    let pods = cs.core().v1().pods(NAMESPACE);
    let existing: HashSet<String> = pods
        .inner()
        .list_all(&ListOptions::default(), 1000)
        .await?
        .into_iter()
        .filter_map(|p| p.metadata.name)
        .collect();
    // `record --sample`: only the first Pod, and print its sizes.
    let sample = std::env::args().any(|a| a == "--sample");
    let count = if sample { 1 } else { fixtures::POD_COUNT };
    let missing: Vec<usize> = (0..count)
        .filter(|i| !existing.contains(&pod_name(*i)))
        .collect();
    eprintln!(
        "record: {} Pods exist in {NAMESPACE}, creating {}",
        existing.len(),
        missing.len()
    );

    let created = Instant::now();
    let mut done = 0usize;
    let mut results = futures::stream::iter(missing.into_iter().map(|i| {
        let pods = pods.inner().clone();
        async move {
            let name = pod_name(i);
            let pod: Pod = serde_json::from_value(pod_json(i))?;
            let create = CreateOptions {
                field_manager: Some("kube-controller-manager".into()),
                ..Default::default()
            };
            match pods.create(&pod, &create).await {
                Ok(_) => {}
                Err(e) if e.is_already_exists() => {}
                Err(e) => return Err(anyhow::Error::new(e).context(format!("creating {name}"))),
            }
            let mut labeler = ApplyOptions::new("bench-labeler");
            labeler.force = true;
            pods.apply(&name, &labels_apply(i), &labeler)
                .await
                .with_context(|| format!("applying labels to {name}"))?;
            let mut scheduler = ApplyOptions::new("bench-scheduler");
            scheduler.force = true;
            pods.apply_status(&name, &status_apply(i), &scheduler)
                .await
                .with_context(|| format!("applying status to {name}"))?;
            anyhow::Ok(())
        }
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
        let path = format!("/api/v1/namespaces/{NAMESPACE}/pods/{}", pod_name(0));
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
    let mut watch = watch;
    let mut stream = Vec::with_capacity(list.len() + list.len() / 8);
    let mut events = 0usize;
    while events < fixtures::POD_COUNT {
        let Some(chunk) = watch.chunk().await? else {
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

fn pod_name(i: usize) -> String {
    format!("web-7d9f8c6b5-{i:05}")
}

/// A Pod as a ReplicaSet of a typical web Deployment would create it: the
/// template comes defaulted from the Deployment, so the controller sends
/// (and owns) the defaulted fields too, as in a real cluster.
fn pod_json(i: usize) -> Value {
    let name = pod_name(i);
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": name,
            "namespace": NAMESPACE,
            "generateName": "web-7d9f8c6b5-",
            "labels": {
                "app": "web",
                "pod-template-hash": "7d9f8c6b5",
            },
            "ownerReferences": [{
                "apiVersion": "apps/v1",
                "kind": "ReplicaSet",
                "name": "web-7d9f8c6b5",
                "uid": "4f0e1c3a-8b7d-4e2f-9a61-2c5d7e9b1f30",
                "controller": true,
                "blockOwnerDeletion": true,
            }],
        },
        "spec": {
            "volumes": [
                {
                    "name": "config",
                    "emptyDir": {}
                },
                {
                    "name": "defaults",
                    "configMap": {
                        "name": "web-defaults",
                        "defaultMode": 420
                    }
                }
            ],
            "initContainers": [
                {
                    "name": "init",
                    "image": "busybox:1.33",
                    "command": [
                        "sh",
                        "-c",
                        "cp /defaults/* /config/"
                    ],
                    "resources": {},
                    "volumeMounts": [
                        {
                            "name": "config",
                            "mountPath": "/config"
                        }
                    ],
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File",
                    "imagePullPolicy": "IfNotPresent"
                }
            ],
            "containers": [
                {
                    "name": "web",
                    "image": "registry.example.com/web:2.31.0",
                    "ports": [
                        {
                            "name": "http",
                            "containerPort": 8080,
                            "protocol": "TCP"
                        }
                    ],
                    "env": [
                        {
                            "name": "POD_NAME",
                            "valueFrom": {
                                "fieldRef": {
                                    "apiVersion": "v1",
                                    "fieldPath": "metadata.name"
                                }
                            }
                        },
                        {
                            "name": "DB_URL",
                            "valueFrom": {
                                "secretKeyRef": {
                                    "name": "web-db",
                                    "key": "url"
                                }
                            }
                        },
                        {
                            "name": "LOG_LEVEL",
                            "value": "info"
                        }
                    ],
                    "resources": {
                        "limits": {
                            "memory": "512Mi"
                        },
                        "requests": {
                            "cpu": "250m",
                            "memory": "256Mi"
                        }
                    },
                    "volumeMounts": [
                        {
                            "name": "config",
                            "readOnly": true,
                            "mountPath": "/config"
                        }
                    ],
                    "livenessProbe": {
                        "httpGet": {
                            "path": "/healthz",
                            "port": "http",
                            "scheme": "HTTP"
                        },
                        "initialDelaySeconds": 10,
                        "timeoutSeconds": 1,
                        "periodSeconds": 10,
                        "successThreshold": 1,
                        "failureThreshold": 3
                    },
                    "readinessProbe": {
                        "httpGet": {
                            "path": "/ready",
                            "port": "http",
                            "scheme": "HTTP"
                        },
                        "timeoutSeconds": 1,
                        "periodSeconds": 10,
                        "successThreshold": 1,
                        "failureThreshold": 3
                    },
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File",
                    "imagePullPolicy": "IfNotPresent"
                },
                {
                    "name": "proxy",
                    "image": "registry.example.com/proxy:1.9.4",
                    "ports": [
                        {
                            "name": "admin",
                            "containerPort": 15000,
                            "protocol": "TCP"
                        }
                    ],
                    "resources": {
                        "requests": {
                            "cpu": "50m",
                            "memory": "64Mi"
                        }
                    },
                    "readinessProbe": {
                        "httpGet": {
                            "path": "/ready",
                            "port": 15021,
                            "scheme": "HTTP"
                        },
                        "timeoutSeconds": 1,
                        "periodSeconds": 10,
                        "successThreshold": 1,
                        "failureThreshold": 3
                    },
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File",
                    "imagePullPolicy": "IfNotPresent"
                }
            ],
            "restartPolicy": "Always",
            "terminationGracePeriodSeconds": 30,
            "dnsPolicy": "ClusterFirst",
            "securityContext": {},
            "affinity": {
                "podAntiAffinity": {
                    "preferredDuringSchedulingIgnoredDuringExecution": [
                        {
                            "weight": 100,
                            "podAffinityTerm": {
                                "labelSelector": {
                                    "matchLabels": {
                                        "app": "web"
                                    }
                                },
                                "topologyKey": "kubernetes.io/hostname"
                            }
                        }
                    ]
                }
            },
            "schedulerName": "default-scheduler",
            "tolerations": [
                {
                    "key": "node.kubernetes.io/not-ready",
                    "operator": "Exists",
                    "effect": "NoExecute",
                    "tolerationSeconds": 300
                },
                {
                    "key": "node.kubernetes.io/unreachable",
                    "operator": "Exists",
                    "effect": "NoExecute",
                    "tolerationSeconds": 300
                }
            ],
            "enableServiceLinks": true
        },
    })
}

/// What the second field manager owns: labels and annotations, and a share
/// of the spec.
fn labels_apply(i: usize) -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": pod_name(i),
            "labels": {
                "team": "storefront",
                "cost-center": "cc-4711",
                "release": "2021-02-18",
            },
            "annotations": {
                "deploy.example.com/revision": format!("{}", 40 + i % 7),
                "deploy.example.com/change-cause": "rollout of web 2.31.0",
            },
        },
        // Also co-owns (with the same values) what a rollout tool manages:
        // images, resources and probes of the containers, and tolerations.
        "spec": {
            "containers": [
                {
                    "name": "web",
                    "image": "registry.example.com/web:2.31.0",
                    "resources": {
                        "limits": {"memory": "512Mi"},
                        "requests": {"cpu": "250m", "memory": "256Mi"},
                    },
                    "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}],
                    "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http"}, "initialDelaySeconds": 10},
                    "readinessProbe": {"httpGet": {"path": "/ready", "port": "http"}},
                },
                {
                    "name": "proxy",
                    "image": "registry.example.com/proxy:1.9.4",
                    "ports": [{"name": "admin", "containerPort": 15000, "protocol": "TCP"}],
                    "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}},
                    "readinessProbe": {"httpGet": {"path": "/ready", "port": 15021}},
                },
            ],
            "tolerations": [
                {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
                {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
            ],
        },
    })
}

/// What the third field manager owns: the status a scheduler writes for a
/// Pod it cannot place (no scheduler runs here, so we write it).
fn status_apply(i: usize) -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": pod_name(i)},
        "status": {
            "conditions": [{
                "type": "PodScheduled",
                "status": "False",
                "reason": "Unschedulable",
                "message": "0/3 nodes are available: 3 Insufficient cpu.",
                "lastTransitionTime": "2021-02-18T10:21:40Z",
            }],
        },
    })
}
