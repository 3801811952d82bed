//! exec, attach and port-forward on a dynamic Pod resource, as on the typed client.

use super::DynamicResource;
use crate::error::Result;
use crate::remote::{
    command_query, connect, listen, port_forward, ExecOptions, LocalForward, PortForward, Process,
};

impl DynamicResource {
    /// `{collection}/{name}/exec`: runs `command` in a container of the Pod.
    pub async fn exec<S: AsRef<str>>(
        &self,
        name: &str,
        command: &[S],
        options: &ExecOptions,
    ) -> Result<Process> {
        let path = self.builder(None, true)?.path().subresource(name, "exec")?;
        connect(&self.client, &path, command_query(command)?, options).await
    }

    /// `{collection}/{name}/attach`: connects to the container's running process.
    pub async fn attach(&self, name: &str, options: &ExecOptions) -> Result<Process> {
        let path = self
            .builder(None, true)?
            .path()
            .subresource(name, "attach")?;
        connect(&self.client, &path, Vec::new(), options).await
    }

    /// `{collection}/{name}/portforward?ports=...`: forwards the Pod's
    /// `ports` over one connection, a byte stream each.
    pub async fn port_forward(&self, name: &str, ports: &[u16]) -> Result<PortForward> {
        let path = self
            .builder(None, true)?
            .path()
            .subresource(name, "portforward")?;
        port_forward(&self.client, &path, ports).await
    }

    /// Listens on local ports and forwards each accepted connection to the
    /// Pod, as the typed client's `forward_local_ports`.
    pub async fn forward_local_ports(
        &self,
        name: &str,
        pairs: &[(u16, u16)],
    ) -> Result<LocalForward> {
        let path = self
            .builder(None, true)?
            .path()
            .subresource(name, "portforward")?;
        listen(&self.client, &path, pairs).await
    }
}
