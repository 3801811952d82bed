//! Schema -> IR: structs in the type table, everything else as a `TypeRef`.
//!
//! Type ids are assigned before fields are converted, so recursive
//! definitions (`JSONSchemaProps`) terminate and refer to themselves. A
//! definition without properties has no type of its own to refer to: when
//! one is reached again while it is being converted (an array of itself, a
//! cycle of `$ref`s), the inner reference becomes free-form JSON. Nesting is
//! bounded, so a server's spec cannot exhaust the stack.

use std::collections::{BTreeMap, BTreeSet};

use super::placement::{module_of_definition, PackageIndex};
use crate::error::Result;
use crate::input::{AdditionalProperties, OpenApiSpec, Origin, Schema, SchemaType};
use crate::ir::naming::pascal;
use crate::ir::{Field, MetaType, ModulePath, TypeDef, TypeId, TypeRef, TypeTable};

/// Where a kind's root type goes.
#[derive(Clone, Debug)]
pub struct RootContext {
    /// Module (group key and version).
    pub module: ModulePath,
    /// `group/version` or `version` for core.
    pub api_version: String,
    /// Kind name.
    pub kind: String,
}

/// Where a nested struct goes: its id and the name it wants.
#[derive(Clone)]
struct Place {
    module: ModulePath,
    id: String,
    hint: String,
}

impl Place {
    fn child(&self, field: &str) -> Place {
        Place {
            module: self.module.clone(),
            id: format!("{}.{field}", self.id),
            hint: format!("{}{}", self.hint, pascal(field)),
        }
    }

    fn suffixed(&self, suffix: &str) -> Place {
        Place {
            id: format!("{}{suffix}", self.id),
            ..self.clone()
        }
    }
}

/// OpenAPI definitions that stand for arbitrary JSON.
const JSON_DEFINITIONS: &[&str] = &[
    "io.k8s.apimachinery.pkg.runtime.RawExtension",
    "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON",
    "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1beta1.JSON",
];

/// How deep schema conversion may nest (schema levels plus `$ref` hops).
/// Real specs stay far below; this only keeps hostile ones off the stack.
const MAX_DEPTH: usize = 128;

/// Converts schemas into a type table.
pub struct Converter<'a> {
    defs: BTreeMap<&'a str, (&'a Schema, &'a OpenApiSpec)>,
    packages: PackageIndex,
    /// Definitions without properties being converted, to cut cycles.
    in_progress: BTreeSet<&'a str>,
    /// Current nesting of `convert`.
    depth: usize,
    /// The table being built.
    pub table: TypeTable,
}

impl<'a> Converter<'a> {
    /// A converter resolving `$ref`s and `openapi:` names against `specs`; the
    /// first spec (in path order) defining a name wins.
    pub fn new(specs: &'a [OpenApiSpec]) -> Self {
        let mut defs = BTreeMap::new();
        for spec in specs {
            for (name, schema) in spec.definitions.iter() {
                defs.entry(name.as_str()).or_insert((schema, spec));
            }
        }
        let packages = PackageIndex::new(defs.iter().map(|(n, (s, _))| (*n, *s)));
        Converter {
            defs,
            packages,
            in_progress: BTreeSet::new(),
            depth: 0,
            table: TypeTable::default(),
        }
    }

    /// The root type of a kind with an inline (CRD or declared) schema.
    pub fn root_inline(&mut self, s: &Schema, o: &Origin, ctx: &RootContext) -> Result<TypeId> {
        if !(s.type_ == Some(SchemaType::Object) || (s.type_.is_none() && !s.properties.is_empty()))
        {
            return Err(o
                .key("type")
                .error("the schema of a kind must be an object"));
        }
        let place = Place {
            module: ctx.module.clone(),
            id: format!("crd:{}/{}", ctx.api_version, ctx.kind),
            hint: ctx.kind.clone(),
        };
        let id = self.structure(s, o, &place, true)?;
        self.mark_root(&id, ctx, o)?;
        Ok(id)
    }

    /// The root type of a kind without a schema: metadata plus every other field as JSON.
    pub fn root_untyped(&mut self, o: &Origin, ctx: &RootContext) -> Result<TypeId> {
        let s = Schema {
            type_: Some(SchemaType::Object),
            preserve_unknown_fields: true,
            ..Schema::default()
        };
        self.root_inline(&s, o, ctx)
    }

    /// The root type of a kind named by an OpenAPI definition.
    pub fn root_openapi(&mut self, name: &str, o: &Origin, ctx: &RootContext) -> Result<TypeId> {
        match self.definition(name, o)? {
            TypeRef::Named(id) => {
                self.mark_root(&id, ctx, o)?;
                Ok(id)
            }
            _ => Err(o.error(format!("definition `{name}` is not an object type"))),
        }
    }

    fn mark_root(&mut self, id: &TypeId, ctx: &RootContext, o: &Origin) -> Result<()> {
        let def = self
            .table
            .types
            .get_mut(id)
            .ok_or_else(|| o.error("no type"))?;
        let me = (ctx.api_version.clone(), ctx.kind.clone());
        if let Some(other) = &def.root_of {
            if other != &me {
                return Err(o.error(format!(
                    "type `{}` is already the root of kind {}/{}",
                    id.0, other.0, other.1
                )));
            }
        }
        def.root_of = Some(me);
        // Every root has apiVersion, kind and a plain ObjectMeta (what `Resource::metadata` returns).
        for (json, ty, doc) in [
            (
                "apiVersion",
                TypeRef::String,
                format!("The object's API version, `{}`.", ctx.api_version),
            ),
            (
                "kind",
                TypeRef::String,
                format!("The object's kind, `{}`.", ctx.kind),
            ),
            (
                "metadata",
                TypeRef::Meta(MetaType::ObjectMeta),
                "Standard object metadata.".to_string(),
            ),
        ] {
            match def.fields.iter_mut().find(|f| f.json == json) {
                Some(f) => {
                    f.ty = ty;
                    f.required = true;
                    f.nullable = false;
                    f.doc.get_or_insert(doc);
                }
                None => def.fields.push(Field {
                    json: json.to_string(),
                    rust: String::new(),
                    ty,
                    required: true,
                    nullable: false,
                    doc: Some(doc),
                    enum_values: Vec::new(),
                }),
            }
        }
        def.fields.sort_by(|a, b| a.json.cmp(&b.json));
        Ok(())
    }

    /// A `$ref` target or `openapi:` name.
    fn definition(&mut self, name: &str, o: &Origin) -> Result<TypeRef> {
        if let Some(meta) = MetaType::for_definition(name) {
            if !name.starts_with("io.k8s.apimachinery.") {
                let home = module_of_definition(name, &self.packages);
                self.table.meta_homes.insert(meta, home);
            }
            return Ok(TypeRef::Meta(meta));
        }
        if JSON_DEFINITIONS.contains(&name) {
            return Ok(TypeRef::Value);
        }
        let id = TypeId(name.to_string());
        if self.table.types.contains_key(&id) {
            return Ok(TypeRef::Named(id));
        }
        let Some((&name, &(schema, spec))) = self.defs.get_key_value(name) else {
            return Err(if self.defs.is_empty() {
                o.error(format!(
                    "`{name}` needs an OpenAPI v2 spec among the inputs"
                ))
            } else {
                o.error(format!("no definition `{name}` in the OpenAPI specs"))
            });
        };
        let def_origin = Origin {
            file: spec.file.clone(),
            text: spec.text.clone(),
            doc_line: 1,
            path: crate::input::KeyPath::default()
                .key("definitions")
                .key(name),
        };
        if schema.properties.is_empty() {
            if !self.in_progress.insert(name) {
                return Ok(TypeRef::Value);
            }
            let place = Place {
                module: ModulePath::default(),
                id: name.to_string(),
                hint: String::new(),
            };
            let converted = self.convert(schema, &def_origin, &place);
            self.in_progress.remove(name);
            return converted;
        }
        let place = Place {
            module: module_of_definition(name, &self.packages),
            id: name.to_string(),
            hint: name.rsplit('.').next().unwrap_or(name).to_string(),
        };
        self.structure(schema, &def_origin, &place, false)
            .map(TypeRef::Named)
    }

    /// Registers a struct for an object schema with properties (or a root).
    fn structure(&mut self, s: &Schema, o: &Origin, place: &Place, root: bool) -> Result<TypeId> {
        let id = TypeId(place.id.clone());
        self.table.types.insert(
            id.clone(),
            TypeDef {
                id: id.clone(),
                module: place.module.clone(),
                name_hint: place.hint.clone(),
                name: String::new(),
                doc: s.description.clone(),
                fields: Vec::new(),
                root_of: None,
                features: BTreeSet::new(),
            },
        );
        let mut fields = Vec::new();
        let props = o.key("properties");
        for (name, prop) in &s.properties {
            let po = props.key(name);
            let embedded_meta = (root || s.embedded_resource)
                && name == "metadata"
                && prop.properties.is_empty()
                && prop.reference.is_none();
            let ty = if embedded_meta {
                TypeRef::Meta(MetaType::ObjectMeta)
            } else {
                self.convert(prop, &po, &place.child(name))?
            };
            fields.push(Field {
                json: name.clone(),
                rust: String::new(),
                ty,
                required: s.required.contains(name),
                nullable: prop.nullable,
                doc: prop.description.clone(),
                enum_values: prop
                    .enum_values
                    .iter()
                    .flatten()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                    .collect(),
            });
        }
        if let Some(def) = self.table.types.get_mut(&id) {
            def.fields = fields;
        }
        Ok(id)
    }

    /// Any schema node, at most [`MAX_DEPTH`] deep.
    fn convert(&mut self, s: &Schema, o: &Origin, place: &Place) -> Result<TypeRef> {
        if self.depth >= MAX_DEPTH {
            return Err(o.error(format!(
                "schema nested deeper than {MAX_DEPTH} levels (counting `$ref`s)"
            )));
        }
        self.depth += 1;
        let converted = self.convert_node(s, o, place);
        self.depth -= 1;
        converted
    }

    fn convert_node(&mut self, s: &Schema, o: &Origin, place: &Place) -> Result<TypeRef> {
        if let Some(r) = &s.reference {
            let ro = o.key("$ref");
            let name = r
                .strip_prefix("#/definitions/")
                .ok_or_else(|| ro.error(format!("unsupported reference `{r}`")))?;
            return self.definition(name, &ro);
        }
        if s.int_or_string || s.format.as_deref() == Some("int-or-string") {
            return Ok(TypeRef::Meta(MetaType::IntOrString));
        }
        if let ([only], None) = (s.all_of.as_slice(), s.type_) {
            return self.convert(only, &o.key("allOf").index(0), place);
        }
        Ok(match s.type_ {
            Some(SchemaType::String) => match s.format.as_deref() {
                Some("date-time") => TypeRef::Meta(MetaType::Time),
                _ => TypeRef::String,
            },
            Some(SchemaType::Integer) => match s.format.as_deref() {
                Some("int32") => TypeRef::I32,
                _ => TypeRef::I64,
            },
            Some(SchemaType::Number) => TypeRef::F64,
            Some(SchemaType::Boolean) => TypeRef::Bool,
            Some(SchemaType::Array) => match &s.items {
                Some(items) => {
                    let inner = self.convert(items, &o.key("items"), &place.suffixed("[]"))?;
                    TypeRef::List(Box::new(inner))
                }
                None => TypeRef::List(Box::new(TypeRef::Value)),
            },
            Some(SchemaType::Object) | None if !s.properties.is_empty() => {
                TypeRef::Named(self.structure(s, o, place, false)?)
            }
            Some(SchemaType::Object) => match &s.additional_properties {
                Some(AdditionalProperties::Schema(v)) => {
                    let ao = o.key("additionalProperties");
                    TypeRef::Map(Box::new(self.convert(v, &ao, &place.suffixed("{}"))?))
                }
                Some(AdditionalProperties::Bool(true)) => TypeRef::Map(Box::new(TypeRef::Value)),
                _ => TypeRef::Value,
            },
            None if !s.one_of.is_empty() || !s.any_of.is_empty() => self.widest(s, o, place)?,
            None => TypeRef::Value,
        })
    }

    /// `oneOf`/`anyOf` without a `type`: the widest type that keeps every alternative.
    fn widest(&mut self, s: &Schema, o: &Origin, place: &Place) -> Result<TypeRef> {
        let (key, alts) = if s.one_of.is_empty() {
            ("anyOf", &s.any_of)
        } else {
            ("oneOf", &s.one_of)
        };
        let types: BTreeSet<Option<SchemaType>> = alts.iter().map(|a| a.type_).collect();
        let int_str: BTreeSet<Option<SchemaType>> =
            [Some(SchemaType::Integer), Some(SchemaType::String)].into();
        if types == int_str {
            return Ok(TypeRef::Meta(MetaType::IntOrString));
        }
        if types.len() == 1 && !types.contains(&None) {
            let first = self.convert(&alts[0], &o.key(key).index(0), place)?;
            if alts.len() == 1 || !matches!(first, TypeRef::Named(_)) {
                return Ok(first);
            }
        }
        Ok(TypeRef::Value)
    }
}
