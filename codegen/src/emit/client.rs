//! Per kind: the list alias, `impl Resource`, and a thin typed client with
//! only the declared verbs and subresources.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::informers::RuntimeGate;
use super::repr::{is_optional, named_path};
use super::types::doc_attrs;
use crate::ir::{Group, Kind, MetaType, ModulePath, TypeRef, TypeTable, Version};
use crate::verbs::{Arg, Method, Note, Returns, Scope, Subresource, Target, METHODS};

/// HTTP paths of a kind, for the docs.
struct Paths {
    collection: String,
    item: String,
    all_namespaces: Option<String>,
}

fn paths(group: &Group, version: &Version, kind: &Kind) -> Paths {
    let prefix = if group.name.is_empty() {
        format!("/api/{}", version.name)
    } else {
        format!("/apis/{}/{}", group.name, version.name)
    };
    let (collection, all_namespaces) = match kind.scope {
        Scope::Namespaced => (
            format!("{prefix}/namespaces/{{namespace}}/{}", kind.plural),
            Some(format!("{prefix}/{}", kind.plural)),
        ),
        Scope::Cluster => (format!("{prefix}/{}", kind.plural), None),
    };
    Paths {
        item: format!("{collection}/{{name}}"),
        collection,
        all_namespaces,
    }
}

/// Items of one kind in its version module, and its accessor methods on the
/// version struct.
pub fn emit_kind(
    group: &Group,
    version: &Version,
    kind: &Kind,
    here: &ModulePath,
    table: &TypeTable,
    cfg: &TokenStream,
    runtime: RuntimeGate,
) -> (TokenStream, TokenStream) {
    let ty = named_path(&kind.root, here, table);
    let meta = super::constructors::metadata_field(table.get(&kind.root));
    let kind_name = &kind.kind;
    let list = format_ident!("{}List", kind.kind);
    let client = format_ident!("{}Client", kind.kind);
    let p = paths(group, version, kind);
    let (g, v, plural) = (&group.name, &version.name, &kind.plural);
    let scope = match kind.scope {
        Scope::Namespaced => quote!(::kubegen_runtime::resource::NamespaceScope),
        Scope::Cluster => quote!(::kubegen_runtime::resource::ClusterScope),
    };
    let list_doc = doc_attrs(&format!("A list of `{kind_name}`."));
    let client_doc = doc_attrs(&format!(
        "Typed client for `{kind_name}` (`{}`), a thin layer over the runtime's `ResourceClient`. Clones share the connection.",
        p.collection
    ));
    let methods = methods(kind, &p, &ty, &list);
    let rt = quote!(::kubegen_runtime);
    // The runtime offers a log and eviction only to clients of `PodKind`s.
    let has_pod_calls = [Subresource::Log, Subresource::Eviction]
        .iter()
        .any(|s| kind.subresources.contains(s));
    let pod_kind = if has_pod_calls {
        quote! {
            #cfg
            impl #rt::PodKind for #ty {}
        }
    } else {
        TokenStream::new()
    };
    // Leader election is part of the runtime's `runtime` feature, as informers are.
    let lease_object = match runtime {
        RuntimeGate::Never => TokenStream::new(),
        gate => {
            let runtime_cfg = gate.cfg();
            lease_object(group, version, kind, &ty, table, &quote!(#cfg #runtime_cfg))
        }
    };
    let items = quote! {
        #list_doc
        #cfg
        pub type #list = #rt::resource::ObjectList<#ty>;

        #cfg
        impl #rt::resource::Resource for #ty {
            const GROUP: &'static str = #g;
            const VERSION: &'static str = #v;
            const KIND: &'static str = #kind_name;
            const PLURAL: &'static str = #plural;
            type Scope = #scope;
            fn metadata(&self) -> &#rt::meta::ObjectMeta {
                &self.#meta
            }
            fn metadata_mut(&mut self) -> &mut #rt::meta::ObjectMeta {
                &mut self.#meta
            }
            fn from_json(body: &[u8]) -> #rt::serde_json::Result<Self> {
                #rt::resource::decode_json(body)
            }
            fn list_from_json(body: &[u8]) -> #rt::serde_json::Result<#list> {
                #rt::resource::decode_json(body)
            }
            fn to_json(&self) -> #rt::serde_json::Result<::std::vec::Vec<u8>> {
                #rt::resource::encode_json::<Self, Self>(self)
            }
        }

        #pod_kind

        #lease_object

        #client_doc
        #cfg
        #[derive(Clone)]
        pub struct #client {
            inner: #rt::ResourceClient<#ty>,
        }

        #cfg
        impl #client {
            #methods

            /// The generic client underneath, for anything this typed layer does not cover.
            pub fn inner(&self) -> &#rt::ResourceClient<#ty> {
                &self.inner
            }
        }
    };
    let acc = format_ident!("{}", kind.accessor);
    let accessors = match kind.scope {
        Scope::Namespaced => {
            let all = format_ident!("{}_all_namespaces", kind.accessor);
            let doc = doc_attrs(&format!(
                "`{kind_name}` objects in `namespace`: `{}`.",
                p.collection
            ));
            let all_doc = doc_attrs(&format!(
                "`{kind_name}` objects in every namespace, for list and watch: `{}`.",
                p.all_namespaces.clone().unwrap_or_default()
            ));
            quote! {
                #doc
                #cfg
                pub fn #acc(&self, namespace: &str) -> #client {
                    #client { inner: #rt::ResourceClient::namespaced(self.client.clone(), namespace) }
                }
                #all_doc
                #cfg
                pub fn #all(&self) -> #client {
                    #client { inner: #rt::ResourceClient::all_namespaces(self.client.clone()) }
                }
            }
        }
        Scope::Cluster => {
            let doc = doc_attrs(&format!(
                "`{kind_name}` objects (cluster-scoped): `{}`.",
                p.collection
            ));
            quote! {
                #doc
                #cfg
                pub fn #acc(&self) -> #client {
                    #client { inner: #rt::ResourceClient::cluster(self.client.clone()) }
                }
            }
        }
    };
    (items, accessors)
}

/// The runtime's leader election holds a coordination.k8s.io/v1 `Lease`:
/// its `impl LeaseObject`, when its spec has the lease record's fields as the
/// Kubernetes schema types them (a declaration with another schema gets none).
fn lease_object(
    group: &Group,
    version: &Version,
    kind: &Kind,
    ty: &TokenStream,
    table: &TypeTable,
    cfg: &TokenStream,
) -> TokenStream {
    let is_lease = (
        group.name.as_str(),
        version.name.as_str(),
        kind.kind.as_str(),
    ) == ("coordination.k8s.io", "v1", "Lease");
    let root = table.get(&kind.root);
    let spec = root.fields.iter().find(|f| f.json == "spec");
    let Some(spec) = spec.filter(|s| is_lease && is_optional(s)) else {
        return TokenStream::new();
    };
    let TypeRef::Named(spec_type) = &spec.ty else {
        return TokenStream::new();
    };
    let time = TypeRef::Meta(MetaType::MicroTime);
    let record = [
        ("holderIdentity", TypeRef::String),
        ("leaseDurationSeconds", TypeRef::I32),
        ("acquireTime", time.clone()),
        ("renewTime", time),
        ("leaseTransitions", TypeRef::I32),
    ];
    let spec_fields = &table.get(spec_type).fields;
    let found: Option<Vec<Ident>> = record
        .iter()
        .map(|(json, ty)| {
            spec_fields
                .iter()
                .find(|f| f.json == *json && f.ty == *ty && is_optional(f))
                .map(|f| format_ident!("{}", f.rust))
        })
        .collect();
    let Some(Ok([holder, duration, acquired, renewed, transitions])) =
        found.map(<[Ident; 5]>::try_from)
    else {
        return TokenStream::new();
    };
    // Coordinated leader election's members, in specs since 1.31 (older
    // ones, such as 1.20's, have neither: the record reads them as unset).
    let optional = |json: &str| {
        spec_fields
            .iter()
            .find(|f| f.json == json && f.ty == TypeRef::String && is_optional(f))
            .map(|f| format_ident!("{}", f.rust))
    };
    let (read_newer, write_newer) = match (optional("strategy"), optional("preferredHolder")) {
        (Some(strategy), Some(preferred)) => (
            quote! {
                strategy: ::core::clone::Clone::clone(&spec.#strategy),
                preferred_holder: ::core::clone::Clone::clone(&spec.#preferred),
            },
            quote! {
                spec.#strategy = record.strategy;
                spec.#preferred = record.preferred_holder;
            },
        ),
        _ => (
            quote!(..::core::default::Default::default()),
            TokenStream::new(),
        ),
    };
    let spec = format_ident!("{}", spec.rust);
    let le = quote!(::kubegen_runtime::leader_election);
    quote! {
        #cfg
        impl #le::LeaseObject for #ty {
            fn record(&self) -> #le::LeaseRecord {
                let ::core::option::Option::Some(spec) = &self.#spec else {
                    return ::core::default::Default::default();
                };
                #le::LeaseRecord {
                    holder_identity: ::core::clone::Clone::clone(&spec.#holder),
                    lease_duration_seconds: spec.#duration,
                    acquire_time: spec.#acquired,
                    renew_time: spec.#renewed,
                    lease_transitions: spec.#transitions,
                    #read_newer
                }
            }
            fn set_record(&mut self, record: #le::LeaseRecord) {
                let spec = self.#spec.get_or_insert_with(::core::default::Default::default);
                spec.#holder = record.holder_identity;
                spec.#duration = record.lease_duration_seconds;
                spec.#acquired = record.acquire_time;
                spec.#renewed = record.renew_time;
                spec.#transitions = record.lease_transitions;
                #write_newer
            }
        }
    }
}

/// A method's doc and `#[inline]`: the forwarding methods then compile
/// only in the crates that call them, so a clientset's build does not
/// instantiate the runtime's generic verbs for every kind it declares. A
/// method hands back the runtime verb's own future rather than wrapping it
/// in one of its own (an `async fn`): a caller compiling the wrapper's
/// future would recompile, at each new call, the code it shares a module
/// with there (such as every `Deserialize` of the kinds' module it uses).
fn method_doc(m: &Method, kind: &Kind, p: &Paths) -> TokenStream {
    let base = match m.target {
        Target::Collection => &p.collection,
        Target::Item => &p.item,
    };
    let mut request = format!("{} {base}", m.http.as_str());
    if let Some(s) = m.subresource {
        request = format!("{request}/{}", s.name());
    }
    if let Some(q) = m.query {
        request = format!("{request}?{q}");
    }
    let note = match m.note {
        Note::None => None,
        Note::AcrossNamespaces => p
            .all_namespaces
            .as_ref()
            .map(|a| format!("`GET {a}` across namespaces")),
        Note::ApplyPatch => Some("`application/apply-patch+yaml`".to_string()),
    };
    let what = m.doc.replace("{kind}", &kind.kind);
    let text = match note {
        Some(n) => format!("{what}\n\n`{request}` ({n})"),
        None => format!("{what}\n\n`{request}`"),
    };
    let doc = doc_attrs(&text);
    quote!(#doc #[inline])
}

/// A parameter's name and the type it borrows (every parameter is a reference).
fn parameter(arg: Arg, ty: &TokenStream) -> (Ident, TokenStream) {
    let o = quote!(::kubegen_runtime::options);
    let (name, ty) = match arg {
        Arg::Name => ("name", quote!(str)),
        Arg::Object => ("obj", quote!(#ty)),
        Arg::ApplyBody => ("obj", quote!(P)),
        Arg::Patch => ("patch", quote!(#o::Patch)),
        Arg::Scale => ("scale", quote!(::kubegen_runtime::Scale)),
        Arg::Selection => ("list", quote!(#o::ListOptions)),
        Arg::Options(options) => {
            let options = format_ident!("{options}");
            ("opts", quote!(#o::#options))
        }
    };
    (format_ident!("{name}"), ty)
}

fn return_type(returns: Returns, ty: &TokenStream, list: &Ident) -> TokenStream {
    let rt = quote!(::kubegen_runtime);
    match returns {
        Returns::Object => quote!(#ty),
        Returns::List => quote!(#list),
        Returns::Events => quote!(#rt::WatchStream<#ty>),
        Returns::Deleted => quote!(#rt::DeleteResult<#ty>),
        Returns::DeletedList => quote!(#rt::DeleteResult<#list>),
        Returns::Scale => quote!(#rt::Scale),
        Returns::Text => quote!(::std::string::String),
        Returns::Lines => quote!(#rt::LogLines),
        Returns::Nothing => quote!(()),
    }
}

/// The methods of [`METHODS`] the kind's verbs and subresources give it.
fn methods(kind: &Kind, p: &Paths, ty: &TokenStream, list: &Ident) -> TokenStream {
    let rt = quote!(::kubegen_runtime);
    let given = METHODS.iter().filter(|m| {
        kind.verbs.contains(&m.verb) && m.subresource.is_none_or(|s| kind.subresources.contains(&s))
    });
    let mut out = TokenStream::new();
    for m in given {
        let doc = method_doc(m, kind, p);
        let name = format_ident!("{}", m.name);
        let (names, types): (Vec<Ident>, Vec<TokenStream>) =
            m.args.iter().map(|a| parameter(*a, ty)).unzip();
        let returns = return_type(m.returns, ty, list);
        if m.args.iter().any(|a| matches!(a, Arg::ApplyBody)) {
            out.extend(quote! {
                #doc
                pub async fn #name<P: #rt::apply::ApplyBody<#ty>>(
                    &self, #(#names: &#types),*
                ) -> #rt::Result<#returns> {
                    self.inner.#name(#(#names),*).await
                }
            });
        } else {
            // The runtime's own future, not one of this method's: awaiting
            // it instantiates nothing of this crate's modules in the caller.
            out.extend(quote! {
                #doc
                pub fn #name<'a>(
                    &'a self, #(#names: &'a #types),*
                ) -> impl ::core::future::Future<Output = #rt::Result<#returns>> + 'a {
                    self.inner.#name(#(#names),*)
                }
            });
        }
    }
    out
}
