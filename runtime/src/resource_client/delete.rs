//! What a delete answers: the object itself while it lingers (finalizers,
//! foreground propagation) or a Status once it is gone.

use serde::Deserialize;

use super::{decode, exchange};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::meta::Status;

/// The answer to a delete.
#[derive(Clone, Debug, PartialEq)]
pub enum DeleteResult<T> {
    /// The object, still there while its deletion proceeds (it has a deletionTimestamp).
    Pending(T),
    /// The server's Status: the object is gone.
    Deleted(Box<Status>),
}

#[derive(Deserialize)]
struct KindOnly {
    #[serde(default)]
    kind: Option<String>,
}

impl<T> DeleteResult<T> {
    /// Decodes a delete's answer: a Status, or an object of `kind` read by
    /// `read` (a kind's own [`crate::Resource::from_json`]).
    pub(super) fn decode_with(
        what: &str,
        body: &[u8],
        kind: &str,
        read: fn(&[u8]) -> serde_json::Result<T>,
    ) -> Result<Self> {
        if let Some(status) = status_of(what, body, kind)? {
            return Ok(DeleteResult::Deleted(status));
        }
        match read(body) {
            Ok(object) => Ok(DeleteResult::Pending(object)),
            Err(source) => Err(Error::Decode {
                what: what.to_owned(),
                source,
            }),
        }
    }
    /// The object, when the server answered with it.
    pub fn pending(self) -> Option<T> {
        match self {
            DeleteResult::Pending(object) => Some(object),
            DeleteResult::Deleted(_) => None,
        }
    }

    /// True when the server answered with a Status (the object is gone).
    pub fn is_deleted(&self) -> bool {
        matches!(self, DeleteResult::Deleted(_))
    }
}

/// Sends a delete of an object (or a list) of `kind` and reads the answer,
/// the object by `read`: the one path of typed and dynamic deletes.
pub(crate) async fn send_delete<T>(
    client: &Client,
    request: http::Request<Vec<u8>>,
    kind: &str,
    read: fn(&[u8]) -> serde_json::Result<T>,
) -> Result<DeleteResult<T>> {
    exchange(client, request, kind)
        .await?
        .decode_delete(kind, read)
}

/// The Status a delete answered with, if it is one (and not an object of
/// `kind`): not generic, so compiled once whatever the kind.
fn status_of(what: &str, body: &[u8], kind: &str) -> Result<Option<Box<Status>>> {
    let peek: KindOnly = decode(what, body)?;
    if peek.kind.as_deref() == Some("Status") && kind != "Status" {
        Ok(Some(Box::new(decode(what, body)?)))
    } else {
        Ok(None)
    }
}
