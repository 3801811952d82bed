//! The apiextensions.k8s.io/v1 CustomResourceDefinition of a derived kind,
//! as JSON: one served and stored version with its schema, subresources and
//! printer columns.

use serde_json::{json, Map, Value};

/// What `#[derive(CustomResource)]` knows of a kind, from its attributes.
#[derive(Clone, Debug)]
pub struct CrdParts<'a> {
    /// The API group, such as `example.com`.
    pub group: &'a str,
    /// The version, such as `v1`.
    pub version: &'a str,
    /// The kind, such as `Gizmo`.
    pub kind: &'a str,
    /// The resource name in URLs, such as `gizmos`.
    pub plural: &'a str,
    /// Short names for kubectl, such as `gz`.
    pub short_names: &'a [&'a str],
    /// Categories for kubectl, such as `all`.
    pub categories: &'a [&'a str],
    /// Namespaced, or cluster-scoped.
    pub namespaced: bool,
    /// The `/scale` subresource, if any.
    pub scale: Option<ScaleSubresource<'a>>,
    /// Extra columns for `kubectl get`.
    pub printer_columns: &'a [PrinterColumn<'a>],
}

/// The JSON paths of a `/scale` subresource.
#[derive(Clone, Copy, Debug)]
pub struct ScaleSubresource<'a> {
    /// Such as `.spec.replicas`.
    pub spec_replicas_path: &'a str,
    /// Such as `.status.replicas`.
    pub status_replicas_path: &'a str,
    /// Such as `.status.selector`, if the kind has one.
    pub label_selector_path: Option<&'a str>,
}

/// A column of `kubectl get` (`additionalPrinterColumns`).
#[derive(Clone, Copy, Debug)]
pub struct PrinterColumn<'a> {
    /// The header.
    pub name: &'a str,
    /// `integer`, `number`, `string`, `boolean` or `date`.
    pub type_: &'a str,
    /// Such as `.spec.size`.
    pub json_path: &'a str,
    /// Help text.
    pub description: Option<&'a str>,
    /// Such as `int32` or `date-time`.
    pub format: Option<&'a str>,
    /// 0 shows in the default view, more only with `-o wide`.
    pub priority: Option<i32>,
}

/// The CRD of `parts` with the spec's schema and, if the kind has a status,
/// the status's (which also turns on the `/status` subresource).
pub fn custom_resource_definition(
    parts: &CrdParts<'_>,
    description: Option<&str>,
    spec: Value,
    status: Option<Value>,
) -> Value {
    let mut properties = Map::new();
    properties.insert("apiVersion".into(), json!({"type": "string"}));
    properties.insert("kind".into(), json!({"type": "string"}));
    properties.insert("metadata".into(), json!({"type": "object"}));
    properties.insert("spec".into(), spec);
    let mut subresources = Map::new();
    if let Some(status) = status {
        properties.insert("status".into(), status);
        subresources.insert("status".into(), json!({}));
    }
    if let Some(scale) = parts.scale {
        let mut s = json!({
            "specReplicasPath": scale.spec_replicas_path,
            "statusReplicasPath": scale.status_replicas_path,
        });
        if let Some(selector) = scale.label_selector_path {
            s["labelSelectorPath"] = selector.into();
        }
        subresources.insert("scale".into(), s);
    }
    let mut root = json!({"type": "object", "properties": properties, "required": ["spec"]});
    if let Some(d) = description {
        root["description"] = d.into();
    }
    let mut version = json!({
        "name": parts.version,
        "served": true,
        "storage": true,
        "schema": {"openAPIV3Schema": root},
    });
    if !subresources.is_empty() {
        version["subresources"] = Value::Object(subresources);
    }
    if !parts.printer_columns.is_empty() {
        let columns: Vec<Value> = parts.printer_columns.iter().map(column).collect();
        version["additionalPrinterColumns"] = columns.into();
    }
    let mut names = json!({
        "kind": parts.kind,
        "listKind": format!("{}List", parts.kind),
        "plural": parts.plural,
        "singular": parts.kind.to_lowercase(),
    });
    if !parts.short_names.is_empty() {
        names["shortNames"] = parts.short_names.into();
    }
    if !parts.categories.is_empty() {
        names["categories"] = parts.categories.into();
    }
    json!({
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": format!("{}.{}", parts.plural, parts.group)},
        "spec": {
            "group": parts.group,
            "names": names,
            "scope": if parts.namespaced { "Namespaced" } else { "Cluster" },
            "versions": [version],
        },
    })
}

fn column(c: &PrinterColumn<'_>) -> Value {
    let mut column = json!({"name": c.name, "type": c.type_, "jsonPath": c.json_path});
    if let Some(d) = c.description {
        column["description"] = d.into();
    }
    if let Some(f) = c.format {
        column["format"] = f.into();
    }
    if let Some(p) = c.priority {
        column["priority"] = p.into();
    }
    column
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> CrdParts<'static> {
        CrdParts {
            group: "example.com",
            version: "v1",
            kind: "Gizmo",
            plural: "gizmos",
            short_names: &[],
            categories: &[],
            namespaced: false,
            scale: None,
            printer_columns: &[],
        }
    }

    #[test]
    fn a_bare_kind_has_no_subresources_or_optional_names() {
        let crd = custom_resource_definition(&parts(), None, json!({"type": "object"}), None);
        assert_eq!(crd["metadata"]["name"], "gizmos.example.com");
        assert_eq!(crd["spec"]["scope"], "Cluster");
        assert_eq!(
            crd["spec"]["names"],
            json!({"kind": "Gizmo", "listKind": "GizmoList", "plural": "gizmos", "singular": "gizmo"})
        );
        let version = &crd["spec"]["versions"][0];
        assert!(version.get("subresources").is_none());
        assert!(version.get("additionalPrinterColumns").is_none());
        let root = &version["schema"]["openAPIV3Schema"];
        assert!(root["properties"].get("status").is_none());
        assert_eq!(root["required"], json!(["spec"]));
    }

    #[test]
    fn status_scale_columns_and_names_all_land_in_the_version() {
        let columns = [PrinterColumn {
            name: "Size",
            type_: "integer",
            json_path: ".spec.size",
            description: None,
            format: None,
            priority: Some(1),
        }];
        let parts = CrdParts {
            short_names: &["gz"],
            categories: &["all"],
            namespaced: true,
            scale: Some(ScaleSubresource {
                spec_replicas_path: ".spec.replicas",
                status_replicas_path: ".status.replicas",
                label_selector_path: None,
            }),
            printer_columns: &columns,
            ..parts()
        };
        let status = json!({"type": "object"});
        let crd = custom_resource_definition(&parts, Some("Doc."), json!({}), Some(status));
        let version = &crd["spec"]["versions"][0];
        assert_eq!(
            version["subresources"],
            json!({"status": {}, "scale": {"specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas"}})
        );
        assert_eq!(
            version["additionalPrinterColumns"],
            json!([{"name": "Size", "type": "integer", "jsonPath": ".spec.size", "priority": 1}])
        );
        assert_eq!(version["schema"]["openAPIV3Schema"]["description"], "Doc.");
        assert_eq!(crd["spec"]["names"]["shortNames"], json!(["gz"]));
        assert_eq!(crd["spec"]["names"]["categories"], json!(["all"]));
        assert_eq!(crd["spec"]["scope"], "Namespaced");
    }
}
