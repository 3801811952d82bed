//! OpenAPI v2 specs (`swagger.json`): the `definitions` give built-in types.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;

use crate::schema::Schema;

/// The parts of a swagger document kubegen reads.
#[derive(Debug, Deserialize)]
pub struct SpecDoc {
    /// Type definitions by name.
    pub definitions: BTreeMap<String, Schema>,
    /// Operations by path, read only by [`crate::input::discover`].
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

impl OpenApiSpec {
    /// The 1-based line where definition `name` starts, if found.
    pub fn definition_line(&self, name: &str) -> Option<usize> {
        let needle = format!("\"{name}\":");
        let at = self.text.find(&needle)?;
        Some(self.text[..at].matches('\n').count() + 1)
    }
}
