//! kubectl's connection flags (`--kubeconfig`, `--context`, `-n`, `-A`) and
//! their precedence, so every program finds its cluster the way kubectl
//! does. With the `clap` feature they are clap arguments to flatten into an
//! app's own.

use std::path::PathBuf;

use crate::config::{Config, ConfigError, InClusterPaths, Kubeconfig, KubeconfigOptions};

/// Where the cluster is and which namespace to work in, as kubectl's flags say it.
#[derive(Clone, Debug, Default)]
#[cfg_attr(feature = "clap", derive(clap::Args))]
pub struct ConfigFlags {
    /// Path to the kubeconfig file (instead of KUBECONFIG or ~/.kube/config)
    #[cfg_attr(feature = "clap", arg(long, value_name = "FILE", global = true))]
    pub kubeconfig: Option<PathBuf>,
    /// The kubeconfig context to use (instead of its current-context)
    #[cfg_attr(feature = "clap", arg(long, value_name = "NAME", global = true))]
    pub context: Option<String>,
    /// The namespace (default: the context's, else the Pod's, else "default")
    #[cfg_attr(
        feature = "clap",
        arg(short = 'n', long, value_name = "NAME", global = true)
    )]
    pub namespace: Option<String>,
}

/// kubectl's `-A`: work in every namespace instead of one.
#[derive(Clone, Copy, Debug, Default)]
#[cfg_attr(feature = "clap", derive(clap::Args))]
pub struct AllNamespacesFlag {
    /// Work in all namespaces
    #[cfg_attr(feature = "clap", arg(short = 'A', long, conflicts_with = "namespace"))]
    pub all_namespaces: bool,
}

impl ConfigFlags {
    /// The configuration, in kubectl's order: the `--kubeconfig` file, else
    /// the files in `KUBECONFIG`, else `~/.kube/config`, else the Pod's
    /// service account. `--context` needs a kubeconfig (there is no
    /// in-cluster fallback then), and `-n` becomes the default namespace.
    pub fn load(&self) -> Result<Config, ConfigError> {
        self.load_from(Kubeconfig::from_env, &InClusterPaths::default())
    }

    /// [`load`](Self::load) with the environment's kubeconfig and the
    /// in-cluster files given, so the order can be tested without touching
    /// the process's environment.
    pub(crate) fn load_from(
        &self,
        env_kubeconfig: impl FnOnce() -> Result<Kubeconfig, ConfigError>,
        in_cluster: &InClusterPaths,
    ) -> Result<Config, ConfigError> {
        let options = KubeconfigOptions {
            context: self.context.clone(),
            ..KubeconfigOptions::default()
        };
        let mut config = match &self.kubeconfig {
            Some(path) => Kubeconfig::read(path)?.to_config(&options)?,
            None if self.context.is_some() => env_kubeconfig()?.to_config(&options)?,
            None => Config::infer_from(
                || env_kubeconfig()?.to_config(&options),
                || in_cluster.load(),
            )?,
        };
        if let Some(namespace) = self.namespace.as_deref().filter(|n| !n.is_empty()) {
            config.default_namespace = namespace.to_owned();
        }
        Ok(config)
    }
}

impl AllNamespacesFlag {
    /// The namespace to work in: `None` (all of them) with `-A`, else the
    /// configuration's default namespace (which `-n` sets).
    pub fn scope<'a>(&self, config: &'a Config) -> Option<&'a str> {
        (!self.all_namespaces).then_some(config.default_namespace.as_str())
    }
}
