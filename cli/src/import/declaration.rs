//! The codegen declaration format (see `codegen/README.md`), written from
//! discovered resources. The generator's own types only deserialize, and
//! this crate must not reach into its internals, so the shape is mirrored
//! here; the e2e test proves the output reads back.

use kubegen_runtime::discovery::ApiResource;
use serde::Serialize;

/// One group's declaration document.
#[derive(Debug, Serialize)]
pub struct Declaration {
    /// The API group; `""` for core.
    pub group: String,
    /// The imported version(s).
    pub versions: Vec<DeclVersion>,
}

/// One version of a declaration.
#[derive(Debug, Serialize)]
pub struct DeclVersion {
    /// Such as `v1`.
    pub version: String,
    /// Its kinds.
    pub kinds: Vec<DeclKind>,
}

/// One kind, as discovery describes it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeclKind {
    /// Such as `Deployment`.
    pub kind: String,
    /// The plural used in URLs.
    pub plural: String,
    /// The singular.
    pub singular: String,
    /// Abbreviations.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub short_names: Vec<String>,
    /// `Namespaced` or `Cluster`.
    pub scope: &'static str,
    /// `status`, `scale`, `log` and `eviction`, when served; other subresources have no typed methods.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subresources: Vec<String>,
    /// Declaration verb names, or `[all]`.
    pub verbs: Vec<String>,
    /// `{openapi: <definition name>}`.
    pub schema: SchemaRef,
}

/// `schema: {openapi: ...}`.
#[derive(Debug, Serialize)]
pub struct SchemaRef {
    /// The OpenAPI v2 definition of the kind.
    pub openapi: String,
}

/// The declaration verbs, in the generator's order; `apply` is a patch.
const VERBS: [&str; 9] = [
    "get",
    "list",
    "watch",
    "create",
    "update",
    "patch",
    "apply",
    "delete",
    "deletecollection",
];

/// Maps discovery verbs to declaration verbs: the same names, plus `apply`
/// where `patch` is allowed (server-side apply is a patch); `[all]` when
/// every one is. Verbs with no typed method (`proxy`, ...) are dropped.
pub fn verbs(discovered: &[String]) -> Vec<String> {
    let has = |v: &str| {
        discovered
            .iter()
            .any(|d| d == v || (v == "apply" && d == "patch"))
    };
    let mapped: Vec<String> = VERBS
        .iter()
        .filter(|v| has(v))
        .map(|v| v.to_string())
        .collect();
    if mapped.len() == VERBS.len() {
        vec!["all".to_string()]
    } else {
        mapped
    }
}

impl DeclKind {
    /// The declaration of `resource`, typed by OpenAPI definition `definition`.
    pub fn new(resource: &ApiResource, definition: &str) -> Self {
        DeclKind {
            kind: resource.kind.clone(),
            plural: resource.plural.clone(),
            singular: resource.singular.clone(),
            short_names: resource.short_names.clone(),
            scope: if resource.namespaced {
                "Namespaced"
            } else {
                "Cluster"
            },
            subresources: ["status", "scale", "log", "eviction"]
                .into_iter()
                .filter(|s| resource.subresource(s).is_some())
                .map(String::from)
                .collect(),
            verbs: verbs(&resource.verbs),
            schema: SchemaRef {
                openapi: definition.to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn maps_verbs() {
        let every = strings(&[
            "create",
            "delete",
            "deletecollection",
            "get",
            "list",
            "patch",
            "update",
            "watch",
        ]);
        assert_eq!(verbs(&every), ["all"]);
        assert_eq!(verbs(&strings(&["create"])), ["create"]);
        assert_eq!(
            verbs(&strings(&["get", "patch", "update"])),
            ["get", "update", "patch", "apply"]
        );
        assert!(verbs(&strings(&["proxy"])).is_empty());
    }
}
