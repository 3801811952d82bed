//! `#[derive(CustomResource)]`: from a spec struct and its
//! `#[kubegen(group, version, kind, plural, ...)]`, the kind type (shaped as
//! generated kinds are: `apiVersion`, `kind`, `metadata`, `spec`, optional
//! `status`), its `Resource` impl, `Kind::new`, `Kind::crd`, and the spec's
//! `KubeSchema`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};
use syn::meta::ParseNestedMeta;
use syn::{Data, DeriveInput, Fields, LitStr};

use crate::parse::{self, option_str};
use crate::schema::kube_schema_impl;

/// The attributes of one kind.
#[derive(Default)]
struct Attrs {
    group: Option<LitStr>,
    version: Option<LitStr>,
    kind: Option<LitStr>,
    plural: Option<LitStr>,
    short_names: Vec<LitStr>,
    categories: Vec<LitStr>,
    namespaced: Option<bool>,
    status: Option<syn::Type>,
    scale: Option<Scale>,
    columns: Vec<Column>,
    krate: Option<LitStr>,
}

struct Scale {
    spec_replicas_path: LitStr,
    status_replicas_path: LitStr,
    label_selector_path: Option<LitStr>,
}

struct Column {
    name: LitStr,
    type_: LitStr,
    json_path: LitStr,
    description: Option<LitStr>,
    format: Option<LitStr>,
    priority: Option<i32>,
}

const KEYS: &str = "group, version, kind, plural, short_names, namespaced, cluster, status, \
                    scale(...), printer_column(...), category, crate";

/// Sets `slot` once; a second value is an error at its key.
fn once<T>(meta: &ParseNestedMeta, slot: &mut Option<T>, value: T) -> syn::Result<()> {
    if slot.is_some() {
        return Err(meta.error(format!("`{}` given twice", parse::key(meta))));
    }
    *slot = Some(value);
    Ok(())
}

/// A string that must match `valid`, else an error at the string saying `what`.
fn checked(meta: &ParseNestedMeta, valid: fn(&str) -> bool, what: &str) -> syn::Result<LitStr> {
    let lit = parse::string(meta)?;
    if valid(&lit.value()) {
        Ok(lit)
    } else {
        Err(syn::Error::new(
            lit.span(),
            format!("`{}` must be {what}", parse::key(meta)),
        ))
    }
}

/// A DNS-1123 label: lowercase letters, digits and `-`, alphanumeric at both ends.
fn dns_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn group_name(s: &str) -> bool {
    s.contains('.') && s.split('.').all(dns_label)
}

fn version_name(s: &str) -> bool {
    dns_label(s) && s.starts_with(|c: char| c.is_ascii_lowercase())
}

fn kind_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

fn parse_attrs(input: &DeriveInput) -> syn::Result<Attrs> {
    let mut a = Attrs::default();
    parse::each_kubegen(&input.attrs, |meta| {
        let key = parse::key(meta);
        match key.as_str() {
            "group" => {
                let v = checked(
                    meta,
                    group_name,
                    "a DNS subdomain with a dot, such as `example.com`",
                )?;
                once(meta, &mut a.group, v)
            }
            "version" => {
                let v = checked(meta, version_name, "a lowercase DNS label such as `v1`")?;
                once(meta, &mut a.version, v)
            }
            "kind" => {
                let v = checked(meta, kind_name, "a PascalCase name such as `Gizmo`")?;
                once(meta, &mut a.kind, v)
            }
            "plural" => {
                let v = checked(meta, dns_label, "a lowercase DNS label such as `gizmos`")?;
                once(meta, &mut a.plural, v)
            }
            "short_names" => {
                let list: syn::ExprArray = meta.value()?.parse()?;
                for item in list.elems {
                    let lit: LitStr = syn::parse2(quote!(#item))?;
                    if !dns_label(&lit.value()) {
                        return Err(syn::Error::new(
                            lit.span(),
                            "a short name must be a lowercase DNS label",
                        ));
                    }
                    a.short_names.push(lit);
                }
                Ok(())
            }
            "category" => {
                let v = checked(meta, dns_label, "a lowercase DNS label such as `all`")?;
                a.categories.push(v);
                Ok(())
            }
            "namespaced" | "cluster" => {
                if a.namespaced.is_some() {
                    return Err(
                        meta.error("the scope is given twice: one of `namespaced` or `cluster`")
                    );
                }
                a.namespaced = Some(key == "namespaced");
                Ok(())
            }
            "status" => {
                let lit = parse::string(meta)?;
                let ty: syn::Type = lit.parse().map_err(|_| {
                    syn::Error::new(
                        lit.span(),
                        "`status` must name a type, such as \"GizmoStatus\"",
                    )
                })?;
                once(meta, &mut a.status, ty)
            }
            "scale" => {
                let scale = parse_scale(meta)?;
                once(meta, &mut a.scale, scale)
            }
            "printer_column" => {
                a.columns.push(parse_column(meta)?);
                Ok(())
            }
            "crate" => {
                let v = parse::string(meta)?;
                once(meta, &mut a.krate, v)
            }
            _ => Err(meta.error(format!(
                "unknown kubegen attribute `{key}`; expected one of {KEYS}"
            ))),
        }
    })?;
    Ok(a)
}

fn parse_scale(meta: &ParseNestedMeta) -> syn::Result<Scale> {
    let (mut spec, mut status, mut selector) = (None, None, None);
    meta.parse_nested_meta(|m| match parse::key(&m).as_str() {
        "spec_replicas_path" => once(&m, &mut spec, parse::string(&m)?),
        "status_replicas_path" => once(&m, &mut status, parse::string(&m)?),
        "label_selector_path" => once(&m, &mut selector, parse::string(&m)?),
        other => Err(m.error(format!(
            "unknown scale key `{other}`; expected spec_replicas_path, status_replicas_path, label_selector_path"
        ))),
    })?;
    let missing = |what: &str| meta.error(format!("scale needs `{what} = \"...\"`"));
    Ok(Scale {
        spec_replicas_path: spec.ok_or_else(|| missing("spec_replicas_path"))?,
        status_replicas_path: status.ok_or_else(|| missing("status_replicas_path"))?,
        label_selector_path: selector,
    })
}

fn parse_column(meta: &ParseNestedMeta) -> syn::Result<Column> {
    let (mut name, mut type_, mut json_path, mut description, mut format, mut priority) =
        (None, None, None, None, None, None);
    meta.parse_nested_meta(|m| match parse::key(&m).as_str() {
        "name" => once(&m, &mut name, parse::string(&m)?),
        "type" | "r#type" => {
            let t = checked(&m, |t| ["integer", "number", "string", "boolean", "date"].contains(&t),
                "one of integer, number, string, boolean, date")?;
            once(&m, &mut type_, t)
        }
        "json_path" => once(&m, &mut json_path, parse::string(&m)?),
        "description" => once(&m, &mut description, parse::string(&m)?),
        "format" => once(&m, &mut format, parse::string(&m)?),
        "priority" => {
            let lit: syn::LitInt = m.value()?.parse()?;
            once(&m, &mut priority, lit.base10_parse::<i32>()?)
        }
        other => Err(m.error(format!(
            "unknown printer_column key `{other}`; expected name, type, json_path, description, format, priority"
        ))),
    })?;
    let missing = |what: &str| meta.error(format!("printer_column needs `{what} = \"...\"`"));
    Ok(Column {
        name: name.ok_or_else(|| missing("name"))?,
        type_: type_.ok_or_else(|| missing("type"))?,
        json_path: json_path.ok_or_else(|| missing("json_path"))?,
        description,
        format,
        priority,
    })
}

/// The derive's entry.
pub fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let a = parse_attrs(input)?;
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "CustomResource derives from a spec struct",
        ));
    };
    if !matches!(data.fields, Fields::Named(_)) {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "CustomResource needs a spec struct with named fields",
        ));
    }
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            &input.generics,
            "CustomResource: a generic spec is not supported",
        ));
    }
    // Missing attributes point at the `#[kubegen(...)]`, or at the struct without one.
    let anchor = input
        .attrs
        .iter()
        .find(|a| a.path().is_ident("kubegen"))
        .map_or_else(|| input.ident.to_token_stream(), ToTokens::to_token_stream);
    let need = |v: Option<LitStr>, what: &str, example: &str| {
        v.ok_or_else(|| {
            syn::Error::new_spanned(
                &anchor,
                format!("CustomResource needs `{what} = \"{example}\"`"),
            )
        })
    };
    let group = need(a.group, "group", "example.com")?;
    let version = need(a.version, "version", "v1")?;
    let kind = need(a.kind, "kind", "Gizmo")?;
    let plural = need(a.plural, "plural", "gizmos")?;
    let namespaced = a.namespaced.ok_or_else(|| {
        syn::Error::new_spanned(
            &anchor,
            "CustomResource needs a scope: `namespaced` or `cluster`",
        )
    })?;
    let krate = parse::crate_path(a.krate.as_ref())?;
    let krate_str = quote!(#krate).to_string().replace(' ', "");
    let rt = quote!(#krate::__runtime);

    let spec_ty = &input.ident;
    let vis = &input.vis;
    let kind_ident = syn::Ident::new(&kind.value(), kind.span());
    let api_version = format!("{}/{}", group.value(), version.value());
    let scope = if namespaced {
        quote!(#rt::resource::NamespaceScope)
    } else {
        quote!(#rt::resource::ClusterScope)
    };
    let serde_crate = format!("{krate_str}::__runtime::serde");
    let skip_empty = format!("{krate_str}::__runtime::CompactString::is_empty");
    let kind_doc = format!(
        " The `{}` kind of `{api_version}`, with the spec [`{spec_ty}`].",
        kind.value()
    );
    let (status_field, status_init, status_schema) = match &a.status {
        Some(ty) => (
            quote! {
                /// What the controller last observed.
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub status: ::core::option::Option<#ty>,
            },
            quote!(status: ::core::option::Option::None,),
            quote!(::core::option::Option::Some(<#ty as #rt::schema::KubeSchema>::schema())),
        ),
        None => (quote!(), quote!(), quote!(::core::option::Option::None)),
    };
    let scale = match &a.scale {
        Some(s) => {
            let (spec, status) = (&s.spec_replicas_path, &s.status_replicas_path);
            let selector = option_str(s.label_selector_path.as_ref().map(LitStr::value).as_deref());
            quote!(::core::option::Option::Some(#rt::schema::ScaleSubresource {
                spec_replicas_path: #spec,
                status_replicas_path: #status,
                label_selector_path: #selector,
            }))
        }
        None => quote!(::core::option::Option::None),
    };
    let columns = a.columns.iter().map(|c| {
        let (name, type_, path) = (&c.name, &c.type_, &c.json_path);
        let description = option_str(c.description.as_ref().map(LitStr::value).as_deref());
        let format = option_str(c.format.as_ref().map(LitStr::value).as_deref());
        let priority = match c.priority {
            Some(p) => quote!(::core::option::Option::Some(#p)),
            None => quote!(::core::option::Option::None),
        };
        quote!(#rt::schema::PrinterColumn {
            name: #name, type_: #type_, json_path: #path,
            description: #description, format: #format, priority: #priority,
        })
    });
    let (short_names, categories) = (&a.short_names, &a.categories);
    let spec_schema = kube_schema_impl(input, &krate)?;
    let list = format_ident!("{}List", kind_ident);
    let list_doc = format!(" A list of `{}`.", kind.value());

    Ok(quote! {
        #spec_schema

        #[doc = #kind_doc]
        #[derive(Clone, Debug, #rt::serde::Serialize, #rt::serde::Deserialize)]
        #[serde(crate = #serde_crate)]
        #vis struct #kind_ident {
            /// `group/version`, filled in by the constructor.
            #[serde(rename = "apiVersion", default, skip_serializing_if = #skip_empty)]
            pub api_version: #rt::CompactString,
            /// The kind's name, filled in by the constructor.
            #[serde(default, skip_serializing_if = #skip_empty)]
            pub kind: #rt::CompactString,
            /// Name, namespace, labels and the rest of the object's metadata.
            #[serde(default)]
            pub metadata: #rt::meta::ObjectMeta,
            /// The desired state.
            pub spec: #spec_ty,
            #status_field
        }

        #[doc = #list_doc]
        #vis type #list = #rt::resource::ObjectList<#kind_ident>;

        impl #rt::resource::Resource for #kind_ident {
            const GROUP: &'static str = #group;
            const VERSION: &'static str = #version;
            const KIND: &'static str = #kind;
            const PLURAL: &'static str = #plural;
            type Scope = #scope;
            fn metadata(&self) -> &#rt::meta::ObjectMeta {
                &self.metadata
            }
            fn metadata_mut(&mut self) -> &mut #rt::meta::ObjectMeta {
                &mut self.metadata
            }
        }

        impl #kind_ident {
            /// An object with this name and spec; `apiVersion` and `kind` are
            /// filled in. A namespaced object takes its namespace from the
            /// client it is written with.
            pub fn new(name: impl ::core::convert::Into<#rt::CompactString>, spec: #spec_ty) -> Self {
                #kind_ident {
                    api_version: #rt::CompactString::const_new(#api_version),
                    kind: #rt::CompactString::const_new(#kind),
                    metadata: #rt::meta::ObjectMeta {
                        name: ::core::option::Option::Some(name.into()),
                        ..::core::default::Default::default()
                    },
                    spec,
                    #status_init
                }
            }

            /// The kind's CustomResourceDefinition (apiextensions.k8s.io/v1) as JSON.
            pub fn crd_json() -> #rt::serde_json::Value {
                #rt::schema::custom_resource_definition(
                    &#rt::schema::CrdParts {
                        group: #group,
                        version: #version,
                        kind: #kind,
                        plural: #plural,
                        short_names: &[#(#short_names),*],
                        categories: &[#(#categories),*],
                        namespaced: #namespaced,
                        scale: #scale,
                        printer_columns: &[#(#columns),*],
                    },
                    ::core::option::Option::None,
                    <#spec_ty as #rt::schema::KubeSchema>::schema(),
                    #status_schema,
                )
            }

            /// The kind's CustomResourceDefinition (apiextensions.k8s.io/v1),
            /// with the structural schema of the spec and status, ready to create.
            pub fn crd() -> #krate::apiextensions::v1::CustomResourceDefinition {
                #rt::serde_json::from_value(Self::crd_json())
                    .expect("a derived CRD is a valid CustomResourceDefinition")
            }
        }
    })
}
