//! The declaration format (see `codegen/README.md`): one YAML document per
//! API group naming its versions and their kinds. The generator reads these
//! types; `kubegen import` writes them.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};
use crate::input::{self, Schema};
pub use crate::verbs::{Scope, Subresource, Verb};

/// Every kind an OpenAPI v2 spec (`swagger.json`) serves, read from its
/// `paths`, as declarations: what `all_openapi_kinds` generates.
pub fn served_by(spec: &Path) -> Result<Vec<Declaration>> {
    let loaded = input::load(&[spec.to_path_buf()])?;
    let [spec_doc] = loaded.specs.as_slice() else {
        return Err(Error::Conflict(format!(
            "{}: not an OpenAPI v2 spec (a `.json` file with `definitions`)",
            spec.display()
        )));
    };
    Ok(input::declarations_served_by(spec_doc))
}

/// A group declaration document.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    /// API group; `""` or `core` for the core group.
    pub group: String,
    /// Versions of the group.
    pub versions: Vec<DeclaredVersion>,
}

/// One version of a declared group.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclaredVersion {
    /// Version name (`v1`).
    pub version: String,
    /// Kinds of the version.
    pub kinds: Vec<DeclaredKind>,
}

/// One declared kind.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DeclaredKind {
    /// Kind name (`Deployment`).
    pub kind: String,
    /// Plural; defaults to the lowercased kind plus `s`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plural: Option<String>,
    /// Singular; defaults to the lowercased kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub singular: Option<String>,
    /// Short names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub short_names: Vec<String>,
    /// Scope; defaults to `Namespaced`.
    #[serde(default)]
    pub scope: Scope,
    /// Subresources with typed methods.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subresources: Vec<Subresource>,
    /// Verbs; defaults to `[all]`.
    #[serde(default)]
    pub verbs: Verbs,
    /// Where the schema comes from.
    #[serde(deserialize_with = "SchemaSpec::deserialize_any")]
    pub schema: SchemaSpec,
}

/// The verbs of a kind: `[all]`, or a list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Verbs {
    /// Every verb (`[all]`).
    #[default]
    All,
    /// Only these.
    Only(Vec<Verb>),
}

impl Verbs {
    /// The verbs a server serves, from its discovery verbs or OpenAPI
    /// actions (see [`Verb::served_by`]); `All` when it serves every one.
    pub fn served_by<'a>(words: impl IntoIterator<Item = &'a str>) -> Verbs {
        let served: BTreeSet<Verb> = words.into_iter().flat_map(Verb::served_by).collect();
        if served.len() == Verb::ALL.len() {
            Verbs::All
        } else {
            Verbs::Only(served.into_iter().collect())
        }
    }

    /// The verbs as a set, `All` expanded.
    pub fn expand(&self) -> BTreeSet<Verb> {
        match self {
            Verbs::All => Verb::ALL.into_iter().collect(),
            Verbs::Only(verbs) => verbs.iter().copied().collect(),
        }
    }
}

/// The word for every verb in a verb list.
const ALL: &str = "all";

impl Serialize for Verbs {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Verbs::All => [ALL].serialize(s),
            Verbs::Only(verbs) => verbs.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Verbs {
    /// A list of verb names; `all` anywhere in it means every verb.
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let words = Vec::<VerbWord>::deserialize(d)?;
        if words.contains(&VerbWord::All) {
            return Ok(Verbs::All);
        }
        let verbs = words
            .into_iter()
            .filter_map(|w| match w {
                VerbWord::Verb(v) => Some(v),
                VerbWord::All => None,
            })
            .collect();
        Ok(Verbs::Only(verbs))
    }
}

/// An item of a declaration's verb list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum VerbWord {
    All,
    Verb(Verb),
}

/// The names a verb list accepts, for error messages: the verbs, then `all`.
static VERB_WORDS: [&str; 10] = {
    let mut words = [ALL; 10];
    let mut i = 0;
    while i < Verb::ALL.len() {
        words[i] = Verb::ALL[i].name();
        i += 1;
    }
    words
};

/// The names of every value of a name-table enum, for error messages.
macro_rules! names {
    ($ty:ident, $n:literal) => {{
        let mut names = [""; $n];
        let mut i = 0;
        while i < $n {
            names[i] = $ty::ALL[i].name();
            i += 1;
        }
        names
    }};
}

static SUBRESOURCE_NAMES: [&str; 4] = names!(Subresource, 4);
static SCOPE_NAMES: [&str; 2] = names!(Scope, 2);

impl<'de> Deserialize<'de> for VerbWord {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let words = [VerbWord::All]
            .into_iter()
            .chain(Verb::ALL.map(VerbWord::Verb));
        d.deserialize_str(NameVisitor(words, |w: &VerbWord| w.name(), &VERB_WORDS))
    }
}

impl VerbWord {
    fn name(&self) -> &'static str {
        match self {
            VerbWord::All => ALL,
            VerbWord::Verb(v) => v.name(),
        }
    }
}

/// Finds the value of a name among `.0`, named by `.1`, erring with the
/// names `.2` inside the deserializer, so the error has the value's position.
struct NameVisitor<I, F>(I, F, &'static [&'static str]);

impl<'de, T: 'de, I: Iterator<Item = T>, F: Fn(&T) -> &'static str> Visitor<'de>
    for NameVisitor<I, F>
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "one of {}", self.2.join(", "))
    }

    fn visit_str<E: de::Error>(mut self, v: &str) -> std::result::Result<T, E> {
        self.0
            .find(|x| (self.1)(x) == v)
            .ok_or_else(|| E::unknown_variant(v, self.2))
    }
}

/// Serializes and deserializes a name-table enum by its name.
macro_rules! by_name {
    ($ty:ident, $expected:expr) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                d.deserialize_str(NameVisitor(
                    $ty::ALL.into_iter(),
                    |x: &$ty| x.name(),
                    $expected,
                ))
            }
        }
    };
}

by_name!(Verb, &VERB_WORDS[..Verb::ALL.len()]);
by_name!(Subresource, &SUBRESOURCE_NAMES);
by_name!(Scope, &SCOPE_NAMES);

/// `schema:` of a kind: a file path string, or a mapping with exactly one of
/// `file`, `openapi`, `inline`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaSpec {
    /// An OpenAPI v3 schema file, relative to the declaration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// An OpenAPI v2 definition name (`io.k8s.api.apps.v1.Deployment`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub openapi: Option<String>,
    /// An inline OpenAPI v3 schema.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inline: Option<InlineSchema>,
}

/// An inline OpenAPI v3 schema, as the generator reads it (the keys that
/// shape Rust types; validation-only keys are dropped).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct InlineSchema(pub(crate) Schema);

impl<'de> Deserialize<'de> for Wrapped {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Wrapped;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a schema file path or a mapping with `file`, `openapi` or `inline`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
                Ok(Wrapped(SchemaSpec {
                    file: Some(v.to_string()),
                    ..SchemaSpec::default()
                }))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                SchemaSpec::deserialize(de::value::MapAccessDeserializer::new(map)).map(Wrapped)
            }
        }
        d.deserialize_any(V)
    }
}

/// Accepts the string shorthand; a newtype so `SchemaSpec` keeps its derived impl.
struct Wrapped(SchemaSpec);

impl SchemaSpec {
    /// Deserializes the string shorthand or the mapping form.
    fn deserialize_any<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Wrapped::deserialize(d).map(|w| w.0)
    }
}
