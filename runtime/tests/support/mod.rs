//! A local HTTP/1.1 server that records every request and answers with
//! queued replies, so tests can assert the exact method, path, query,
//! headers and body a call sends, and feed it any answer (chunked watch
//! bodies split anywhere, malformed JSON, error statuses).

#![allow(dead_code)]

pub mod pod;
pub mod requests;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The value of a header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }
}

/// An answer to send.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// Body pieces; more than one is sent chunked, one write per piece.
    pub chunks: Vec<Vec<u8>>,
    pub chunk_delay: Duration,
    /// Close the connection without answering (a reset, for retry tests).
    pub drop_connection: bool,
}

impl Reply {
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            chunks: vec![serde_json::to_vec(&body).unwrap()],
            chunk_delay: Duration::ZERO,
            drop_connection: false,
        }
    }

    pub fn raw(status: u16, content_type: &str, body: &[u8]) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            chunks: vec![body.to_vec()],
            chunk_delay: Duration::ZERO,
            drop_connection: false,
        }
    }

    /// A chunked body sent in exactly these pieces.
    pub fn chunked(pieces: Vec<Vec<u8>>) -> Self {
        Self {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            chunks: pieces,
            chunk_delay: Duration::from_millis(5),
            drop_connection: false,
        }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    pub fn dropped() -> Self {
        Self {
            status: 0,
            headers: vec![],
            chunks: vec![],
            chunk_delay: Duration::ZERO,
            drop_connection: true,
        }
    }
}

/// The server: its URL, what it recorded, what it will answer next.
#[derive(Clone)]
pub struct Recorder {
    pub url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    replies: Arc<Mutex<VecDeque<Reply>>>,
}

impl Recorder {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let recorder = Self {
            url,
            requests: Arc::default(),
            replies: Arc::default(),
        };
        let r = recorder.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let r = r.clone();
                tokio::spawn(async move { r.serve(stream).await });
            }
        });
        recorder
    }

    /// Queues the next answer.
    pub fn reply(&self, reply: Reply) -> &Self {
        self.replies.lock().unwrap().push_back(reply);
        self
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    /// The only request so far.
    pub fn single(&self) -> Recorded {
        let all = self.requests();
        assert_eq!(all.len(), 1, "want exactly one request, got {all:#?}");
        all.into_iter().next().unwrap()
    }

    /// A client configuration for this server, with a token.
    pub fn config(&self) -> kubegen_runtime::Config {
        let mut config = kubegen_runtime::Config::new(self.url.parse().unwrap());
        config.auth = kubegen_runtime::AuthConfig::Token("test-token".to_owned().into());
        config
    }

    async fn serve(&self, stream: TcpStream) {
        let mut reader = BufReader::new(stream);
        loop {
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).await.unwrap_or(0) == 0 {
                return;
            }
            let mut parts = request_line.split_whitespace();
            let method = parts.next().unwrap_or_default().to_owned();
            let target = parts.next().unwrap_or_default().to_owned();
            let mut headers = Vec::new();
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).await.unwrap();
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                let (name, value) = line.split_once(':').unwrap();
                headers.push((name.trim().to_owned(), value.trim().to_owned()));
            }
            let length = headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                .map(|(_, v)| v.parse::<usize>().unwrap())
                .unwrap_or(0);
            let mut body = vec![0; length];
            reader.read_exact(&mut body).await.unwrap();
            let (path, query) = match target.split_once('?') {
                Some((p, q)) => (p.to_owned(), Some(q.to_owned())),
                None => (target.clone(), None),
            };
            self.requests.lock().unwrap().push(Recorded {
                method,
                path,
                query,
                headers,
                body,
            });
            let reply = self.replies.lock().unwrap().pop_front().unwrap_or_else(|| {
                Reply::json(
                    500,
                    serde_json::json!({"kind": "Status", "message": "no reply queued"}),
                )
            });
            if reply.drop_connection {
                return;
            }
            let stream = reader.get_mut();
            let mut head = format!("HTTP/1.1 {} X\r\n", reply.status);
            for (n, v) in &reply.headers {
                head.push_str(&format!("{n}: {v}\r\n"));
            }
            if reply.chunks.len() == 1 {
                head.push_str(&format!(
                    "Content-Length: {}\r\n\r\n",
                    reply.chunks[0].len()
                ));
                stream.write_all(head.as_bytes()).await.unwrap();
                stream.write_all(&reply.chunks[0]).await.unwrap();
            } else {
                head.push_str("Transfer-Encoding: chunked\r\n\r\n");
                stream.write_all(head.as_bytes()).await.unwrap();
                for chunk in &reply.chunks {
                    if chunk.is_empty() {
                        continue;
                    }
                    stream
                        .write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                        .await
                        .unwrap();
                    stream.write_all(chunk).await.unwrap();
                    stream.write_all(b"\r\n").await.unwrap();
                    stream.flush().await.unwrap();
                    tokio::time::sleep(reply.chunk_delay).await;
                }
                stream.write_all(b"0\r\n\r\n").await.unwrap();
            }
            stream.flush().await.unwrap();
        }
    }
}
