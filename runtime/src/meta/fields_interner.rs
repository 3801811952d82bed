//! One copy of each distinct `fieldsV1` text among the objects alive in the
//! process. The Pods of one controller carry the same field sets (the same
//! containers, env names and volumes): a recorded Pod's three managedFields
//! entries hold about 4 KB of text, repeated by every Pod. Decoding looks
//! the text up here and shares it; entries are weak, so the table never keeps
//! a text alive, and dead entries are swept as the table grows.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex, Weak};

use serde_json::value::RawValue;

use crate::poison::lock;

/// Texts by a hash of their length and a few of their bytes (hashing whole
/// texts of kilobytes would cost more than the lookup saves). The key is
/// already a hash, so the map uses it as it is.
#[derive(Default)]
struct Table {
    texts: HashMap<u64, Vec<Weak<RawValue>>, BuildHasherDefault<KeyIsHash>>,
    /// Entries in `texts`, dead ones included.
    entries: usize,
    /// Sweep when `entries` reaches this.
    sweep_at: usize,
}

static TABLE: Mutex<Option<Table>> = Mutex::new(None);

/// How many bytes from the start, middle and end go into the hash.
const SAMPLE: usize = 32;

/// A hash of the text's length and of up to `3 * SAMPLE` of its bytes, eight
/// at a time (FxHash's step: a multiply per word). The table holds texts of
/// this process only, so a keyed hash (SipHash) buys nothing here but time.
fn sample_hash(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut hash = mix(0, bytes.len() as u64);
    let mut add = |part: &[u8]| {
        let mut words = part.chunks_exact(8);
        for word in &mut words {
            hash = mix(hash, u64::from_le_bytes(word.try_into().expect("8 bytes")));
        }
        for &byte in words.remainder() {
            hash = mix(hash, u64::from(byte));
        }
    };
    if bytes.len() <= 3 * SAMPLE {
        add(bytes);
    } else {
        let middle = bytes.len() / 2 - SAMPLE / 2;
        add(&bytes[..SAMPLE]);
        add(&bytes[middle..middle + SAMPLE]);
        add(&bytes[bytes.len() - SAMPLE..]);
    }
    hash
}

fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// The `Hasher` of a map whose keys are hashes already: it keeps the key.
#[derive(Default)]
struct KeyIsHash(u64);

impl Hasher for KeyIsHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = mix(self.0, u64::from(byte));
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// The shared copy of `raw`'s text (`raw` itself when it is the first).
pub(crate) fn intern(raw: Box<RawValue>) -> Arc<RawValue> {
    let hash = sample_hash(raw.get());
    let mut guard = lock(&TABLE);
    let table = guard.get_or_insert_with(Table::default);
    let same = table.texts.entry(hash).or_default();
    if let Some(shared) = same
        .iter()
        .filter_map(Weak::upgrade)
        .find(|t| t.get() == raw.get())
    {
        return shared;
    }
    let shared: Arc<RawValue> = Arc::from(raw);
    same.push(Arc::downgrade(&shared));
    table.entries += 1;
    if table.entries >= table.sweep_at {
        table.sweep();
    }
    shared
}

impl Table {
    /// Drops the entries of texts no object holds any more.
    fn sweep(&mut self) {
        self.texts.retain(|_, same| {
            same.retain(|t| t.strong_count() > 0);
            !same.is_empty()
        });
        self.entries = self.texts.values().map(Vec::len).sum();
        self.sweep_at = (self.entries * 2).max(1024);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_owned()).unwrap()
    }

    #[test]
    fn equal_texts_share_one_copy_and_different_ones_do_not() {
        let long = format!(r#"{{"f:a":{{}},"f:pad":"{}"}}"#, "x".repeat(500));
        let a = intern(raw(&long));
        let b = intern(raw(&long));
        assert!(Arc::ptr_eq(&a, &b));
        // Same length, start, middle and end: only the full comparison tells them apart.
        let mut other = long.clone().into_bytes();
        other[60] = b'y';
        let c = intern(raw(std::str::from_utf8(&other).unwrap()));
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(c.get().as_bytes(), &other[..]);
        assert_eq!(a.get(), long);
    }

    #[test]
    fn texts_differing_in_one_sampled_byte_hash_apart() {
        let mut hashes = std::collections::HashSet::new();
        for i in 0..1000u32 {
            // Same length; the differing bytes are in the sampled start.
            let text = format!(r#"{{"f:{i:04}":{{}},"f:pad":"{}"}}"#, "x".repeat(500));
            hashes.insert(sample_hash(&text));
        }
        assert_eq!(hashes.len(), 1000);
        assert_ne!(sample_hash("{}"), sample_hash("{ }"));
    }

    #[test]
    fn the_table_keeps_no_text_alive() {
        let text = r#"{"f:only-here":{"f:once":{}}}"#;
        let weak = Arc::downgrade(&intern(raw(text)));
        assert_eq!(weak.strong_count(), 0);
        // A new copy is made and shared again.
        let a = intern(raw(text));
        let b = intern(raw(text));
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(a.get(), text);
    }

    #[test]
    fn dead_entries_are_swept_as_the_table_grows() {
        for i in 0..5000 {
            drop(intern(raw(&format!(r#"{{"f:sweep-{i}":{{}}}}"#))));
        }
        let entries = lock(&TABLE).as_ref().map_or(0, |t| t.entries);
        // Other tests may hold a few texts; without sweeping there would be 5000.
        assert!(entries <= 2100, "{entries} entries");
    }
}
