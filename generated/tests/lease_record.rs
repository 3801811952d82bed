//! The Lease's leader-election record goes through its spec both ways,
//! coordinated leader election's `strategy` and `preferredHolder` (1.31 and
//! later) among it, and the spec's other members survive a write.

use kubegen::coordination::v1::Lease;
use kubegen_runtime::leader_election::{LeaseObject, LeaseRecord};
use serde_json::json;

#[test]
fn the_record_round_trips_through_the_spec() {
    let wire = json!({
        "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
        "metadata": {"name": "lock", "namespace": "ns"},
        "spec": {
            "holderIdentity": "a",
            "leaseDurationSeconds": 15,
            "leaseTransitions": 2,
            "strategy": "OldestEmulationVersion",
            "preferredHolder": "b",
            "addedToSpec": true
        }
    });
    let mut lease: Lease = serde_json::from_value(wire).expect("decodes");
    let read = lease.record();
    assert_eq!(read.holder_identity.as_deref(), Some("a"));
    assert_eq!(read.strategy.as_deref(), Some("OldestEmulationVersion"));
    assert_eq!(read.preferred_holder.as_deref(), Some("b"));

    let written = LeaseRecord {
        holder_identity: Some("b".into()),
        strategy: Some("Other".into()),
        preferred_holder: None,
        ..read
    };
    lease.set_record(written.clone());
    assert_eq!(lease.record(), written);
    let spec = &serde_json::to_value(&lease).expect("encodes")["spec"];
    assert_eq!(
        *spec,
        json!({
            "holderIdentity": "b",
            "leaseDurationSeconds": 15,
            "leaseTransitions": 2,
            "strategy": "Other",
            "addedToSpec": true
        })
    );
}

#[test]
fn a_lease_without_a_spec_has_an_empty_record() {
    let mut lease = Lease::default();
    assert_eq!(lease.record(), LeaseRecord::default());
    let record = LeaseRecord {
        strategy: Some("OldestEmulationVersion".into()),
        ..LeaseRecord::default()
    };
    lease.set_record(record.clone());
    assert_eq!(lease.record(), record);
}
