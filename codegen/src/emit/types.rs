//! IR structs -> Rust structs.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::codec::emit_codec;
use super::constructors::kind_constructor;
use super::docs::doc_lines;
use super::repr::{self, Defaults};
use crate::ir::{Field, TypeDef, TypeId, TypeTable};

/// `#[doc]` attributes for text.
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote!(#(#[doc = #lines])*)
}

fn field_doc(f: &Field) -> TokenStream {
    let mut text = match &f.doc {
        Some(d) if !d.trim().is_empty() => d.clone(),
        _ => format!("The `{}` field.", f.json.replace('`', "'")),
    };
    if !f.enum_values.is_empty() && !matches!(f.ty, crate::ir::TypeRef::Named(_)) {
        let values: Vec<String> = f
            .enum_values
            .iter()
            .map(|v| format!("`{}`", v.replace('`', "'")))
            .collect();
        text.push_str(&format!("\n\nAllowed values: {}.", values.join(", ")));
    }
    doc_attrs(&text)
}

/// One struct, plus a `Default` impl that fills `apiVersion` and `kind` for roots.
pub fn emit_struct(
    def: &TypeDef,
    table: &TypeTable,
    cyclic: &BTreeSet<(TypeId, String)>,
    defaults: &Defaults<'_>,
    cfg: &TokenStream,
) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let doc = match &def.doc {
        Some(d) if !d.trim().is_empty() => doc_attrs(d),
        _ => match &def.root_of {
            Some((av, kind)) => doc_attrs(&format!("The `{kind}` kind of `{av}`.")),
            None => doc_attrs(&format!("Generated from `{}`.", def.id.0)),
        },
    };
    let fields = def.fields.iter().map(|f| {
        let fname = format_ident!("{}", f.rust);
        let ty = repr::field_type(f, repr::boxed(def, f, cyclic, table), &def.module, table);
        let fdoc = field_doc(f);
        quote! {
            #fdoc
            pub #fname: #ty,
        }
    });
    let unknown = repr::unknown_fields();
    let has_default = defaults.struct_has_default(&def.id);
    let derives = repr::derives(has_default && def.root_of.is_none());
    let default_impl = match (&def.root_of, has_default) {
        (Some((api_version, kind)), true) => {
            let inits = def.fields.iter().map(|f| {
                let fname = format_ident!("{}", f.rust);
                match f.json.as_str() {
                    "apiVersion" => quote!(#fname: #api_version.into()),
                    "kind" => quote!(#fname: #kind.into()),
                    _ => quote!(#fname: ::core::default::Default::default()),
                }
            });
            let unknown = format_ident!("{}", crate::ir::UNKNOWN_FIELDS);
            let constructor = kind_constructor(def, table, cyclic, cfg);
            quote! {
                #cfg
                impl ::core::default::Default for #name {
                    fn default() -> Self {
                        Self { #(#inits,)* #unknown: ::core::default::Default::default() }
                    }
                }
                #constructor
            }
        }
        _ => quote!(),
    };
    let codec = emit_codec(def, defaults, cfg);
    quote! {
        #doc
        #cfg
        #derives
        pub struct #name {
            #(#fields)*
            #unknown
        }
        #default_impl
        #codec
    }
}
