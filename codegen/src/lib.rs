//! kubegen code generator: reads API group declarations, CustomResourceDefinition
//! manifests and OpenAPI v2 specs, builds an IR, and emits a typed clientset.
//!
//! The flow is `input` (parse, with error positions) -> `ir` (groups, versions,
//! kinds and a type table with deterministic names) -> `emit` (tokens via
//! `quote!`, formatted by prettyplease). [`Builder`] is the build.rs front end;
//! the `kubegen` binary is the CLI front end.

pub mod error;
pub mod input;
pub mod ir;
pub mod schema;

pub use error::{Error, Result};
mod builder;
pub mod crd;
pub mod emit;
pub mod generate;

pub use builder::{Builder, Generated};

/// The README's code blocks, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme {}
