//! Apply configurations: for every generated struct `Foo`, a `FooApply` in
//! the version module's `apply` submodule, for server-side apply.
//!
//! Every field is an `Option` sent only when set (so an apply claims only
//! what the caller set), with a builder-style setter; nested structs, list
//! items and map values are apply types too; `ObjectMeta` is the runtime's
//! `ObjectMetaApply`. A kind's root has `new(name[, namespace])` and
//! implements the runtime's `ApplyConfiguration`. The `Deserialize` and
//! `Serialize` are the generated structs' codec (`emit::codec`), which is
//! the compact one. A submodule rather than items beside the types: one
//! `cfg` gates them all, and no apply name can collide with a type's.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::codec::emit_codec;
use super::constructors::metadata_field;
use super::repr::{type_tokens, unknown_fields, Defaults};
use super::tree::{cfg_for, GroupModule};
use crate::ir::{Field, MetaType, Model, ModulePath, TypeDef, TypeId, TypeRef};
use crate::verbs::Scope;

/// Whether apply modules of a crate generated with one feature per group
/// are behind the `apply` feature (see BENCHMARKS.md for the build cost).
const GATED: bool = true;

/// Setter names that would shadow a method every apply type has, or that
/// clippy reserves for a standard trait's method: these get a `set_` prefix.
#[rustfmt::skip]
const TAKEN: &[&str] = &[
    "new", "default", "clone", "eq", "ne", "fmt", "serialize", "deserialize", "decode",
    "extract", "extract_status", "into", "from", "to_owned", "add", "as_mut", "as_ref",
    "bitand", "bitor", "bitxor", "borrow", "borrow_mut", "cmp", "deref", "deref_mut", "div",
    "drop", "from_iter", "from_str", "hash", "index", "index_mut", "into_iter", "mul", "neg",
    "next", "not", "rem", "shl", "shr", "sub",
];

/// Appends an `apply` submodule to every version module that has structs.
pub fn append_apply_modules(
    model: &Model,
    groups: &mut BTreeMap<String, GroupModule>,
    features_on: bool,
) {
    let mut kinds: BTreeMap<&TypeId, (Scope, &str)> = BTreeMap::new();
    for group in model.groups.values() {
        for version in group.versions.values() {
            for kind in version.kinds.values() {
                kinds
                    .entry(&kind.root)
                    .or_insert((kind.scope, group.feature.as_str()));
            }
        }
    }
    let defaults = Defaults::new(&model.types);
    let mut items: BTreeMap<&ModulePath, TokenStream> = BTreeMap::new();
    for def in model.types.types.values() {
        if model.types.string_enums.contains_key(&def.id) {
            continue;
        }
        let Some(v) = groups
            .get(&def.module.group)
            .and_then(|g| g.versions.get(&def.module.version))
        else {
            continue;
        };
        let cfg = cfg_for(features_on, &def.features, Some(&v.features));
        let out = items.entry(&def.module).or_default();
        out.extend(apply_struct(model, def, &defaults, &cfg));
        if let Some((scope, feature)) = kinds.get(&def.id) {
            let own = [feature.to_string()].into();
            let kind_cfg = cfg_for(features_on, &own, Some(&v.features));
            out.extend(kind_items(def, *scope, &kind_cfg));
        }
    }
    for (module, tokens) in items {
        let v = groups
            .get_mut(&module.group)
            .and_then(|g| g.versions.get_mut(&module.version))
            .expect("version module");
        let gate = (features_on && GATED).then(|| quote!(#[cfg(feature = "apply")]));
        v.items.extend(quote! {
            /// Apply configurations of this version's types, for server-side apply.
            #gate
            pub mod apply {
                #tokens
            }
        });
    }
}

/// `FooApply`, its setters and its codec.
fn apply_struct(
    model: &Model,
    def: &TypeDef,
    defaults: &Defaults<'_>,
    cfg: &TokenStream,
) -> TokenStream {
    let name = apply_name(&def.name);
    let doc = format!(" Apply configuration of [`super::{}`].", def.name);
    let mut fields = Vec::new();
    let mut setters = Vec::new();
    let mut codec_def = def.clone();
    codec_def.name = name.to_string();
    for (f, cf) in def.fields.iter().zip(&mut codec_def.fields) {
        let field = format_ident!("{}", f.rust);
        let fdoc = format!(" `{}`.", f.json.replace('`', "'"));
        if is_type_meta(def, f) {
            fields.push(quote!(#[doc = #fdoc] pub #field: ::kubegen_runtime::CompactString,));
            continue;
        }
        cf.required = false;
        cf.nullable = false;
        let ty = apply_type(&f.ty, &def.module, model);
        let boxed =
            matches!(&f.ty, TypeRef::Named(id) if !model.types.string_enums.contains_key(id));
        let (stored, value) = if boxed {
            (
                quote!(::std::boxed::Box<#ty>),
                quote!(::std::boxed::Box::new(value.into())),
            )
        } else {
            (ty.clone(), quote!(value.into()))
        };
        fields.push(quote!(#[doc = #fdoc] pub #field: ::core::option::Option<#stored>,));
        let plain = f.rust.trim_start_matches("r#");
        let setter = if TAKEN.contains(&plain) {
            format_ident!("set_{}", plain)
        } else {
            field.clone()
        };
        setters.push(quote! {
            #[doc = #fdoc]
            pub fn #setter(mut self, value: impl ::core::convert::Into<#ty>) -> Self {
                self.#field = ::core::option::Option::Some(#value);
                self
            }
        });
    }
    let unknown = unknown_fields();
    let derive_default = def.root_of.is_none().then(|| quote!(Default,));
    let codec = emit_codec(&codec_def, defaults, cfg);
    quote! {
        #[doc = #doc]
        #cfg
        #[derive(Clone, Debug, #derive_default PartialEq)]
        pub struct #name {
            #(#fields)*
            #unknown
        }
        #cfg
        impl #name {
            #(#setters)*
        }
        #codec
    }
}

/// A kind root's `Default` (with `apiVersion` and `kind`), `new` and `ApplyConfiguration`.
fn kind_items(def: &TypeDef, scope: Scope, cfg: &TokenStream) -> TokenStream {
    let Some((api_version, kind)) = &def.root_of else {
        return quote!();
    };
    let name = apply_name(&def.name);
    let original = format_ident!("{}", def.name);
    let inits = def.fields.iter().map(|f| {
        let field = format_ident!("{}", f.rust);
        match f.json.as_str() {
            "apiVersion" if is_type_meta(def, f) => quote!(#field: #api_version.into()),
            "kind" if is_type_meta(def, f) => quote!(#field: #kind.into()),
            _ => quote!(#field: ::core::option::Option::None),
        }
    });
    let unknown = format_ident!("{}", crate::ir::UNKNOWN_FIELDS);
    let meta = metadata_field(def);
    let rt = quote!(::kubegen_runtime);
    let (params, namespace, what) = match scope {
        Scope::Namespaced => (
            quote!(name: impl ::core::convert::Into<#rt::CompactString>, namespace: impl ::core::convert::Into<#rt::CompactString>),
            quote!(namespace: ::core::option::Option::Some(namespace.into()),),
            "this name and namespace",
        ),
        Scope::Cluster => (
            quote!(name: impl ::core::convert::Into<#rt::CompactString>),
            quote!(),
            "this name",
        ),
    };
    let new_doc = format!(" A `{kind}` apply configuration with {what}, owning nothing else yet.");
    quote! {
        #cfg
        impl ::core::default::Default for #name {
            fn default() -> Self {
                Self { #(#inits,)* #unknown: ::core::default::Default::default() }
            }
        }
        #cfg
        impl #name {
            #[doc = #new_doc]
            pub fn new(#params) -> Self {
                Self {
                    #meta: ::core::option::Option::Some(#rt::apply::ObjectMetaApply {
                        name: ::core::option::Option::Some(name.into()),
                        #namespace
                        ..::core::default::Default::default()
                    }),
                    ..<Self as ::core::default::Default>::default()
                }
            }
        }
        #cfg
        impl #rt::apply::ApplyConfiguration for #name {
            type Kind = super::#original;
        }
    }
}

/// `FooApply` for `Foo` (a name escaped as `Self_` gives `SelfApply`).
fn apply_name(name: &str) -> proc_macro2::Ident {
    format_ident!("{}Apply", name.trim_end_matches('_'))
}

/// Whether a field is a kind root's `apiVersion` or `kind` (always sent).
fn is_type_meta(def: &TypeDef, f: &Field) -> bool {
    def.root_of.is_some() && matches!(f.json.as_str(), "apiVersion" | "kind")
}

/// The apply type of a field type, seen from `from`'s `apply` submodule.
fn apply_type(ty: &TypeRef, from: &ModulePath, model: &Model) -> TokenStream {
    let table = &model.types;
    match ty {
        TypeRef::Meta(MetaType::ObjectMeta) => quote!(::kubegen_runtime::apply::ObjectMetaApply),
        TypeRef::Meta(MetaType::OwnerReference) => {
            quote!(::kubegen_runtime::apply::OwnerReferenceApply)
        }
        TypeRef::Named(id) => {
            let def = table.get(id);
            let is_enum = table.string_enums.contains_key(id);
            let name = if is_enum {
                format_ident!("{}", def.name)
            } else {
                apply_name(&def.name)
            };
            let g = format_ident!("{}", def.module.group);
            let v = format_ident!("{}", def.module.version);
            match (&def.module == from, is_enum) {
                (true, true) => quote!(super::#name),
                (true, false) => quote!(#name),
                (false, true) => quote!(super::super::super::#g::#v::#name),
                (false, false) => quote!(super::super::super::#g::#v::apply::#name),
            }
        }
        TypeRef::List(t) => {
            let inner = apply_type(t, from, model);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Map(t) => {
            let inner = apply_type(t, from, model);
            quote!(::kubegen_runtime::meta::Map<::kubegen_runtime::CompactString, #inner>)
        }
        other => type_tokens(other, from, table),
    }
}
