//! kubegen code generator: reads API group declarations, CustomResourceDefinition
//! manifests and OpenAPI v2 specs, and emits a typed clientset.
//!
//! Three passes, each importing only the ones before it: `input` parses
//! (with error positions), `lower` builds the IR (`ir`: groups, versions,
//! kinds and a type table with deterministic names), `emit` writes tokens
//! with `quote!`, formatted by prettyplease. `verbs` holds the API words all
//! of them share and the table of typed methods. [`Builder`] is the build.rs
//! front end; the `kubegen` binary (crate `kubegen-cli`) is the CLI front end.

#![warn(missing_docs)]

mod builder;
pub mod crd;
pub mod declaration;
mod emit;
mod error;
pub mod generate;
mod input;
mod ir;
mod lower;
mod verbs;

pub use builder::{Builder, Generated};
pub use error::{Error, Location, Result};

/// The README's code blocks, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}
