//! `Map`: the map type of generated objects (labels of templates, resource
//! requests and limits, selectors ...): a sorted vector instead of a B-tree.
//! A `BTreeMap` allocates a whole 11-slot node for its first entry (976 bytes
//! for `String -> Quantity`); Kubernetes maps mostly hold one to five
//! entries, so a vector of exactly that many pairs is several times smaller
//! in caches of many objects. Lookups are binary searches; iteration is in
//! key order, as with `BTreeMap`, so encoding stays deterministic.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// A map kept as a vector of pairs sorted by key.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Map<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for Map<K, V> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
        }
    }
}

impl<K: Ord, V> Map<K, V> {
    /// An empty map (no allocation).
    pub fn new() -> Self {
        Self::default()
    }

    /// How many entries the map holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.entries.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    /// The value of `key`.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    /// The value of `key`, to change it.
    pub fn get_mut<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<&mut V>
    where
        K: Borrow<Q>,
    {
        match self.find(key) {
            Ok(i) => Some(&mut self.entries[i].1),
            Err(_) => None,
        }
    }

    /// Whether `key` has a value.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; returns the value it replaced.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// Removes `key`; returns its value.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| self.entries.remove(i).1)
    }

    /// Keeps only the entries `keep` returns true for.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&K, &V)> + ExactSizeIterator {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    /// Builds from pairs in any order; the last value of a repeated key wins.
    fn from_pairs(mut entries: Vec<(K, V)>) -> Self {
        // A stable sort keeps repeated keys in input order, so the last one wins below.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut deduped: Vec<(K, V)> = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            match deduped.last_mut() {
                Some(last) if last.0 == k => last.1 = v,
                _ => deduped.push((k, v)),
            }
        }
        deduped.shrink_to_fit();
        Self { entries: deduped }
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for Map<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self::from_pairs(iter.into_iter().collect())
    }
}

impl<K: Ord, V> Extend<(K, V)> for Map<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for Map<K, V> {
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl<K: Ord, V> From<BTreeMap<K, V>> for Map<K, V> {
    fn from(map: BTreeMap<K, V>) -> Self {
        // Already sorted and unique.
        Self {
            entries: map.into_iter().collect(),
        }
    }
}

impl<K: Ord, V> From<Map<K, V>> for BTreeMap<K, V> {
    fn from(map: Map<K, V>) -> Self {
        map.entries.into_iter().collect()
    }
}

impl<K, V> IntoIterator for Map<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, K, V> IntoIterator for &'a Map<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<K: Ord + Borrow<Q>, Q: Ord + ?Sized, V> std::ops::Index<&Q> for Map<K, V> {
    type Output = V;
    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry for this key in the map")
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for Map<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.entries.iter().map(|(k, v)| (k, v)))
            .finish()
    }
}

impl<K: Serialize, V: Serialize> Serialize for Map<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Deserialize<'de> for Map<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Pairs<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Visitor<'de> for Pairs<K, V> {
            type Value = Map<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(access.size_hint().unwrap_or(0).min(64));
                while let Some(pair) = access.next_entry()? {
                    entries.push(pair);
                }
                Ok(Map::from_pairs(entries))
            }
        }
        deserializer.deserialize_map(Pairs(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_btreemap() {
        let mut m: Map<String, i32> = Map::new();
        assert!(m.is_empty());
        assert_eq!(m.insert("b".into(), 2), None);
        assert_eq!(m.insert("a".into(), 1), None);
        assert_eq!(m.insert("c".into(), 3), None);
        assert_eq!(m.insert("b".into(), 20), Some(2));
        assert_eq!(m.keys().cloned().collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(m.get("b"), Some(&20));
        assert_eq!(m["c"], 3);
        assert!(m.contains_key("a") && !m.contains_key("z"));
        *m.get_mut("a").unwrap() += 10;
        assert_eq!(m.remove("a"), Some(11));
        assert_eq!(m.len(), 2);
        let b: BTreeMap<String, i32> = m.clone().into();
        assert_eq!(Map::from(b), m);
    }

    #[test]
    fn serde_as_a_json_object_in_key_order_last_duplicate_wins() {
        let m: Map<String, String> = serde_json::from_str(r#"{"z":"1","a":"2","z":"3"}"#).unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"a":"2","z":"3"}"#);
        let from_array = Map::from([("y", 1), ("x", 2), ("y", 3)]);
        assert_eq!(format!("{from_array:?}"), r#"{"x": 2, "y": 3}"#);
        let empty: Map<String, i32> = serde_json::from_str("{}").unwrap();
        assert_eq!(serde_json::to_string(&empty).unwrap(), "{}");
        assert!(serde_json::from_str::<Map<String, i32>>("[]").is_err());
    }

    #[test]
    fn decoded_maps_hold_exactly_their_entries() {
        let m: Map<String, String> = serde_json::from_str(r#"{"a":"1","b":"2"}"#).unwrap();
        assert_eq!(m.entries.capacity(), 2);
    }
}

#[cfg(test)]
mod props {
    //! `Map` against `BTreeMap` as a model: the same answers after any
    //! sequence of operations, and the same JSON.

    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::Map;

    #[derive(Clone, Debug)]
    enum Op {
        Insert(u8, i32),
        Remove(u8),
        Get(u8),
        AddTo(u8, i32),
        RetainEven,
        Clear,
    }

    fn op() -> impl Strategy<Value = Op> {
        // Few keys, so operations hit existing entries often.
        let key = 0u8..12;
        prop_oneof![
            4 => (key.clone(), any::<i32>()).prop_map(|(k, v)| Op::Insert(k, v)),
            2 => key.clone().prop_map(Op::Remove),
            2 => key.clone().prop_map(Op::Get),
            2 => (key, any::<i32>()).prop_map(|(k, v)| Op::AddTo(k, v)),
            1 => Just(Op::RetainEven),
            1 => Just(Op::Clear),
        ]
    }

    fn same(map: &Map<String, i32>, model: &BTreeMap<String, i32>) -> Result<(), TestCaseError> {
        prop_assert_eq!(map.len(), model.len());
        prop_assert_eq!(map.is_empty(), model.is_empty());
        prop_assert!(map.iter().eq(model.iter()));
        prop_assert!(map.iter().rev().eq(model.iter().rev()));
        prop_assert!(map.keys().eq(model.keys()));
        prop_assert!(map.values().eq(model.values()));
        Ok(())
    }

    proptest! {
        #[test]
        fn behaves_like_a_btreemap(ops in prop::collection::vec(op(), 0..64)) {
            let mut map: Map<String, i32> = Map::new();
            let mut model: BTreeMap<String, i32> = BTreeMap::new();
            for op in ops {
                match op {
                    Op::Insert(k, v) => {
                        prop_assert_eq!(map.insert(k.to_string(), v), model.insert(k.to_string(), v));
                    }
                    Op::Remove(k) => prop_assert_eq!(map.remove(&k.to_string()), model.remove(&k.to_string())),
                    Op::Get(k) => {
                        let k = k.to_string();
                        prop_assert_eq!(map.get(&k), model.get(&k));
                        prop_assert_eq!(map.contains_key(&k), model.contains_key(&k));
                    }
                    Op::AddTo(k, v) => {
                        let k = k.to_string();
                        if let Some(x) = map.get_mut(&k) {
                            *x = x.wrapping_add(v);
                        }
                        if let Some(x) = model.get_mut(&k) {
                            *x = x.wrapping_add(v);
                        }
                    }
                    Op::RetainEven => {
                        map.retain(|_, v| *v % 2 == 0);
                        model.retain(|_, v| *v % 2 == 0);
                    }
                    Op::Clear => {
                        map.clear();
                        model.clear();
                    }
                }
                same(&map, &model)?;
            }
            let json = serde_json::to_string(&map).expect("serializes");
            prop_assert_eq!(&json, &serde_json::to_string(&model).expect("serializes"));
            let back: Map<String, i32> = serde_json::from_str(&json).expect("deserializes");
            prop_assert_eq!(&back, &map);
            let converted: BTreeMap<String, i32> = map.clone().into();
            prop_assert_eq!(&converted, &model);
            prop_assert_eq!(Map::from(converted), map);
        }

        #[test]
        fn built_from_pairs_like_a_btreemap(pairs in prop::collection::vec((0u8..12, any::<i32>()), 0..32)) {
            let map: Map<u8, i32> = pairs.iter().copied().collect();
            let model: BTreeMap<u8, i32> = pairs.iter().copied().collect();
            prop_assert!(map.iter().eq(model.iter()));
            // JSON objects with repeated keys: the last one wins in both.
            let body = pairs.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect::<Vec<_>>().join(",");
            let text = format!("{{{body}}}");
            let map: Map<String, i32> = serde_json::from_str(&text).expect("deserializes");
            let model: BTreeMap<String, i32> = serde_json::from_str(&text).expect("deserializes");
            prop_assert!(map.iter().eq(model.iter()));
        }
    }
}
