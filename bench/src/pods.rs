//! The recorded Pods' shape: what `record` creates, and what the lossless
//! round-trip test creates too, so both see Pods as the server writes them.
//!
//! Each Pod is created by `kube-controller-manager` (an Update with the
//! defaulted template, as a ReplicaSet would), then `bench-labeler`
//! server-side applies labels, annotations and a share of the containers,
//! and `bench-scheduler` applies a PodScheduled=False condition to status:
//! three field managers, about 4.3 KB of managedFields per Pod.

use anyhow::Context;
use kubegen::core::v1::Pod;
use kubegen::options::{ApplyOptions, CreateOptions};
use kubegen::ResourceClient;
use serde_json::{json, Value};

/// The namespace `record` creates the Pods in.
pub const NAMESPACE: &str = "kubegen-bench";

/// Creates the `i`th Pod in the client's namespace (an existing one is
/// kept) and grows its managedFields with the two applies.
pub async fn create(pods: &ResourceClient<Pod>, i: usize) -> anyhow::Result<()> {
    let name = name(i);
    let namespace = pods.namespace().unwrap_or(NAMESPACE);
    let pod: Pod = serde_json::from_value(pod_json(i, namespace))?;
    let create = CreateOptions::default().field_manager("kube-controller-manager");
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
    Ok(())
}

/// The name of the `i`th Pod.
pub fn name(i: usize) -> String {
    format!("web-7d9f8c6b5-{i:05}")
}

/// A Pod as a ReplicaSet of a typical web Deployment would create it: the
/// template comes defaulted from the Deployment, so the controller sends
/// (and owns) the defaulted fields too, as in a real cluster.
pub fn pod_json(i: usize, namespace: &str) -> Value {
    let name = name(i);
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": name,
            "namespace": namespace,
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
pub fn labels_apply(i: usize) -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": name(i),
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
pub fn status_apply(i: usize) -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name(i)},
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
