//! A Pod's log: read whole, or followed line by line as it is written.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::{Stream, StreamExt};

use super::{PodKind, ResourceClient};
use crate::error::Result;
use crate::options::LogOptions;
use crate::watch::LineDecoder;

impl<K: PodKind> ResourceClient<K> {
    /// `GET {collection}/{name}/log`: the log as text (bytes that are not
    /// UTF-8 are replaced). Only Pods have a log.
    pub async fn logs(&self, name: &str, options: &LogOptions) -> Result<String> {
        let response = self.client.send(self.request.log(name, options)?).await?;
        Ok(String::from_utf8_lossy(response.body()).into_owned())
    }

    /// `GET {collection}/{name}/log`, line by line as the server sends them
    /// (without their newline; blank lines kept). With `follow` the stream
    /// lasts as long as the container runs, or until it is dropped.
    pub async fn log_stream(&self, name: &str, options: &LogOptions) -> Result<LogLines> {
        let response = self
            .client
            .send_streaming(self.request.log(name, options)?)
            .await?;
        Ok(LogLines {
            inner: Box::pin(lines(response.into_body())),
        })
    }
}

/// The lines of a log, as [`ResourceClient::log_stream`] reads them.
pub struct LogLines {
    inner: Pin<Box<dyn Stream<Item = Result<String>> + Send>>,
}

impl Stream for LogLines {
    type Item = Result<String>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl std::fmt::Debug for LogLines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LogLines")
    }
}

/// The lines of a body arriving in chunks; a last line without a newline
/// is still a line.
fn lines(
    body: impl Stream<Item = Result<Bytes>> + Send + 'static,
) -> impl Stream<Item = Result<String>> + Send + 'static {
    let state = (Box::pin(body), LineDecoder::keeping_blank_lines(), false);
    futures::stream::unfold(state, |(mut body, mut decoder, mut done)| async move {
        loop {
            if let Some(line) = decoder.next_line() {
                let text = String::from_utf8_lossy(line).into_owned();
                return Some((Ok(text), (body, decoder, done)));
            }
            if done {
                let text = String::from_utf8_lossy(decoder.finish()?).into_owned();
                return Some((Ok(text), (body, decoder, done)));
            }
            match body.next().await {
                Some(Ok(chunk)) => {
                    if let Err(e) = decoder.push(&chunk) {
                        return Some((Err(e.into()), (body, LineDecoder::new(), true)));
                    }
                }
                Some(Err(e)) => return Some((Err(e), (body, LineDecoder::new(), true))),
                None => done = true,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;
    use futures::StreamExt;

    use super::lines;
    use crate::error::Error;

    async fn split(chunks: &[&str]) -> Vec<String> {
        let body = futures::stream::iter(
            chunks
                .iter()
                .map(|c| Ok(Bytes::from(c.to_string())))
                .collect::<Vec<_>>(),
        );
        lines(body).map(Result::unwrap).collect().await
    }

    #[tokio::test]
    async fn lines_across_chunks_blank_ones_kept() {
        assert_eq!(
            split(&["star", "ting\n\nready: 8", "080\nlast"]).await,
            ["starting", "", "ready: 8080", "last"]
        );
        assert!(split(&[]).await.is_empty());
        assert_eq!(split(&["é\n"]).await, ["é"]);
    }

    #[tokio::test]
    async fn an_error_ends_the_lines() {
        let body = futures::stream::iter(vec![
            Ok(Bytes::from_static(b"one\ntw")),
            Err(Error::Transport {
                url: "https://127.0.0.1:6443/api/v1/namespaces/ns/pods/p/log".into(),
                source: Box::new(std::io::Error::from(std::io::ErrorKind::ConnectionReset)),
            }),
        ]);
        let got: Vec<Result<String, Error>> = lines(body).collect().await;
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_ref().unwrap(), "one");
        assert!(got[1].is_err());
    }
}
