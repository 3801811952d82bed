//! A managedFields `fieldsV1` set over an object: reading any text never
//! panics (a malformed set is an error), and the projection of an object onto
//! a set is part of the object (every member and item it keeps is there).
#![no_main]

use kubegen_runtime::apply::FieldSet;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// Whether `part` is `whole` with members or items left out.
fn within(part: &Value, whole: &Value) -> bool {
    match (part, whole) {
        (Value::Object(p), Value::Object(w)) => p
            .iter()
            .all(|(k, v)| w.get(k).is_some_and(|wv| within(v, wv))),
        (Value::Array(p), Value::Array(w)) => p.iter().all(|v| w.iter().any(|wv| within(v, wv))),
        _ => part == whole,
    }
}

fuzz_target!(|input: (&str, &str)| {
    let (fields, object) = input;
    let Ok(set) = FieldSet::parse(fields) else {
        return;
    };
    let Ok(object) = serde_json::from_str::<Value>(object) else {
        return;
    };
    let part = set.project(&object);
    assert!(within(&part, &object), "{part} not within {object}");
});
