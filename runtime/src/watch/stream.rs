//! A watch as a `futures::Stream` of typed events.

use std::pin::Pin;
use std::task::{Context, Poll};

use super::{decode_event_with, DecodeObject, LineDecoder, WatchEvent};
use crate::client::BodyStream;
use crate::error::Result;
use bytes::Bytes;
use futures::{Stream, StreamExt};

/// The events of one watch request, in order. It ends when the server closes
/// the connection (watches time out; callers resume from the last
/// resourceVersion). After an error it yields nothing more.
///
/// A client's `watch` verb returns one; here the changes to the objects
/// labelled `app=web` after the version a list returned:
///
/// ```no_run
/// # async fn example<Pod: kubegen_runtime::Resource>(pods: kubegen_runtime::ResourceClient<Pod>) -> kubegen_runtime::Result<()> {
/// use futures::TryStreamExt;
/// use kubegen_runtime::{ListOptions, Resource, WatchEvent};
///
/// let list = pods.list(&ListOptions::default().labels("app=web")).await?;
/// let version = list.metadata.resource_version.unwrap_or_default();
/// let options = ListOptions::default().labels("app=web").resource_version(version);
/// let mut events = pods.watch(&options).await?;
/// while let Some(event) = events.try_next().await? {
///     match event {
///         WatchEvent::Added(pod) | WatchEvent::Modified(pod) => println!("{:?} is there", pod.name()),
///         WatchEvent::Deleted(pod) => println!("{:?} is gone", pod.name()),
///         WatchEvent::Bookmark(_) => {}
///     }
/// }
/// // The server ended the watch: watch again from the last version seen.
/// # Ok(()) }
/// ```
pub struct WatchStream<K> {
    inner: Pin<Box<dyn Stream<Item = Result<WatchEvent<K>>> + Send>>,
}

impl<K> std::fmt::Debug for WatchStream<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WatchStream")
    }
}

struct State<K> {
    body: Pin<Box<dyn Stream<Item = Result<Bytes>> + Send>>,
    decoder: LineDecoder,
    decode: DecodeObject<K>,
    url: String,
    done: bool,
}

impl<K: Send + 'static> WatchStream<K> {
    /// Decodes a streaming HTTP answer of [`Client::send_streaming`](crate::Client::send_streaming),
    /// each object with `decode` (a kind's own [`Resource::from_json`](crate::Resource::from_json)).
    pub fn from_response(response: http::Response<BodyStream>, decode: DecodeObject<K>) -> Self {
        let url = response
            .extensions()
            .get::<url::Url>()
            .map(ToString::to_string)
            .unwrap_or_default();
        Self::from_chunks(response.into_body(), url, decode)
    }

    /// Decodes any stream of body chunks (used by tests and fixtures).
    pub fn from_chunks<B>(body: B, url: String, decode: DecodeObject<K>) -> Self
    where
        B: Stream<Item = Result<Bytes>> + Send + 'static,
    {
        let state = State {
            body: Box::pin(body),
            decoder: LineDecoder::new(),
            decode,
            url,
            done: false,
        };
        let inner = futures::stream::unfold(state, |mut s| async move {
            loop {
                if s.done {
                    return None;
                }
                if let Some(line) = s.decoder.next_line() {
                    let event = decode_event_with(line, &s.url, s.decode);
                    s.done = event.is_err();
                    return Some((event, s));
                }
                match s.body.next().await {
                    Some(Ok(chunk)) => {
                        if let Err(e) = s.decoder.push(&chunk) {
                            s.done = true;
                            return Some((Err(e.into()), s));
                        }
                    }
                    Some(Err(e)) => {
                        s.done = true;
                        return Some((Err(e), s));
                    }
                    None => {
                        s.done = true;
                        let rest = s.decoder.finish()?;
                        let event = decode_event_with(rest, &s.url, s.decode);
                        return Some((event, s));
                    }
                }
            }
        });
        Self {
            inner: Box::pin(inner),
        }
    }
}

impl<K> Stream for WatchStream<K> {
    type Item = Result<WatchEvent<K>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}
