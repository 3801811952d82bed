//! The kubeconfig v1 file format, as serde types. Unknown keys are kept in
//! `extra` maps so nothing a newer kubectl writes is lost on the way through.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::secret::Secret;

/// Keys this model does not know, kept verbatim.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// One kubeconfig file, or several merged as kubectl merges them.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Kubeconfig {
    /// `v1`.
    #[serde(default, rename = "apiVersion")]
    pub api_version: Option<String>,
    /// `Config`.
    #[serde(default)]
    pub kind: Option<String>,
    /// The clusters, by name.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub clusters: Vec<NamedCluster>,
    /// The users (credentials), by name.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub users: Vec<NamedUser>,
    /// The contexts (cluster + user + namespace), by name.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub contexts: Vec<NamedContext>,
    /// The context used when none is chosen explicitly.
    #[serde(default, rename = "current-context")]
    pub current_context: Option<String>,
    /// kubectl preferences, kept as they are.
    #[serde(default)]
    pub preferences: Option<serde_json::Value>,
    /// Extensions, kept as they are.
    #[serde(default)]
    pub extensions: Option<serde_json::Value>,
    /// Unknown keys.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A named cluster entry and the file it came from.
#[derive(Clone, Debug, Deserialize)]
pub struct NamedCluster {
    /// The entry's name.
    pub name: String,
    /// The cluster.
    #[serde(default)]
    pub cluster: Cluster,
    /// The kubeconfig file that defined this entry (relative paths resolve against its folder).
    #[serde(skip)]
    pub origin: PathBuf,
}

/// How to reach an API server. `Debug` shows no secrets.
#[derive(Clone, Default, Deserialize)]
pub struct Cluster {
    /// The API server's URL.
    #[serde(default)]
    pub server: Option<String>,
    /// A PEM file of CA certificates.
    #[serde(default, rename = "certificate-authority")]
    pub certificate_authority: Option<String>,
    /// Base64 of PEM CA certificates; wins over `certificate-authority`.
    #[serde(default, rename = "certificate-authority-data")]
    pub certificate_authority_data: Option<String>,
    /// Skip verifying the server's certificate (dangerous).
    #[serde(default, rename = "insecure-skip-tls-verify")]
    pub insecure_skip_tls_verify: Option<bool>,
    /// The name to verify the server's certificate against, instead of the URL's host.
    #[serde(default, rename = "tls-server-name")]
    pub tls_server_name: Option<String>,
    /// An HTTP(S) proxy for requests to this cluster.
    #[serde(default, rename = "proxy-url")]
    pub proxy_url: Option<String>,
    /// Do not ask for gzip-compressed responses.
    #[serde(default, rename = "disable-compression")]
    pub disable_compression: Option<bool>,
    /// Extensions, kept as they are.
    #[serde(default)]
    pub extensions: Option<serde_json::Value>,
    /// Unknown keys.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A named user entry and the file it came from.
#[derive(Clone, Debug, Deserialize)]
pub struct NamedUser {
    /// The entry's name.
    pub name: String,
    /// The credentials.
    #[serde(default)]
    pub user: User,
    /// The kubeconfig file that defined this entry.
    #[serde(skip)]
    pub origin: PathBuf,
}

/// Credentials: a token, a token file, a client certificate, basic auth or an exec plugin. `Debug` shows no secrets.
#[derive(Clone, Default, Deserialize)]
pub struct User {
    /// A PEM client certificate file.
    #[serde(default, rename = "client-certificate")]
    pub client_certificate: Option<String>,
    /// Base64 of a PEM client certificate; wins over the file.
    #[serde(default, rename = "client-certificate-data")]
    pub client_certificate_data: Option<String>,
    /// A PEM private key file.
    #[serde(default, rename = "client-key")]
    pub client_key: Option<String>,
    /// Base64 of a PEM private key; wins over the file.
    #[serde(default, rename = "client-key-data")]
    pub client_key_data: Option<Secret>,
    /// A bearer token.
    #[serde(default)]
    pub token: Option<Secret>,
    /// A file holding a bearer token, re-read as it rotates.
    #[serde(default, rename = "tokenFile")]
    pub token_file: Option<String>,
    /// Basic-auth user name.
    #[serde(default)]
    pub username: Option<String>,
    /// Basic-auth password.
    #[serde(default)]
    pub password: Option<Secret>,
    /// Impersonate this user.
    #[serde(default, rename = "as")]
    pub impersonate: Option<String>,
    /// Impersonate these groups.
    #[serde(default, rename = "as-groups")]
    pub impersonate_groups: Option<Vec<String>>,
    /// Legacy auth-provider plugins (not supported: use an exec plugin).
    #[serde(default, rename = "auth-provider")]
    pub auth_provider: Option<serde_json::Value>,
    /// An exec credential plugin.
    #[serde(default)]
    pub exec: Option<ExecPlugin>,
    /// Extensions, kept as they are.
    #[serde(default)]
    pub extensions: Option<serde_json::Value>,
    /// Unknown keys.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An exec credential plugin, as client.authentication.k8s.io documents it. `Debug` shows no secrets.
#[derive(Clone, Default, Deserialize)]
pub struct ExecPlugin {
    /// `client.authentication.k8s.io/v1` or `v1beta1`.
    #[serde(default, rename = "apiVersion")]
    pub api_version: Option<String>,
    /// The program to run.
    #[serde(default)]
    pub command: String,
    /// Its arguments.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub args: Vec<String>,
    /// Extra environment variables.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub env: Vec<ExecEnvVar>,
    /// Shown to the user when the plugin cannot be run.
    #[serde(default, rename = "installHint")]
    pub install_hint: Option<String>,
    /// Pass the cluster's details to the plugin in KUBERNETES_EXEC_INFO.
    #[serde(default, rename = "provideClusterInfo")]
    pub provide_cluster_info: bool,
    /// `Never`, `IfAvailable` or `Always`.
    #[serde(default, rename = "interactiveMode")]
    pub interactive_mode: Option<String>,
    /// Unknown keys.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One environment variable for an exec plugin. `Debug` shows no secrets.
#[derive(Clone, Default, Deserialize)]
pub struct ExecEnvVar {
    /// The variable's name.
    pub name: String,
    /// Its value.
    #[serde(default)]
    pub value: String,
}

/// A named context entry and the file it came from.
#[derive(Clone, Debug, Deserialize)]
pub struct NamedContext {
    /// The entry's name.
    pub name: String,
    /// The context.
    #[serde(default)]
    pub context: Context,
    /// The kubeconfig file that defined this entry.
    #[serde(skip)]
    pub origin: PathBuf,
}

/// A cluster, a user and a default namespace, used together.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Context {
    /// The cluster entry's name.
    #[serde(default)]
    pub cluster: String,
    /// The user entry's name.
    #[serde(default)]
    pub user: String,
    /// The namespace used when a call names none.
    #[serde(default)]
    pub namespace: Option<String>,
    /// Extensions, kept as they are.
    #[serde(default)]
    pub extensions: Option<serde_json::Value>,
    /// Unknown keys.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Reads `null` (which kubectl writes for empty lists) as an empty list.
fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}
