//! Watch events, and decoding one from a line of the body.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{ApiError, Error, Result};
use crate::meta::Status;

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

#[derive(Deserialize)]
struct RawEvent<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    #[serde(borrow)]
    object: &'a RawValue,
}

/// Decodes one event line. An `ERROR` event becomes an [`Error::Api`] carrying
/// the server's Status, so a 410 is a typed Gone (`is_gone()`).
pub fn decode_event<K: DeserializeOwned>(line: &[u8], url: &str) -> Result<WatchEvent<K>> {
    let decode_err = |what: &str, source| Error::Decode {
        what: format!("{what} in the watch of {url}"),
        source,
    };
    let raw: RawEvent = serde_json::from_slice(line).map_err(|e| decode_err("an event", e))?;
    let object =
        || serde_json::from_str::<K>(raw.object.get()).map_err(|e| decode_err(raw.kind, e));
    Ok(match raw.kind {
        "ADDED" => WatchEvent::Added(object()?),
        "MODIFIED" => WatchEvent::Modified(object()?),
        "DELETED" => WatchEvent::Deleted(object()?),
        "BOOKMARK" => WatchEvent::Bookmark(
            serde_json::from_str(raw.object.get()).map_err(|e| decode_err("BOOKMARK", e))?,
        ),
        "ERROR" => {
            let status: Status =
                serde_json::from_str(raw.object.get()).map_err(|e| decode_err("ERROR", e))?;
            return Err(Error::Api(Box::new(ApiError {
                code: status.code.unwrap_or(500),
                status,
                method: "WATCH".into(),
                url: url.to_owned(),
            })));
        }
        other => {
            return Err(Error::UnknownWatchEvent {
                event_type: other.to_owned(),
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
}
