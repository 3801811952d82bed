//! Locking a mutex whatever a panicking holder left behind: every critical
//! section in the runtime leaves its state consistent, so one panic must not
//! wedge a work queue, a recorder or the fake cluster.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Locks `mutex`, ignoring poisoning.
pub(crate) fn lock<S>(mutex: &Mutex<S>) -> MutexGuard<'_, S> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
