//! `#[derive(CustomResource)]` and `#[derive(KubeSchema)]`, re-exported by
//! the `kubegen` crate (feature `derive`): a custom kind, its `Resource`
//! impl and its CustomResourceDefinition with a structural OpenAPI v3
//! schema, from a Rust spec struct. The emitted code names the `kubegen`
//! crate (`::kubegen` unless `#[kubegen(crate = "...")]` says otherwise).

mod custom_resource;
mod names;
mod parse;
mod schema;
mod serde_attrs;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// The kind type, `Resource` impl, `Kind::new(name, spec)` and
/// `Kind::crd()` of a spec struct, and the spec's `KubeSchema`.
///
/// ```ignore
/// #[derive(CustomResource, Clone, Debug, Serialize, Deserialize)]
/// #[kubegen(group = "example.com", version = "v1", kind = "Gizmo", plural = "gizmos", namespaced)]
/// pub struct GizmoSpec { pub size: i32 }
/// ```
#[proc_macro_derive(CustomResource, attributes(kubegen))]
pub fn derive_custom_resource(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    custom_resource::derive(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// The `KubeSchema` (structural OpenAPI v3 schema) of a struct or of an
/// enum of unit variants (a string enum).
#[proc_macro_derive(KubeSchema, attributes(kubegen))]
pub fn derive_kube_schema(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    schema::derive(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
