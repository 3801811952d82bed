//! `proxy-url: socks5://` and `socks5h://` in a kubeconfig send requests
//! through a SOCKS5 proxy, as kubectl does; other schemes are refused with
//! the file and key named.

mod support;

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Mutex};

use kubegen_runtime::config::InvalidValue;
use kubegen_runtime::{Client, ConfigError, Kubeconfig, KubeconfigOptions};
use serde_json::{json, Value};
use support::{Recorder, Reply};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Where a client asked the proxy to connect, as it sent it.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    Address(SocketAddr),
    Name(String, u16),
}

/// A SOCKS5 proxy: no authentication, CONNECT only. It records each target
/// and then pipes bytes both ways.
async fn socks5_proxy() -> (String, Arc<Mutex<Vec<Target>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap().to_string();
    let targets = Arc::new(Mutex::new(Vec::new()));
    let seen = targets.clone();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let seen = seen.clone();
            tokio::spawn(async move {
                let _ = relay(client, &seen).await;
            });
        }
    });
    (address, targets)
}

async fn relay(mut client: TcpStream, seen: &Mutex<Vec<Target>>) -> std::io::Result<()> {
    // Greeting: version 5, the offered methods; choose 0 (no authentication).
    let mut head = [0u8; 2];
    client.read_exact(&mut head).await?;
    let mut methods = vec![0u8; head[1] as usize];
    client.read_exact(&mut methods).await?;
    assert_eq!(head[0], 5);
    assert!(methods.contains(&0), "no-auth offered");
    client.write_all(&[5, 0]).await?;
    // Request: version, CONNECT, reserved, address type, address, port.
    let mut request = [0u8; 4];
    client.read_exact(&mut request).await?;
    assert_eq!(request[..3], [5, 1, 0]);
    let target = match request[3] {
        1 => {
            let mut ip = [0u8; 4];
            client.read_exact(&mut ip).await?;
            Target::Address((Ipv4Addr::from(ip), client.read_u16().await?).into())
        }
        3 => {
            let mut name = vec![0u8; client.read_u8().await? as usize];
            client.read_exact(&mut name).await?;
            Target::Name(String::from_utf8(name).unwrap(), client.read_u16().await?)
        }
        4 => {
            let mut ip = [0u8; 16];
            client.read_exact(&mut ip).await?;
            Target::Address((Ipv6Addr::from(ip), client.read_u16().await?).into())
        }
        other => panic!("address type {other}"),
    };
    seen.lock().unwrap().push(target.clone());
    let mut upstream = match &target {
        Target::Address(address) => TcpStream::connect(address).await?,
        Target::Name(name, port) => TcpStream::connect((name.as_str(), *port)).await?,
    };
    client.write_all(&[5, 0, 0, 1, 0, 0, 0, 0, 0, 0]).await?;
    tokio::io::copy_bidirectional(&mut client, &mut upstream).await?;
    Ok(())
}

fn kubeconfig(server: &str, proxy: &str) -> Kubeconfig {
    let text = format!(
        "apiVersion: v1\nkind: Config\ncurrent-context: c\n\
         clusters:\n- name: c\n  cluster:\n    server: {server}\n    proxy-url: {proxy}\n\
         users:\n- name: u\n  user:\n    token: test-token\n\
         contexts:\n- name: c\n  context: {{cluster: c, user: u}}\n"
    );
    Kubeconfig::parse(&text, Path::new("/home/dev/.kube/config")).unwrap()
}

async fn version_through(server: &Recorder, cluster_url: &str, proxy: &str) -> Value {
    server.reply(Reply::json(200, json!({"gitVersion": "v1.20.2"})));
    let config = kubeconfig(cluster_url, proxy)
        .to_config(&KubeconfigOptions::default())
        .unwrap();
    let client = Client::new(config).unwrap();
    client.get_json("/version").await.unwrap()
}

#[tokio::test]
async fn socks5_proxy_url_carries_the_request() {
    let server = Recorder::start().await;
    let (proxy, targets) = socks5_proxy().await;
    let answer = version_through(&server, &server.url, &format!("socks5://{proxy}")).await;
    assert_eq!(answer["gitVersion"], "v1.20.2");
    let request = server.single();
    assert_eq!(request.path, "/version");
    assert_eq!(request.header("authorization"), Some("Bearer test-token"));
    let port = server.url.rsplit(':').next().unwrap().parse().unwrap();
    assert_eq!(
        *targets.lock().unwrap(),
        [Target::Address(([127, 0, 0, 1], port).into())]
    );
}

#[tokio::test]
async fn socks5h_lets_the_proxy_resolve_the_name() {
    let server = Recorder::start().await;
    let (proxy, targets) = socks5_proxy().await;
    let port: u16 = server.url.rsplit(':').next().unwrap().parse().unwrap();
    let by_name = format!("http://localhost:{port}");
    version_through(&server, &by_name, &format!("socks5h://{proxy}")).await;
    assert_eq!(server.single().path, "/version");
    assert_eq!(
        *targets.lock().unwrap(),
        [Target::Name("localhost".into(), port)]
    );
}

#[test]
fn an_unsupported_proxy_scheme_names_the_file_and_key() {
    let err = kubeconfig("https://127.0.0.1:6443", "ftp://proxy.local:21")
        .to_config(&KubeconfigOptions::default())
        .unwrap_err();
    assert!(
        matches!(
            &err,
            ConfigError::Invalid { key, problem: InvalidValue::ProxyScheme { scheme }, .. }
                if key == "clusters[c].proxy-url" && scheme == "ftp"
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.starts_with("/home/dev/.kube/config: clusters[c].proxy-url: "),
        "{message}"
    );
    assert!(
        message.contains("unsupported proxy scheme \"ftp\""),
        "{message}"
    );
}
