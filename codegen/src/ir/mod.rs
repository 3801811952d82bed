//! The intermediate representation between inputs and emitted code.
//!
//! Everything is kept in `BTreeMap`s keyed by stable names, so the order of
//! the output depends on the names alone, never on the order inputs were read.

mod analysis;
mod build;
pub mod enums;
pub mod naming;
mod types;

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

pub use analysis::{assign_features, cyclic_fields};
pub use build::{build, version_informers_struct, version_struct, UNKNOWN_FIELDS};
pub use types::{Field, MetaType, ModulePath, TypeDef, TypeId, TypeRef, TypeTable};

/// Whether objects of a kind live in a namespace.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum Scope {
    /// `Namespaced`: the client takes a namespace.
    #[default]
    Namespaced,
    /// `Cluster`: the client takes none.
    Cluster,
}

/// An API verb a kind serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verb {
    /// Read one object.
    Get,
    /// List objects.
    List,
    /// Watch objects.
    Watch,
    /// Create an object.
    Create,
    /// Replace an object.
    Update,
    /// Patch an object.
    Patch,
    /// Server-side apply.
    Apply,
    /// Delete an object.
    Delete,
    /// Delete a collection.
    Deletecollection,
    /// Every verb above.
    All,
}

impl Verb {
    /// Every concrete verb, in the order methods are emitted.
    pub const EVERY: [Verb; 9] = [
        Verb::Get,
        Verb::List,
        Verb::Watch,
        Verb::Create,
        Verb::Update,
        Verb::Patch,
        Verb::Apply,
        Verb::Delete,
        Verb::Deletecollection,
    ];

    /// Expands `all` into every verb.
    pub fn expand(verbs: &[Verb]) -> BTreeSet<Verb> {
        if verbs.contains(&Verb::All) {
            Verb::EVERY.into_iter().collect()
        } else {
            verbs.iter().copied().collect()
        }
    }
}

/// A subresource with typed methods.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Subresource {
    /// `/status`.
    Status,
    /// `/scale`.
    Scale,
    /// `/log`: a Pod's log, read whole or followed.
    Log,
    /// `/eviction`: a Pod's delete that disruption budgets may refuse.
    Eviction,
}

/// The whole model: groups and the type table.
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// Groups by API group name (`""` for core).
    pub groups: BTreeMap<String, Group>,
    /// Every type to emit.
    pub types: TypeTable,
}

/// An API group.
#[derive(Clone, Debug, Default)]
pub struct Group {
    /// API group name, `""` for core.
    pub name: String,
    /// Module and accessor name (`apps`, `rbac_authorization`, `apps_emqx_io`).
    pub module: String,
    /// Cargo feature name (`apps`, `rbac`, `apps_emqx_io`).
    pub feature: String,
    /// Versions by name.
    pub versions: BTreeMap<String, Version>,
}

/// One version of a group.
#[derive(Clone, Debug, Default)]
pub struct Version {
    /// Version name (`v1`, `v1beta1`).
    pub name: String,
    /// Kinds by kind name.
    pub kinds: BTreeMap<String, Kind>,
}

/// One kind of a group version.
#[derive(Clone, Debug)]
pub struct Kind {
    /// Kind name (`Deployment`).
    pub kind: String,
    /// Plural resource name (`deployments`).
    pub plural: String,
    /// Singular resource name (`deployment`).
    pub singular: String,
    /// Short names (`deploy`).
    pub short_names: Vec<String>,
    /// Scope.
    pub scope: Scope,
    /// Subresources with typed methods.
    pub subresources: BTreeSet<Subresource>,
    /// Verbs served, `all` expanded.
    pub verbs: BTreeSet<Verb>,
    /// The root type in the type table.
    pub root: TypeId,
    /// Accessor method name on the version (`deployments`, `emqx_brokers`).
    pub accessor: String,
}
