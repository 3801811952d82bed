//! The apimachinery meta types every Kubernetes object shares.

mod status;

pub use status::{Status, StatusCause, StatusDetails};
