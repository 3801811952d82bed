//! Calls only some kinds have, on their generated clients: exec, attach and
//! port-forward for Pods, TokenRequest for ServiceAccounts, proxy for Pods,
//! Services and Nodes (the runtime offers them on `ResourceClient<K>` for
//! these kinds only). `Pod`'s `PodKind` comes from the generator, which
//! marks every kind with a log or eviction subresource.

use crate::core::v1::{
    Node, NodeClient, Pod, PodClient, Service, ServiceAccount, ServiceAccountClient, ServiceClient,
};
#[cfg(feature = "ws")]
use crate::remote::{ExecOptions, LocalForward, PortForward, Process};
use crate::{
    CreateOptions, IssuedToken, ProxyKind, ProxyRequest, ProxyResponse, Result, ServiceAccountKind,
    TokenRequestSpec,
};

impl ServiceAccountKind for ServiceAccount {}

impl ProxyKind for Pod {}

impl ProxyKind for Service {}

impl ProxyKind for Node {}

/// Exec, attach and port-forward: feature `ws`.
#[cfg(feature = "ws")]
impl PodClient {
    /// `GET .../pods/{name}/exec?command=...` upgraded to a WebSocket: runs
    /// `command` in a container of the Pod.
    pub async fn exec<S: AsRef<str>>(
        &self,
        name: &str,
        command: &[S],
        options: &ExecOptions,
    ) -> Result<Process> {
        self.inner().exec(name, command, options).await
    }

    /// `GET .../pods/{name}/attach` upgraded to a WebSocket: the streams of
    /// the container's running process.
    pub async fn attach(&self, name: &str, options: &ExecOptions) -> Result<Process> {
        self.inner().attach(name, options).await
    }

    /// `GET .../pods/{name}/portforward?ports=...` upgraded to a WebSocket:
    /// a byte stream to each of the Pod's `ports`.
    pub async fn port_forward(&self, name: &str, ports: &[u16]) -> Result<PortForward> {
        self.inner().port_forward(name, ports).await
    }

    /// Listens on local ports and forwards every accepted connection to the
    /// Pod's port of its `(local, remote)` pair, as `kubectl port-forward` does.
    pub async fn forward_local_ports(
        &self,
        name: &str,
        pairs: &[(u16, u16)],
    ) -> Result<LocalForward> {
        self.inner().forward_local_ports(name, pairs).await
    }
}

impl PodClient {
    /// `{method} .../pods/{name}/proxy/{path}?{query}`: the request passed
    /// on to the Pod (`name` may be `name:port`).
    pub async fn proxy(&self, name: &str, request: &ProxyRequest) -> Result<ProxyResponse> {
        self.inner().proxy(name, request).await
    }
}

impl ServiceClient {
    /// `{method} .../services/{name}/proxy/{path}?{query}`: the request
    /// passed on to one of the Service's endpoints (`name` may be
    /// `name:port` or `https:name:port`); 503 when it has none.
    pub async fn proxy(&self, name: &str, request: &ProxyRequest) -> Result<ProxyResponse> {
        self.inner().proxy(name, request).await
    }
}

impl NodeClient {
    /// `{method} /api/v1/nodes/{name}/proxy/{path}?{query}`: the request
    /// passed on to the Node's kubelet.
    pub async fn proxy(&self, name: &str, request: &ProxyRequest) -> Result<ProxyResponse> {
        self.inner().proxy(name, request).await
    }
}

impl ServiceAccountClient {
    /// `POST .../serviceaccounts/{name}/token`: a token that authenticates
    /// as the ServiceAccount, for `spec`'s audiences, expiry and bound object.
    pub async fn request_token(
        &self,
        name: &str,
        spec: &TokenRequestSpec,
        options: &CreateOptions,
    ) -> Result<IssuedToken> {
        self.inner().request_token(name, spec, options).await
    }
}
