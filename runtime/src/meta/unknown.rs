//! Members a type does not know, kept so that read-modify-write loses nothing.
//!
//! A server newer than the types (or a CRD whose schema grew) sends members
//! the Rust struct has no field for; an explicit `null` on an optional member
//! decodes to `None` like an absent one. Every generated struct (and the
//! meta types) keeps both in an [`UnknownFields`] and writes them back, so a
//! typed get, change and update sends what it got. The holder is one pointer,
//! `None` and allocation-free when there is nothing to keep, so a cache of
//! objects pays no more than that pointer.
//!
//! Decoding goes through [`DecodeStruct`] and a [`FieldReader`] (a field-name
//! lookup like serde derive's, no buffering); encoding through a
//! [`FieldWriter`]. This file needs only `serde` and `serde_json`.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// The members of an object its type does not name, and the explicit
/// `null`s of its optional members, in key order. Written back after the known
/// fields; a known field that is set wins over an entry of the same name.
///
/// A sorted vector of exactly its entries (a `BTreeMap`'s first node alone
/// is over 600 bytes), and the `null` of a known field borrows its static
/// name: a Pod condition's `lastProbeTime: null` costs one small allocation.
///
/// `Debug` shows the keys only: values may hold anything, secrets included.
#[derive(Clone, Default, PartialEq, Eq)]
// Boxed: a `Vec` is three words inline, the box one (and null when empty).
#[allow(clippy::box_collection)]
pub struct UnknownFields(Option<Box<Vec<Entry>>>);

/// A kept member: its name (borrowed when it is a known field's) and value.
type Entry = (Cow<'static, str>, Value);

impl UnknownFields {
    /// Nothing kept.
    pub const fn new() -> Self {
        UnknownFields(None)
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// How many members are kept.
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |m| m.len())
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        match &self.0 {
            Some(entries) => entries.binary_search_by(|(k, _)| k.as_ref().cmp(key)),
            None => Err(0),
        }
    }

    /// The kept value of member `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        let at = self.find(key).ok()?;
        self.0.as_ref().map(|entries| &entries[at].1)
    }

    /// Keeps `value` under `key`; gives back the value it replaces.
    pub fn insert(&mut self, key: impl Into<Cow<'static, str>>, value: Value) -> Option<Value> {
        let key = key.into();
        let found = self.find(&key);
        let entries = self.0.get_or_insert_with(Default::default);
        match found {
            Ok(at) => Some(std::mem::replace(&mut entries[at].1, value)),
            Err(at) => {
                entries.insert(at, (key, value));
                None
            }
        }
    }

    /// Forgets member `key`; gives back its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.find(key).ok()?;
        let entries = self.0.as_mut()?;
        let (_, removed) = entries.remove(at);
        if entries.is_empty() {
            self.0 = None;
        }
        Some(removed)
    }

    /// The kept members in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0
            .iter()
            .flat_map(|m| m.iter().map(|(k, v)| (k.as_ref(), v)))
    }

    /// Gives back the room a decode did not use.
    fn shrink(&mut self) {
        if let Some(entries) = &mut self.0 {
            entries.shrink_to_fit();
        }
    }
}

impl fmt::Debug for UnknownFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter().map(|(k, _)| k)).finish()
    }
}

/// A struct decoded member by member through a [`FieldReader`]; generated
/// types implement it, and their `Deserialize` is [`decode_struct`].
pub trait DecodeStruct<'de>: Sized {
    /// The JSON names of the fields, in the order of the indexes the reader gives.
    const FIELDS: &'static [&'static str];

    /// Reads every member and builds the value.
    fn decode<A: MapAccess<'de>>(reader: FieldReader<'de, A>) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` of a [`DecodeStruct`]: a JSON object.
pub fn decode_struct<'de, D: Deserializer<'de>, T: DecodeStruct<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(StructVisitor(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: DecodeStruct<'de>> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::decode(FieldReader {
            map,
            names: T::FIELDS,
            unknown: UnknownFields::new(),
            lifetime: PhantomData,
        })
    }
}

/// The members of one JSON object, as indexes into the struct's field names;
/// members of other names are kept on the way.
pub struct FieldReader<'de, A> {
    map: A,
    names: &'static [&'static str],
    unknown: UnknownFields,
    lifetime: PhantomData<&'de ()>,
}

impl<'de, A: MapAccess<'de>> FieldReader<'de, A> {
    /// The field index of the next known member, `None` at the end.
    pub fn next_field(&mut self) -> Result<Option<usize>, A::Error> {
        loop {
            match self.map.next_key_seed(KeySeed(self.names))? {
                None => return Ok(None),
                Some(Key::Known(index)) => return Ok(Some(index)),
                Some(Key::Unknown(key)) => {
                    let value: Value = self.map.next_value()?;
                    self.unknown.insert(key, value);
                }
            }
        }
    }

    /// The value of the member just read.
    pub fn value<T: Deserialize<'de>>(&mut self) -> Result<T, A::Error> {
        self.map.next_value()
    }

    /// The value of optional field `index`; an explicit `null` is `None` and
    /// is kept, so it is written back.
    pub fn optional<T: Deserialize<'de>>(&mut self, index: usize) -> Result<Option<T>, A::Error> {
        let value = self.map.next_value::<Option<T>>()?;
        if value.is_none() {
            self.unknown.insert(self.names[index], Value::Null);
        }
        Ok(value)
    }

    /// A list, without spare room (see `vec_exact`).
    pub fn list<T: Deserialize<'de>>(&mut self) -> Result<Vec<T>, A::Error> {
        let mut list: Vec<T> = self.map.next_value()?;
        list.shrink_to_fit();
        Ok(list)
    }

    /// [`Self::list`] of optional field `index`, `null` kept as by [`Self::optional`].
    pub fn optional_list<T: Deserialize<'de>>(
        &mut self,
        index: usize,
    ) -> Result<Option<Vec<T>>, A::Error> {
        Ok(self.optional::<Vec<T>>(index)?.map(|mut list| {
            list.shrink_to_fit();
            list
        }))
    }

    /// The value of required field `index`, or the error of a missing field.
    pub fn required<T>(&self, value: Option<T>, index: usize) -> Result<T, A::Error> {
        value.ok_or_else(|| de::Error::missing_field(self.names[index]))
    }

    /// What was kept: the unknown members and the `null`s.
    pub fn finish(mut self) -> UnknownFields {
        self.unknown.shrink();
        self.unknown
    }
}

enum Key {
    Known(usize),
    Unknown(String),
}

/// Reads a key as an index into the names; only an unknown key allocates.
struct KeySeed(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(match self.0.iter().position(|name| *name == key) {
            Some(index) => Key::Known(index),
            None => Key::Unknown(key.to_owned()),
        })
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key, E> {
        Ok(match self.0.iter().position(|name| *name == key) {
            Some(index) => Key::Known(index),
            None => Key::Unknown(key),
        })
    }
}

/// Writes a struct as a JSON object: its fields, then what its
/// [`UnknownFields`] kept (but for the names of fields written).
pub struct FieldWriter<'a, M> {
    map: M,
    unknown: &'a UnknownFields,
    written: Vec<&'static str>,
}

impl<'a, M: SerializeMap> FieldWriter<'a, M> {
    /// Starts the object.
    pub fn new<S: Serializer<SerializeMap = M>>(
        serializer: S,
        unknown: &'a UnknownFields,
    ) -> Result<Self, S::Error> {
        Ok(FieldWriter {
            map: serializer.serialize_map(None)?,
            unknown,
            written: Vec::new(),
        })
    }

    /// Writes member `key`.
    pub fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        if !self.unknown.is_empty() {
            self.written.push(key);
        }
        self.map.serialize_entry(key, value)
    }

    /// Writes member `key` unless it is `None`.
    pub fn optional<T: Serialize>(
        &mut self,
        key: &'static str,
        value: &Option<T>,
    ) -> Result<(), M::Error> {
        match value {
            Some(value) => self.field(key, value),
            None => Ok(()),
        }
    }

    /// Writes a kind's `apiVersion` or `kind` unless it is empty (as Go's
    /// `TypeMeta` does: list items come without them).
    pub fn type_meta(&mut self, key: &'static str, value: &str) -> Result<(), M::Error> {
        if value.is_empty() {
            Ok(())
        } else {
            self.field(key, value)
        }
    }

    /// Writes what was kept and ends the object.
    pub fn end(mut self) -> Result<M::Ok, M::Error> {
        for (key, value) in self.unknown.iter() {
            if !self.written.contains(&key) {
                self.map.serialize_entry(key, value)?;
            }
        }
        self.map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A struct as the generator writes one: a required, an optional and a
    /// list field.
    #[derive(Debug, Default, PartialEq)]
    struct Sample {
        name: String,
        size: Option<i64>,
        items: Vec<i64>,
        unknown_fields: UnknownFields,
    }

    impl<'de> DecodeStruct<'de> for Sample {
        const FIELDS: &'static [&'static str] = &["name", "size", "items"];

        fn decode<A: MapAccess<'de>>(mut r: FieldReader<'de, A>) -> Result<Self, A::Error> {
            let (mut name, mut size, mut items) = (None, None, None);
            while let Some(index) = r.next_field()? {
                match index {
                    0 => name = Some(r.value()?),
                    1 => size = r.optional(1)?,
                    _ => items = Some(r.list()?),
                }
            }
            Ok(Sample {
                name: r.required(name, 0)?,
                size,
                items: items.unwrap_or_default(),
                unknown_fields: r.finish(),
            })
        }
    }

    impl<'de> Deserialize<'de> for Sample {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            decode_struct(d)
        }
    }

    impl Serialize for Sample {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut w = FieldWriter::new(s, &self.unknown_fields)?;
            w.field("name", &self.name)?;
            w.optional("size", &self.size)?;
            w.field("items", &self.items)?;
            w.end()
        }
    }

    #[test]
    fn unknown_members_and_nulls_round_trip() {
        let wire =
            json!({"name": "a", "size": null, "items": [1], "new": {"x": [1, 2]}, "z": null});
        let s: Sample = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(s.size, None);
        assert_eq!(s.unknown_fields.len(), 3);
        assert_eq!(serde_json::to_value(&s).unwrap(), wire);
        // The same from text, where keys arrive borrowed.
        let s: Sample = serde_json::from_str(&wire.to_string()).unwrap();
        assert_eq!(serde_json::to_value(&s).unwrap(), wire);
    }

    #[test]
    fn entries_stay_sorted_and_replace_by_key() {
        let mut u = UnknownFields::new();
        assert_eq!(u.insert("b", json!(1)), None);
        assert_eq!(u.insert(String::from("a"), json!(2)), None);
        assert_eq!(u.insert("c", json!(3)), None);
        assert_eq!(u.insert("b", json!(4)), Some(json!(1)));
        let keys: Vec<&str> = u.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "b", "c"]);
        assert_eq!(u.get("b"), Some(&json!(4)));
        assert_eq!(u.get("d"), None);
        assert_eq!(u.remove("d"), None);
    }

    #[test]
    fn nothing_unknown_keeps_nothing() {
        let s: Sample = serde_json::from_str(r#"{"name":"a","items":[1,2,3]}"#).unwrap();
        assert!(s.unknown_fields.is_empty());
        assert_eq!(s.items.capacity(), 3);
        assert_eq!(
            std::mem::size_of::<UnknownFields>(),
            std::mem::size_of::<usize>()
        );
    }

    #[test]
    fn a_set_field_wins_over_a_kept_entry_of_its_name() {
        let mut s: Sample = serde_json::from_str(r#"{"name":"a","size":null}"#).unwrap();
        s.size = Some(3);
        s.unknown_fields.insert("name", json!("shadow"));
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(text, r#"{"name":"a","size":3,"items":[]}"#);
    }

    #[test]
    fn bad_input_is_an_error() {
        let missing = serde_json::from_str::<Sample>(r#"{"size":1}"#).unwrap_err();
        assert!(
            missing.to_string().contains("missing field `name`"),
            "{missing}"
        );
        let wrong = serde_json::from_str::<Sample>(r#"[1]"#).unwrap_err();
        assert!(wrong.to_string().contains("an object"), "{wrong}");
        assert!(serde_json::from_str::<Sample>(r#"{"name":"a","x":}"#).is_err());
    }

    #[test]
    fn debug_shows_keys_only_and_removing_the_last_entry_empties() {
        let mut u = UnknownFields::new();
        u.insert("token", json!("s3cr3t"));
        assert_eq!(format!("{u:?}"), r#"{"token"}"#);
        assert_eq!(u.remove("token"), Some(json!("s3cr3t")));
        assert_eq!(u, UnknownFields::default());
        assert!(u.is_empty());
    }
}
