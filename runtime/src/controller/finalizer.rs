//! A finalizer helper (kube-runtime's `finalizer`): the finalizer is added
//! the first time an object is seen, so a deletion waits for cleanup; on
//! deletion the cleanup runs, then the finalizer is removed.

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use serde_json::json;

use super::runner::Action;
use crate::error::Error;
use crate::options::{Patch, PatchOptions};
use crate::resource::Resource;
use crate::resource_client::ResourceClient;

/// What the caller's handler is asked to do.
#[derive(Debug)]
pub enum FinalizerEvent<K> {
    /// The object lives (and carries the finalizer): reconcile it.
    Apply(Arc<K>),
    /// The object is being deleted: clean up what it stands for. May run
    /// more than once for one deletion (after a conflict or a crash), so it
    /// must be idempotent.
    Cleanup(Arc<K>),
}

/// Why [`finalizer`] failed.
#[derive(Debug, thiserror::Error)]
pub enum FinalizerError<E: fmt::Display + fmt::Debug> {
    /// The handler failed (the finalizer stays when cleanup failed).
    #[error("{0}")]
    Handler(E),
    /// Adding or removing the finalizer failed.
    #[error("could not {what} finalizer {name}: {source}")]
    Patch {
        /// `add` or `remove`.
        what: &'static str,
        /// The finalizer's name.
        name: String,
        /// The request's error.
        source: Error,
    },
    /// The object has no name, so it cannot be patched.
    #[error("the object has no name")]
    Unnamed,
}

/// Runs `handle` on `object` under the finalizer `name`, through `objects`
/// (the object's kind, in its namespace):
///
/// - not being deleted, no finalizer yet: adds it, and waits for the change
///   to come back through the watch;
/// - not being deleted, finalizer on: `handle(Apply(object))`;
/// - being deleted, finalizer on: `handle(Cleanup(object))`, then removes
///   the finalizer, so the deletion completes;
/// - being deleted, finalizer gone: nothing.
///
/// Finalizers are written with a merge patch carrying the object's
/// resourceVersion, so a write made meanwhile (by anyone) is never lost:
/// the patch conflicts and this waits for the newer version instead.
pub async fn finalizer<K, E, F, Fut>(
    objects: &ResourceClient<K>,
    name: &str,
    object: Arc<K>,
    handle: F,
) -> Result<Action, FinalizerError<E>>
where
    K: Resource,
    E: fmt::Display + fmt::Debug,
    F: FnOnce(FinalizerEvent<K>) -> Fut,
    Fut: Future<Output = Result<Action, E>>,
{
    let meta = object.metadata();
    let has_finalizer = meta.finalizers.iter().any(|f| f == name);
    let deleting = meta.deletion_timestamp.is_some();
    match (deleting, has_finalizer) {
        (false, true) => handle(FinalizerEvent::Apply(object))
            .await
            .map_err(FinalizerError::Handler),
        (false, false) => {
            let mut finalizers: Vec<&str> = meta.finalizers.iter().map(|f| f.as_str()).collect();
            finalizers.push(name);
            write_finalizers(objects, &object, finalizers, "add", name).await
        }
        (true, true) => {
            let action = handle(FinalizerEvent::Cleanup(object.clone()))
                .await
                .map_err(FinalizerError::Handler)?;
            let finalizers = meta
                .finalizers
                .iter()
                .map(|f| f.as_str())
                .filter(|f| *f != name);
            write_finalizers(objects, &object, finalizers.collect(), "remove", name).await?;
            // Nothing is left to requeue for once the object goes.
            Ok(match action {
                Action::RequeueAfter(_) => Action::Done,
                done => done,
            })
        }
        (true, false) => Ok(Action::Done),
    }
}

/// Sets the object's finalizers to `finalizers` if it is still at the
/// version read; on a conflict, waits for the newer version.
async fn write_finalizers<K: Resource, E: fmt::Display + fmt::Debug>(
    objects: &ResourceClient<K>,
    object: &K,
    finalizers: Vec<&str>,
    what: &'static str,
    name: &str,
) -> Result<Action, FinalizerError<E>> {
    let object_name = object.name().ok_or(FinalizerError::Unnamed)?;
    let patch = Patch::Merge(json!({
        "metadata": {
            "finalizers": finalizers,
            "resourceVersion": object.resource_version(),
        }
    }));
    match objects
        .patch(object_name, &patch, &PatchOptions::default())
        .await
    {
        Ok(_) => Ok(Action::Done),
        Err(e) if e.is_conflict() => {
            tracing::debug!(
                finalizer = name,
                what,
                "finalizer write conflicted; waiting for the newer version"
            );
            Ok(Action::Done)
        }
        // Removing from an object already gone: nothing is left to do.
        Err(e) if what == "remove" && e.is_not_found() => Ok(Action::Done),
        Err(source) => Err(FinalizerError::Patch {
            what,
            name: name.to_owned(),
            source,
        }),
    }
}
