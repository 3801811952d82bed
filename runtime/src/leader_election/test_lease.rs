//! A Lease for the runtime's own tests (the real one is generated): its spec
//! is plain JSON, so members the record does not name are kept as the
//! generated type keeps them.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::{LeaseObject, LeaseRecord};
use crate::meta::ObjectMeta;
use crate::resource::{NamespaceScope, Resource};

/// coordination.k8s.io/v1 Lease.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TestLease {
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec: Option<Map<String, Value>>,
}

impl Resource for TestLease {
    const GROUP: &'static str = "coordination.k8s.io";
    const VERSION: &'static str = "v1";
    const KIND: &'static str = "Lease";
    const PLURAL: &'static str = "leases";
    type Scope = NamespaceScope;
    fn metadata(&self) -> &ObjectMeta {
        &self.metadata
    }
    fn metadata_mut(&mut self) -> &mut ObjectMeta {
        &mut self.metadata
    }
}

impl LeaseObject for TestLease {
    fn record(&self) -> LeaseRecord {
        let member = |key: &str| self.spec.as_ref().and_then(|s| s.get(key)).cloned();
        let int = |key| member(key).and_then(|v| serde_json::from_value(v).ok());
        let time = |key| member(key).and_then(|v| serde_json::from_value(v).ok());
        let text = |key| member(key).and_then(|v| v.as_str().map(CompactString::from));
        LeaseRecord {
            holder_identity: text("holderIdentity"),
            lease_duration_seconds: int("leaseDurationSeconds"),
            acquire_time: time("acquireTime"),
            renew_time: time("renewTime"),
            lease_transitions: int("leaseTransitions"),
            strategy: text("strategy"),
            preferred_holder: text("preferredHolder"),
        }
    }

    fn set_record(&mut self, record: LeaseRecord) {
        let spec = self.spec.get_or_insert_with(Map::new);
        for (key, value) in [
            ("holderIdentity", json!(record.holder_identity)),
            ("leaseDurationSeconds", json!(record.lease_duration_seconds)),
            ("acquireTime", json!(record.acquire_time)),
            ("renewTime", json!(record.renew_time)),
            ("leaseTransitions", json!(record.lease_transitions)),
            ("strategy", json!(record.strategy)),
            ("preferredHolder", json!(record.preferred_holder)),
        ] {
            if value.is_null() {
                spec.remove(key);
            } else {
                spec.insert(key.to_owned(), value);
            }
        }
    }
}
