//! `/containerLogs/{ns}/{pod}/{container}`: every container has written
//! [`WRITTEN_LINES`] lines; `follow` then adds one line every 100 ms until the
//! client leaves. `tailLines`, `timestamps`, `limitBytes` and `previous` act
//! as the kubelet's do.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, StreamBody};
use hyper::body::Frame;
use hyper::{Response, StatusCode};
use tokio::sync::mpsc;

use crate::{flag, text, value, Body, Query, Target};

/// Lines a container has written before anyone asks.
pub const WRITTEN_LINES: usize = 10;
/// Pause between the lines written while following.
const FOLLOW_INTERVAL: Duration = Duration::from_millis(100);

/// Answers a log request.
pub fn respond(target: &Target, query: &Query) -> Response<Body> {
    let tail = match value(query, "tailLines").map(str::parse::<usize>) {
        None => None,
        Some(Ok(n)) => Some(n),
        Some(Err(_)) => return text(StatusCode::BAD_REQUEST, "tailLines must be a number"),
    };
    let limit = match value(query, "limitBytes").map(str::parse::<usize>) {
        None => None,
        Some(Ok(n)) if n > 0 => Some(n),
        Some(_) => return text(StatusCode::BAD_REQUEST, "limitBytes must be positive"),
    };
    let previous = flag(query, "previous");
    let follow = flag(query, "follow") && !previous;
    let timestamps = flag(query, "timestamps");
    let prefix = if previous { "previous " } else { "" };
    let target = target.clone();
    let line = move |n: usize| {
        let line = format!(
            "{prefix}{}/{}/{} line {n}\n",
            target.namespace, target.pod, target.container
        );
        if timestamps {
            let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.9fZ");
            format!("{now} {line}")
        } else {
            line
        }
    };

    let (tx, rx) = mpsc::channel::<Bytes>(16);
    tokio::spawn(async move {
        let first = WRITTEN_LINES - tail.unwrap_or(WRITTEN_LINES).min(WRITTEN_LINES) + 1;
        let mut remaining = limit.unwrap_or(usize::MAX);
        let mut n = first;
        loop {
            if n > WRITTEN_LINES {
                if !follow {
                    break;
                }
                tokio::time::sleep(FOLLOW_INTERVAL).await;
            }
            let text = line(n);
            let take = text.len().min(remaining);
            remaining -= take;
            if tx
                .send(Bytes::copy_from_slice(&text.as_bytes()[..take]))
                .await
                .is_err()
                || remaining == 0
            {
                break;
            }
            n += 1;
        }
    });
    let frames = futures::stream::unfold(rx, |mut rx| async move {
        let chunk = rx.recv().await?;
        Some((Ok(Frame::data(chunk)), rx))
    });
    let mut response = Response::new(StreamBody::new(frames).boxed());
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("text/plain"),
    );
    response
}
