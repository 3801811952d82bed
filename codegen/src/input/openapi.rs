//! OpenAPI v2 specs (`swagger.json`): the `definitions` give built-in types.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;

use super::Schema;

/// The parts of a swagger document kubegen reads.
#[derive(Debug, Deserialize)]
pub struct SpecDoc {
    /// Type definitions by name.
    pub definitions: BTreeMap<String, Schema>,
    /// Operations by path, read only by [`super::kinds_served_by`].
    #[serde(default)]
    pub paths: BTreeMap<String, serde_json::Value>,
}

/// A loaded spec and where it came from.
#[derive(Debug, Clone)]
pub struct OpenApiSpec {
    /// The spec file.
    pub file: PathBuf,
    /// Its text, for locating definitions in errors.
    pub text: Arc<str>,
    /// Definitions by name.
    pub definitions: Arc<BTreeMap<String, Schema>>,
    /// Paths, for discovery.
    pub paths: Arc<BTreeMap<String, serde_json::Value>>,
}
