//! The declaration format's words, (de)serialized by the names in
//! `crate::verbs`: a scope, a subresource, a verb, and a verb list where
//! `all` stands for every verb. Errors are raised inside the deserializer,
//! so they carry the value's line and key path.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Scope, Subresource, Verb, Verbs};

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
static VERB_WORDS: [&str; Verb::ALL.len() + 1] = {
    let mut words = [ALL; Verb::ALL.len() + 1];
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
