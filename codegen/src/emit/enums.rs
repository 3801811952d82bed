//! String enums -> Rust enums whose `Other` variant keeps values the schema
//! does not list, so a newer server's value round-trips unchanged. Serde is
//! written out rather than derived: each variant is exactly its schema
//! string, and anything else decodes to `Other` instead of failing.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::types::doc_attrs;
use crate::ir::enums::{StringEnum, OTHER};
use crate::ir::TypeDef;

/// The enum, its `Default` (the first listed value), `as_str`, conversions and serde.
pub fn emit_enum(def: &TypeDef, values: &StringEnum, cfg: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let other = format_ident!("{}", OTHER);
    let doc = doc_attrs(def.doc.as_deref().unwrap_or_default());
    let idents: Vec<_> = values
        .variants
        .iter()
        .map(|(_, v)| format_ident!("{}", v))
        .collect();
    let strings: Vec<&String> = values.variants.iter().map(|(s, _)| s).collect();
    let variant_docs = strings.iter().map(|s| match s.as_str() {
        "" => doc_attrs("The empty string."),
        s => doc_attrs(&format!("`{}`", s.replace('`', "'"))),
    });
    let default = idents.first().map(|first| {
        quote! {
            #cfg
            impl ::core::default::Default for #name {
                /// The first value the schema lists.
                fn default() -> Self {
                    Self::#first
                }
            }
        }
    });
    quote! {
        #doc
        #cfg
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #variant_docs #idents, )*
            /// A value the schema does not list (from a newer server), kept as it came.
            #other(::kubegen_runtime::CompactString),
        }
        #default
        #cfg
        impl #name {
            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#idents => #strings, )*
                    Self::#other(value) => value,
                }
            }
        }
        #cfg
        impl ::core::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #( #strings => Self::#idents, )*
                    _ => Self::#other(value.into()),
                }
            }
        }
        #cfg
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        #cfg
        impl ::kubegen_runtime::serde::Serialize for #name {
            fn serialize<S: ::kubegen_runtime::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        #cfg
        impl<'de> ::kubegen_runtime::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::kubegen_runtime::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <::kubegen_runtime::CompactString as ::kubegen_runtime::serde::Deserialize>::deserialize(deserializer)?;
                ::core::result::Result::Ok(match value.as_str() {
                    #( #strings => Self::#idents, )*
                    _ => Self::#other(value),
                })
            }
        }
    }
}
