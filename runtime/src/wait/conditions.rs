//! Conditions for [`await_condition`](super::await_condition) that hold for
//! any kind; a kind's own (a Pod running, a CRD established) are closures
//! over its generated type.

use crate::resource::Resource;

/// The object with `uid` is gone: absent, or replaced by a new object of
/// the same name (another UID).
pub fn is_deleted<K: Resource>(uid: &str) -> impl Fn(Option<&K>) -> bool + '_ {
    move |object| object.is_none_or(|o| o.uid() != Some(uid))
}

/// The object exists.
pub fn exists<K: Resource>(object: Option<&K>) -> bool {
    object.is_some()
}
