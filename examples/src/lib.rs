//! The logic of the runnable examples, as library code so that the
//! end-to-end tests run exactly what the examples run.

pub mod cli;
pub mod crd_install;
pub mod crds;
pub mod emqx;
pub mod ingress_manager;
pub mod istio;
pub mod podinfo;
pub mod pvc_capacity;
