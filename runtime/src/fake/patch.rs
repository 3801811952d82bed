//! Applying patches to stored JSON: RFC 7386 merge patches and RFC 6902 JSON
//! patches. Strategic merge and apply patches are treated as merge patches
//! (lists are replaced whole, not merged by key): a known simplification.

use serde_json::Value;

/// RFC 7386: objects merge, `null` removes, anything else replaces.
pub(crate) fn merge(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    let target = target.as_object_mut().expect("made an object");
    for (key, value) in patch {
        if value.is_null() {
            target.remove(key);
        } else {
            merge(target.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

/// RFC 6902: `add`, `remove`, `replace`, `move`, `copy` and `test`, in
/// order; the error is the message of a 422 answer.
pub(crate) fn json_patch(target: &mut Value, operations: &Value) -> Result<(), String> {
    let operations = operations
        .as_array()
        .ok_or("a JSON patch is an array of operations")?;
    for op in operations {
        let field = |name: &str| -> Result<&str, String> {
            op[name]
                .as_str()
                .ok_or_else(|| format!("operation {op} has no {name:?}"))
        };
        let path = field("path")?;
        match field("op")? {
            "add" => add(target, path, op["value"].clone())?,
            "remove" => {
                remove(target, path)?;
            }
            "replace" => {
                remove(target, path)?;
                add(target, path, op["value"].clone())?;
            }
            "move" => {
                let value = remove(target, field("from")?)?;
                add(target, path, value)?;
            }
            "copy" => {
                let value = target
                    .pointer(field("from")?)
                    .cloned()
                    .ok_or_else(|| format!("no value at {}", op["from"]))?;
                add(target, path, value)?;
            }
            "test" => {
                if target.pointer(path) != Some(&op["value"]) {
                    return Err(format!("test failed at {path}"));
                }
            }
            other => return Err(format!("unknown JSON patch operation {other:?}")),
        }
    }
    Ok(())
}

/// `path` split into its parent's pointer and its last token, unescaped.
fn split(path: &str) -> Result<(&str, String), String> {
    let at = path
        .rfind('/')
        .ok_or_else(|| format!("bad JSON pointer {path:?}"))?;
    let last = path[at + 1..].replace("~1", "/").replace("~0", "~");
    Ok((&path[..at], last))
}

fn add(target: &mut Value, path: &str, value: Value) -> Result<(), String> {
    if path.is_empty() {
        *target = value;
        return Ok(());
    }
    let (parent, last) = split(path)?;
    match target.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.insert(last, value);
            Ok(())
        }
        Some(Value::Array(items)) => {
            let at = if last == "-" {
                items.len()
            } else {
                last.parse::<usize>()
                    .ok()
                    .filter(|i| *i <= items.len())
                    .ok_or_else(|| format!("bad array index in {path:?}"))?
            };
            items.insert(at, value);
            Ok(())
        }
        _ => Err(format!(
            "no object or array at {parent:?} to add {path:?} to"
        )),
    }
}

fn remove(target: &mut Value, path: &str) -> Result<Value, String> {
    let (parent, last) = split(path)?;
    let missing = || format!("no value at {path:?} to remove");
    match target.pointer_mut(parent) {
        Some(Value::Object(map)) => map.remove(&last).ok_or_else(missing),
        Some(Value::Array(items)) => match last.parse::<usize>() {
            Ok(i) if i < items.len() => Ok(items.remove(i)),
            _ => Err(missing()),
        },
        _ => Err(missing()),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{json_patch, merge};

    #[test]
    fn merge_patches_merge_objects_and_null_removes() {
        let mut doc = json!({"a": {"b": 1, "c": 2}, "l": [1, 2], "gone": true});
        merge(
            &mut doc,
            &json!({"a": {"b": 9, "d": 4}, "l": [3], "gone": null}),
        );
        assert_eq!(doc, json!({"a": {"b": 9, "c": 2, "d": 4}, "l": [3]}));
    }

    #[test]
    fn json_patches_apply_in_order() {
        let mut doc = json!({"metadata": {"annotations": {"ingress/http": "true", "x": "y"}},
            "spec": {"routes": [{"w": 95}, {"w": 5}]}});
        json_patch(
            &mut doc,
            &json!([
                {"op": "test", "path": "/spec/routes/0/w", "value": 95},
                {"op": "replace", "path": "/spec/routes/0/w", "value": 50},
                {"op": "replace", "path": "/spec/routes/1/w", "value": 50},
                {"op": "remove", "path": "/metadata/annotations/ingress~1http"},
                {"op": "add", "path": "/spec/routes/-", "value": {"w": 0}},
                {"op": "copy", "from": "/spec/routes/2", "path": "/spec/spare"},
                {"op": "move", "from": "/metadata/annotations/x", "path": "/metadata/x"}
            ]),
        )
        .unwrap();
        assert_eq!(
            doc,
            json!({"metadata": {"annotations": {}, "x": "y"},
                "spec": {"routes": [{"w": 50}, {"w": 50}, {"w": 0}], "spare": {"w": 0}}})
        );
        let err = json_patch(
            &mut doc,
            &json!([{"op": "test", "path": "/metadata/x", "value": "z"}]),
        );
        assert!(err.unwrap_err().contains("test failed"));
        assert!(json_patch(&mut doc, &json!([{"op": "remove", "path": "/nope"}])).is_err());
    }
}
