//! Watch events, and decoding one from a line of the body.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{ApiError, Error, Result};
use crate::meta::Status;
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

/// What an event's object decoded to, by the event's type.
// Unpacked at once into a `WatchEvent`; boxing the object would cost an
// allocation per event.
#[allow(clippy::large_enum_variant)]
enum Payload<K> {
    Object(K),
    Bookmark(Bookmark),
    Error(Status),
    /// An event type this client does not know; its object is skipped.
    Unknown,
}

/// The parts of an event line: `{"type": ..., "object": ...}`. The type is
/// short: kept inline, as the keys are read without allocating.
struct Parts<K> {
    kind: CompactString,
    payload: Payload<K>,
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

/// Decodes an event line in one pass: the API server writes `type` before
/// `object`, so the object is decoded straight into its type. An object
/// that comes first is kept as raw text and decoded once the type is known.
struct EventVisitor<'a, K> {
    /// The type whose object was being decoded, to name it in an error.
    decoding: &'a mut Option<CompactString>,
    kind: PhantomData<K>,
}

/// Decodes `object` as event type `kind` wants.
fn decode_payload<'de, K, D>(kind: &str, object: D) -> std::result::Result<Payload<K>, D::Error>
where
    K: DeserializeOwned,
    D: serde::Deserializer<'de>,
{
    Ok(match kind {
        "ADDED" | "MODIFIED" | "DELETED" => Payload::Object(K::deserialize(object)?),
        "BOOKMARK" => Payload::Bookmark(Bookmark::deserialize(object)?),
        "ERROR" => Payload::Error(Status::deserialize(object)?),
        _ => {
            IgnoredAny::deserialize(object)?;
            Payload::Unknown
        }
    })
}

impl<'de, K: DeserializeOwned> Visitor<'de> for EventVisitor<'_, K> {
    type Value = Parts<K>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a watch event")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Parts<K>, A::Error> {
        let mut kind: Option<CompactString> = None;
        let mut payload = None;
        let mut raw: Option<Box<RawValue>> = None;
        while let Some(key) = map.next_key::<EventKey>()? {
            match key {
                EventKey::Type if kind.is_some() => return Err(de::Error::duplicate_field("type")),
                EventKey::Type => kind = Some(map.next_value()?),
                EventKey::Object if payload.is_some() || raw.is_some() => {
                    return Err(de::Error::duplicate_field("object"))
                }
                EventKey::Object => match &kind {
                    Some(kind) => {
                        *self.decoding = Some(kind.clone());
                        payload = Some(map.next_value_seed(PayloadSeed(kind, PhantomData))?);
                        *self.decoding = None;
                    }
                    None => raw = Some(map.next_value()?),
                },
                EventKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let kind = kind.ok_or_else(|| de::Error::missing_field("type"))?;
        let payload = match (payload, raw) {
            (Some(payload), _) => payload,
            (None, Some(raw)) => {
                *self.decoding = Some(kind.clone());
                let mut object = serde_json::Deserializer::from_str(raw.get());
                let payload = decode_payload(&kind, &mut object).map_err(de::Error::custom)?;
                *self.decoding = None;
                payload
            }
            (None, None) => return Err(de::Error::missing_field("object")),
        };
        Ok(Parts { kind, payload })
    }
}

/// [`decode_payload`] as a seed, for the value of `object`.
struct PayloadSeed<'a, K>(&'a str, PhantomData<K>);

impl<'de, K: DeserializeOwned> DeserializeSeed<'de> for PayloadSeed<'_, K> {
    type Value = Payload<K>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        object: D,
    ) -> std::result::Result<Payload<K>, D::Error> {
        decode_payload(self.0, object)
    }
}

/// Decodes one event line. An `ERROR` event becomes an [`Error::Api`] carrying
/// the server's Status, so a 410 is a typed Gone (`is_gone()`).
pub fn decode_event<K: DeserializeOwned>(line: &[u8], url: &str) -> Result<WatchEvent<K>> {
    let mut decoding = None;
    let visitor = EventVisitor {
        decoding: &mut decoding,
        kind: PhantomData,
    };
    // UTF-8 checked once for the line, not string by string.
    let parts = std::str::from_utf8(line)
        .map_err(de::Error::custom)
        .and_then(|text| {
            let mut deserializer = serde_json::Deserializer::from_str(text);
            let parts = serde::Deserializer::deserialize_map(&mut deserializer, visitor)?;
            deserializer.end().map(|()| parts)
        })
        .map_err(|source| Error::Decode {
            what: format!(
                "{} in the watch of {url}",
                decoding.as_deref().unwrap_or("an event")
            ),
            source,
        })?;
    Ok(match parts.payload {
        Payload::Object(object) => match parts.kind.as_str() {
            "ADDED" => WatchEvent::Added(object),
            "MODIFIED" => WatchEvent::Modified(object),
            _ => WatchEvent::Deleted(object),
        },
        Payload::Bookmark(bookmark) => WatchEvent::Bookmark(bookmark),
        Payload::Error(status) => {
            return Err(Error::Api(Box::new(ApiError {
                code: status.code.unwrap_or(500),
                status,
                method: "WATCH".into(),
                url: url.to_owned(),
            })))
        }
        Payload::Unknown => {
            return Err(Error::UnknownWatchEvent {
                event_type: parts.kind.into_string(),
                url: url.to_owned(),
            })
        }
    })
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
}
