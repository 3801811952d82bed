//! A loopback HTTP/1.1 server that replays the recorded fixtures.
//!
//! - `GET /api/v1/namespaces/bench/pods` answers the recorded list body, byte
//!   for byte. With `limit=N` (informers list in pages of 500, as client-go
//!   does) it answers pages of N of the recorded items, with `continue`
//!   tokens and `remainingItemCount`, as the API server does.
//! - `GET ...?watch=...` with no `resourceVersion` or `resourceVersion=0`
//!   streams the recorded events, one chunk per event (as the API server
//!   flushes them), then ends the stream.
//! - A watch from any other resourceVersion (an informer's watch after its
//!   list) stays open and silent until the client hangs up, as a quiet
//!   collection does.
//!
//! Plain HTTP, no auth: both clients are pointed at `http://127.0.0.1:PORT`.

use std::sync::Arc;

use anyhow::Result;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server replays.
pub struct Fixtures {
    /// The list body.
    pub list: Vec<u8>,
    /// Where each item lies in `list`.
    pub items: Vec<std::ops::Range<usize>>,
    /// The list's resourceVersion.
    pub resource_version: String,
    /// The watch stream, already framed as HTTP chunks (one per event) with
    /// the final empty chunk.
    pub watch_chunked: Vec<u8>,
}

impl Fixtures {
    /// Frames `events` (JSON documents, no newline) as the API server sends
    /// them, and indexes the items of `list` for paged answers.
    pub fn new(list: Vec<u8>, events: &[Vec<u8>]) -> Result<Self> {
        let mut watch_chunked = Vec::with_capacity(events.iter().map(|e| e.len() + 16).sum());
        for event in events {
            watch_chunked.extend_from_slice(format!("{:x}\r\n", event.len() + 1).as_bytes());
            watch_chunked.extend_from_slice(event);
            watch_chunked.extend_from_slice(b"\n\r\n");
        }
        watch_chunked.extend_from_slice(b"0\r\n\r\n");
        let (items, resource_version) = item_ranges(&list)?;
        Ok(Self {
            list,
            items,
            resource_version,
            watch_chunked,
        })
    }

    /// A page of `limit` items from index `start`, as the API server answers
    /// a list with `limit` (and `continue`).
    fn page(&self, start: usize, limit: usize) -> Vec<u8> {
        let start = start.min(self.items.len());
        let end = start.saturating_add(limit).min(self.items.len());
        let mut body = Vec::with_capacity(
            self.items[start..end]
                .iter()
                .map(|r| r.len() + 1)
                .sum::<usize>()
                + 256,
        );
        body.extend_from_slice(
            br#"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"#,
        );
        body.extend_from_slice(format!("\"{}\"", self.resource_version).as_bytes());
        if end < self.items.len() {
            body.extend_from_slice(
                format!(
                    r#","continue":"{end}","remainingItemCount":{}"#,
                    self.items.len() - end
                )
                .as_bytes(),
            );
        }
        body.extend_from_slice(br#"},"items":["#);
        for (i, range) in self.items[start..end].iter().enumerate() {
            if i > 0 {
                body.push(b',');
            }
            body.extend_from_slice(&self.list[range.clone()]);
        }
        body.extend_from_slice(b"]}");
        body
    }

    /// Serves a list of `count` Pods made from the recorded one (see
    /// [`scaled_list`]), and no recorded watch.
    pub fn scaled(count: usize) -> Result<Self> {
        Self::new(scaled_list(&crate::fixtures::load_list()?, count)?, &[])
    }

    /// Loads the recorded fixtures from `target/bench-fixtures/`.
    pub fn load() -> Result<Self> {
        let list = crate::fixtures::load_list()?;
        let events = crate::fixtures::load_watch_events()?;
        Self::new(list, &events)
    }
}

/// A list body of `count` Pods made from the recorded `list`: its items in
/// order, then renamed copies of them (`c1-NAME`, `c2-NAME`, ...), so every
/// Pod has a name of its own; for the scaling measurements.
pub fn scaled_list(list: &[u8], count: usize) -> Result<Vec<u8>> {
    const NAME: &[u8] = br#"{"metadata":{"name":""#;
    let (items, resource_version) = item_ranges(list)?;
    if items.is_empty() {
        anyhow::bail!("the recorded list has no items");
    }
    let mut body = Vec::with_capacity(list.len() / items.len() * count + 256);
    body.extend_from_slice(
        br#"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"#,
    );
    body.extend_from_slice(format!("\"{resource_version}\"}},\"items\":[").as_bytes());
    for i in 0..count {
        let item = &list[items[i % items.len()].clone()];
        let Some(rest) = item.strip_prefix(NAME) else {
            anyhow::bail!("a recorded item does not start with its metadata.name");
        };
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(NAME);
        let copy = i / items.len();
        if copy > 0 {
            body.extend_from_slice(format!("c{copy}-").as_bytes());
        }
        body.extend_from_slice(rest);
    }
    body.extend_from_slice(b"]}");
    Ok(body)
}

/// The byte range of every item of a list body, and its resourceVersion.
fn item_ranges(list: &[u8]) -> Result<(Vec<std::ops::Range<usize>>, String)> {
    #[derive(serde::Deserialize)]
    struct Meta {
        #[serde(rename = "resourceVersion", default)]
        resource_version: String,
    }
    #[derive(serde::Deserialize)]
    struct Raw<'a> {
        #[serde(borrow)]
        items: Vec<&'a serde_json::value::RawValue>,
        metadata: Meta,
    }
    let raw: Raw<'_> = serde_json::from_slice(list)?;
    let base = list.as_ptr() as usize;
    let items = raw
        .items
        .iter()
        .map(|item| {
            let start = item.get().as_ptr() as usize - base;
            start..start + item.get().len()
        })
        .collect();
    Ok((items, raw.metadata.resource_version))
}

/// Binds 127.0.0.1 on a free port, serves `fixtures` in the background on
/// the current tokio runtime, and returns the port.
pub async fn spawn(fixtures: Arc<Fixtures>) -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let port = listener.local_addr()?.port();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                continue;
            };
            let _ = socket.set_nodelay(true);
            let fixtures = fixtures.clone();
            tokio::spawn(async move {
                let _ = connection(socket, &fixtures).await;
            });
        }
    });
    Ok(port)
}

/// What a request asks for.
enum Route {
    List { limit: Option<usize>, start: usize },
    RecordedWatch,
    QuietWatch,
    NotFound,
}

fn route(target: &str) -> Route {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let collection = format!(
        "/api/v1/namespaces/{}/pods",
        crate::fixtures::SERVED_NAMESPACE
    );
    if path != collection {
        return Route::NotFound;
    }
    let mut watch = false;
    let mut resource_version = None;
    let mut limit = None;
    let mut start = 0;
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "watch" => watch = !matches!(value, "false" | "0"),
            "resourceVersion" => resource_version = Some(value.to_string()),
            "limit" => limit = value.parse().ok().filter(|&l: &usize| l > 0),
            "continue" => start = value.parse().unwrap_or(0),
            _ => {}
        }
    }
    match (watch, resource_version.as_deref()) {
        (false, _) => Route::List { limit, start },
        (true, None | Some("" | "0")) => Route::RecordedWatch,
        (true, Some(_)) => Route::QuietWatch,
    }
}

/// Serves requests on one connection (keep-alive) until it closes.
async fn connection(mut socket: TcpStream, fixtures: &Fixtures) -> Result<()> {
    let mut buf = Vec::with_capacity(4096);
    loop {
        // Read one request head.
        let head_end = loop {
            if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break pos + 4;
            }
            let mut chunk = [0u8; 4096];
            let n = socket.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        let body_len: usize = head
            .lines()
            .find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case("content-length")
                    .then(|| v.trim().parse().ok())?
            })
            .unwrap_or(0);
        while buf.len() < head_end + body_len {
            let mut chunk = [0u8; 4096];
            let n = socket.read(&mut chunk).await?;
            if n == 0 {
                return Ok(());
            }
            buf.extend_from_slice(&chunk[..n]);
        }
        buf.drain(..head_end + body_len);
        let target = head.split_whitespace().nth(1).unwrap_or("/").to_string();

        match route(&target) {
            Route::List { limit, start } => {
                let page;
                let body: &[u8] = match limit {
                    None => &fixtures.list,
                    Some(limit) => {
                        page = fixtures.page(start, limit);
                        &page
                    }
                };
                let header = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                );
                socket.write_all(header.as_bytes()).await?;
                socket.write_all(body).await?;
            }
            Route::RecordedWatch => {
                socket
                    .write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                    )
                    .await?;
                socket.write_all(&fixtures.watch_chunked).await?;
            }
            Route::QuietWatch => {
                socket
                    .write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                    )
                    .await?;
                // Silent until the client hangs up.
                let mut sink = [0u8; 1024];
                while socket.read(&mut sink).await? != 0 {}
                return Ok(());
            }
            Route::NotFound => {
                let body = br#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"not found","reason":"NotFound","code":404}"#;
                let header = format!(
                    "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    body.len()
                );
                socket.write_all(header.as_bytes()).await?;
                socket.write_all(body).await?;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtures() -> Fixtures {
        let list = br#"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"42"},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}},{"metadata":{"name":"c"}}]}"#;
        let events = vec![br#"{"type":"ADDED","object":{}}"#.to_vec()];
        Fixtures::new(list.to_vec(), &events).unwrap()
    }

    #[test]
    fn pages_follow_the_api_server_shape() {
        let f = fixtures();
        let first: serde_json::Value = serde_json::from_slice(&f.page(0, 2)).unwrap();
        assert_eq!(first["metadata"]["resourceVersion"], "42");
        assert_eq!(first["metadata"]["continue"], "2");
        assert_eq!(first["metadata"]["remainingItemCount"], 1);
        assert_eq!(first["items"][1]["metadata"]["name"], "b");
        let last: serde_json::Value = serde_json::from_slice(&f.page(2, 2)).unwrap();
        assert!(last["metadata"].get("continue").is_none());
        assert_eq!(last["items"].as_array().unwrap().len(), 1);
        assert_eq!(last["items"][0]["metadata"]["name"], "c");
    }

    #[test]
    fn scaled_lists_rename_the_copies() {
        let list = br#"{"metadata":{"resourceVersion":"42"},"items":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}"#;
        let names = |count| {
            let body: serde_json::Value =
                serde_json::from_slice(&scaled_list(list, count).unwrap()).unwrap();
            assert_eq!(body["metadata"]["resourceVersion"], "42");
            body["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["metadata"]["name"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(1), ["a"]);
        assert_eq!(names(5), ["a", "b", "c1-a", "c1-b", "c2-a"]);
        assert!(scaled_list(br#"{"items":[{"kind":"Pod"}]}"#, 1).is_err());
    }

    #[test]
    fn watch_is_framed_one_chunk_per_event() {
        let f = fixtures();
        let expected = b"1d\r\n{\"type\":\"ADDED\",\"object\":{}}\n\r\n0\r\n\r\n";
        assert_eq!(f.watch_chunked, expected);
    }

    #[test]
    fn routes() {
        let path = "/api/v1/namespaces/bench/pods";
        assert!(matches!(
            route(path),
            Route::List {
                limit: None,
                start: 0
            }
        ));
        assert!(matches!(
            route(&format!("{path}?limit=500&continue=1000")),
            Route::List {
                limit: Some(500),
                start: 1000
            }
        ));
        assert!(matches!(
            route(&format!("{path}?watch=true&resourceVersion=0")),
            Route::RecordedWatch
        ));
        assert!(matches!(
            route(&format!("{path}?watch=1")),
            Route::RecordedWatch
        ));
        assert!(matches!(
            route(&format!("{path}?watch=true&resourceVersion=1234")),
            Route::QuietWatch
        ));
        assert!(matches!(route("/api/v1/pods"), Route::NotFound));
    }
}
