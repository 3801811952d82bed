//! A struct's `Deserialize` and `Serialize`: lossless over members the type
//! does not know and explicit `null`s of optional members (both kept in the
//! struct's `unknown_fields`, see the runtime's `meta::UnknownFields`).
//!
//! The emitted code is one match arm, one slot and one line of encoding per
//! field; the visitor, key lookup and unknown-member handling are the
//! runtime's (`meta::DecodeStruct`, `FieldReader`, `FieldWriter`). Behaviour
//! matches what serde derive did: optional fields skipped when `None`,
//! required fields with a `Default` defaulted when absent (others a missing
//! field error), lists decoded to their exact length, a root's `apiVersion`
//! and `kind` skipped when empty.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::repr::{is_optional, Defaults};
use crate::ir::{Field, TypeDef, TypeRef};

/// Whether a field is a kind root's `apiVersion` or `kind`.
fn is_type_meta(def: &TypeDef, f: &Field) -> bool {
    def.root_of.is_some() && matches!(f.json.as_str(), "apiVersion" | "kind")
}

/// The `Deserialize`, `DecodeStruct` and `Serialize` impls of a struct.
pub fn emit_codec(def: &TypeDef, defaults: &Defaults<'_>, cfg: &TokenStream) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let names = def.fields.iter().map(|f| f.json.as_str());
    let slots: Vec<_> = (0..def.fields.len())
        .map(|i| format_ident!("f{}", i))
        .collect();
    let reads: Vec<TokenStream> = def
        .fields
        .iter()
        .zip(&slots)
        .enumerate()
        .map(|(i, (f, slot))| read_field(f, index(i), slot))
        .collect();
    let read_loop = match reads.as_slice() {
        [] => quote!(while r.next_field()?.is_some() {}),
        [only] => quote!(while r.next_field()?.is_some() { #only; }),
        [init @ .., last] => {
            let indexes = (0..init.len()).map(index);
            quote! {
                while let ::core::option::Option::Some(i) = r.next_field()? {
                    match i {
                        #(#indexes => #init,)*
                        _ => #last,
                    }
                }
            }
        }
    };
    let inits = def
        .fields
        .iter()
        .zip(&slots)
        .enumerate()
        .map(|(i, (f, slot))| {
            let fname = format_ident!("{}", f.rust);
            let value = if !f.required {
                quote!(#slot)
            } else if is_type_meta(def, f) || f.nullable || defaults.type_has_default(&f.ty) {
                quote!(#slot.unwrap_or_default())
            } else {
                let i = index(i);
                quote!(r.required(#slot, #i)?)
            };
            quote!(#fname: #value)
        });
    let unknown = format_ident!("{}", crate::ir::UNKNOWN_FIELDS);
    let writes = def.fields.iter().map(|f| {
        let fname = format_ident!("{}", f.rust);
        let json = &f.json;
        if is_type_meta(def, f) {
            quote!(w.type_meta(#json, &self.#fname)?;)
        } else if !f.required {
            quote!(w.optional(#json, &self.#fname)?;)
        } else {
            quote!(w.field(#json, &self.#fname)?;)
        }
    });
    let rt = quote!(::kubegen_runtime);
    quote! {
        #cfg
        impl<'de> #rt::serde::Deserialize<'de> for #name {
            fn deserialize<D: #rt::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                #rt::meta::decode_struct(deserializer)
            }
        }
        #cfg
        impl<'de> #rt::meta::DecodeStruct<'de> for #name {
            const FIELDS: &'static [&'static str] = &[#(#names),*];
            fn decode<A: #rt::serde::de::MapAccess<'de>>(
                mut r: #rt::meta::FieldReader<'de, A>,
            ) -> ::core::result::Result<Self, A::Error> {
                #(let mut #slots = ::core::option::Option::None;)*
                #read_loop
                ::core::result::Result::Ok(Self {
                    #(#inits,)*
                    #unknown: r.finish(),
                })
            }
        }
        #cfg
        impl #rt::serde::Serialize for #name {
            fn serialize<S: #rt::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                let mut w = #rt::meta::FieldWriter::new(serializer, &self.#unknown)?;
                #(#writes)*
                w.end()
            }
        }
    }
}

/// A field index as an unsuffixed literal.
fn index(i: usize) -> Literal {
    Literal::usize_unsuffixed(i)
}

/// How field `i` is read into its slot.
fn read_field(f: &Field, i: Literal, slot: &Ident) -> TokenStream {
    let list = matches!(f.ty, TypeRef::List(_));
    let some = quote!(::core::option::Option::Some);
    match (!f.required, list) {
        // Optional: the slot is the field; `null` is kept to be written back.
        (true, true) => quote!(#slot = r.optional_list(#i)?),
        (true, false) => quote!(#slot = r.optional(#i)?),
        // Required and nullable lists: `Option<Vec<_>>`, written even when `None`.
        (false, true) if is_optional(f) => quote!(#slot = #some(r.optional_list(#i)?)),
        (false, true) => quote!(#slot = #some(r.list()?)),
        (false, false) => quote!(#slot = #some(r.value()?)),
    }
}
