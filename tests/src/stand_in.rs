//! Pods "running" on the kubelet stand-in that `cargo xtask cluster up`
//! starts and registers as Node [`NODE`].

use kubegen::core::v1::{Container, Pod, PodClient, PodSpec};
use kubegen::meta::ObjectMeta;
use kubegen::{Clientset, Config, CreateOptions, GetOptions};

/// The Node the stand-in serves.
pub const NODE: &str = "kubegen-node";

/// Creates a Pod with one container `main`, bound to `node` (or to none),
/// and returns the Pods client of `config` in `namespace`.
pub async fn pod(config: Config, namespace: &str, name: &str, node: Option<&str>) -> PodClient {
    let clientset = Clientset::from_client(kubegen::Client::new(config).unwrap());
    let nodes = clientset.core().v1().nodes();
    if let Err(err) = nodes.get(NODE, &GetOptions::default()).await {
        panic!("no Node {NODE} ({err}): the kubelet stand-in is missing; start the cluster with `cargo xtask cluster up`");
    }
    let pods = clientset.core().v1().pods(namespace);
    let pod = Pod {
        metadata: ObjectMeta {
            name: Some(name.into()),
            ..ObjectMeta::default()
        },
        spec: Some(PodSpec {
            node_name: node.map(Into::into),
            containers: vec![Container {
                name: "main".into(),
                image: Some("scripted".into()),
                ..Container::default()
            }],
            ..PodSpec::default()
        }),
        ..Pod::default()
    };
    pods.create(&pod, &CreateOptions::default()).await.unwrap();
    pods
}
