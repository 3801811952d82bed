//! Schemas (OpenAPI v2 definitions, CRD OpenAPI v3 schemas) and their
//! conversion to the IR type table.

mod convert;
mod model;
mod placement;

pub use convert::{Converter, RootContext};
pub use model::{AdditionalProperties, GroupVersionKind, Schema, SchemaType};
pub use placement::{module_of_definition, PackageIndex};
