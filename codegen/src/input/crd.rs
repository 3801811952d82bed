//! CustomResourceDefinition manifests (apiextensions.k8s.io/v1): only the
//! parts that shape the client are read; everything else is ignored.

use serde::Deserialize;

use crate::input::Schema;
use crate::verbs::Scope;

/// A CRD document.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Crd {
    /// Must be `apiextensions.k8s.io/v1`.
    pub api_version: String,
    pub spec: CrdSpec,
}

/// `spec` of a CRD.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CrdSpec {
    /// API group.
    pub group: String,
    pub names: CrdNames,
    pub scope: Scope,
    pub versions: Vec<CrdVersion>,
}

/// `spec.names`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CrdNames {
    pub kind: String,
    pub plural: String,
    pub singular: Option<String>,
    #[serde(default)]
    pub short_names: Vec<String>,
}

/// One entry of `spec.versions`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CrdVersion {
    /// Version name.
    pub name: String,
    /// Whether the API serves it; unserved versions are skipped.
    pub served: bool,
    pub schema: Option<CrdValidation>,
    pub subresources: Option<CrdSubresources>,
}

/// `schema` of a CRD version.
#[derive(Debug, Deserialize)]
pub struct CrdValidation {
    /// The structural schema.
    #[serde(rename = "openAPIV3Schema")]
    pub open_api_v3_schema: Option<Schema>,
}

/// `subresources` of a CRD version.
#[derive(Debug, Deserialize)]
pub struct CrdSubresources {
    /// Present when `/status` is enabled.
    pub status: Option<serde_json::Value>,
    /// Present when `/scale` is enabled.
    pub scale: Option<serde_json::Value>,
}
