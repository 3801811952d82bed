//! Leader election on a coordination.k8s.io/v1 Lease, with client-go's
//! lease duration, renew deadline and retry period.

mod elector;
mod lease;
#[cfg(test)]
mod test_lease;
#[cfg(test)]
mod tests;

pub use elector::{LeaderElectionConfig, LeaderElector, Leadership, Outcome};
pub use lease::{LeaseObject, LeaseRecord};
#[cfg(test)]
pub(crate) use test_lease::TestLease;
