//! Reading files and folders into normalized declarations.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::crd::Crd;
use super::openapi::SpecDoc;
use super::{
    locate, InputGroup, InputKind, InputVersion, KeyPath, OpenApiSpec, Origin, Schema, SchemaSource,
};
use crate::declaration::{Declaration, DeclaredKind, Verbs};
use crate::error::{Error, Location, Result};
use crate::verbs::Subresource;

/// Everything read from the inputs.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Declared groups, from declarations and CRDs.
    pub groups: Vec<InputGroup>,
    /// OpenAPI v2 specs.
    pub specs: Vec<OpenApiSpec>,
    /// Every file read, for `cargo:rerun-if-changed`.
    pub files: Vec<PathBuf>,
}

/// Reads files and folders (recursively, in sorted order). In folders, files
/// ending in `.schema.yaml`/`.schema.yml`/`.schema.json` are skipped: they are
/// read when a declaration references them.
pub fn load(paths: &[PathBuf]) -> Result<Inputs> {
    let mut inputs = Inputs::default();
    let mut files = Vec::new();
    for p in paths {
        collect(p, true, &mut files)?;
    }
    files.sort();
    files.dedup();
    for f in files {
        load_file(&f, &mut inputs)?;
    }
    Ok(inputs)
}

fn collect(path: &Path, explicit: bool, out: &mut Vec<PathBuf>) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .map(|e| e.map(|e| e.path()).map_err(|e| Error::io(path, e)))
            .collect::<Result<_>>()?;
        entries.sort();
        for e in entries {
            collect(&e, false, out)?;
        }
    } else {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let is_input = [".yaml", ".yml", ".json"].iter().any(|s| name.ends_with(s));
        let is_schema = [".schema.yaml", ".schema.yml", ".schema.json"]
            .iter()
            .any(|s| name.ends_with(s));
        if explicit || (is_input && !is_schema) {
            out.push(path.to_path_buf());
        }
    }
    Ok(())
}

fn read(path: &Path, inputs: &mut Inputs) -> Result<Arc<str>> {
    inputs.files.push(path.to_path_buf());
    std::fs::read_to_string(path)
        .map(Arc::from)
        .map_err(|e| Error::io(path, e))
}

/// Splits serde's "path: message at line L column C" into key and message.
fn split_message(msg: &str) -> (String, String) {
    // The position is reported separately: drop a trailing " at line L column C".
    let msg = match msg.rfind(" at line ") {
        Some(i)
            if msg[i + 9..]
                .split(" column ")
                .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())) =>
        {
            &msg[..i]
        }
        _ => msg,
    };
    if let Some((path, rest)) = msg.split_once(": ") {
        if !path.contains(' ') {
            return (path.to_string(), rest.to_string());
        }
    }
    // Unknown/missing fields at the root name the key in backticks.
    let key = msg
        .split('`')
        .nth(1)
        .filter(|_| msg.starts_with("unknown field") || msg.starts_with("missing field"))
        .unwrap_or("(document)");
    (key.to_string(), msg.to_string())
}

pub(crate) fn yaml_error(file: &Path, e: &serde_yaml::Error) -> Error {
    let (key, message) = split_message(&e.to_string());
    Error::Input {
        location: Location {
            file: file.to_path_buf(),
            line: e.location().map(|l| l.line()),
            column: e.location().map(|l| l.column()),
        },
        key,
        message,
    }
}

fn json_error(file: &Path, e: &serde_json::Error) -> Error {
    let (key, message) = split_message(&e.to_string());
    Error::Input {
        location: Location {
            file: file.to_path_buf(),
            line: Some(e.line()),
            column: Some(e.column()),
        },
        key,
        message,
    }
}

/// Just enough of a document to tell what it is.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Head {
    api_version: Option<serde_yaml::Value>,
    kind: Option<serde_yaml::Value>,
    group: Option<serde_yaml::Value>,
    versions: Option<serde_yaml::Value>,
}

fn load_file(path: &Path, inputs: &mut Inputs) -> Result<()> {
    let text = read(path, inputs)?;
    if path.extension().is_some_and(|e| e == "json") {
        let doc: SpecDoc = serde_json::from_str(&text).map_err(|e| json_error(path, &e))?;
        inputs.specs.push(OpenApiSpec {
            file: path.to_path_buf(),
            text,
            definitions: Arc::new(doc.definitions),
            paths: Arc::new(doc.paths),
        });
        return Ok(());
    }
    // Pass one: what is each document? Pass two: parse it typed, with positions.
    let mut heads = Vec::new();
    for doc in serde_yaml::Deserializer::from_str(&text) {
        let head = Option::<Head>::deserialize(doc).map_err(|e| yaml_error(path, &e))?;
        heads.push(head);
    }
    for (i, doc) in serde_yaml::Deserializer::from_str(&text).enumerate() {
        let Some(head) = &heads[i] else { continue };
        let origin = Origin {
            file: path.to_path_buf(),
            text: text.clone(),
            doc_line: locate::doc_start_line(&text, i),
            path: KeyPath::default(),
        };
        let is_crd =
            head.kind.as_ref().and_then(|k| k.as_str()) == Some("CustomResourceDefinition");
        if is_crd {
            let crd = Crd::deserialize(doc).map_err(|e| yaml_error(path, &e))?;
            inputs.groups.push(from_crd(crd, &origin)?);
        } else if head.api_version.is_none() && head.kind.is_none() {
            if head.group.is_none() && head.versions.is_none() {
                return Err(origin.error(
                    "neither a declaration (`group`, `versions`) nor a CustomResourceDefinition",
                ));
            }
            let decl = Declaration::deserialize(doc).map_err(|e| yaml_error(path, &e))?;
            let group = from_decl(decl, &origin, inputs)?;
            inputs.groups.push(group);
        }
        // Other Kubernetes objects in a manifest folder are not ours: skipped.
    }
    Ok(())
}

fn from_crd(crd: Crd, origin: &Origin) -> Result<InputGroup> {
    if crd.api_version != "apiextensions.k8s.io/v1" {
        return Err(origin.key("apiVersion").error(format!(
            "`{}` is not supported, use apiextensions.k8s.io/v1",
            crd.api_version
        )));
    }
    let spec = crd.spec;
    let spec_o = origin.key("spec");
    let mut versions = Vec::new();
    for (i, v) in spec.versions.into_iter().enumerate() {
        if !v.served {
            continue;
        }
        let vo = spec_o.key("versions").index(i);
        let schema = match v.schema.and_then(|s| s.open_api_v3_schema) {
            Some(s) => SchemaSource::Inline(Box::new(s), vo.key("schema").key("openAPIV3Schema")),
            None => SchemaSource::Untyped,
        };
        let mut subresources = Vec::new();
        if let Some(sub) = &v.subresources {
            if sub.status.is_some() {
                subresources.push(Subresource::Status);
            }
            if sub.scale.is_some() {
                subresources.push(Subresource::Scale);
            }
        }
        let kind = InputKind {
            kind: spec.names.kind.clone(),
            plural: Some(spec.names.plural.clone()),
            singular: spec.names.singular.clone(),
            short_names: spec.names.short_names.clone(),
            scope: spec.scope,
            subresources,
            verbs: Verbs::All,
            schema,
            origin: spec_o.key("names"),
        };
        versions.push(InputVersion {
            version: v.name,
            kinds: vec![kind],
            origin: vo,
        });
    }
    Ok(InputGroup {
        group: spec.group,
        versions,
        origin: spec_o.key("group"),
    })
}

fn from_decl(decl: Declaration, origin: &Origin, inputs: &mut Inputs) -> Result<InputGroup> {
    let group = if decl.group == "core" {
        String::new()
    } else {
        decl.group
    };
    let mut versions = Vec::new();
    for (i, v) in decl.versions.into_iter().enumerate() {
        let vo = origin.key("versions").index(i);
        let mut kinds = Vec::new();
        for (j, k) in v.kinds.into_iter().enumerate() {
            let ko = vo.key("kinds").index(j);
            kinds.push(kind_from_decl(k, ko, inputs)?);
        }
        versions.push(InputVersion {
            version: v.version,
            kinds,
            origin: vo,
        });
    }
    Ok(InputGroup {
        group,
        versions,
        origin: origin.key("group"),
    })
}

fn kind_from_decl(mut k: DeclaredKind, ko: Origin, inputs: &mut Inputs) -> Result<InputKind> {
    let so = ko.key("schema");
    let s = std::mem::take(&mut k.schema);
    let given = [s.file.is_some(), s.openapi.is_some(), s.inline.is_some()];
    if given.iter().filter(|g| **g).count() != 1 {
        return Err(so.error("give exactly one of `file`, `openapi`, `inline`"));
    }
    let schema = if let Some(name) = s.openapi {
        SchemaSource::OpenApi(name, so.key("openapi"))
    } else if let Some(inline) = s.inline {
        SchemaSource::Inline(Box::new(inline.0), so.key("inline"))
    } else {
        let rel = s.file.unwrap_or_default();
        let base = ko.file.parent().unwrap_or(Path::new("."));
        // Without `.` components, so messages show a clean path.
        let file: PathBuf = base
            .join(&rel)
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        if !file.is_file() {
            return Err(so.error(format!("schema file `{}` not found", file.display())));
        }
        let text = read(&file, inputs)?;
        let schema: Schema = if file.extension().is_some_and(|e| e == "json") {
            serde_json::from_str(&text).map_err(|e| json_error(&file, &e))?
        } else {
            serde_yaml::from_str(&text).map_err(|e| yaml_error(&file, &e))?
        };
        let origin = Origin {
            file,
            text,
            doc_line: 1,
            path: KeyPath::default(),
        };
        SchemaSource::Inline(Box::new(schema), origin)
    };
    Ok(InputKind::declared(k, schema, ko))
}
