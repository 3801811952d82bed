//! `Kind::new(name, spec)`: a kind's object with its name and spec, and
//! `apiVersion` and `kind` filled in (from its `Default`). A namespaced
//! object takes its namespace from the client it is written with.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::repr::{self, type_tokens};
use super::types::doc_attrs;
use crate::ir::{TypeDef, TypeId, TypeTable};

/// The constructor of a kind's root, which has a `Default`.
pub fn kind_constructor(
    def: &TypeDef,
    table: &TypeTable,
    cyclic: &BTreeSet<(TypeId, String)>,
    cfg: &TokenStream,
) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let Some((_, kind)) = &def.root_of else {
        return quote!();
    };
    let meta = metadata_field(def);
    let spec = def.fields.iter().find(|f| f.json == "spec");
    let (param, init, what) = match spec {
        Some(f) => {
            let field = format_ident!("{}", f.rust);
            let ty = type_tokens(&f.ty, &def.module, table);
            let mut value = quote!(spec);
            if repr::boxed(def, f, cyclic, table) {
                value = quote!(::std::boxed::Box::new(#value));
            }
            if repr::is_optional(f) {
                value = quote!(::core::option::Option::Some(#value));
            }
            (
                quote!(, spec: #ty),
                quote!(object.#field = #value;),
                "name and spec",
            )
        }
        None => (quote!(), quote!(), "name"),
    };
    let doc = doc_attrs(&format!(
        "A `{kind}` with this {what}; `apiVersion` and `kind` are filled in, \
         everything else is default."
    ));
    // A kind named `New` still gets `New::new`, as every other kind does.
    let allow = (def.name == "New").then(|| quote!(#[allow(clippy::self_named_constructors)]));
    quote! {
        #cfg
        impl #name {
            #doc
            #allow
            pub fn new(name: impl ::core::convert::Into<::kubegen_runtime::CompactString> #param) -> Self {
                let mut object = <Self as ::core::default::Default>::default();
                object.#meta.name = ::core::option::Option::Some(name.into());
                #init
                object
            }
        }
    }
}

/// The Rust name of a kind root's metadata field: `metadata`, unless a
/// collision renamed it.
pub fn metadata_field(def: &TypeDef) -> proc_macro2::Ident {
    def.fields
        .iter()
        .find(|f| f.json == "metadata")
        .map_or_else(
            || format_ident!("metadata"),
            |f| format_ident!("{}", f.rust),
        )
}
