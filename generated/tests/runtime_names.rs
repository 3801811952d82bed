//! The runtime's modules stay reachable through `kubegen` beside groups of
//! the same short name (`discovery.k8s.io`, `resource.k8s.io`, apimachinery's
//! `meta` package): those get the `_k8s_io` suffix instead of hiding them.

#[test]
fn runtime_modules_are_not_hidden_by_groups() {
    let meta = kubegen::meta::ObjectMeta {
        name: Some("web".into()),
        ..Default::default()
    };
    let slice = kubegen::discovery_k8s_io::v1::EndpointSlice {
        metadata: meta.clone(),
        ..Default::default()
    };
    assert_eq!(slice.metadata.name.as_deref(), Some("web"));
    let _: fn(kubegen::Client) -> kubegen::discovery::Discovery =
        kubegen::discovery::Discovery::new;
    let _ = kubegen::resource::ObjectList::<kubegen::core::v1::Pod>::default;
}
