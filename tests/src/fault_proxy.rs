//! A TLS-terminating HTTP/1.1 proxy in front of the local API server that
//! injects faults chosen per request: an answer lost after the server
//! committed the write, an answer replaced by an error, a slow server, a
//! stream cut in the middle. Clients reach it with the cluster's CA (it
//! serves the API server's own certificate) and bearer tokens, which it
//! passes on unchanged.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use futures::StreamExt;
use http::{Method, Request, Response, StatusCode};
use http_body_util::{combinators::UnsyncBoxBody, BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper_util::rt::TokioIo;
use kubegen::config::{parse_certificates, Identity};
use kubegen::Config;
use rustls::pki_types::ServerName;
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::{TlsAcceptor, TlsConnector};

use crate::{config, read_cluster_file};

type BoxError = Box<dyn std::error::Error + Send + Sync>;
type Body = UnsyncBoxBody<Bytes, BoxError>;

/// What the proxy does with one request.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Forward it and return the answer unchanged.
    Pass,
    /// Forward it, wait for the whole answer, then close the connection
    /// without answering: the server did the work, the client never hears.
    DropAnswer,
    /// Forward it, then answer this status (a Status body, no Retry-After)
    /// instead of the server's answer.
    ReplaceAnswer(u16),
    /// Answer this status with `Retry-After: 1` without forwarding: the
    /// server did nothing, as a 429 promises.
    Refuse(u16),
    /// Wait this long, then forward it.
    Delay(Duration),
    /// Forward it and stream the answer, but cut the connection once this
    /// many body bytes have gone through.
    CutBodyAfter(usize),
}

type Rule = Box<dyn Fn(&Method, &str) -> Fault + Send + Sync>;

struct Shared {
    upstream: SocketAddr,
    connector: TlsConnector,
    rule: Mutex<Rule>,
    seen: Mutex<Vec<(Method, String)>>,
}

/// The running proxy; it stops when dropped.
pub struct FaultProxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FaultProxy {
    /// Starts one on a free loopback port, passing everything through.
    pub async fn start() -> Self {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let admin = config("token");
        let upstream = admin
            .cluster_url
            .socket_addrs(|| None)
            .expect("the API server's address")[0];
        let roots = parse_certificates(read_cluster_file("ca.crt").as_bytes()).expect("ca.crt");
        let mut store = rustls::RootCertStore::empty();
        for cert in roots {
            store.add(cert).expect("CA certificate");
        }
        let mut client = rustls::ClientConfig::builder()
            .with_root_certificates(store)
            .with_no_client_auth();
        client.alpn_protocols = vec![b"http/1.1".to_vec()];
        let identity = Identity::from_pem(
            read_cluster_file("server.crt").as_bytes(),
            read_cluster_file("server.key").as_bytes(),
        )
        .expect("server certificate and key");
        let mut server = rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(identity.certs, identity.key)
            .expect("serving certificate");
        server.alpn_protocols = vec![b"http/1.1".to_vec()];

        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Shared {
            upstream,
            connector: TlsConnector::from(Arc::new(client)),
            rule: Mutex::new(Box::new(|_: &Method, _: &str| Fault::Pass)),
            seen: Mutex::new(Vec::new()),
        });
        let acceptor = TlsAcceptor::from(Arc::new(server));
        let task = tokio::spawn(accept_loop(listener, acceptor, Arc::clone(&shared)));
        Self { addr, shared, task }
    }

    /// Decides the fault of every later request from its method and path
    /// (with the query).
    pub fn set(&self, rule: impl Fn(&Method, &str) -> Fault + Send + Sync + 'static) {
        *self.shared.rule.lock().unwrap() = Box::new(rule);
    }

    /// A context of the local kubeconfig pointed at the proxy (it must
    /// authenticate with a token: the proxy ends the TLS connection).
    pub fn config(&self, context: &str) -> Config {
        let mut config = config(context);
        config.cluster_url = format!("https://{}", self.addr).parse().unwrap();
        config
    }

    /// How many requests with this method reached the proxy on paths containing `part`.
    pub fn count(&self, method: &Method, part: &str) -> usize {
        self.shared
            .seen
            .lock()
            .unwrap()
            .iter()
            .filter(|(m, p)| m == method && p.contains(part))
            .count()
    }
}

async fn accept_loop(listener: TcpListener, acceptor: TlsAcceptor, shared: Arc<Shared>) {
    while let Ok((tcp, _)) = listener.accept().await {
        let (acceptor, shared) = (acceptor.clone(), Arc::clone(&shared));
        tokio::spawn(async move {
            let Ok(tls) = acceptor.accept(tcp).await else {
                return;
            };
            let service = hyper::service::service_fn(move |request| {
                let shared = Arc::clone(&shared);
                handle(shared, request)
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(tls), service)
                .await;
        });
    }
}

/// One request; an `Err` makes hyper close the connection without an answer.
async fn handle(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> Result<Response<Body>, BoxError> {
    let (parts, body) = request.into_parts();
    let path = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_default();
    shared
        .seen
        .lock()
        .unwrap()
        .push((parts.method.clone(), path.clone()));
    let fault = (shared.rule.lock().unwrap())(&parts.method, &path);
    let body = body.collect().await?.to_bytes();
    match fault {
        Fault::Refuse(code) => return Ok(status_answer(code, true)),
        Fault::Delay(wait) => tokio::time::sleep(wait).await,
        _ => {}
    }
    let mut upstream = Request::from_parts(parts, Full::new(body));
    upstream.headers_mut().remove(http::header::HOST);
    let answer = forward(&shared, upstream).await?;
    match fault {
        Fault::Pass | Fault::Refuse(_) | Fault::Delay(_) => Ok(answer),
        Fault::DropAnswer => {
            answer.into_body().collect().await?;
            Err("answer dropped on purpose".into())
        }
        Fault::ReplaceAnswer(code) => {
            answer.into_body().collect().await?;
            Ok(status_answer(code, false))
        }
        Fault::CutBodyAfter(limit) => {
            let (parts, body) = answer.into_parts();
            Ok(Response::from_parts(parts, cut_after(body, limit)))
        }
    }
}

/// Sends `request` to the API server over a connection of its own.
async fn forward(
    shared: &Shared,
    mut request: Request<Full<Bytes>>,
) -> Result<Response<Body>, BoxError> {
    let tcp = TcpStream::connect(shared.upstream).await?;
    let name = ServerName::IpAddress(shared.upstream.ip().into());
    let tls = shared.connector.connect(name, tcp).await?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(tls)).await?;
    tokio::spawn(connection);
    request.headers_mut().insert(
        http::header::HOST,
        shared.upstream.to_string().parse().expect("host header"),
    );
    let answer = sender.send_request(request).await?;
    Ok(answer.map(|b| b.map_err(|e| -> BoxError { Box::new(e) }).boxed_unsync()))
}

/// The body's first `limit` bytes, then (once they had time to go out) an
/// error that aborts the connection.
fn cut_after(body: Body, limit: usize) -> Body {
    let mut left = limit;
    let frames = body.into_data_stream().flat_map(move |chunk| match chunk {
        Ok(chunk) if chunk.len() < left => {
            left -= chunk.len();
            futures::stream::iter([Ok(Frame::data(chunk))]).boxed()
        }
        Ok(chunk) => {
            let head = chunk.slice(..left);
            left = 0;
            let cut = async {
                tokio::time::sleep(Duration::from_millis(100)).await;
                Err::<Frame<Bytes>, BoxError>("stream cut on purpose".into())
            };
            futures::stream::iter([Ok(Frame::data(head))])
                .chain(futures::stream::once(cut))
                .boxed()
        }
        Err(e) => futures::stream::iter([Err(e)]).boxed(),
    });
    BodyExt::boxed_unsync(StreamBody::new(frames))
}

/// A Status answer with `code`, as the API server writes them.
fn status_answer(code: u16, retry_after: bool) -> Response<Body> {
    let status = StatusCode::from_u16(code).expect("status code");
    let body = serde_json::json!({
        "kind": "Status", "apiVersion": "v1", "status": "Failure",
        "message": format!("injected {code}"), "code": code,
    });
    let mut answer = Response::builder()
        .status(status)
        .header(http::header::CONTENT_TYPE, "application/json");
    if retry_after {
        answer = answer.header(http::header::RETRY_AFTER, "1");
    }
    answer
        .body(
            Full::new(Bytes::from(body.to_string()))
                .map_err(|e: Infallible| match e {})
                .boxed_unsync(),
        )
        .expect("status answer")
}
