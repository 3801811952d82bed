//! Why a wait for informer caches gave up: the kinds not synced yet and the
//! list or watch error each last met. An informer retries a failed list
//! forever (a 403 from missing RBAC among them, as client-go does), so
//! without this a caller would only see a wait that never ends.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::error::Error;

/// Informer caches that had not synced when the wait ran out.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CacheSyncError {
    /// How long the wait lasted.
    pub waited: Duration,
    /// Each informer not synced yet.
    pub unsynced: Vec<Unsynced>,
}

/// An informer that has not synced yet.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Unsynced {
    /// Its kind.
    pub kind: &'static str,
    /// The error of its last failed list or watch, if one failed since it
    /// last heard from the server; `None` while a first list is under way.
    pub last_error: Option<Arc<Error>>,
}

impl fmt::Display for CacheSyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "caches not synced after {:?}:", self.waited)?;
        for (i, informer) in self.unsynced.iter().enumerate() {
            let separator = if i == 0 { " " } else { "; " };
            match &informer.last_error {
                Some(error) => write!(f, "{separator}{} ({error})", informer.kind)?,
                None => write!(f, "{separator}{} (still listing)", informer.kind)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for CacheSyncError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.unsynced
            .iter()
            .find_map(|u| u.last_error.as_deref())
            .map(|e| e as _)
    }
}
