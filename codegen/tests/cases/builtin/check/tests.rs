//! Built-in kinds know their resource, carry their type meta and build with `new`.

use kubegen_fixtures::builtin::single::apps::v1::{Deployment, DeploymentSpec};
use kubegen_runtime::resource::Resource;

#[test]
fn builtin_kind_knows_its_resource() {
    assert_eq!(<Deployment as Resource>::PLURAL, "deployments");
    assert_eq!(<Deployment as Resource>::GROUP, "apps");
}

#[test]
fn defaults_carry_type_meta() {
    assert_eq!(Deployment::default().kind, "Deployment");
}

#[test]
fn constructors_fill_type_meta_name_and_spec() {
    let d = Deployment::new("web", DeploymentSpec::default());
    assert_eq!((d.kind.as_str(), d.spec.is_some()), ("Deployment", true));
}

#[test]
fn object_reference_is_the_runtime_type_under_its_core_name() {
    use kubegen_fixtures::builtin::single::core::v1::{Binding, ObjectReference};
    let target: kubegen_runtime::meta::ObjectReference = ObjectReference {
        name: Some("node-1".into()),
        ..ObjectReference::default()
    };
    let binding = Binding {
        target: target.clone(),
        ..Binding::default()
    };
    assert_eq!(binding.target, target);
}

#[test]
fn the_lease_record_is_read_and_written_through_the_spec() {
    use kubegen_fixtures::builtin::single::coordination::v1::{Lease, LeaseSpec};
    use kubegen_runtime::leader_election::{LeaseObject, LeaseRecord};
    let mut lease = Lease::default();
    assert_eq!(lease.record(), LeaseRecord::default());
    let record = LeaseRecord {
        holder_identity: Some("a".into()),
        lease_duration_seconds: Some(15),
        lease_transitions: Some(2),
        ..LeaseRecord::default()
    };
    lease.spec = Some(LeaseSpec {
        holder_identity: Some("old".into()),
        ..LeaseSpec::default()
    });
    lease.spec.as_mut().unwrap().unknown_fields.insert("strategy", "x".into());
    lease.set_record(record.clone());
    assert_eq!(lease.record(), record);
    let spec = lease.spec.as_ref().unwrap();
    assert_eq!(spec.unknown_fields.get("strategy"), Some(&"x".into()));
}
