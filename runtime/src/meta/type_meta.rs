//! `TypeMeta`: the `apiVersion` and `kind` that name an object's schema.

use serde::{Deserialize, Serialize};

/// The type fields of a serialized object.
///
/// Plain strings rather than options: every object the server returns has
/// both, and an empty string is what Go reads a missing one as.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeMeta {
    /// `v1` for the core group, otherwise `group/version`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub api_version: String,
    /// The kind, such as `Pod`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peeks_at_the_type_of_any_object() {
        let tm: TypeMeta =
            serde_json::from_str(r#"{"apiVersion":"apps/v1","kind":"Deployment","spec":{}}"#)
                .unwrap();
        assert_eq!(tm.api_version, "apps/v1");
        assert_eq!(tm.kind, "Deployment");
        assert_eq!(serde_json::to_string(&TypeMeta::default()).unwrap(), "{}");
    }
}
