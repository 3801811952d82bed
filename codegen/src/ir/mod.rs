//! The intermediate representation between inputs and emitted code.
//!
//! Everything is kept in `BTreeMap`s keyed by stable names, so the order of
//! the output depends on the names alone, never on the order inputs were read.

mod analysis;
pub(crate) mod enums;
pub(crate) mod naming;
mod prune;
mod types;

use std::collections::{BTreeMap, BTreeSet};

pub(crate) use analysis::{assign_features, cyclic_fields, features_of_users};
pub(crate) use naming::{version_informers_struct, version_struct, UNKNOWN_FIELDS};
pub(crate) use prune::keep_features;
pub(crate) use types::{Field, MetaType, ModulePath, TypeDef, TypeId, TypeRef, TypeTable};

use crate::verbs::{Scope, Subresource, Verb};

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
    /// The `apiVersion` of its objects (`apps/v1`; `v1` in the core group).
    pub api_version: String,
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
