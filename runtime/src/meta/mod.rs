//! The apimachinery meta types every Kubernetes object shares.
//!
//! These mirror `k8s.io/apimachinery/pkg/apis/meta/v1` (plus `Quantity`,
//! `IntOrString`, label selectors and `core/v1` `ObjectReference`, which the
//! recorder writes) closely enough that objects round-trip through them
//! without loss, which is what makes read-modify-write safe.

#[macro_use]
mod lossless;

mod condition;
mod duration;
mod exact_vec;
mod fields_interner;
mod int_or_string;
mod labels;
mod list_meta;
mod managed_fields;
mod map;
mod object_meta;
mod object_reference;
mod owner_reference;
mod preconditions;
mod quantity;
mod status;
mod time;
mod type_meta;
mod unknown;

pub use condition::Condition;
pub use duration::{Duration, DurationError};
pub use exact_vec::{option_vec_exact, vec_exact};
pub use int_or_string::{IntOrString, ScaleError};
pub use labels::{
    LabelSelector, LabelSelectorRequirement, Labels, Operator, Requirement, Selector,
    SelectorError, SelectorProblem,
};
pub use list_meta::ListMeta;
pub use managed_fields::{FieldsV1, ManagedFieldsEntry};
pub use map::Map;
pub use object_meta::ObjectMeta;
pub use object_reference::ObjectReference;
pub use owner_reference::OwnerReference;
pub use preconditions::Preconditions;
pub use quantity::{Quantity, QuantityError, QuantityFormat};
pub use status::{Status, StatusCause, StatusDetails};
pub use time::{MicroTime, Time};
pub use type_meta::TypeMeta;
pub use unknown::{decode_struct, DecodeStruct, FieldReader, FieldWriter, UnknownFields};
