//! `Recorder`: publishes events, and counts a repeat within the series window
//! in the first event's `series` instead of creating another object.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use serde_json::json;

use super::event::EventObject;
use crate::client::Client;
use crate::error::Result;
use crate::meta::{MicroTime, ObjectMeta, ObjectReference};
use crate::options::{CreateOptions, Patch, PatchOptions};
use crate::poison::lock;
use crate::resource_client::ResourceClient;

/// The longest note the server keeps; a longer one is cut (on a character
/// boundary) rather than rejected.
const NOTE_LIMIT: usize = 1024;

/// Where Events about cluster-scoped objects are written.
const CLUSTER_EVENTS_NAMESPACE: &str = "kube-system";

/// Who reports: the controller's name (`reportingController`, such as
/// `example.com/ingress-manager`) and this running copy of it
/// (`reportingInstance`, such as the Pod's name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reporter {
    /// The controller's name.
    pub controller: String,
    /// This instance of it.
    pub instance: String,
}

impl Reporter {
    /// `controller`, with the instance named after the Pod (`POD_NAME`, as set
    /// from the downward API) or the host (`HOSTNAME`), else the controller.
    pub fn new(controller: &str) -> Self {
        let instance = ["POD_NAME", "HOSTNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
            .unwrap_or_else(|| controller.to_owned());
        Reporter {
            controller: controller.to_owned(),
            instance,
        }
    }
}

/// `Normal` or `Warning`, the two types the server accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventType {
    /// Things going as they should.
    Normal,
    /// Something the user may want to look at.
    Warning,
}

impl EventType {
    fn as_str(self) -> &'static str {
        match self {
            EventType::Normal => "Normal",
            EventType::Warning => "Warning",
        }
    }
}

/// What happened, as a controller describes it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Event {
    /// `Normal` or `Warning`.
    pub type_: EventType,
    /// Why, in one CamelCase word: `Created`, `FailedCreate` (at most 128 characters).
    pub reason: String,
    /// What was done or tried: `CreateIngress` (at most 128 characters).
    pub action: String,
    /// For people: what happened, in a sentence.
    pub note: Option<String>,
    /// Another object involved, such as the Ingress created for a Service.
    pub related: Option<ObjectReference>,
}

/// What makes two events the same, as client-go's: the note is not part of
/// it (a repeat with other words counts in the series, the first note stays).
/// The references include UIDs and resource versions, so an event about a
/// recreated or changed object is a new one.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct SeriesKey {
    regarding: ObjectReference,
    related: Option<ObjectReference>,
    type_: EventType,
    reason: String,
    action: String,
}

/// One event sent, for counting its repeats.
#[derive(Clone, Debug)]
struct Sent {
    name: String,
    namespace: String,
    count: i32,
    last: MicroTime,
}

/// Publishes events about objects, as client-go's `tools/events` recorder.
///
/// The same event about the same object again within the series window (six
/// minutes, as client-go) is not a new object: the first one's
/// `series.count` goes up, so a controller stuck in a loop writes one Event,
/// not thousands. Cheap to clone; clones share the count.
#[derive(Clone, Debug)]
pub struct Recorder {
    client: Client,
    reporter: Reporter,
    window: Duration,
    sent: Arc<Mutex<HashMap<SeriesKey, Sent>>>,
}

impl Recorder {
    /// The series window client-go uses.
    pub const SERIES_WINDOW: Duration = Duration::from_secs(6 * 60);

    /// A recorder writing through `client` as `reporter`.
    pub fn new(client: Client, reporter: Reporter) -> Self {
        Recorder {
            client,
            reporter,
            window: Self::SERIES_WINDOW,
            sent: Arc::default(),
        }
    }

    /// Counts repeats within `window` instead of [`SERIES_WINDOW`](Self::SERIES_WINDOW).
    pub fn with_series_window(mut self, window: Duration) -> Self {
        self.window = window;
        self
    }

    /// Records `event` about `regarding`: a new Event in the object's
    /// namespace, or one more in the series of the same event sent within
    /// the window. Events about cluster-scoped objects go to `kube-system`,
    /// the one namespace every server version accepts for them (servers
    /// before 1.22 refuse `default`, which client-go uses).
    pub async fn publish(&self, event: &Event, regarding: &ObjectReference) -> Result<()> {
        let now = MicroTime::now();
        let key = SeriesKey {
            regarding: regarding.clone(),
            related: event.related.clone(),
            type_: event.type_,
            reason: event.reason.clone(),
            action: event.action.clone(),
        };
        let repeat = self.next_in_series(&key, now);
        if let Some(sent) = repeat {
            let patch = Patch::Merge(json!({
                "series": {"count": sent.count, "lastObservedTime": sent.last}
            }));
            let events =
                ResourceClient::<EventObject>::namespaced(self.client.clone(), &sent.namespace);
            match events
                .patch(&sent.name, &patch, &PatchOptions::default())
                .await
            {
                Ok(_) => return Ok(()),
                // Expired on the server (events live an hour): start anew.
                Err(e) if e.is_not_found() => {}
                Err(e) => return Err(e),
            }
        }
        let object = self.event_object(event, regarding, now);
        let namespace = object
            .metadata
            .namespace
            .as_deref()
            .unwrap_or_default()
            .to_owned();
        let events = ResourceClient::<EventObject>::namespaced(self.client.clone(), &namespace);
        let created = events.create(&object, &CreateOptions::default()).await?;
        let sent = Sent {
            name: created
                .metadata
                .name
                .as_deref()
                .unwrap_or_default()
                .to_owned(),
            namespace,
            count: 1,
            last: now,
        };
        lock(&self.sent).insert(key, sent);
        Ok(())
    }

    /// The series entry of `key` counted one up, if it was sent within the
    /// window; entries past the window are forgotten on the way.
    fn next_in_series(&self, key: &SeriesKey, now: MicroTime) -> Option<Sent> {
        let window = chrono::Duration::from_std(self.window).unwrap_or(chrono::Duration::MAX);
        let mut sent = lock(&self.sent);
        sent.retain(|_, s| now.0 - s.last.0 < window);
        let entry = sent.get_mut(key)?;
        entry.count += 1;
        entry.last = now;
        Some(entry.clone())
    }

    /// The new Event object, named as client-go names it (`<object>.<hex nanoseconds>`).
    fn event_object(
        &self,
        event: &Event,
        regarding: &ObjectReference,
        now: MicroTime,
    ) -> EventObject {
        let namespace = regarding
            .namespace
            .clone()
            .unwrap_or_else(|| CLUSTER_EVENTS_NAMESPACE.into());
        let object_name = regarding.name.as_deref().unwrap_or("unnamed");
        let nanos = now
            .0
            .timestamp_nanos_opt()
            .unwrap_or_else(|| Utc::now().timestamp_micros() * 1000);
        EventObject {
            metadata: ObjectMeta {
                name: Some(format!("{object_name}.{nanos:x}").into()),
                namespace: Some(namespace),
                ..ObjectMeta::default()
            },
            event_time: Some(now),
            series: None,
            reporting_controller: Some(self.reporter.controller.clone()),
            reporting_instance: Some(self.reporter.instance.clone()),
            action: Some(event.action.clone()),
            reason: Some(event.reason.clone()),
            regarding: Some(regarding.clone()),
            related: event.related.clone(),
            note: event.note.as_deref().map(truncate_note),
            type_: Some(event.type_.as_str().to_owned()),
            ..EventObject::default()
        }
    }
}

/// `note` cut to [`NOTE_LIMIT`] bytes on a character boundary.
fn truncate_note(note: &str) -> String {
    let mut end = note.len().min(NOTE_LIMIT);
    while !note.is_char_boundary(end) {
        end -= 1;
    }
    note[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::truncate_note;

    #[test]
    fn notes_are_cut_on_a_character_boundary() {
        assert_eq!(truncate_note("short"), "short");
        let long = "é".repeat(600); // 1,200 bytes
        let cut = truncate_note(&long);
        assert_eq!(cut.len(), 1024);
        assert!(cut.chars().all(|c| c == 'é'));
        let odd = format!("a{}", "é".repeat(600));
        assert_eq!(truncate_note(&odd).len(), 1023);
    }
}
