//! A response body read as it arrives, without naming the HTTP stack's type.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::{Stream, StreamExt};

use super::send::transport_error;
use crate::error::Result;

/// The chunks of a streamed answer ([`Client::send_streaming`](crate::Client::send_streaming));
/// a failed read is an [`Error::Transport`](crate::Error::Transport) naming the URL.
pub struct BodyStream {
    inner: Pin<Box<dyn Stream<Item = Result<Bytes>> + Send>>,
}

impl BodyStream {
    pub(crate) fn new(url: url::Url, response: reqwest::Response) -> Self {
        let chunks = response
            .bytes_stream()
            .map(move |chunk| chunk.map_err(|e| transport_error(&url, e)));
        Self {
            inner: Box::pin(chunks),
        }
    }
}

impl Stream for BodyStream {
    type Item = Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl fmt::Debug for BodyStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BodyStream")
    }
}
