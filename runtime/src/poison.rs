//! Locking a mutex or a read-write lock whatever a panicking holder left
//! behind: every critical section in the runtime leaves its state consistent,
//! so one panic must not wedge a work queue, a cache, a recorder or the fake cluster.

use std::sync::{Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Locks `mutex`, ignoring poisoning.
pub(crate) fn lock<S>(mutex: &Mutex<S>) -> MutexGuard<'_, S> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Locks `lock` for reading, ignoring poisoning.
pub(crate) fn read<S>(lock: &RwLock<S>) -> RwLockReadGuard<'_, S> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

/// Locks `lock` for writing, ignoring poisoning.
pub(crate) fn write<S>(lock: &RwLock<S>) -> RwLockWriteGuard<'_, S> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}
