//! The type table: every struct to emit, keyed by a stable id.

use std::collections::{BTreeMap, BTreeSet};

/// A stable type id: an OpenAPI definition name
/// (`io.k8s.api.apps.v1.Deployment`) or a CRD schema path
/// (`crd:apps.emqx.io/v1beta1/EmqxBroker.spec.template`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub String);

/// The module a type is emitted in: `<group module>::<version>`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModulePath {
    /// Group module (`core`, `apps`, `meta`).
    pub group: String,
    /// Version module (`v1`).
    pub version: String,
}

/// apimachinery types provided by the runtime under `::kubegen_runtime::meta`,
/// and `core/v1` `ObjectReference`, which the runtime's recorder needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MetaType {
    ObjectMeta,
    ListMeta,
    Time,
    MicroTime,
    Quantity,
    IntOrString,
    LabelSelector,
    LabelSelectorRequirement,
    OwnerReference,
    ManagedFieldsEntry,
    Condition,
    Status,
    StatusDetails,
    StatusCause,
    Duration,
    TypeMeta,
    ObjectReference,
}

impl MetaType {
    /// The runtime's name of the type.
    pub fn name(self) -> &'static str {
        match self {
            MetaType::ObjectMeta => "ObjectMeta",
            MetaType::ListMeta => "ListMeta",
            MetaType::Time => "Time",
            MetaType::MicroTime => "MicroTime",
            MetaType::Quantity => "Quantity",
            MetaType::IntOrString => "IntOrString",
            MetaType::LabelSelector => "LabelSelector",
            MetaType::LabelSelectorRequirement => "LabelSelectorRequirement",
            MetaType::OwnerReference => "OwnerReference",
            MetaType::ManagedFieldsEntry => "ManagedFieldsEntry",
            MetaType::Condition => "Condition",
            MetaType::Status => "Status",
            MetaType::StatusDetails => "StatusDetails",
            MetaType::StatusCause => "StatusCause",
            MetaType::Duration => "Duration",
            MetaType::TypeMeta => "TypeMeta",
            MetaType::ObjectReference => "ObjectReference",
        }
    }

    /// The runtime type standing for an OpenAPI definition, if any.
    pub fn for_definition(name: &str) -> Option<MetaType> {
        const META: &str = "io.k8s.apimachinery.pkg.apis.meta.v1.";
        match name {
            "io.k8s.apimachinery.pkg.api.resource.Quantity" => return Some(MetaType::Quantity),
            "io.k8s.apimachinery.pkg.util.intstr.IntOrString" => {
                return Some(MetaType::IntOrString)
            }
            "io.k8s.api.core.v1.ObjectReference" => return Some(MetaType::ObjectReference),
            _ => {}
        }
        let short = name.strip_prefix(META)?;
        Some(match short {
            "ObjectMeta" => MetaType::ObjectMeta,
            "ListMeta" => MetaType::ListMeta,
            "Time" => MetaType::Time,
            "MicroTime" => MetaType::MicroTime,
            "LabelSelector" => MetaType::LabelSelector,
            "LabelSelectorRequirement" => MetaType::LabelSelectorRequirement,
            "OwnerReference" => MetaType::OwnerReference,
            "ManagedFieldsEntry" => MetaType::ManagedFieldsEntry,
            "Condition" => MetaType::Condition,
            "Status" => MetaType::Status,
            "StatusDetails" => MetaType::StatusDetails,
            "StatusCause" => MetaType::StatusCause,
            "Duration" => MetaType::Duration,
            "TypeMeta" => MetaType::TypeMeta,
            _ => return None,
        })
    }

    /// Whether the runtime type implements `Default`.
    pub fn has_default(self) -> bool {
        !matches!(self, MetaType::IntOrString)
    }
}

/// A field's type, before the representation choices of `emit::repr`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// A string (also enums, `byte`, `date`, unknown formats).
    String,
    /// A boolean.
    Bool,
    /// `format: int32`.
    I32,
    /// `integer` of any other format.
    I64,
    /// `number`.
    F64,
    /// Anything goes: untyped objects, preserve-unknown-fields, RawExtension.
    Value,
    /// A runtime meta type.
    Meta(MetaType),
    /// A struct of the table.
    Named(TypeId),
    /// An array.
    List(Box<TypeRef>),
    /// An object with `additionalProperties`.
    Map(Box<TypeRef>),
}

/// One field of a struct.
#[derive(Clone, Debug)]
pub struct Field {
    /// JSON name.
    pub json: String,
    /// Rust name (snake case, not a keyword, unique in the struct).
    pub rust: String,
    /// Type.
    pub ty: TypeRef,
    /// Whether the field is `required` in the schema.
    pub required: bool,
    /// Whether `null` is allowed.
    pub nullable: bool,
    /// Description, raw.
    pub doc: Option<String>,
    /// Allowed values of a string enum, for the docs.
    pub enum_values: Vec<String>,
}

/// A struct to emit.
#[derive(Clone, Debug)]
pub struct TypeDef {
    /// Stable id.
    pub id: TypeId,
    /// Module the struct is emitted in.
    pub module: ModulePath,
    /// Name wanted before collisions are resolved.
    pub name_hint: String,
    /// Final Rust name, set by `lower::assign_names` by the rules of `ir::naming`.
    pub name: String,
    /// Description, raw.
    pub doc: Option<String>,
    /// Fields, sorted by JSON name.
    pub fields: Vec<Field>,
    /// `Some((api_version, kind))` when this is the root of a kind.
    pub root_of: Option<(String, String)>,
    /// Features of the groups that use this type (filled by `assign_features`).
    pub features: BTreeSet<String>,
}

/// Every struct to emit, keyed by id.
#[derive(Clone, Debug, Default)]
pub struct TypeTable {
    /// The structs.
    pub types: BTreeMap<TypeId, TypeDef>,
    /// The types of `types` that are string enums (see `ir::enums`).
    pub string_enums: BTreeMap<TypeId, super::enums::StringEnum>,
    /// Meta types whose definition belongs to an API group (`core/v1`
    /// `ObjectReference`), by the module their definition would be emitted
    /// in: re-exported there, so `core::v1::ObjectReference` still names it.
    pub meta_homes: BTreeMap<MetaType, ModulePath>,
}

impl TypeTable {
    /// The struct with this id. Panics on an unknown id: ids come from the table.
    pub fn get(&self, id: &TypeId) -> &TypeDef {
        &self.types[id]
    }
}
