//! A kubelet stand-in for the local control plane.
//!
//! The API server proxies `pods/log`, `pods/exec`, `pods/attach` and
//! `pods/portforward` to the kubelet of the Pod's node. This program is that
//! kubelet for the Node `cargo xtask cluster up` registers: every Pod bound to
//! it "runs" scripted containers (and an echo server behind every port), so
//! those calls can be tested end to end through the real API server without a
//! container runtime.

mod echo;
mod exec;
mod logs;
mod portforward;
mod portforward_spdy;
mod shell;
mod spdy;
mod tls;
mod websocket;

use std::convert::Infallible;
use std::path::PathBuf;
use std::process::ExitCode;

use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// Response body of every handler.
pub type Body = BoxBody<Bytes, Infallible>;

/// Command-line settings (`--name=value`, as the real kubelet takes them).
struct Args {
    /// Port to listen on at 127.0.0.1.
    port: u16,
    /// Serving certificate (PEM).
    cert: PathBuf,
    /// Its private key (PEM).
    key: PathBuf,
    /// CA that client certificates must chain to (the API server's kubelet client).
    client_ca: PathBuf,
    /// exec and attach protocols to accept, when fewer than all (an older
    /// kubelet speaks `v4.channel.k8s.io` only).
    exec_protocols: Option<Vec<String>>,
}

impl Args {
    fn parse() -> Result<Self, String> {
        let (mut port, mut cert, mut key, mut client_ca) = (None, None, None, None);
        let mut exec_protocols = None;
        for arg in std::env::args().skip(1) {
            let (name, value) = arg
                .split_once('=')
                .ok_or_else(|| format!("expected --name=value, got {arg:?}"))?;
            match name {
                "--port" => {
                    port = Some(
                        value
                            .parse()
                            .map_err(|e| format!("--port {value:?}: {e}"))?,
                    )
                }
                "--tls-cert-file" => cert = Some(PathBuf::from(value)),
                "--tls-private-key-file" => key = Some(PathBuf::from(value)),
                "--client-ca-file" => client_ca = Some(PathBuf::from(value)),
                "--exec-protocols" => {
                    exec_protocols = Some(value.split(',').map(str::to_owned).collect())
                }
                _ => return Err(format!("unknown flag {name}")),
            }
        }
        let missing = |flag: &str| format!("{flag} is required");
        Ok(Self {
            port: port.ok_or_else(|| missing("--port"))?,
            cert: cert.ok_or_else(|| missing("--tls-cert-file"))?,
            key: key.ok_or_else(|| missing("--tls-private-key-file"))?,
            client_ca: client_ca.ok_or_else(|| missing("--client-ca-file"))?,
            exec_protocols,
        })
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("kubelet-standin: {err}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), String> {
    let args = Args::parse()?;
    let acceptor = tls::acceptor(&args.cert, &args.key, &args.client_ca)?;
    echo::start().await?;
    if let Some(protocols) = args.exec_protocols {
        exec::accept_only(protocols)?;
    }
    let listener = TcpListener::bind(("127.0.0.1", args.port))
        .await
        .map_err(|e| format!("binding 127.0.0.1:{}: {e}", args.port))?;
    eprintln!("kubelet-standin serving https://127.0.0.1:{}", args.port);
    loop {
        let (tcp, peer) = listener
            .accept()
            .await
            .map_err(|e| format!("accepting: {e}"))?;
        let acceptor = acceptor.clone();
        tokio::spawn(async move {
            let stream = match acceptor.accept(tcp).await {
                Ok(stream) => stream,
                Err(err) => return eprintln!("TLS handshake with {peer}: {err}"),
            };
            let served = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service_fn(route))
                .with_upgrades()
                .await;
            if let Err(err) = served {
                eprintln!("connection from {peer}: {err}");
            }
        });
    }
}

/// The Pod and container a request is about: `/{kind}/{namespace}/{pod}/{container}`.
#[derive(Debug, Clone)]
pub struct Target {
    /// Namespace of the Pod.
    pub namespace: String,
    /// Name of the Pod.
    pub pod: String,
    /// Name of the container.
    pub container: String,
}

/// Query parameters, in order (`command` repeats).
pub type Query = Vec<(String, String)>;

/// The value of a boolean query parameter (`true`/`1`), false when absent.
pub fn flag(query: &Query, name: &str) -> bool {
    query
        .iter()
        .any(|(k, v)| k == name && matches!(v.as_str(), "true" | "1"))
}

/// The last value of a query parameter.
pub fn value<'a>(query: &'a Query, name: &str) -> Option<&'a str> {
    query
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

async fn route(req: Request<Incoming>) -> Result<Response<Body>, Infallible> {
    let query: Query = form_urlencoded::parse(req.uri().query().unwrap_or("").as_bytes())
        .into_owned()
        .collect();
    let parts: Vec<String> = req
        .uri()
        .path()
        .split('/')
        .skip(1)
        .map(|p| {
            form_urlencoded::parse(format!("x={p}").as_bytes())
                .next()
                .map_or_else(String::new, |(_, v)| v.into_owned())
        })
        .collect();
    let response = match parts.as_slice() {
        [only] if only == "healthz" => text(StatusCode::OK, "ok"),
        [kind, _namespace, _pod] if kind == "portForward" => {
            let spdy = req.headers().get(hyper::header::UPGRADE).is_some_and(|v| {
                v.as_bytes()
                    .eq_ignore_ascii_case(portforward_spdy::SPDY.as_bytes())
            });
            if spdy {
                portforward_spdy::respond(req)
            } else {
                portforward::respond(req, &query)
            }
        }
        [kind, namespace, pod, container] => {
            let target = Target {
                namespace: namespace.clone(),
                pod: pod.clone(),
                container: container.clone(),
            };
            match kind.as_str() {
                "containerLogs" => logs::respond(&target, &query),
                "exec" => exec::respond(req, target, &query, false),
                "attach" => exec::respond(req, target, &query, true),
                _ => not_found(),
            }
        }
        _ => not_found(),
    };
    Ok(response)
}

/// A plain-text response.
pub fn text(status: StatusCode, body: impl Into<String>) -> Response<Body> {
    let mut response = Response::new(Full::new(Bytes::from(body.into())).boxed());
    *response.status_mut() = status;
    response
}

fn not_found() -> Response<Body> {
    text(StatusCode::NOT_FOUND, "404 page not found")
}
