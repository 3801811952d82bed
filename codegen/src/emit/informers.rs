//! The typed informer chain: `factory.apps().v1().deployments()` gives the
//! shared informer of a kind (one watch for all its consumers), whose
//! `lister()` reads the cache. Emitted for kinds that can be listed and watched.
//!
//! Informers need the runtime's `runtime` feature (the controller machinery):
//! see [`RuntimeGate`].

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::repr::named_path;
use super::types::doc_attrs;
use crate::ir::{Kind, ModulePath, TypeTable};
use crate::verbs::Verb;

/// Whether a kind gets an informer: it must be listable and watchable.
pub fn has_informer(kind: &Kind) -> bool {
    kind.verbs.contains(&Verb::List) && kind.verbs.contains(&Verb::Watch)
}

/// The accessor of one kind's shared informer on its version's informer struct.
pub fn kind_informer(kind: &Kind, here: &ModulePath, table: &TypeTable) -> TokenStream {
    let ty = named_path(&kind.root, here, table);
    let name = format_ident!("{}", kind.accessor);
    let doc = doc_attrs(&format!(
        "The shared informer of `{}`: one list and watch for every consumer; `.lister()` reads its cache.",
        kind.kind
    ));
    // `#[inline]`: the informer machinery of a kind is compiled only where
    // its accessor is called, not for every kind in the clientset's build.
    quote! {
        #doc
        #[inline]
        pub fn #name(&self) -> ::kubegen_runtime::cache::Informer<#ty> {
            self.factory.informer::<#ty>()
        }
    }
}

/// Whether what needs the runtime's `runtime` feature (informers, the
/// Lease's leader-election impl) is emitted, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuntimeGate {
    /// Behind `#[cfg(feature = "runtime")]`: the `kubegen` crate (a feature
    /// per group), whose `runtime` feature turns the runtime's on.
    Feature,
    /// Always: code generated into an app, whose `kubegen` has `runtime` on.
    Always,
    /// Never: code generated into an app whose `kubegen` has `runtime` off.
    Never,
}

impl RuntimeGate {
    /// The attribute it puts on those items.
    pub fn cfg(self) -> TokenStream {
        match self {
            RuntimeGate::Feature => quote!(#[cfg(feature = "runtime")]),
            RuntimeGate::Always | RuntimeGate::Never => quote!(),
        }
    }
}

/// A struct holding the runtime factory, with the given accessors.
pub fn informer_struct(
    name: &proc_macro2::Ident,
    doc: &str,
    cfg: &TokenStream,
    gate: RuntimeGate,
    accessors: &TokenStream,
) -> TokenStream {
    if gate == RuntimeGate::Never {
        return quote!();
    }
    let doc = doc_attrs(doc);
    let runtime = gate.cfg();
    let cfg = quote!(#cfg #runtime);
    quote! {
        #doc
        #cfg
        #[derive(Clone)]
        pub struct #name {
            factory: ::kubegen_runtime::cache::InformerFactory,
        }
        #cfg
        impl #name {
            /// Wraps a factory; normally reached through `InformerFactory`.
            pub fn new(factory: ::kubegen_runtime::cache::InformerFactory) -> Self {
                Self { factory }
            }
            /// The untyped factory underneath.
            pub fn factory(&self) -> &::kubegen_runtime::cache::InformerFactory {
                &self.factory
            }
            #accessors
        }
    }
}

/// The root `InformerFactory`: shared informers over a client, all namespaces or one.
pub fn root_factory(group_accessors: &TokenStream, gate: RuntimeGate) -> TokenStream {
    if gate == RuntimeGate::Never {
        return quote!();
    }
    let rt = quote!(::kubegen_runtime);
    let cfg = gate.cfg();
    quote! {
        /// Shared informers with typed accessors: `factory.apps().v1().deployments()`.
        /// Consumers of the same kind share one watch; call [`start`](Self::start)
        /// after requesting the informers, then [`wait_for_cache_sync`](Self::wait_for_cache_sync).
        #cfg
        #[derive(Clone)]
        pub struct InformerFactory {
            factory: #rt::cache::InformerFactory,
        }
        #cfg
        impl InformerFactory {
            /// Informers over all namespaces.
            pub fn new(client: #rt::Client) -> Self {
                Self { factory: #rt::cache::InformerFactory::new(client) }
            }
            /// Informers of one namespace (cluster-scoped kinds stay cluster-wide).
            pub fn namespaced(client: #rt::Client, namespace: &str) -> Self {
                Self { factory: #rt::cache::InformerFactory::namespaced(client, namespace) }
            }
            /// Resync every informer this often.
            pub fn with_resync(self, period: ::std::time::Duration) -> Self {
                Self { factory: self.factory.with_resync(period) }
            }
            /// Runs every informer requested so far.
            pub fn start(&self) {
                self.factory.start()
            }
            /// Waits until every started informer has listed once.
            pub async fn wait_for_cache_sync(&self) {
                self.factory.wait_for_cache_sync().await
            }
            /// Stops every informer.
            pub fn shutdown(&self) {
                self.factory.shutdown()
            }
            /// The untyped factory underneath (`informer::<K>()` for any kind).
            pub fn factory(&self) -> &#rt::cache::InformerFactory {
                &self.factory
            }
            #group_accessors
        }
    }
}
