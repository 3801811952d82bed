//! Per kind: the list alias, `impl Resource`, and a thin typed client with
//! only the declared verbs and subresources.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::repr::named_path;
use super::types::doc_attrs;
use crate::ir::{Group, Kind, ModulePath, Scope, Subresource, TypeTable, Verb, Version};

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
    // No `Clone`: the runtime contract does not promise `ResourceClient: Clone`;
    // accessors are cheap to call again.
    let client_doc = doc_attrs(&format!(
        "Typed client for `{kind_name}` (`{}`), a thin layer over the runtime's `ResourceClient`. Clones share the connection.",
        p.collection
    ));
    let methods = methods(kind, &p, &ty, &list);
    let rt = quote!(::kubegen_runtime);
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
                #rt::serde_json::from_slice(body)
            }
            fn list_from_json(body: &[u8]) -> #rt::serde_json::Result<#list> {
                #rt::serde_json::from_slice(body)
            }
        }

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

/// A verb method's doc and `#[inline]`: the forwarding methods then compile
/// only in the crates that call them, so a clientset's build does not
/// instantiate the runtime's generic verbs for every kind it declares.
fn method_doc(what: &str, http: &str, extra: Option<&str>) -> TokenStream {
    let text = match extra {
        Some(e) => format!("{what}\n\n`{http}` ({e})"),
        None => format!("{what}\n\n`{http}`"),
    };
    let doc = doc_attrs(&text);
    quote!(#doc #[inline])
}

fn methods(kind: &Kind, p: &Paths, ty: &TokenStream, list: &proc_macro2::Ident) -> TokenStream {
    let rt = quote!(::kubegen_runtime);
    let o = quote!(#rt::options);
    let k = &kind.kind;
    let has = |v: Verb| kind.verbs.contains(&v);
    let sub = |s: Subresource| kind.subresources.contains(&s);
    let (c, i) = (&p.collection, &p.item);
    let all_ns = p
        .all_namespaces
        .as_deref()
        .map(|a| format!("`GET {a}` across namespaces"));
    let mut out = TokenStream::new();
    if has(Verb::Get) {
        let d = method_doc(&format!("Reads one `{k}`."), &format!("GET {i}"), None);
        out.extend(quote! { #d pub async fn get(&self, name: &str, opts: &#o::GetOptions) -> #rt::Result<#ty> { self.inner.get(name, opts).await } });
    }
    if has(Verb::List) {
        let d = method_doc(
            &format!("Lists `{k}` objects."),
            &format!("GET {c}"),
            all_ns.as_deref(),
        );
        out.extend(quote! { #d pub async fn list(&self, opts: &#o::ListOptions) -> #rt::Result<#list> { self.inner.list(opts).await } });
    }
    if has(Verb::Watch) {
        let d = method_doc(
            &format!("Watches `{k}` objects."),
            &format!("GET {c}?watch=true"),
            None,
        );
        out.extend(quote! { #d pub async fn watch(&self, opts: &#o::ListOptions) -> #rt::Result<#rt::WatchStream<#ty>> { self.inner.watch(opts).await } });
    }
    if has(Verb::Create) {
        let d = method_doc(&format!("Creates a `{k}`."), &format!("POST {c}"), None);
        out.extend(quote! { #d pub async fn create(&self, obj: &#ty, opts: &#o::CreateOptions) -> #rt::Result<#ty> { self.inner.create(obj, opts).await } });
    }
    if has(Verb::Update) {
        let d = method_doc(&format!("Replaces a `{k}`."), &format!("PUT {i}"), None);
        out.extend(quote! { #d pub async fn update(&self, obj: &#ty, opts: &#o::UpdateOptions) -> #rt::Result<#ty> { self.inner.update(obj, opts).await } });
    }
    if has(Verb::Patch) {
        let d = method_doc(&format!("Patches a `{k}`."), &format!("PATCH {i}"), None);
        out.extend(quote! { #d pub async fn patch(&self, name: &str, patch: &#o::Patch, opts: &#o::PatchOptions) -> #rt::Result<#ty> { self.inner.patch(name, patch, opts).await } });
    }
    if has(Verb::Apply) {
        let d = method_doc(
            &format!("Server-side applies a `{k}`."),
            &format!("PATCH {i}"),
            Some("`application/apply-patch+yaml`"),
        );
        out.extend(quote! { #d pub async fn apply<P: #rt::serde::Serialize>(&self, name: &str, obj: &P, opts: &#o::ApplyOptions) -> #rt::Result<#ty> { self.inner.apply(name, obj, opts).await } });
    }
    if has(Verb::Delete) {
        let d = method_doc(&format!("Deletes a `{k}`."), &format!("DELETE {i}"), None);
        out.extend(quote! { #d pub async fn delete(&self, name: &str, opts: &#o::DeleteOptions) -> #rt::Result<#rt::DeleteResult<#ty>> { self.inner.delete(name, opts).await } });
    }
    if has(Verb::Deletecollection) {
        let d = method_doc(
            &format!("Deletes every `{k}` matching `list`."),
            &format!("DELETE {c}"),
            None,
        );
        out.extend(quote! { #d pub async fn delete_collection(&self, list: &#o::ListOptions, opts: &#o::DeleteOptions) -> #rt::Result<#rt::DeleteResult<#list>> { self.inner.delete_collection(list, opts).await } });
    }
    if sub(Subresource::Status) {
        let s = format!("{i}/status");
        if has(Verb::Update) {
            let d = method_doc(
                &format!("Replaces the status of a `{k}`."),
                &format!("PUT {s}"),
                None,
            );
            out.extend(quote! { #d pub async fn update_status(&self, obj: &#ty, opts: &#o::UpdateOptions) -> #rt::Result<#ty> { self.inner.update_status(obj, opts).await } });
        }
        if has(Verb::Patch) {
            let d = method_doc(
                &format!("Patches the status of a `{k}`."),
                &format!("PATCH {s}"),
                None,
            );
            out.extend(quote! { #d pub async fn patch_status(&self, name: &str, patch: &#o::Patch, opts: &#o::PatchOptions) -> #rt::Result<#ty> { self.inner.patch_status(name, patch, opts).await } });
        }
        if has(Verb::Apply) {
            let d = method_doc(
                &format!("Server-side applies the status of a `{k}`."),
                &format!("PATCH {s}"),
                Some("`application/apply-patch+yaml`"),
            );
            out.extend(quote! { #d pub async fn apply_status<P: #rt::serde::Serialize>(&self, name: &str, obj: &P, opts: &#o::ApplyOptions) -> #rt::Result<#ty> { self.inner.apply_status(name, obj, opts).await } });
        }
    }
    if sub(Subresource::Scale) {
        let s = format!("{i}/scale");
        if has(Verb::Get) {
            let d = method_doc(
                &format!("Reads the scale of a `{k}`."),
                &format!("GET {s}"),
                None,
            );
            out.extend(quote! { #d pub async fn get_scale(&self, name: &str) -> #rt::Result<#rt::Scale> { self.inner.get_scale(name).await } });
        }
        if has(Verb::Update) {
            let d = method_doc(
                &format!("Replaces the scale of a `{k}`."),
                &format!("PUT {s}"),
                None,
            );
            out.extend(quote! { #d pub async fn update_scale(&self, name: &str, scale: &#rt::Scale, opts: &#o::UpdateOptions) -> #rt::Result<#rt::Scale> { self.inner.update_scale(name, scale, opts).await } });
        }
    }
    if sub(Subresource::Log) && has(Verb::Get) {
        let s = format!("{i}/log");
        let d = method_doc(
            &format!("Reads the log of a `{k}` as text."),
            &format!("GET {s}"),
            None,
        );
        out.extend(quote! { #d pub async fn logs(&self, name: &str, opts: &#o::LogOptions) -> #rt::Result<::std::string::String> { self.inner.logs(name, opts).await } });
        let d = method_doc(
            &format!("Reads the log of a `{k}` line by line; with `follow`, as it is written."),
            &format!("GET {s}"),
            None,
        );
        out.extend(quote! { #d pub async fn log_stream(&self, name: &str, opts: &#o::LogOptions) -> #rt::Result<#rt::LogLines> { self.inner.log_stream(name, opts).await } });
    }
    if sub(Subresource::Eviction) && has(Verb::Delete) {
        let d = method_doc(
            &format!(
                "Evicts a `{k}`: deletes it unless a PodDisruptionBudget forbids it now (429)."
            ),
            &format!("POST {i}/eviction"),
            None,
        );
        out.extend(quote! { #d pub async fn evict(&self, name: &str, opts: &#o::DeleteOptions) -> #rt::Result<()> { self.inner.evict(name, opts).await } });
    }
    out
}
