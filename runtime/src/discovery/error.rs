//! The errors of discovery and mapping, kept apart from [`crate::Error`] so
//! that callers can tell "incomplete" and "ambiguous" from transport failures.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::error::Error;

/// Some group-versions could not be discovered (client-go's
/// `ErrGroupDiscoveryFailed`); the others are still usable.
#[derive(Clone, Debug, thiserror::Error)]
#[error(
    "unable to retrieve the complete list of server APIs: {}",
    list(failures)
)]
pub struct GroupDiscoveryFailed {
    /// Each failed group-version and why.
    pub failures: BTreeMap<String, Arc<Error>>,
}

fn list(failures: &BTreeMap<String, Arc<Error>>) -> String {
    failures
        .iter()
        .map(|(gv, e)| format!("{gv}: {e}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What a user typed (or a kind) does not map to exactly one resource.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MapError {
    /// No served resource matches.
    #[error(
        "the server doesn't have a resource type {input:?}{}",
        unavailable_note(unavailable)
    )]
    NotFound {
        /// What was looked up.
        input: String,
        /// Group-versions whose discovery failed, which might have held it.
        unavailable: Vec<String>,
    },
    /// Several resources of different groups match and no rule picks one.
    #[error("{input:?} is ambiguous: it matches {}; name the group, as in {}", candidates.join(", "), candidates.first().map(String::as_str).unwrap_or(""))]
    Ambiguous {
        /// What was looked up.
        input: String,
        /// The matches, as `plural.version.group`.
        candidates: Vec<String>,
    },
}

fn unavailable_note(unavailable: &[String]) -> String {
    if unavailable.is_empty() {
        String::new()
    } else {
        format!(
            " (discovery failed for {}, which may serve it)",
            unavailable.join(", ")
        )
    }
}
