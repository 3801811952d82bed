//! What a delete answers: the object itself while it lingers (finalizers,
//! foreground propagation) or a Status once it is gone.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::decode;
use crate::error::Result;
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

impl<T: DeserializeOwned> DeleteResult<T> {
    /// Decodes a delete's answer: a Status, or an object of `kind`.
    pub(crate) fn decode(what: &str, body: &[u8], kind: &str) -> Result<Self> {
        let peek: KindOnly = decode(what, body)?;
        if peek.kind.as_deref() == Some("Status") && kind != "Status" {
            Ok(DeleteResult::Deleted(Box::new(decode(what, body)?)))
        } else {
            Ok(DeleteResult::Pending(decode(what, body)?))
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
