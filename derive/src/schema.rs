//! `#[derive(KubeSchema)]`: a struct's object schema (properties from its
//! fields, doc comments as descriptions, serde names, validation keywords),
//! a newtype's inner schema, or a unit-only enum's string enum.

use proc_macro2::{Literal, TokenStream};
use quote::{quote, ToTokens};
use syn::meta::ParseNestedMeta;
use syn::{Data, DeriveInput, Expr, ExprLit, ExprUnary, Fields, Lit, UnOp};

use crate::parse::{self, docs, option_str};
use crate::serde_attrs;

/// The derive's entry: only `crate = "..."` is allowed on the type itself.
pub fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let mut krate = None;
    parse::each_kubegen(&input.attrs, |meta| {
        if meta.path.is_ident("crate") {
            krate = Some(parse::string(meta)?);
            Ok(())
        } else {
            Err(meta.error(format!(
                "unknown kubegen attribute `{}` on a KubeSchema type: only `crate = \"...\"` \
                 (the CRD's attributes go on a `#[derive(CustomResource)]` spec)",
                parse::key(meta)
            )))
        }
    })?;
    let krate = parse::crate_path(krate.as_ref())?;
    kube_schema_impl(input, &krate)
}

/// `impl KubeSchema` for the type of `input`; `krate` names the `kubegen` crate.
pub fn kube_schema_impl(input: &DeriveInput, krate: &syn::Path) -> syn::Result<TokenStream> {
    let rt = quote!(#krate::__runtime);
    let body = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(_) => object_body(input, &s.fields, &rt)?,
            Fields::Unnamed(f) if f.unnamed.len() == 1 => {
                let ty = &f.unnamed[0].ty;
                let desc = option_str(docs(&input.attrs).as_deref());
                quote! {
                    let mut schema = <#ty as #rt::schema::KubeSchema>::schema();
                    if let ::core::option::Option::Some(d) = #desc {
                        #rt::schema::set_keyword(&mut schema, "description", #rt::serde_json::Value::from(d));
                    }
                    schema
                }
            }
            _ => return Err(syn::Error::new_spanned(
                &input.ident,
                "KubeSchema: a struct needs named fields, or exactly one unnamed field (a newtype)",
            )),
        },
        Data::Enum(e) => {
            let rule = serde_attrs::container(&input.attrs)?.rename_all;
            let mut names = Vec::new();
            for v in &e.variants {
                if !matches!(v.fields, Fields::Unit) {
                    return Err(syn::Error::new_spanned(
                        v,
                        "KubeSchema: only enums of unit variants are supported (they become string enums)",
                    ));
                }
                let s = serde_attrs::member(&v.attrs);
                if s.skip {
                    continue;
                }
                let ident = v.ident.to_string();
                names.push(s.rename.unwrap_or_else(|| match rule {
                    Some(r) => r.apply_to_variant(&ident),
                    None => ident,
                }));
            }
            let desc = option_str(docs(&input.attrs).as_deref());
            quote!(#rt::schema::string_enum(#desc, &[#(#names),*]))
        }
        Data::Union(_) => {
            return Err(syn::Error::new_spanned(
                &input.ident,
                "KubeSchema: unions are not supported",
            ))
        }
    };
    let name = &input.ident;
    let mut generics = input.generics.clone();
    for param in generics.type_params_mut() {
        param
            .bounds
            .push(syn::parse_quote!(#rt::schema::KubeSchema));
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics #rt::schema::KubeSchema for #name #ty_generics #where_clause {
            fn schema() -> #rt::serde_json::Value {
                #body
            }
        }
    })
}

fn object_body(input: &DeriveInput, fields: &Fields, rt: &TokenStream) -> syn::Result<TokenStream> {
    let rule = serde_attrs::container(&input.attrs)?.rename_all;
    let desc = option_str(docs(&input.attrs).as_deref());
    let mut steps = Vec::new();
    for field in fields {
        let keywords = validations(field)?;
        let s = serde_attrs::member(&field.attrs);
        if s.skip {
            continue;
        }
        let ty = &field.ty;
        let schema_of = quote!(<#ty as #rt::schema::KubeSchema>);
        if s.flatten {
            steps.push(quote!(object.flatten(#schema_of::schema(), #schema_of::OPTIONAL);));
            continue;
        }
        let ident = field
            .ident
            .as_ref()
            .map(|i| i.to_string().trim_start_matches("r#").to_owned())
            .unwrap_or_default();
        let json = s.rename.unwrap_or_else(|| match rule {
            Some(r) => r.apply_to_field(&ident),
            None => ident,
        });
        let optional = s.optional;
        let fdesc = option_str(docs(&field.attrs).as_deref());
        let sets = keywords.iter().map(|(k, v)| {
            quote!(#rt::schema::set_keyword(&mut schema, #k, #rt::serde_json::Value::from(#v));)
        });
        steps.push(quote! {
            {
                let mut schema = #schema_of::schema();
                #(#sets)*
                object.property(#json, schema, #schema_of::OPTIONAL || #optional, #fdesc);
            }
        });
    }
    Ok(quote! {
        let mut object = #rt::schema::ObjectSchema::new(#desc);
        #(#steps)*
        object.build()
    })
}

/// The schema keywords of a field's `#[kubegen(validate(...))]`.
fn validations(field: &syn::Field) -> syn::Result<Vec<(String, TokenStream)>> {
    let mut out: Vec<(String, TokenStream)> = Vec::new();
    parse::each_kubegen(&field.attrs, |meta| {
        if !meta.path.is_ident("validate") {
            return Err(meta.error(format!(
                "unknown kubegen attribute `{}` on a field: expected `validate(...)`",
                parse::key(meta)
            )));
        }
        meta.parse_nested_meta(|v| {
            let key = parse::key(&v);
            let (keyword, value) = match key.as_str() {
                "min" => ("minimum", number(&v)?),
                "max" => ("maximum", number(&v)?),
                "min_length" => ("minLength", count(&v)?),
                "max_length" => ("maxLength", count(&v)?),
                "min_items" => ("minItems", count(&v)?),
                "max_items" => ("maxItems", count(&v)?),
                "min_properties" => ("minProperties", count(&v)?),
                "max_properties" => ("maxProperties", count(&v)?),
                "pattern" => ("pattern", {
                    let s = parse::string(&v)?;
                    quote!(#s)
                }),
                _ => {
                    return Err(v.error(format!(
                        "unknown validation `{key}`: expected min, max, min_length, max_length, \
                         min_items, max_items, min_properties, max_properties or pattern"
                    )))
                }
            };
            if out.iter().any(|(k, _)| k == keyword) {
                return Err(v.error(format!("validation `{key}` given twice")));
            }
            out.push((keyword.to_owned(), value));
            Ok(())
        })
    })?;
    Ok(out)
}

/// An integer or float literal, possibly negative, as the `f64` that
/// `minimum` and `maximum` are in apiextensions/v1.
fn number(meta: &ParseNestedMeta) -> syn::Result<TokenStream> {
    let expr: Expr = meta.value()?.parse()?;
    let (negative, lit) = match &expr {
        Expr::Unary(ExprUnary {
            op: UnOp::Neg(_),
            expr,
            ..
        }) => (true, &**expr),
        e => (false, e),
    };
    let magnitude = match lit {
        Expr::Lit(ExprLit {
            lit: Lit::Int(i), ..
        }) => Literal::f64_suffixed(i.base10_parse::<i64>()? as f64),
        Expr::Lit(ExprLit {
            lit: Lit::Float(f), ..
        }) => {
            let v: f64 = f.base10_parse()?;
            if !v.is_finite() {
                return Err(syn::Error::new_spanned(f, "expected a finite number"));
            }
            Literal::f64_suffixed(v)
        }
        _ => {
            return Err(syn::Error::new_spanned(
                expr,
                "expected a number, such as `1` or `0.5`",
            ))
        }
    };
    Ok(if negative {
        quote!(-#magnitude)
    } else {
        magnitude.into_token_stream()
    })
}

/// A non-negative integer literal.
fn count(meta: &ParseNestedMeta) -> syn::Result<TokenStream> {
    let lit: syn::LitInt = meta.value()?.parse()?;
    let v: u64 = lit.base10_parse()?;
    Ok(Literal::u64_suffixed(v).into_token_stream())
}
