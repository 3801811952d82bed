//! Events a controller records about the objects it manages, which
//! `kubectl describe` shows: events.k8s.io/v1, as client-go's `tools/events`
//! and kube-rs's `events::Recorder` write them.

mod event;
mod publish;

/// The meta type, named here too for the recorder's callers.
pub use crate::meta::ObjectReference;
pub use publish::{Event, EventType, Recorder, Reporter};
