//! Plain HTTP/1.1 on loopback for the fake cluster: requests with a
//! `Content-Length` body, answers with one, and watches as chunked streams
//! that stay open until their `timeoutSeconds` or the cluster is dropped.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use super::route::Route;
use super::verbs::{status, Answer, Call};
use super::watch::Watch;
use super::Shared;

/// Serves the requests of one connection until it closes.
pub(crate) async fn serve(shared: Arc<Shared>, stream: TcpStream) {
    let mut reader = BufReader::new(stream);
    while let Ok(Some(call)) = read_call(&mut reader).await {
        let stream = reader.get_mut();
        let written = match call {
            Ok(call) if call.is_watch() => watch(&shared, stream, call).await,
            Ok(call) => write_answer(stream, shared.answer(&call)).await,
            Err(Unrouted(path)) => {
                let found = shared.with_store(|store| store.catalogue.answer(&path));
                let answer = found.map(|body| (200, body)).unwrap_or_else(|| {
                    status(
                        404,
                        "NotFound",
                        &format!("the fake cluster serves no {path}"),
                    )
                });
                write_answer(stream, answer).await
            }
        };
        if written.is_err() {
            return;
        }
    }
}

/// A path that names no resource: discovery, or nothing served.
struct Unrouted(String);

/// Reads one request: `Ok(None)` at the end of the connection.
async fn read_call(
    reader: &mut BufReader<TcpStream>,
) -> std::io::Result<Option<Result<Call, Unrouted>>> {
    let mut line = String::new();
    if reader.read_line(&mut line).await? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();
    let mut length = 0;
    let mut content_type = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).await? == 0 {
            return Ok(None);
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "content-length" => length = value.trim().parse().unwrap_or(0),
                "content-type" => content_type = value.trim().to_owned(),
                _ => {}
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await?;
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let query: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let Some(route) = Route::parse(path) else {
        return Ok(Some(Err(Unrouted(path.to_owned()))));
    };
    Ok(Some(Ok(Call {
        method,
        path: path.to_owned(),
        route,
        query,
        content_type,
        body,
    })))
}

async fn write_answer(stream: &mut TcpStream, (code, body): Answer) -> std::io::Result<()> {
    let body = serde_json::to_vec(&body).unwrap_or_default();
    let head = format!(
        "HTTP/1.1 {code} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        reason_phrase(code),
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(&body).await
}

/// Streams the watch's events, one JSON line per chunk, until its time is up.
async fn watch(shared: &Shared, stream: &mut TcpStream, call: Call) -> std::io::Result<()> {
    shared.record(&call);
    let started = shared.with_store(|store| Watch::start(store, &call));
    let mut watch = match started {
        Ok(watch) => watch,
        Err(answer) => return write_answer(stream, answer).await,
    };
    let timeout = call
        .param("timeoutSeconds")
        .and_then(|s| s.parse().ok())
        .map_or(Duration::from_secs(3600), Duration::from_secs);
    let deadline = tokio::time::Instant::now() + timeout;
    stream
        .write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
        )
        .await?;
    loop {
        // Armed before looking, so a change made in between still wakes us.
        let changed = shared.changed.notified();
        tokio::pin!(changed);
        changed.as_mut().enable();
        for event in shared.with_store(|store| watch.next(store, &call)) {
            let mut line = serde_json::to_vec(&event).unwrap_or_default();
            line.push(b'\n');
            stream
                .write_all(format!("{:x}\r\n", line.len()).as_bytes())
                .await?;
            stream.write_all(&line).await?;
            stream.write_all(b"\r\n").await?;
        }
        if tokio::time::timeout_at(deadline, changed).await.is_err() {
            return stream.write_all(b"0\r\n\r\n").await;
        }
    }
}

fn reason_phrase(code: u16) -> &'static str {
    match code {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        _ => "Error",
    }
}
