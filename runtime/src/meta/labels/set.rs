//! `Labels`: what a selector matches against, whichever map holds the labels
//! (client-go's `labels.Labels`).

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;

use crate::meta::Map;

/// A set of labels that selectors can look keys up in.
pub trait Labels {
    /// The value of the label `key`, if the set has it.
    fn label(&self, key: &str) -> Option<&str>;
}

impl<K: Ord + Borrow<str>, V: AsRef<str>> Labels for Map<K, V> {
    fn label(&self, key: &str) -> Option<&str> {
        self.get(key).map(AsRef::as_ref)
    }
}

impl<K: Ord + Borrow<str>, V: AsRef<str>> Labels for BTreeMap<K, V> {
    fn label(&self, key: &str) -> Option<&str> {
        self.get(key).map(AsRef::as_ref)
    }
}

impl<K: Eq + Hash + Borrow<str>, V: AsRef<str>, S: std::hash::BuildHasher> Labels
    for HashMap<K, V, S>
{
    fn label(&self, key: &str) -> Option<&str> {
        self.get(key).map(AsRef::as_ref)
    }
}
