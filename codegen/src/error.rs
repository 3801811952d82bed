//! Errors of the generator: every input error names the file, the line and the key.

use std::fmt;
use std::path::PathBuf;

/// Where in an input file something went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The input file.
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// Everything that can go wrong while generating.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input could not be read, or the output could not be written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// An input is malformed: a syntax error, a type error or a semantic error.
    #[error("{location}: `{key}`: {message}")]
    Input {
        /// File, line and column.
        location: Location,
        /// The offending key, as a dotted path (`versions[0].kinds[1].scope`).
        key: String,
        /// What is wrong.
        message: String,
    },
    /// The configured runtime crate path is not a Rust path.
    #[error("runtime crate path `{path}`: {source}")]
    RuntimePath {
        /// The path as configured.
        path: String,
        /// Why it does not parse.
        #[source]
        source: syn::Error,
    },
    /// No output file was set and `OUT_DIR` is unset (not run from a build script).
    #[error("OUT_DIR is not set: call from build.rs or set out_file")]
    NoOutDir,
    /// A file given as an OpenAPI spec is not one.
    #[error("{}: not an OpenAPI v2 spec (a `.json` file with `definitions`)", path.display())]
    NotOpenApi {
        /// The file.
        path: PathBuf,
    },
    /// The emitted tokens did not parse as Rust: a generator bug, never an input error.
    #[error("internal error: emitted code does not parse: {0}")]
    Emit(#[source] syn::Error),
    /// A CRD manifest could not be written as YAML: a generator bug, never an input error.
    #[error("internal error: cannot write the CRD manifest as YAML: {0}")]
    CrdYaml(#[source] serde_yaml::Error),
}

impl Error {
    /// An input error at a known place.
    pub(crate) fn input(
        file: impl Into<PathBuf>,
        line: Option<usize>,
        key: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error::Input {
            location: Location {
                file: file.into(),
                line,
                column: None,
            },
            key: key.into(),
            message: message.into(),
        }
    }

    /// An I/O error on a path.
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
