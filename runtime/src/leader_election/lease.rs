//! What the elector needs of a coordination.k8s.io/v1 Lease: its record.
//! The generated `coordination::v1::Lease` implements [`LeaseObject`] (as
//! client-go's lease lock uses its generated coordination client), so the
//! elector reads and writes the app's own Lease type, and the members it does
//! not know survive its updates.

use compact_str::CompactString;

use crate::meta::MicroTime;
use crate::resource::{NamespaceScope, Resource};

/// The lease record: the fields of a Lease's spec leader election reads and
/// writes (client-go's `LeaderElectionRecord`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeaseRecord {
    /// The current holder.
    pub holder_identity: Option<CompactString>,
    /// How long the holder's claim lasts after each renewal.
    pub lease_duration_seconds: Option<i32>,
    /// When the current holder acquired it.
    pub acquire_time: Option<MicroTime>,
    /// When the current holder last renewed it.
    pub renew_time: Option<MicroTime>,
    /// How many times it changed hands.
    pub lease_transitions: Option<i32>,
    /// How coordinated leader election picks the holder (such as
    /// `OldestEmulationVersion`); unset when nothing coordinates the lease.
    /// Set by the coordinator, never by a candidate. Kubernetes 1.31 and later.
    pub strategy: Option<CompactString>,
    /// The holder the coordinator would rather have, which the current one
    /// should hand the lease to. Kubernetes 1.31 and later.
    pub preferred_holder: Option<CompactString>,
}

/// A Lease type the elector can hold: the generated
/// `kubegen::coordination::v1::Lease` (the generator implements it).
pub trait LeaseObject: Resource<Scope = NamespaceScope> + Default {
    /// The record in the spec; empty when there is no spec.
    fn record(&self) -> LeaseRecord;

    /// Writes `record` into the spec (creating it if absent), keeping every
    /// other member of the spec.
    fn set_record(&mut self, record: LeaseRecord);
}
