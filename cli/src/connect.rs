//! `--context` and `--kubeconfig`, shared by the commands that talk to a
//! cluster, resolved the way kubectl resolves its flags of the same names.

use std::path::PathBuf;

use anyhow::Context;
use kubegen_runtime::{Client, Config, Kubeconfig, KubeconfigOptions};

/// Which cluster to talk to.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct ConnectArgs {
    /// The kubeconfig context; its `current-context` when unset.
    #[arg(long)]
    pub context: Option<String>,
    /// The kubeconfig file; `KUBECONFIG` (or `~/.kube/config`) when unset.
    #[arg(long)]
    pub kubeconfig: Option<PathBuf>,
}

impl ConnectArgs {
    /// A client for the chosen cluster. With neither flag this is
    /// `Config::infer()`, so the command also works inside a Pod.
    pub async fn client(&self) -> anyhow::Result<Client> {
        let options = match &self.context {
            Some(context) => KubeconfigOptions::context(context),
            None => KubeconfigOptions::default(),
        };
        let config = match (&self.kubeconfig, &self.context) {
            (Some(path), _) => Kubeconfig::read(path)
                .and_then(|kc| kc.to_config(&options))
                .with_context(|| format!("kubeconfig {}", path.display()))?,
            (None, Some(_)) => Config::from_kubeconfig(&options)?,
            (None, None) => Config::infer().await?,
        };
        Ok(Client::new(config)?)
    }
}
