//! Calls only Pods and ServiceAccounts have, on their generated clients
//! (the runtime offers them on `ResourceClient<K>` for these kinds only).

use crate::core::v1::{Pod, PodClient, ServiceAccount, ServiceAccountClient};
use crate::remote::{ExecOptions, LocalForward, PortForward, Process};
use crate::{CreateOptions, IssuedToken, PodKind, Result, ServiceAccountKind, TokenRequestSpec};

impl PodKind for Pod {}

impl ServiceAccountKind for ServiceAccount {}

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
