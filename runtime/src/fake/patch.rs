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

/// Why a JSON patch cannot be applied; its text is the message of the
/// fake server's 422 answer.
#[derive(Debug, PartialEq, thiserror::Error)]
pub(crate) enum JsonPatchError {
    /// The body is not an array.
    #[error("a JSON patch is an array of operations")]
    NotAnArray,
    /// An operation lacks `op`, `path` or `from`, or it is not a string.
    #[error("operation {operation} has no {member:?}")]
    MissingMember {
        /// The operation.
        operation: Value,
        /// The member it lacks.
        member: &'static str,
    },
    /// `op` is none of RFC 6902's.
    #[error("unknown JSON patch operation {op:?}")]
    UnknownOperation {
        /// The `op` given.
        op: String,
    },
    /// A `test` operation found another value.
    #[error("test failed at {path}")]
    TestFailed {
        /// The `path` tested.
        path: String,
    },
    /// A pointer that is neither empty nor starts with `/`.
    #[error("bad JSON pointer {path:?}")]
    BadPointer {
        /// The pointer.
        path: String,
    },
    /// An array index that is not a number or is past the end.
    #[error("bad array index in {path:?}")]
    BadIndex {
        /// The pointer.
        path: String,
    },
    /// `add` below something that is not an object or array.
    #[error("no object or array at {parent:?} to add {path:?} to")]
    NoParent {
        /// The parent's pointer.
        parent: String,
        /// The pointer to add at.
        path: String,
    },
    /// `copy` from a pointer with no value.
    #[error("no value at {from:?}")]
    NothingToCopy {
        /// The `from` pointer.
        from: String,
    },
    /// `remove`, `replace` or `move` of a pointer with no value.
    #[error("no value at {path:?} to remove")]
    NothingToRemove {
        /// The pointer.
        path: String,
    },
}

/// RFC 6902: `add`, `remove`, `replace`, `move`, `copy` and `test`, in order.
pub(crate) fn json_patch(target: &mut Value, operations: &Value) -> Result<(), JsonPatchError> {
    let operations = operations.as_array().ok_or(JsonPatchError::NotAnArray)?;
    for op in operations {
        let field = |member: &'static str| -> Result<&str, JsonPatchError> {
            op[member]
                .as_str()
                .ok_or_else(|| JsonPatchError::MissingMember {
                    operation: op.clone(),
                    member,
                })
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
                let from = field("from")?;
                let value =
                    target
                        .pointer(from)
                        .cloned()
                        .ok_or_else(|| JsonPatchError::NothingToCopy {
                            from: from.to_owned(),
                        })?;
                add(target, path, value)?;
            }
            "test" => {
                if target.pointer(path) != Some(&op["value"]) {
                    return Err(JsonPatchError::TestFailed {
                        path: path.to_owned(),
                    });
                }
            }
            other => {
                return Err(JsonPatchError::UnknownOperation {
                    op: other.to_owned(),
                })
            }
        }
    }
    Ok(())
}

/// `path` split into its parent's pointer and its last token, unescaped.
fn split(path: &str) -> Result<(&str, String), JsonPatchError> {
    let at = path.rfind('/').ok_or_else(|| JsonPatchError::BadPointer {
        path: path.to_owned(),
    })?;
    let last = path[at + 1..].replace("~1", "/").replace("~0", "~");
    Ok((&path[..at], last))
}

fn add(target: &mut Value, path: &str, value: Value) -> Result<(), JsonPatchError> {
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
                    .ok_or_else(|| JsonPatchError::BadIndex {
                        path: path.to_owned(),
                    })?
            };
            items.insert(at, value);
            Ok(())
        }
        _ => Err(JsonPatchError::NoParent {
            parent: parent.to_owned(),
            path: path.to_owned(),
        }),
    }
}

fn remove(target: &mut Value, path: &str) -> Result<Value, JsonPatchError> {
    let (parent, last) = split(path)?;
    let missing = || JsonPatchError::NothingToRemove {
        path: path.to_owned(),
    };
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
    use serde_json::{json, Value};

    use super::{json_patch, merge, JsonPatchError};

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
    }

    #[test]
    fn json_patch_failures_say_which_operation_failed_where() {
        let mut doc = json!({"metadata": {"x": "y"}, "list": [1]});
        let mut fails = |patch: Value| json_patch(&mut doc, &patch).unwrap_err();
        let err = fails(json!([{"op": "test", "path": "/metadata/x", "value": "z"}]));
        assert_eq!(
            err,
            JsonPatchError::TestFailed {
                path: "/metadata/x".into()
            }
        );
        assert_eq!(err.to_string(), "test failed at /metadata/x");
        assert_eq!(
            fails(json!([{"op": "remove", "path": "/nope"}])),
            JsonPatchError::NothingToRemove {
                path: "/nope".into()
            }
        );
        assert_eq!(fails(json!({"op": "add"})), JsonPatchError::NotAnArray);
        assert!(matches!(
            fails(json!([{"op": "add"}])),
            JsonPatchError::MissingMember { member: "path", .. }
        ));
        assert_eq!(
            fails(json!([{"op": "frobnicate", "path": "/a"}])),
            JsonPatchError::UnknownOperation {
                op: "frobnicate".into()
            }
        );
        assert_eq!(
            fails(json!([{"op": "remove", "path": "nope"}])),
            JsonPatchError::BadPointer {
                path: "nope".into()
            }
        );
        assert_eq!(
            fails(json!([{"op": "add", "path": "/list/5", "value": 2}])),
            JsonPatchError::BadIndex {
                path: "/list/5".into()
            }
        );
        assert_eq!(
            fails(json!([{"op": "add", "path": "/none/a", "value": 2}])),
            JsonPatchError::NoParent {
                parent: "/none".into(),
                path: "/none/a".into()
            }
        );
        let err = fails(json!([{"op": "copy", "from": "/none", "path": "/a"}]));
        assert_eq!(
            err,
            JsonPatchError::NothingToCopy {
                from: "/none".into()
            }
        );
        assert_eq!(err.to_string(), "no value at \"/none\"");
    }
}
