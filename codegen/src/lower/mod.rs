//! The pass from inputs to the IR: merge declarations by group, validate
//! names, convert schemas (`schema.rs`, placed by `placement.rs`), then
//! assign every name by the rules of [`crate::ir::naming`].

use std::collections::{BTreeMap, BTreeSet};

use schema::{Converter, RootContext};

use crate::error::Result;
use crate::input::{InputGroup, InputKind, Inputs, SchemaSource};
use crate::ir::naming::{self, resolve, version_informers_struct, version_struct, UNKNOWN_FIELDS};
use crate::ir::{Group, Kind, Model, ModulePath, TypeId, Version};

mod placement;
mod schema;

/// The `apiVersion` of a group version's objects: `v1` in the core group.
fn api_version(group: &str, version: &str) -> String {
    if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    }
}

fn valid_group(g: &str) -> bool {
    g.chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
}

fn valid_version(v: &str) -> bool {
    v.starts_with(|c: char| c.is_ascii_lowercase())
        && v.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

fn valid_kind(k: &str) -> bool {
    k.starts_with(|c: char| c.is_ascii_uppercase()) && k.chars().all(|c| c.is_ascii_alphanumeric())
}

fn valid_plural(p: &str) -> bool {
    !p.is_empty()
        && p.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Builds the model from loaded inputs (plus groups discovered from specs).
pub(crate) fn build(inputs: &Inputs, discovered: &[InputGroup]) -> Result<Model> {
    let mut conv = Converter::new(&inputs.specs);
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    for decl in inputs.groups.iter().chain(discovered) {
        if !valid_group(&decl.group) {
            return Err(decl.origin.error(format!(
                "`{}` is not a valid API group (lowercase letters, digits, `.`, `-`)",
                decl.group
            )));
        }
        let group = groups.entry(decl.group.clone()).or_insert_with(|| Group {
            name: decl.group.clone(),
            ..Group::default()
        });
        for v in &decl.versions {
            if !valid_version(&v.version) {
                return Err(v.origin.key("version").error(format!(
                    "`{}` is not a valid version (like `v1`, `v1beta1`)",
                    v.version
                )));
            }
            let version = group
                .versions
                .entry(v.version.clone())
                .or_insert_with(|| Version {
                    name: v.version.clone(),
                    api_version: api_version(&decl.group, &v.version),
                    ..Version::default()
                });
            for k in &v.kinds {
                let kind = build_kind(&mut conv, &decl.group, &v.version, k)?;
                if version.kinds.contains_key(&kind.kind) {
                    return Err(k.origin.key("kind").error(format!(
                        "kind `{}` is declared twice in {}/{}",
                        kind.kind, decl.group, v.version
                    )));
                }
                let dup = version.kinds.values().find(|o| o.plural == kind.plural);
                if let Some(other) = dup {
                    return Err(k.origin.key("plural").error(format!(
                        "plural `{}` is used by kind `{}` too",
                        kind.plural, other.kind
                    )));
                }
                version.kinds.insert(kind.kind.clone(), kind);
            }
        }
    }
    let mut types = conv.table;
    crate::ir::enums::extract_string_enums(&mut types);
    let mut model = Model { groups, types };
    assign_names(&mut model);
    crate::ir::assign_features(&mut model);
    Ok(model)
}

fn build_kind(conv: &mut Converter<'_>, group: &str, version: &str, k: &InputKind) -> Result<Kind> {
    let o = &k.origin;
    if !valid_kind(&k.kind) {
        return Err(o.key("kind").error(format!(
            "`{}` is not a valid kind (an ASCII PascalCase name)",
            k.kind
        )));
    }
    let plural = k
        .plural
        .clone()
        .unwrap_or_else(|| format!("{}s", k.kind.to_ascii_lowercase()));
    if !valid_plural(&plural) {
        return Err(o
            .key("plural")
            .error(format!("`{plural}` is not a valid plural (lowercase)")));
    }
    let ctx = RootContext {
        module: ModulePath {
            group: group.to_string(),
            version: version.to_string(),
        },
        api_version: api_version(group, version),
        kind: k.kind.clone(),
    };
    let root = match &k.schema {
        SchemaSource::Inline(s, so) => conv.root_inline(s, so, &ctx)?,
        SchemaSource::OpenApi(name, so) => conv.root_openapi(name, so, &ctx)?,
        SchemaSource::Untyped => conv.root_untyped(o, &ctx)?,
    };
    Ok(Kind {
        kind: k.kind.clone(),
        scope: k.scope,
        subresources: k.subresources.iter().copied().collect(),
        verbs: k.verbs.expand(),
        root,
        accessor: String::new(),
        plural,
    })
}

/// The module key -> module name map, by the group rule and the collision rule.
fn module_names(model: &Model) -> BTreeMap<String, String> {
    let mut keys: BTreeSet<String> = model.groups.keys().cloned().collect();
    keys.extend(model.types.types.values().map(|t| t.module.group.clone()));
    keys.extend(model.types.meta_homes.values().map(|m| m.group.clone()));
    let wanted: BTreeMap<String, String> = keys
        .into_iter()
        .map(|k| {
            let name = match k.strip_prefix("pkg:") {
                Some(seg) => naming::package_module(seg),
                None => naming::group_module(&k),
            };
            (k, name)
        })
        .collect();
    resolve(&wanted, &naming::reserved(&naming::ROOT_METHODS), "_")
}

fn assign_names(model: &mut Model) {
    let modules = module_names(model);
    let features: BTreeMap<String, String> = model
        .groups
        .keys()
        .map(|g| (g.clone(), naming::group_feature(g)))
        .collect();
    let features = resolve(&features, &BTreeSet::new(), "_");
    let mut reserved: BTreeMap<ModulePath, BTreeSet<String>> = BTreeMap::new();
    for group in model.groups.values_mut() {
        group.module = modules[&group.name].clone();
        group.feature = features[&group.name].clone();
        for v in group.versions.values_mut() {
            let path = ModulePath {
                group: group.module.clone(),
                version: naming::version_module(&v.name),
            };
            let names = reserved.entry(path).or_default();
            names.insert(version_struct(&group.module, &v.name));
            names.insert(version_informers_struct(&group.module, &v.name));
            let wanted: BTreeMap<String, String> = v
                .kinds
                .values()
                .map(|k| (k.kind.clone(), naming::kind_accessor(&k.kind, &k.plural)))
                .collect();
            let accessors = resolve(&wanted, &naming::reserved(&naming::VERSION_METHODS), "_");
            for k in v.kinds.values_mut() {
                k.accessor = accessors[&k.kind].clone();
                names.insert(format!("{}List", k.kind));
                names.insert(format!("{}Client", k.kind));
            }
        }
    }
    for home in model.types.meta_homes.values_mut() {
        *home = ModulePath {
            group: modules[&home.group].clone(),
            version: naming::version_module(&home.version),
        };
    }
    let mut by_module: BTreeMap<ModulePath, BTreeMap<TypeId, String>> = BTreeMap::new();
    for t in model.types.types.values_mut() {
        t.module = ModulePath {
            group: modules[&t.module.group].clone(),
            version: naming::version_module(&t.module.version),
        };
        by_module
            .entry(t.module.clone())
            .or_default()
            .insert(t.id.clone(), naming::type_ident(&t.name_hint));
    }
    for (module, wanted) in by_module {
        let names = resolve(
            &wanted,
            reserved.get(&module).unwrap_or(&BTreeSet::new()),
            "",
        );
        for (id, name) in names {
            if let Some(t) = model.types.types.get_mut(&id) {
                t.name = name;
            }
        }
    }
    for t in model.types.types.values_mut() {
        let wanted: BTreeMap<String, String> = t
            .fields
            .iter()
            .map(|f| (f.json.clone(), naming::field_ident(&f.json)))
            .collect();
        let res = BTreeSet::from([UNKNOWN_FIELDS.to_string()]);
        let names = resolve(&wanted, &res, "_");
        for f in &mut t.fields {
            f.rust = names[&f.json].clone();
        }
    }
}
