//! The build.rs front end.
//!
//! ```no_run
//! // build.rs
//! let generated = kubegen_codegen::Builder::new()
//!     .input("groups")                 // declarations, CRDs, swagger.json
//!     .feature_per_group(true)
//!     .generate()
//!     .expect("kubegen");
//! // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/kubegen.rs"));
//! # let _ = generated.features;
//! ```

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::generate::{emit_file, load, Options};

/// Configures and runs generation from a build script.
///
/// ```no_run
/// // build.rs (its main) of an app with declarations in api/; CRD manifests go to crds/
/// kubegen_codegen::Builder::new()
///     .input("api")
///     .crd_dir("crds")
///     .generate()
///     .unwrap_or_else(|e| panic!("{e}")); // names the file, line and key at fault
/// // src/main.rs: mod api { include!(concat!(env!("OUT_DIR"), "/kubegen.rs")); }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Builder {
    inputs: Vec<PathBuf>,
    out_file: Option<PathBuf>,
    crd_dir: Option<PathBuf>,
    options: Options,
    only_enabled_features: bool,
    quiet: bool,
}

/// What [`Builder::generate`] produced.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The file written (`$OUT_DIR/kubegen.rs` unless set).
    pub out_file: PathBuf,
    /// The generated source.
    pub code: String,
    /// Cargo features of the declared groups, `apply` and `runtime` (for `[features]`), sorted.
    pub features: Vec<String>,
    /// Every input file read.
    pub inputs: Vec<PathBuf>,
    /// The CRD manifests written (with [`Builder::crd_dir`]).
    pub crds: Vec<PathBuf>,
}

impl Builder {
    /// A builder with no inputs, writing `$OUT_DIR/kubegen.rs`.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an input: a declaration, a CRD manifest, an OpenAPI v2 spec
    /// (`.json`), or a folder of them (read recursively).
    pub fn input(mut self, path: impl AsRef<Path>) -> Self {
        self.inputs.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds several inputs.
    pub fn inputs<P: AsRef<Path>>(mut self, paths: impl IntoIterator<Item = P>) -> Self {
        self.inputs
            .extend(paths.into_iter().map(|p| p.as_ref().to_path_buf()));
        self
    }

    /// Adds an OpenAPI v2 spec; the same as [`Builder::input`], named for clarity.
    pub fn openapi(self, path: impl AsRef<Path>) -> Self {
        self.input(path)
    }

    /// Emits `#[cfg(feature = "...")]` per group (see [`Generated::features`]).
    pub fn feature_per_group(mut self, on: bool) -> Self {
        self.options.feature_per_group = on;
        self
    }

    /// With [`feature_per_group`](Self::feature_per_group): emits only the
    /// items whose `cfg(feature)` holds for the features cargo turned on in
    /// this build (its `CARGO_FEATURE_<NAME>` variables), leaving out the
    /// other groups, the types only they use, and the apply configurations
    /// and informers when `apply` or `runtime` is off. Less to format and
    /// compile, for a build script whose crate includes the output, as
    /// `kubegen`'s own does. Off by default (and never in the CLI): code for
    /// a crate whose features are chosen later keeps every item.
    pub fn only_enabled_features(mut self, on: bool) -> Self {
        self.only_enabled_features = on;
        self
    }

    /// With [`feature_per_group`](Self::feature_per_group): emits only what
    /// these features keep, as [`only_enabled_features`](Self::only_enabled_features)
    /// does with cargo's (which, when on, takes precedence).
    pub fn only_features<S: Into<String>>(mut self, features: impl IntoIterator<Item = S>) -> Self {
        self.options.only_features = Some(features.into_iter().map(Into::into).collect());
        self
    }

    /// Whether to emit the typed `InformerFactory` and a Lease's
    /// `LeaseObject` impl (on by default). Both need `kubegen`'s `runtime`
    /// feature: an app that turns kubegen's default features off sets this to
    /// `false`. Ignored with [`feature_per_group`](Self::feature_per_group),
    /// where they are behind the crate's own `runtime` feature.
    pub fn informers(mut self, on: bool) -> Self {
        self.options.informers = on;
        self
    }

    /// Declares every kind the OpenAPI specs serve, without writing declarations.
    pub fn all_openapi_kinds(mut self, on: bool) -> Self {
        self.options.all_openapi_kinds = on;
        self
    }

    /// The path generated code names the runtime by. The default,
    /// `::kubegen::__runtime`, is the runtime as the `kubegen` crate
    /// re-exports it, so an app needs no other dependency; a crate that
    /// depends on `kubegen-runtime` alone sets `::kubegen_runtime`.
    pub fn runtime_crate(mut self, path: impl Into<String>) -> Self {
        self.options.runtime_crate = path.into();
        self
    }

    /// Also writes a CustomResourceDefinition manifest for every declared
    /// custom kind into this folder (`<plural>.<group>.yaml`, see
    /// [`crate::crd`]), ready for `kubectl apply -f`. A relative folder is
    /// relative to the crate (where build scripts run).
    pub fn crd_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.crd_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Writes to this file instead of `$OUT_DIR/kubegen.rs`.
    pub fn out_file(mut self, path: impl AsRef<Path>) -> Self {
        self.out_file = Some(path.as_ref().to_path_buf());
        self
    }

    /// Does not print `cargo:` lines (for use outside build scripts).
    pub fn quiet(mut self, quiet: bool) -> Self {
        self.quiet = quiet;
        self
    }

    /// Generates and writes the file; prints `cargo:rerun-if-changed` for every
    /// input. Nothing is written when an input is bad.
    pub fn generate(self) -> Result<Generated> {
        let out_file = match &self.out_file {
            Some(f) => f.clone(),
            None => {
                let dir = std::env::var_os("OUT_DIR").ok_or(Error::NoOutDir)?;
                PathBuf::from(dir).join("kubegen.rs")
            }
        };
        if !self.quiet {
            // Folders too, so that adding a file reruns the build script.
            for p in &self.inputs {
                println!("cargo:rerun-if-changed={}", p.display());
            }
        }
        let loaded = load(&self.inputs, &self.options)?;
        let mut options = self.options.clone();
        if self.only_enabled_features {
            let on = |var: &str| std::env::var_os(var).is_some();
            options.only_features = Some(enabled_by_cargo(&loaded.features(), on));
        }
        let code = emit_file(&loaded, &options)?;
        // Before anything is written: a declaration that makes no CRD fails the build.
        let crds = match &self.crd_dir {
            Some(_) => Some(crate::crd::crd_manifests(&self.inputs)?),
            None => None,
        };
        if !self.quiet {
            for f in &loaded.files {
                println!("cargo:rerun-if-changed={}", f.display());
            }
        }
        // Unchanged output is not rewritten, so dependents are not rebuilt.
        if std::fs::read_to_string(&out_file).ok().as_deref() != Some(code.as_str()) {
            if let Some(parent) = out_file.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            std::fs::write(&out_file, &code).map_err(|e| Error::io(&out_file, e))?;
        }
        let crds = match (&self.crd_dir, crds) {
            (Some(dir), Some(crds)) => crate::crd::write_crds(dir, &crds.crds)?,
            _ => Vec::new(),
        };
        Ok(Generated {
            features: loaded.features(),
            inputs: loaded.files,
            out_file,
            code,
            crds,
        })
    }
}

/// The features among `features` that cargo turned on for the crate whose
/// build script runs: `is_set` tells whether an environment variable is set
/// (`CARGO_FEATURE_<NAME>`, upper case, `-` as `_`).
fn enabled_by_cargo(features: &[String], is_set: impl Fn(&str) -> bool) -> BTreeSet<String> {
    let var =
        |feature: &String| format!("CARGO_FEATURE_{}", feature.to_uppercase().replace('-', "_"));
    features
        .iter()
        .filter(|f| is_set(&var(f)))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enabled_features_are_read_from_cargo_variables() {
        let features = ["apps", "core", "rbac-authz", "runtime"].map(String::from);
        let set = [
            "CARGO_FEATURE_CORE",
            "CARGO_FEATURE_RBAC_AUTHZ",
            "CARGO_FEATURE_V1_36",
        ];
        let on = enabled_by_cargo(&features, |var| set.contains(&var));
        assert_eq!(on, ["core", "rbac-authz"].map(String::from).into());
    }
}
