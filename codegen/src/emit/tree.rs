//! The module tree: `Clientset` at the root, a module per group with its
//! group struct, a module per version with types, kinds and clients, and the
//! `cfg(feature)` of every module and item.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::client::emit_kind;
use super::enums::emit_enum;
use super::informers::{has_informer, informer_struct, kind_informer, root_factory, RuntimeGate};
use super::repr::Defaults;
use super::types::{doc_attrs, emit_struct};
use crate::generate::Options;
use crate::ir::{
    cyclic_fields, features_of_users, keep_features, naming, version_informers_struct,
    version_struct, Group, Model, ModulePath, Version,
};

/// Tokens of one version module.
#[derive(Default)]
pub struct VersionModule {
    /// Module doc.
    pub doc: String,
    /// Features that need the module.
    pub features: BTreeSet<String>,
    pub items: TokenStream,
}

/// Tokens of one group module.
#[derive(Default)]
pub struct GroupModule {
    /// Module doc.
    pub doc: String,
    /// Features that need the module.
    pub features: BTreeSet<String>,
    /// Items of the group module itself (the group struct).
    pub items: TokenStream,
    /// Version modules by name.
    pub versions: BTreeMap<String, VersionModule>,
}

/// The whole tree.
pub struct Tree {
    /// Root items (the clientset).
    pub root: TokenStream,
    /// Group modules by module name.
    pub groups: BTreeMap<String, GroupModule>,
    /// Whether `cfg(feature)` attributes are emitted.
    pub features_on: bool,
}

/// `#[cfg(...)]` for `item` inside a module needing `module` (nothing when equal).
pub fn cfg_for(
    on: bool,
    item: &BTreeSet<String>,
    module: Option<&BTreeSet<String>>,
) -> TokenStream {
    if !on || module == Some(item) || item.is_empty() {
        return quote!();
    }
    let fs: Vec<&String> = item.iter().collect();
    if let [one] = fs.as_slice() {
        quote!(#[cfg(feature = #one)])
    } else {
        quote!(#[cfg(any(#(feature = #fs),*))])
    }
}

/// Builds the tree of tokens for a model. `opts.informers` is off for an
/// app whose `kubegen` has no `runtime` feature (ignored with a feature per
/// group); `opts.only_features` leaves out what other features gate.
pub fn build_tree(model: &Model, opts: &Options) -> Tree {
    let features_on = opts.feature_per_group;
    let keep = opts.only_features.as_ref().filter(|_| features_on);
    let pruned = keep.map(|keep| keep_features(model, keep));
    let model = pruned.as_ref().unwrap_or(model);
    let is_on = |feature: &str| keep.is_none_or(|keep| keep.contains(feature));
    let gate = match (features_on, opts.informers) {
        (true, _) if is_on("runtime") => RuntimeGate::Feature,
        (true, _) => RuntimeGate::Never,
        (false, true) => RuntimeGate::Always,
        (false, false) => RuntimeGate::Never,
    };
    let mut groups = module_shells(model);
    emit_types(model, features_on, is_on("apply"), &mut groups);
    let mut group_accessors = TokenStream::new();
    let mut group_informers = TokenStream::new();
    for group in model.groups.values() {
        let g = groups.get_mut(&group.module).expect("group module");
        let (accessor, informers) = emit_group(model, group, g, features_on, gate);
        group_accessors.extend(accessor);
        group_informers.extend(informers);
    }
    let mut root = clientset(&group_accessors);
    root.extend(root_factory(&group_informers, gate));
    Tree {
        root,
        groups,
        features_on,
    }
}

/// What a declared group is called in docs: "API group `apps`".
fn group_title(group: &Group) -> String {
    if group.name.is_empty() {
        "core API group (`/api`)".to_string()
    } else {
        format!("API group `{}`", group.name)
    }
}

/// Every group and version module, with its doc and the features that need
/// it: known first, so cfgs can be omitted where the module has them already.
fn module_shells(model: &Model) -> BTreeMap<String, GroupModule> {
    let mut groups: BTreeMap<String, GroupModule> = BTreeMap::new();
    for t in model.types.types.values() {
        let g = groups.entry(t.module.group.clone()).or_default();
        g.features.extend(t.features.iter().cloned());
        let v = g.versions.entry(t.module.version.clone()).or_default();
        v.features.extend(t.features.iter().cloned());
        v.doc = format!(
            "Types of `{}::{}` used by the declared kinds.",
            t.module.group, t.module.version
        );
        g.doc = format!("Types of `{}` used by the declared kinds.", t.module.group);
    }
    for (&meta, home) in &model.types.meta_homes {
        let features = features_of_users(model, meta);
        let g = groups.entry(home.group.clone()).or_default();
        g.features.extend(features.iter().cloned());
        let v = g.versions.entry(home.version.clone()).or_default();
        v.features.extend(features);
        if v.doc.is_empty() {
            v.doc = format!(
                "Types of `{}::{}` used by the declared kinds.",
                home.group, home.version
            );
            g.doc = format!("Types of `{}` used by the declared kinds.", home.group);
        }
    }
    for group in model.groups.values() {
        let g = groups.entry(group.module.clone()).or_default();
        g.features.insert(group.feature.clone());
        g.doc = format!("The {}.", group_title(group));
        for version in group.versions.values() {
            let v = g
                .versions
                .entry(naming::version_module(&version.name))
                .or_default();
            v.features.insert(group.feature.clone());
            v.doc = format!(
                "`{}`: its kinds, their types and typed clients.",
                version.api_version
            );
        }
    }
    groups
}

/// Every struct and enum of the type table, into its version module, in name
/// order; their apply configurations too, unless `apply` is off.
fn emit_types(
    model: &Model,
    features_on: bool,
    apply: bool,
    groups: &mut BTreeMap<String, GroupModule>,
) {
    let cyclic = cyclic_fields(model);
    let defaults = Defaults::new(&model.types);
    let mut by_name: BTreeMap<(&ModulePath, &str), _> = BTreeMap::new();
    for t in model.types.types.values() {
        by_name.insert((&t.module, t.name.as_str()), t);
    }
    for ((module, _), t) in by_name {
        let g = groups.get_mut(&module.group).expect("group module");
        let v = g.versions.get_mut(&module.version).expect("version module");
        let cfg = cfg_for(features_on, &t.features, Some(&v.features));
        match model.types.string_enums.get(&t.id) {
            Some(values) => v.items.extend(emit_enum(t, values, &cfg)),
            None => v
                .items
                .extend(emit_struct(t, &model.types, &cyclic, &defaults, &cfg)),
        }
    }
    for (&meta, home) in &model.types.meta_homes {
        let g = groups.get_mut(&home.group).expect("group module");
        let v = g.versions.get_mut(&home.version).expect("version module");
        let cfg = cfg_for(
            features_on,
            &features_of_users(model, meta),
            Some(&v.features),
        );
        let name = format_ident!("{}", meta.name());
        // Unused in an app that includes the output but never names it.
        v.items.extend(quote! {
            #cfg
            #[allow(unused_imports)]
            pub use ::kubegen_runtime::meta::#name;
        });
    }
    if apply {
        super::apply::append_apply_modules(model, groups, features_on);
    }
}

/// A group's struct and informer struct, and its version modules' kinds;
/// returns the group's accessors on the `Clientset` and the `InformerFactory`.
fn emit_group(
    model: &Model,
    group: &Group,
    g: &mut GroupModule,
    features_on: bool,
    gate: RuntimeGate,
) -> (TokenStream, TokenStream) {
    let rt = quote!(::kubegen_runtime);
    let own: BTreeSet<String> = [group.feature.clone()].into();
    let gstruct = format_ident!("{}Group", naming::group_type_prefix(&group.module));
    let gmod = format_ident!("{}", group.module);
    let mut version_accessors = TokenStream::new();
    let mut version_informers = TokenStream::new();
    for version in group.versions.values() {
        let vname = naming::version_module(&version.name);
        let v = g.versions.get_mut(&vname).expect("version module");
        let items = emit_version(model, group, version, &own, features_on, gate, v);
        let mut all = items;
        all.extend(std::mem::take(&mut v.items));
        v.items = all;
        let vmod = format_ident!("{}", vname);
        let vstruct = format_ident!("{}", version_struct(&group.module, &version.name));
        let vinformers =
            format_ident!("{}", version_informers_struct(&group.module, &version.name));
        let vcfg = cfg_for(features_on, &own, Some(&g.features));
        let doc = doc_attrs(&format!("Version `{}`.", version.name));
        version_accessors.extend(quote! {
            #doc
            #vcfg
            pub fn #vmod(&self) -> #vmod::#vstruct {
                #vmod::#vstruct::new(self.client.clone())
            }
        });
        version_informers.extend(quote! {
            #doc
            #vcfg
            pub fn #vmod(&self) -> #vmod::#vinformers {
                #vmod::#vinformers::new(self.factory.clone())
            }
        });
    }
    let gcfg = cfg_for(features_on, &own, Some(&g.features));
    let gdoc = doc_attrs(&g.doc);
    g.items.extend(quote! {
        #gdoc
        #gcfg
        #[derive(Clone)]
        pub struct #gstruct {
            client: #rt::Client,
        }
        #gcfg
        impl #gstruct {
            /// Wraps a client; normally reached through the `Clientset`.
            pub fn new(client: #rt::Client) -> Self {
                Self { client }
            }
            #version_accessors
        }
    });
    let ginformers = format_ident!("{}Informers", gstruct);
    g.items.extend(informer_struct(
        &ginformers,
        &format!("Shared informers of {}.", group_title(group)),
        &gcfg,
        gate,
        &version_informers,
    ));
    let rcfg = cfg_for(features_on, &own, None);
    let adoc = doc_attrs(&g.doc);
    let accessor = quote! {
        #adoc
        #rcfg
        pub fn #gmod(&self) -> #gmod::#gstruct {
            #gmod::#gstruct::new(self.client.clone())
        }
    };
    let informers = quote! {
        #adoc
        #rcfg
        pub fn #gmod(&self) -> #gmod::#ginformers {
            #gmod::#ginformers::new(self.factory.clone())
        }
    };
    (accessor, informers)
}

/// A version's struct (kind accessors), informer struct and kinds' items.
fn emit_version(
    model: &Model,
    group: &Group,
    version: &Version,
    own: &BTreeSet<String>,
    features_on: bool,
    gate: RuntimeGate,
    v: &VersionModule,
) -> TokenStream {
    let rt = quote!(::kubegen_runtime);
    let here = ModulePath {
        group: group.module.clone(),
        version: naming::version_module(&version.name),
    };
    let cfg = cfg_for(features_on, own, Some(&v.features));
    let mut kind_items = TokenStream::new();
    let mut accessors = TokenStream::new();
    let mut informer_accessors = TokenStream::new();
    for kind in version.kinds.values() {
        let (items, acc) = emit_kind(group, version, kind, &here, &model.types, &cfg, gate);
        kind_items.extend(items);
        accessors.extend(acc);
        if has_informer(kind) {
            informer_accessors.extend(kind_informer(kind, &here, &model.types));
        }
    }
    let vstruct = format_ident!("{}", version_struct(&group.module, &version.name));
    let vinformers = format_ident!("{}", version_informers_struct(&group.module, &version.name));
    kind_items.extend(informer_struct(
        &vinformers,
        &format!("Shared informers of `{}`.", version.api_version),
        &cfg,
        gate,
        &informer_accessors,
    ));
    let vdoc = doc_attrs(&format!("Kinds of `{}`.", version.api_version));
    quote! {
        #vdoc
        #cfg
        #[derive(Clone)]
        pub struct #vstruct {
            client: #rt::Client,
        }
        #cfg
        impl #vstruct {
            /// Wraps a client; normally reached through the `Clientset`.
            pub fn new(client: #rt::Client) -> Self {
                Self { client }
            }
            #accessors
        }
        #kind_items
    }
}

/// The `Clientset`, with an accessor per group.
fn clientset(group_accessors: &TokenStream) -> TokenStream {
    let rt = quote!(::kubegen_runtime);
    quote! {
        /// The typed clientset: `cs.apps().v1().deployments("default")`.
        #[derive(Clone)]
        pub struct Clientset {
            client: #rt::Client,
        }
        impl Clientset {
            /// A clientset for `config`.
            pub fn new(config: #rt::Config) -> #rt::Result<Self> {
                ::core::result::Result::Ok(Self::from_client(#rt::Client::new(config)?))
            }
            /// A clientset for the kubeconfig's current context, else the Pod's service account.
            pub async fn try_default() -> #rt::Result<Self> {
                ::core::result::Result::Ok(Self::from_client(#rt::Client::try_default().await?))
            }
            /// Wraps a runtime client (cheap to clone, shared by every typed client).
            pub fn from_client(client: #rt::Client) -> Self {
                Self { client }
            }
            /// The runtime client underneath.
            pub fn client(&self) -> &#rt::Client {
                &self.client
            }
            #group_accessors
        }
    }
}
