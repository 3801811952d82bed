//! What the schema must honour of `#[serde(...)]`: names (`rename`,
//! `rename_all`), fields left out (`skip`), merged (`flatten`) or optional
//! (`default`, `skip_serializing_if`). Other serde keys change nothing in
//! the schema; attributes serde itself rejects are left for serde to report.

use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, ExprLit, Lit, Meta, Token};

use crate::names::RenameRule;

/// A struct's or enum's serde attributes.
#[derive(Default)]
pub struct Container {
    pub rename_all: Option<RenameRule>,
}

/// A field's or variant's serde attributes.
#[derive(Default)]
pub struct Member {
    pub rename: Option<String>,
    pub skip: bool,
    pub flatten: bool,
    /// `default` or `skip_serializing_if`: the field may be absent.
    pub optional: bool,
}

fn serde_metas(attrs: &[Attribute]) -> Vec<Meta> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("serde"))
        .filter_map(|a| {
            a.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                .ok()
        })
        .flatten()
        .collect()
}

/// The string of `key = "value"`, or of `key(serialize = "value")`.
fn serialized_string(meta: &Meta) -> Option<syn::LitStr> {
    match meta {
        Meta::NameValue(nv) => match &nv.value {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => Some(s.clone()),
            _ => None,
        },
        Meta::List(list) => list
            .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
            .ok()?
            .iter()
            .find(|m| m.path().is_ident("serialize"))
            .and_then(serialized_string),
        Meta::Path(_) => None,
    }
}

/// A container's serde attributes; an unknown `rename_all` rule is an error here.
pub fn container(attrs: &[Attribute]) -> syn::Result<Container> {
    let mut out = Container::default();
    for meta in serde_metas(attrs) {
        if meta.path().is_ident("rename_all") {
            if let Some(s) = serialized_string(&meta) {
                out.rename_all =
                    Some(RenameRule::from_name(&s.value()).ok_or_else(|| {
                        syn::Error::new(s.span(), "unknown serde rename_all rule")
                    })?);
            }
        }
    }
    Ok(out)
}

/// A field's or variant's serde attributes.
pub fn member(attrs: &[Attribute]) -> Member {
    let mut out = Member::default();
    for meta in serde_metas(attrs) {
        let path = meta.path();
        if path.is_ident("rename") {
            out.rename = serialized_string(&meta).map(|s| s.value());
        } else if path.is_ident("skip") || path.is_ident("skip_serializing") {
            out.skip = true;
        } else if path.is_ident("flatten") {
            out.flatten = true;
        } else if path.is_ident("default") || path.is_ident("skip_serializing_if") {
            out.optional = true;
        }
    }
    out
}
