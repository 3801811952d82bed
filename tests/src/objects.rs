//! Objects the controller examples' tests create.

use kubegen::core::v1::{Container, Pod, PodSpec, Service, ServicePort, ServiceSpec};
use kubegen::meta::ObjectMeta;
use kubegen_examples::ingress_manager::ANNOTATION;

/// A Pod of one busybox container, bound to no node.
pub fn pod(name: &str) -> Pod {
    Pod {
        metadata: ObjectMeta {
            name: Some(name.into()),
            ..ObjectMeta::default()
        },
        spec: Some(PodSpec {
            containers: vec![Container {
                name: "main".into(),
                image: Some("busybox:1.36".into()),
                ..Container::default()
            }],
            ..PodSpec::default()
        }),
        ..Pod::default()
    }
}

/// A Service on port 80, annotated for the ingress manager when `annotated`.
pub fn service(name: &str, annotated: bool) -> Service {
    Service {
        metadata: ObjectMeta {
            name: Some(name.into()),
            annotations: if annotated {
                [(ANNOTATION.into(), "true".into())].into()
            } else {
                Default::default()
            },
            ..ObjectMeta::default()
        },
        spec: Some(ServiceSpec {
            ports: Some(vec![ServicePort {
                port: 80,
                ..ServicePort::default()
            }]),
            ..ServiceSpec::default()
        }),
        ..Service::default()
    }
}
