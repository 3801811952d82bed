//! exec and attach on a dynamic Pod resource, as on the typed client.

use super::DynamicResource;
use crate::error::Result;
use crate::remote::{command_query, connect, ExecOptions, Process};

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
}
