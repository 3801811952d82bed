//! Watch events, and decoding one from a line of the body.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{ApiError, Error, Result};
use crate::meta::Status;
use crate::resource::decode_json;
use crate::CompactString;

/// One change to a watched collection.
#[derive(Clone, Debug, PartialEq)]
pub enum WatchEvent<K> {
    /// An object was created (or existed when the watch began).
    Added(K),
    /// An object changed.
    Modified(K),
    /// An object was deleted; this is its last state.
    Deleted(K),
    /// The watch has seen everything up to this resourceVersion (sent when
    /// `allowWatchBookmarks` is on). Only metadata is filled in.
    Bookmark(Bookmark),
}

/// A bookmark: the object carries only a resourceVersion (and annotations).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Bookmark {
    /// The object's metadata.
    #[serde(default)]
    pub metadata: BookmarkMeta,
}

/// The metadata of a bookmark.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BookmarkMeta {
    /// Resume the watch from here.
    #[serde(default)]
    pub resource_version: String,
    /// Annotations such as `k8s.io/initial-events-end`.
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
}

impl<K> WatchEvent<K> {
    /// The object of an Added, Modified or Deleted event.
    pub fn object(&self) -> Option<&K> {
        match self {
            WatchEvent::Added(o) | WatchEvent::Modified(o) | WatchEvent::Deleted(o) => Some(o),
            WatchEvent::Bookmark(_) => None,
        }
    }
}

/// Reads a watched kind's object from its JSON text: a kind's own
/// [`Resource::from_json`](crate::Resource::from_json), compiled once in the
/// kind's crate rather than in every app that watches it. It must reject text
/// after the value, as `serde_json::from_slice` does: that is how a line is
/// known to have the API server's layout.
pub type DecodeObject<K> = fn(&[u8]) -> serde_json::Result<K>;

/// The event types that carry an object of the watched kind.
#[derive(Clone, Copy)]
enum Change {
    Added,
    Modified,
    Deleted,
}

impl Change {
    fn of(kind: &str) -> Option<Change> {
        match kind {
            "ADDED" => Some(Change::Added),
            "MODIFIED" => Some(Change::Modified),
            "DELETED" => Some(Change::Deleted),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Change::Added => "ADDED",
            Change::Modified => "MODIFIED",
            Change::Deleted => "DELETED",
        }
    }

    fn event<K>(self, object: K) -> WatchEvent<K> {
        match self {
            Change::Added => WatchEvent::Added(object),
            Change::Modified => WatchEvent::Modified(object),
            Change::Deleted => WatchEvent::Deleted(object),
        }
    }
}

/// The layout the API server writes, `{"type":"ADDED","object":...}` with
/// nothing else: the change and the object's text (up to the line's closing
/// brace). Only a guess, checked by decoding: that text is one JSON value, so
/// the line has this layout, exactly when the object decodes from it.
fn server_layout(line: &[u8]) -> Option<(Change, &[u8])> {
    let rest = line.strip_prefix(br#"{"type":""#)?;
    let (change, rest) = [Change::Added, Change::Modified, Change::Deleted]
        .into_iter()
        .find_map(|change| {
            let rest = rest.strip_prefix(change.name().as_bytes())?;
            Some((change, rest.strip_prefix(br#"","object":"#)?))
        })?;
    Some((change, rest.strip_suffix(b"}")?))
}

/// What the object of an event line is, by the event's type.
enum Payload<'a> {
    /// The object of a change, still as text.
    Object(Change, &'a RawValue),
    Bookmark(Bookmark),
}

/// A member name of an event line.
enum EventKey {
    Type,
    Object,
    Other,
}

impl<'de> Deserialize<'de> for EventKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = EventKey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> std::result::Result<EventKey, E> {
                Ok(match key {
                    "type" => EventKey::Type,
                    "object" => EventKey::Object,
                    _ => EventKey::Other,
                })
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// Reads an event line in any layout (members in any order, other members,
/// whitespace) into its type and its object's text. The type is short: kept
/// inline, as the keys are read without allocating.
struct EventVisitor<'a> {
    /// The type whose object was being read, to name it in an error.
    decoding: &'a mut Option<CompactString>,
}

impl<'de> Visitor<'de> for EventVisitor<'_> {
    type Value = (CompactString, &'de RawValue);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a watch event")
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut kind: Option<CompactString> = None;
        let mut object: Option<&'de RawValue> = None;
        while let Some(key) = map.next_key::<EventKey>()? {
            match key {
                EventKey::Type if kind.is_some() => return Err(de::Error::duplicate_field("type")),
                EventKey::Type => kind = Some(map.next_value()?),
                EventKey::Object if object.is_some() => {
                    return Err(de::Error::duplicate_field("object"))
                }
                EventKey::Object => {
                    self.decoding.clone_from(&kind);
                    object = Some(map.next_value()?);
                    *self.decoding = None;
                }
                EventKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let kind = kind.ok_or_else(|| de::Error::missing_field("type"))?;
        let object = object.ok_or_else(|| de::Error::missing_field("object"))?;
        Ok((kind, object))
    }
}

/// Reads an event line in any layout, and decodes all but a change's object:
/// a bookmark, or an `ERROR` event's Status as an [`Error::Api`].
fn read_event<'a>(line: &'a [u8], url: &str) -> Result<Payload<'a>> {
    let mut decoding = None;
    let decode_error = |decoding: Option<CompactString>, source| Error::Decode {
        what: format!(
            "{} in the watch of {url}",
            decoding.as_deref().unwrap_or("an event")
        ),
        source,
    };
    // UTF-8 checked once for the line, not string by string.
    let (kind, object) = std::str::from_utf8(line)
        .map_err(de::Error::custom)
        .and_then(|text| {
            let mut deserializer = serde_json::Deserializer::from_str(text);
            let visitor = EventVisitor {
                decoding: &mut decoding,
            };
            let parts = serde::Deserializer::deserialize_map(&mut deserializer, visitor)?;
            deserializer.end().map(|()| parts)
        })
        .map_err(|source| decode_error(decoding.take(), source))?;
    if let Some(change) = Change::of(&kind) {
        return Ok(Payload::Object(change, object));
    }
    match kind.as_str() {
        "BOOKMARK" => serde_json::from_str(object.get())
            .map(Payload::Bookmark)
            .map_err(|source| decode_error(Some(kind), source)),
        "ERROR" => {
            let status: Status = serde_json::from_str(object.get())
                .map_err(|source| decode_error(Some(kind), source))?;
            Err(Error::Api(Box::new(ApiError {
                code: status.code.unwrap_or(500),
                status,
                method: "WATCH".into(),
                url: url.to_owned(),
            })))
        }
        _ => Err(Error::UnknownWatchEvent {
            event_type: kind.into_string(),
            url: url.to_owned(),
        }),
    }
}

/// Decodes one event line of a kind that serde reads. An `ERROR` event becomes
/// an [`Error::Api`] carrying the server's Status, so a 410 is a typed Gone
/// (`is_gone()`).
pub fn decode_event<K: DeserializeOwned>(line: &[u8], url: &str) -> Result<WatchEvent<K>> {
    decode_event_with(line, url, decode_json::<K>)
}

/// Decodes one event line, its object with `decode` (a kind's own
/// [`Resource::from_json`](crate::Resource::from_json)), as [`decode_event`].
///
/// The line the API server writes goes straight to `decode`; any other layout,
/// and any line whose object fails to decode, is read member by member, so
/// every layout gives the same event or the same error.
pub fn decode_event_with<K>(
    line: &[u8],
    url: &str,
    decode: DecodeObject<K>,
) -> Result<WatchEvent<K>> {
    if let Some((change, object)) = server_layout(line) {
        if let Ok(object) = decode(object) {
            return Ok(change.event(object));
        }
    }
    match read_event(line, url)? {
        Payload::Object(change, object) => match decode(object.get().as_bytes()) {
            Ok(object) => Ok(change.event(object)),
            Err(source) => Err(Error::Decode {
                what: format!("{} in the watch of {url}", change.name()),
                source,
            }),
        },
        Payload::Bookmark(bookmark) => Ok(WatchEvent::Bookmark(bookmark)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Thing {
        name: String,
    }

    #[test]
    fn every_event_type() {
        let ev = |s: &str| decode_event::<Thing>(s.as_bytes(), "/x");
        assert_eq!(
            ev(r#"{"type":"ADDED","object":{"name":"a"}}"#).unwrap(),
            WatchEvent::Added(Thing { name: "a".into() })
        );
        assert_eq!(
            ev(r#"{"type":"MODIFIED","object":{"name":"b"}}"#).unwrap(),
            WatchEvent::Modified(Thing { name: "b".into() })
        );
        assert_eq!(
            ev(r#"{"type":"DELETED","object":{"name":"c"}}"#).unwrap(),
            WatchEvent::Deleted(Thing { name: "c".into() })
        );
        match ev(
            r#"{"type":"BOOKMARK","object":{"kind":"Thing","metadata":{"resourceVersion":"42"}}}"#,
        )
        .unwrap()
        {
            WatchEvent::Bookmark(b) => assert_eq!(b.metadata.resource_version, "42"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_object_before_its_type_and_other_members_decode_too() {
        let ev = |s: &str| decode_event::<Thing>(s.as_bytes(), "/x");
        assert_eq!(
            ev(r#"{"object":{"name":"a"},"x":[1],"type":"MODIFIED"}"#).unwrap(),
            WatchEvent::Modified(Thing { name: "a".into() })
        );
        let err = ev(r#"{"object":{"kind":"Status","code":410},"type":"ERROR"}"#).unwrap_err();
        assert!(err.is_gone(), "{err:?}");
        let err = ev(r#"{"object":{"nom":1},"type":"DELETED"}"#).unwrap_err();
        assert!(err.to_string().contains("DELETED in the watch"), "{err}");
        let err = ev(r#"{"type":"ADDED","object":{"nom":1}}"#).unwrap_err();
        assert!(err.to_string().contains("ADDED in the watch"), "{err}");
        for line in [
            r#"{"type":"ADDED","object":{"name":"a"},"type":"ADDED"}"#,
            r#"{"type":"ADDED","object":{"name":"a"},"object":{"name":"b"}}"#,
            r#"{"object":{"name":"a"}}"#,
            r#"{"type":"ADDED","object":{"name":"a"}} x"#,
        ] {
            let err = ev(line).unwrap_err();
            assert!(matches!(err, Error::Decode { .. }), "{line}: {err:?}");
        }
    }

    #[test]
    fn error_410_is_gone_with_the_status_whole() {
        let line = br#"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 1 (2)","reason":"Expired","code":410}}"#;
        let err = decode_event::<Thing>(line, "/x").unwrap_err();
        assert!(err.is_gone(), "{err:?}");
        assert_eq!(
            err.status().unwrap().message.as_deref(),
            Some("too old resource version: 1 (2)")
        );
    }

    #[test]
    fn malformed_lines_are_decode_errors() {
        for line in [
            &b"{\"type\":\"ADDED\",\"object\":{\"name\":\"\xff\"}}"[..],
            &b"{not json"[..],
            br#"{"type":"ADDED"}"#,
            br#"{"type":"ADDED","object":{"nom":1}}"#,
            b"[]",
        ] {
            let err = decode_event::<Thing>(line, "/x").unwrap_err();
            assert!(matches!(err, Error::Decode { .. }), "{err:?}");
        }
        let err = decode_event::<Thing>(br#"{"type":"SURPRISE","object":{}}"#, "/x").unwrap_err();
        assert!(err.to_string().contains("SURPRISE"));
    }

    #[test]
    fn escaped_member_names_and_long_types_read_as_plain_ones() {
        let ev = |s: &str| decode_event::<Thing>(s.as_bytes(), "/x");
        assert_eq!(
            ev(r#"{"t\u0079pe":"ADD\u0045D","\u006fbject":{"name":"a"}}"#).unwrap(),
            WatchEvent::Added(Thing { name: "a".into() })
        );
        let long = "A_TYPE_NAME_LONGER_THAN_TWENTY_FOUR_BYTES";
        let err = ev(&format!(r#"{{"type":"{long}","object":{{}}}}"#)).unwrap_err();
        match err {
            Error::UnknownWatchEvent { event_type, .. } => assert_eq!(event_type, long),
            other => panic!("{other:?}"),
        }
    }

    thread_local! {
        /// The texts the recording decoder was handed, in order.
        static HANDED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    /// A kind's `from_json` that keeps what it was handed.
    fn recording(text: &[u8]) -> serde_json::Result<Thing> {
        HANDED.with(|h| {
            h.borrow_mut()
                .push(String::from_utf8_lossy(text).into_owned())
        });
        decode_json(text)
    }

    /// Decodes `line` with the recording decoder: the result, and the texts handed to it.
    fn decode_recorded(line: &str) -> (Result<WatchEvent<Thing>>, Vec<String>) {
        HANDED.with(|h| h.borrow_mut().clear());
        let event = decode_event_with(line.as_bytes(), "/x", recording);
        (event, HANDED.with(|h| h.take()))
    }

    #[test]
    fn the_server_layout_hands_the_object_text_to_the_kind_once() {
        let (event, handed) = decode_recorded(r#"{"type":"MODIFIED","object":{"name":"a"}}"#);
        assert_eq!(
            event.unwrap(),
            WatchEvent::Modified(Thing { name: "a".into() })
        );
        assert_eq!(handed, [r#"{"name":"a"}"#]);
        for line in [
            r#"{"type":"ADDED","object":{"name":"a"},"x":1}"#,
            r#"{"object":{"name":"a"},"type":"ADDED"}"#,
            r#"{ "type":"ADDED","object":{"name":"a"}}"#,
            r#"{"type":"ADD\u0045D","object":{"name":"a"}}"#,
        ] {
            let (event, handed) = decode_recorded(line);
            assert_eq!(
                event.unwrap(),
                WatchEvent::Added(Thing { name: "a".into() }),
                "{line}"
            );
            assert!(
                handed.iter().any(|h| h == r#"{"name":"a"}"#),
                "{line}: {handed:?}"
            );
        }
        let (event, handed) = decode_recorded(r#"{"type":"BOOKMARK","object":{"metadata":{}}}"#);
        assert!(matches!(event.unwrap(), WatchEvent::Bookmark(_)));
        assert!(handed.is_empty(), "a bookmark is not the kind: {handed:?}");
    }

    /// The results that must not depend on the layout: the event, or the
    /// error's variant and what it names.
    fn outcome(event: Result<WatchEvent<Thing>>) -> String {
        match event {
            Ok(event) => format!("{event:?}"),
            Err(Error::Decode { what, .. }) => format!("Decode({what})"),
            Err(Error::Api(api)) => format!("Api({})", api.code),
            Err(other) => format!("{other:?}"),
        }
    }

    #[test]
    fn every_layout_of_an_object_gives_what_the_server_layout_gives() {
        let objects = [
            r#"{"name":"a"}"#,
            r#"{"name":"}"}"#,
            r#"{"name":"a"} "#,
            r#"{"name":"a"},"x":{"name":"b"}"#,
            r#"{"name":"a"},"object":{"name":"b"}"#,
            r#"{"name":"a"},"type":"DELETED""#,
            r#"{"name":"a"}}"#,
            r#"{"name":"a""#,
            r#"{"nom":"a"}"#,
            r#"{"name":1}"#,
            r#"[]"#,
            r#""text""#,
            r#"null"#,
            r#""#,
            "{\"name\":\"\u{e9}\"}",
        ];
        for kind in ["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR", "OTHER"] {
            for object in objects {
                let server = format!(r#"{{"type":"{kind}","object":{object}}}"#);
                let spaced = format!(r#"{{ "type" : "{kind}" , "object" : {object} }}"#);
                let extra = format!(r#"{{"type":"{kind}","x":[1],"object":{object}}}"#);
                let want = outcome(decode_recorded(&server).0);
                for other in [spaced, extra] {
                    assert_eq!(
                        outcome(decode_recorded(&other).0),
                        want,
                        "{server} vs {other}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_failing_object_in_the_server_layout_names_its_event_type() {
        let (event, _) = decode_recorded(r#"{"type":"DELETED","object":{"nom":1}}"#);
        let err = event.unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{err:?}");
        assert!(
            err.to_string().contains("DELETED in the watch of /x"),
            "{err}"
        );
        let line = b"{\"type\":\"ADDED\",\"object\":{\"name\":\"\xff\"}}";
        let err = decode_event_with(line, "/x", recording).unwrap_err();
        assert!(
            err.to_string().contains("an event in the watch of /x"),
            "{err}"
        );
    }
}
