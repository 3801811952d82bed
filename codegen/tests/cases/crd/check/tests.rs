//! Kinds of a CRD manifest carry their type meta and build with `new`.

use kubegen_fixtures::crd::single::apps_emqx_io::v1beta1::{ClusterBroker, EmqxBroker};

#[test]
fn defaults_carry_type_meta() {
    let b = EmqxBroker::default();
    assert_eq!(b.api_version, "apps.emqx.io/v1beta1");
    assert_eq!(b.kind, "EmqxBroker");
}

#[test]
fn constructors_fill_type_meta_and_name() {
    assert_eq!(ClusterBroker::new("c").kind, "ClusterBroker");
}
