//! The pipeline shared by both front ends: load -> IR -> emit.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::error::Result;
use crate::input::{self, InputGroup};
use crate::ir::Model;

/// The path generated code names the runtime by, unless told otherwise:
/// the runtime as the `kubegen` crate re-exports it.
pub const DEFAULT_RUNTIME_CRATE: &str = crate::emit::runtime_path::DEFAULT;

/// What to generate.
#[derive(Clone, Debug)]
pub struct Options {
    /// Put `#[cfg(feature = "<group feature>")]` on every group's items.
    pub feature_per_group: bool,
    /// Declare every kind the OpenAPI specs serve (from their `paths`), as if
    /// each had a declaration; declarations given explicitly take precedence.
    pub all_openapi_kinds: bool,
    /// The path generated code names the runtime by: `::kubegen::__runtime`
    /// (through the `kubegen` crate an app depends on) unless set.
    pub runtime_crate: String,
    /// Emit the typed `InformerFactory` chain (needs `kubegen`'s `runtime`
    /// feature); with `feature_per_group` it is behind that feature instead.
    pub informers: bool,
    /// With `feature_per_group`: emit only what these features keep, as a
    /// build script does for the features cargo turned on (see
    /// [`Builder::only_enabled_features`](crate::Builder::only_enabled_features)).
    /// `None` (the default) emits everything, each item behind its `cfg`, for
    /// a crate whose features are chosen later.
    pub only_features: Option<BTreeSet<String>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            feature_per_group: false,
            all_openapi_kinds: false,
            runtime_crate: DEFAULT_RUNTIME_CRATE.to_string(),
            informers: true,
            only_features: None,
        }
    }
}

/// A loaded model and the files it was read from.
#[derive(Debug)]
pub struct Loaded {
    model: Model,
    /// Every file read.
    pub files: Vec<PathBuf>,
}

impl Loaded {
    /// How many API groups are declared.
    pub fn group_count(&self) -> usize {
        self.model.groups.len()
    }

    /// How many kinds are declared, over every group and version.
    pub fn kind_count(&self) -> usize {
        let versions = self.model.groups.values().flat_map(|g| g.versions.values());
        versions.map(|v| v.kinds.len()).sum()
    }

    /// How many types are emitted.
    pub fn type_count(&self) -> usize {
        self.model.types.types.len()
    }

    /// The cargo features of the declared groups, `apply` and `runtime`, sorted.
    pub fn features(&self) -> Vec<String> {
        let mut f: Vec<String> = self
            .model
            .groups
            .values()
            .map(|g| g.feature.clone())
            .collect();
        // Gates the apply configurations (`emit::apply`).
        f.push("apply".into());
        // Gates the typed informers (`emit::informers`).
        f.push("runtime".into());
        f.sort();
        f.dedup();
        f
    }
}

/// Reads the inputs and builds the IR.
pub fn load(inputs: &[PathBuf], opts: &Options) -> Result<Loaded> {
    let loaded = input::load(inputs)?;
    let mut discovered: Vec<InputGroup> = Vec::new();
    if opts.all_openapi_kinds {
        let declared: std::collections::BTreeSet<(String, String, String)> = loaded
            .groups
            .iter()
            .flat_map(|g| {
                g.versions.iter().flat_map(move |v| {
                    v.kinds
                        .iter()
                        .map(move |k| (g.group.clone(), v.version.clone(), k.kind.clone()))
                })
            })
            .collect();
        for spec in &loaded.specs {
            for mut g in input::kinds_served_by(spec) {
                for v in &mut g.versions {
                    v.kinds.retain(|k| {
                        !declared.contains(&(g.group.clone(), v.version.clone(), k.kind.clone()))
                    });
                }
                discovered.push(g);
            }
        }
    }
    let model = crate::lower::build(&loaded, &discovered)?;
    Ok(Loaded {
        model,
        files: loaded.files,
    })
}

/// One file of Rust for `include!`.
pub fn generate_file(inputs: &[PathBuf], opts: &Options) -> Result<(Loaded, String)> {
    let loaded = load(inputs, opts)?;
    let code = emit_file(&loaded, opts)?;
    Ok((loaded, code))
}

/// One file of Rust for `include!`, from what [`load`] read.
pub fn emit_file(loaded: &Loaded, opts: &Options) -> Result<String> {
    crate::emit::single_file(&loaded.model, opts)
}

/// A module tree: relative path -> Rust source.
pub fn generate_tree(
    inputs: &[PathBuf],
    opts: &Options,
) -> Result<(Loaded, BTreeMap<PathBuf, String>)> {
    let loaded = load(inputs, opts)?;
    let files = crate::emit::module_tree(&loaded.model, opts)?;
    Ok((loaded, files))
}
