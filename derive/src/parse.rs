//! Reading `#[kubegen(...)]` and doc comments: the helpers both derives share.

use proc_macro2::TokenStream;
use quote::quote;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, Expr, ExprLit, Lit, LitStr};

/// Doc comments joined into one description; `None` when there are none.
pub fn docs(attrs: &[Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(ExprLit {
                    lit: Lit::Str(s), ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|line| {
            line.strip_prefix(' ')
                .unwrap_or(&line)
                .trim_end()
                .to_owned()
        })
        .collect();
    let text = lines.join("\n").trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// `Some("text")` or `None` as tokens.
pub fn option_str(text: Option<&str>) -> TokenStream {
    match text {
        Some(t) => quote!(::core::option::Option::Some(#t)),
        None => quote!(::core::option::Option::None),
    }
}

/// Every `#[kubegen(...)]` attribute, each nested item given to `each`.
pub fn each_kubegen(
    attrs: &[Attribute],
    mut each: impl FnMut(&ParseNestedMeta) -> syn::Result<()>,
) -> syn::Result<()> {
    for attr in attrs.iter().filter(|a| a.path().is_ident("kubegen")) {
        attr.parse_nested_meta(|meta| each(&meta))?;
    }
    Ok(())
}

/// The string of `key = "..."`.
pub fn string(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
    meta.value()?.parse()
}

/// The name of a nested item, for messages (`group`, `validate` ...).
pub fn key(meta: &ParseNestedMeta) -> String {
    meta.path
        .get_ident()
        .map_or_else(|| "?".to_owned(), ToString::to_string)
}

/// The path code names the `kubegen` crate by: `::kubegen`, or the
/// `crate = "..."` of the attributes.
pub fn crate_path(value: Option<&LitStr>) -> syn::Result<syn::Path> {
    match value {
        Some(lit) => lit.parse(),
        None => Ok(syn::parse_quote!(::kubegen)),
    }
}
