//! kubeconfig: the file format, loading and merging, and turning a context into a [`Config`](crate::Config).

mod debug;
mod load;
mod model;
mod resolve;
#[cfg(test)]
mod tests;

pub use model::{
    Cluster, Context, ExecEnvVar, ExecPlugin, Extra, Kubeconfig, NamedCluster, NamedContext,
    NamedUser, User,
};
pub use resolve::KubeconfigOptions;
