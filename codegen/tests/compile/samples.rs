//! Runs inside the fixtures crate (see `tests/compile.rs`): a case's sample
//! decodes into the real types and encodes back unchanged.

use kubegen_runtime::serde::{de::DeserializeOwned, Serialize};
use kubegen_runtime::serde_json::{self, json, Value};

/// Round-trips the sample `file` (its text) through `T`; a sample with a
/// `kind` round-trips again with a member no schema names added at its root,
/// since a kind keeps the members it does not know.
pub fn round_trips<T: Serialize + DeserializeOwned>(file: &str, text: &str) {
    let sample: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
    unchanged::<T>(file, &sample);
    if let Value::Object(mut members) = sample {
        if members.contains_key("kind") {
            members.insert("addedBySampleCheck".into(), json!({"kept": [1, null, "x"]}));
            unchanged::<T>(file, &Value::Object(members));
        }
    }
}

fn unchanged<T: Serialize + DeserializeOwned>(file: &str, value: &Value) {
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{file}: does not decode: {e}"));
    let encoded = serde_json::to_value(&typed).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_eq!(&encoded, value, "{file}: changed by a round trip");
}
