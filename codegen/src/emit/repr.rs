//! Type representation: every decision about how a schema type becomes a
//! Rust type is here, so it can be changed and measured in one place.
//!
//! - strings: the runtime's `CompactString`, which keeps up to 24 bytes
//!   inline (a cached Pod holds about a hundred strings, nearly all names,
//!   keys and enum values shorter than that, each a heap allocation as a
//!   `String`). String enums of fields are Rust enums whose `Other` keeps
//!   unknown values (`ir::enums`, `emit::enums`), never boxed; `byte` stays
//!   base64 text.
//! - optional fields: `Option<T>`, skipped when `None`; required fields plain
//!   (with `#[serde(default)]` when `T: Default`, so a server that omits one
//!   still decodes); required-and-nullable fields `Option<T>` without skipping.
//! - boxing: fields through which a struct contains itself are boxed
//!   (required for the type to have a size). Every optional struct field
//!   is `Option<Box<T>>` too (8 bytes when absent,
//!   one allocation when present), except the `spec` and `status` of a kind's
//!   root: those are nearly always present and the fields built by hand most.
//!   Kubernetes types are mostly optional sub-structures that are absent (a
//!   core/v1 `Volume` is 28 optional sources, one set), so inline they cost
//!   kilobytes per object: measured on 10,000 Pods, boxing took an informer
//!   cache from 32.4 to the figure in BENCHMARKS.md.
//! - arrays: `Vec<T>`, decoded to their exact length (serde's doubling would
//!   leave room for four where a Pod has one or two containers); maps (`additionalProperties`): the runtime's
//!   `meta::Map<CompactString, T>`, a vector of pairs sorted by key (deterministic
//!   encoding like a `BTreeMap`, but a one-entry map costs one small
//!   allocation instead of a whole B-tree node: 976 bytes for a map of
//!   quantities, the largest cost of a cached Pod before this choice).
//! - untyped objects, preserve-unknown-fields without properties,
//!   RawExtension: `serde_json::Value`.
//! - every struct has an `unknown_fields` (the runtime's
//!   `meta::UnknownFields`, one pointer, `None` when empty) keeping members
//!   the type does not know and explicit `null`s of optional members, so a
//!   typed read-modify-write against a newer schema loses nothing. Its
//!   `Deserialize` and `Serialize` are emitted by `emit::codec` (no
//!   `#[serde(flatten)]`: that buffers every member and is slow).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Field, ModulePath, TypeDef, TypeId, TypeRef, TypeTable};

/// The Rust type of `ty` as seen from module `from`.
pub fn type_tokens(ty: &TypeRef, from: &ModulePath, table: &TypeTable) -> TokenStream {
    match ty {
        TypeRef::String => quote!(::kubegen_runtime::CompactString),
        TypeRef::Bool => quote!(bool),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F64 => quote!(f64),
        TypeRef::Value => quote!(::kubegen_runtime::serde_json::Value),
        TypeRef::Meta(m) => {
            let name = format_ident!("{}", m.name());
            quote!(::kubegen_runtime::meta::#name)
        }
        TypeRef::Named(id) => named_path(id, from, table),
        TypeRef::List(t) => {
            let inner = type_tokens(t, from, table);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Map(t) => {
            let inner = type_tokens(t, from, table);
            quote!(::kubegen_runtime::meta::Map<::kubegen_runtime::CompactString, #inner>)
        }
    }
}

/// Path of a generated struct from module `from`: its bare name in the same
/// module, else relative through the tree root (`super::super::core::v1::Pod`),
/// so the output works wherever it is included.
pub fn named_path(id: &TypeId, from: &ModulePath, table: &TypeTable) -> TokenStream {
    let def = table.get(id);
    let name = format_ident!("{}", def.name);
    if &def.module == from {
        quote!(#name)
    } else {
        let g = format_ident!("{}", def.module.group);
        let v = format_ident!("{}", def.module.version);
        quote!(super::super::#g::#v::#name)
    }
}

/// Whether a field is boxed: it is part of a cycle, or an optional
/// generated struct other than a root's `spec` and `status`.
pub fn boxed(
    owner: &TypeDef,
    field: &Field,
    cyclic: &BTreeSet<(TypeId, String)>,
    table: &TypeTable,
) -> bool {
    // A string enum is as small as the string it replaces: never boxed.
    let is_struct = matches!(&field.ty, TypeRef::Named(id) if !table.string_enums.contains_key(id));
    let root_part = owner.root_of.is_some() && matches!(field.json.as_str(), "spec" | "status");
    cyclic.contains(&(owner.id.clone(), field.json.clone()))
        || (is_struct && is_optional(field) && !root_part)
}

/// Whether a field is `Option<_>`.
pub fn is_optional(field: &Field) -> bool {
    !field.required || field.nullable
}

/// The field's full Rust type.
pub fn field_type(f: &Field, boxed: bool, from: &ModulePath, table: &TypeTable) -> TokenStream {
    let mut ty = type_tokens(&f.ty, from, table);
    if boxed {
        ty = quote!(::std::boxed::Box<#ty>);
    }
    if is_optional(f) {
        ty = quote!(::core::option::Option<#ty>);
    }
    ty
}

/// The struct's derives; `Default` only when every field has one. Its
/// `Deserialize` and `Serialize` are emitted by `emit::codec`.
pub fn derives(with_default: bool) -> TokenStream {
    let default = with_default.then(|| quote!(Default,));
    quote! {
        #[derive(Clone, Debug, #default PartialEq)]
    }
}

/// The field keeping members the struct does not name and explicit `null`s
/// of optional members (one pointer, `None` when there are none).
pub fn unknown_fields() -> TokenStream {
    let name = format_ident!("{}", crate::ir::UNKNOWN_FIELDS);
    quote! {
        #[doc = " Members the schema does not name (or a newer one added) and explicit `null`s,"]
        #[doc = " kept so that decode-then-encode loses nothing."]
        pub #name: ::kubegen_runtime::meta::UnknownFields,
    }
}

/// Which types implement `Default`, memoized over the table.
pub struct Defaults<'a> {
    table: &'a TypeTable,
    memo: std::cell::RefCell<BTreeMap<TypeId, bool>>,
}

impl<'a> Defaults<'a> {
    /// For a table.
    pub fn new(table: &'a TypeTable) -> Self {
        Defaults {
            table,
            memo: Default::default(),
        }
    }

    /// Whether `T: Default` for a field type.
    pub fn type_has_default(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Meta(m) => m.has_default(),
            TypeRef::Named(id) => self.struct_has_default(id),
            _ => true,
        }
    }

    /// Whether a generated struct can derive (or gets) `Default`.
    pub fn struct_has_default(&self, id: &TypeId) -> bool {
        if let Some(&known) = self.memo.borrow().get(id) {
            return known;
        }
        // Assume yes while visiting: a cycle goes through optional or boxed fields.
        self.memo.borrow_mut().insert(id.clone(), true);
        let def = self.table.get(id);
        let ok = def
            .fields
            .iter()
            .all(|f| is_optional(f) || self.type_has_default(&f.ty));
        self.memo.borrow_mut().insert(id.clone(), ok);
        ok
    }
}
