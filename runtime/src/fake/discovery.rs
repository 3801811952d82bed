//! What the fake cluster says it serves (`/api`, `/apis`, `/api/v1`,
//! `/apis/{group}/{version}`), so discovery, the REST mapper and the dynamic
//! client work on it: a catalogue of common built-in kinds, every other
//! resource written to, and each CustomResourceDefinition created, which is
//! also marked Established at once (no apiextensions controller to wait for).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::route::Route;

/// One served resource.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Served {
    kind: String,
    namespaced: bool,
    short_names: Vec<String>,
    categories: Vec<String>,
}

/// Served resources by group, version and plural.
#[derive(Debug)]
pub(crate) struct Catalogue {
    served: BTreeMap<(String, String), BTreeMap<String, Served>>,
}

/// A built-in kind: group, version, plural, kind, namespaced, short names.
type BuiltIn = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    &'static [&'static str],
);

/// The built-in kinds served from the start.
const BUILT_IN: &[BuiltIn] = &[
    ("", "v1", "configmaps", "ConfigMap", true, &["cm"]),
    ("", "v1", "events", "Event", true, &["ev"]),
    ("", "v1", "namespaces", "Namespace", false, &["ns"]),
    ("", "v1", "nodes", "Node", false, &["no"]),
    (
        "",
        "v1",
        "persistentvolumeclaims",
        "PersistentVolumeClaim",
        true,
        &["pvc"],
    ),
    ("", "v1", "pods", "Pod", true, &["po"]),
    ("", "v1", "secrets", "Secret", true, &[]),
    ("", "v1", "serviceaccounts", "ServiceAccount", true, &["sa"]),
    ("", "v1", "services", "Service", true, &["svc"]),
    (
        "apiextensions.k8s.io",
        "v1",
        "customresourcedefinitions",
        "CustomResourceDefinition",
        false,
        &["crd", "crds"],
    ),
    ("apps", "v1", "daemonsets", "DaemonSet", true, &["ds"]),
    ("apps", "v1", "deployments", "Deployment", true, &["deploy"]),
    ("apps", "v1", "replicasets", "ReplicaSet", true, &["rs"]),
    ("apps", "v1", "statefulsets", "StatefulSet", true, &["sts"]),
    ("batch", "v1", "jobs", "Job", true, &[]),
    ("coordination.k8s.io", "v1", "leases", "Lease", true, &[]),
    ("events.k8s.io", "v1", "events", "Event", true, &["ev"]),
    (
        "networking.k8s.io",
        "v1",
        "ingresses",
        "Ingress",
        true,
        &["ing"],
    ),
    (
        "rbac.authorization.k8s.io",
        "v1",
        "clusterroles",
        "ClusterRole",
        false,
        &[],
    ),
    (
        "rbac.authorization.k8s.io",
        "v1",
        "roles",
        "Role",
        true,
        &[],
    ),
];

const VERBS: [&str; 8] = [
    "create",
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "update",
    "watch",
];

impl Default for Catalogue {
    fn default() -> Self {
        let mut catalogue = Catalogue {
            served: BTreeMap::new(),
        };
        for (group, version, plural, kind, namespaced, short) in BUILT_IN {
            catalogue.serve(
                group,
                version,
                plural,
                Served {
                    kind: (*kind).to_owned(),
                    namespaced: *namespaced,
                    short_names: short.iter().map(|s| (*s).to_owned()).collect(),
                    categories: Vec::new(),
                },
            );
        }
        catalogue
    }
}

impl Catalogue {
    fn serve(&mut self, group: &str, version: &str, plural: &str, served: Served) {
        self.served
            .entry((group.to_owned(), version.to_owned()))
            .or_default()
            .insert(plural.to_owned(), served);
    }

    /// Notes a resource written at `route`, if it is not known yet.
    pub fn saw(&mut self, route: &Route, object: &Value) {
        let key = (route.group.clone(), route.version.clone());
        let known = self
            .served
            .get(&key)
            .is_some_and(|r| r.contains_key(&route.plural));
        let kind = object["kind"].as_str().unwrap_or_default();
        if !known && !kind.is_empty() {
            self.serve(
                &route.group,
                &route.version,
                &route.plural,
                Served {
                    kind: kind.to_owned(),
                    namespaced: route.namespace.is_some(),
                    short_names: Vec::new(),
                    categories: Vec::new(),
                },
            );
        }
    }

    /// Serves the versions a CustomResourceDefinition declares.
    pub fn define(&mut self, crd: &Value) {
        let spec = &crd["spec"];
        let names = &spec["names"];
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        };
        let (Some(group), Some(plural), Some(kind)) = (
            spec["group"].as_str(),
            names["plural"].as_str(),
            names["kind"].as_str(),
        ) else {
            return;
        };
        for version in spec["versions"].as_array().into_iter().flatten() {
            if version["served"] == false {
                continue;
            }
            let Some(name) = version["name"].as_str() else {
                continue;
            };
            self.serve(
                group,
                name,
                plural,
                Served {
                    kind: kind.to_owned(),
                    namespaced: spec["scope"] != "Cluster",
                    short_names: strings(&names["shortNames"]),
                    categories: strings(&names["categories"]),
                },
            );
        }
    }

    /// Stops serving what a deleted CustomResourceDefinition declared.
    pub fn undefine(&mut self, crd: &Value) {
        let (Some(group), Some(plural)) = (
            crd["spec"]["group"].as_str(),
            crd["spec"]["names"]["plural"].as_str(),
        ) else {
            return;
        };
        for ((g, _), resources) in self.served.iter_mut() {
            if g == group {
                resources.remove(plural);
            }
        }
        self.served.retain(|_, resources| !resources.is_empty());
    }

    /// The answer to a discovery path, or `None` when `path` is not one.
    pub fn answer(&self, path: &str) -> Option<Value> {
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        match segments.as_slice() {
            ["api"] => Some(json!({"kind": "APIVersions", "versions": ["v1"]})),
            ["apis"] => Some(self.groups()),
            ["api", version] => Some(self.resources("", version)),
            ["apis", group, version] => self
                .served
                .contains_key(&((*group).to_owned(), (*version).to_owned()))
                .then(|| self.resources(group, version)),
            _ => None,
        }
    }

    fn groups(&self) -> Value {
        let mut groups: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (group, version) in self.served.keys() {
            if !group.is_empty() {
                groups.entry(group).or_default().push(version);
            }
        }
        let groups: Vec<Value> = groups
            .into_iter()
            .map(|(group, versions)| {
                let listed: Vec<Value> = versions
                    .iter()
                    .map(|v| json!({"groupVersion": format!("{group}/{v}"), "version": v}))
                    .collect();
                json!({"name": group, "versions": listed, "preferredVersion": listed[0]})
            })
            .collect();
        json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
    }

    fn resources(&self, group: &str, version: &str) -> Value {
        let group_version = if group.is_empty() {
            version.to_owned()
        } else {
            format!("{group}/{version}")
        };
        let mut listed = Vec::new();
        let key = (group.to_owned(), version.to_owned());
        for (plural, served) in self.served.get(&key).into_iter().flatten() {
            listed.push(json!({
                "name": plural, "singularName": "", "namespaced": served.namespaced,
                "kind": served.kind, "verbs": VERBS, "shortNames": served.short_names,
                "categories": served.categories,
            }));
            listed.push(json!({
                "name": format!("{plural}/status"), "singularName": "",
                "namespaced": served.namespaced, "kind": served.kind,
                "verbs": ["get", "patch", "update"],
            }));
        }
        json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": group_version,
               "resources": listed})
    }
}

/// A CRD as the API server leaves it once it serves it: names accepted, Established.
pub(crate) fn established(mut crd: Value) -> Value {
    let condition = |type_: &str| {
        json!({"type": type_, "status": "True", "reason": type_,
               "message": "set by the fake cluster"})
    };
    crd["status"] = json!({
        "acceptedNames": crd["spec"]["names"].clone(),
        "conditions": [condition("NamesAccepted"), condition("Established")],
        "storedVersions": crd["spec"]["versions"].as_array().into_iter().flatten()
            .filter(|v| v["storage"] == true).map(|v| v["name"].clone()).collect::<Vec<_>>(),
    });
    crd
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::Catalogue;
    use crate::fake::route::Route;

    #[test]
    fn serves_built_ins_written_kinds_and_crds() {
        let mut catalogue = Catalogue::default();
        let core = catalogue.answer("/api/v1").unwrap();
        let pods = &core["resources"].as_array().unwrap();
        assert!(pods
            .iter()
            .any(|r| r["name"] == "pods" && r["shortNames"][0] == "po"));
        assert!(catalogue.answer("/apis/example.com/v1").is_none());

        let route = Route::parse("/apis/example.com/v1/namespaces/ns/gadgets").unwrap();
        catalogue.saw(&route, &json!({"kind": "Gadget"}));
        let gadgets = catalogue.answer("/apis/example.com/v1").unwrap();
        assert_eq!(gadgets["resources"][0]["kind"], "Gadget");
        assert_eq!(gadgets["resources"][0]["namespaced"], true);

        let crd = json!({"spec": {"group": "networking.istio.io", "scope": "Namespaced",
            "names": {"plural": "virtualservices", "kind": "VirtualService", "shortNames": ["vs"]},
            "versions": [{"name": "v1beta1", "served": true, "storage": true},
                         {"name": "v1alpha3", "served": false}]}});
        catalogue.define(&crd);
        let groups = catalogue.answer("/apis").unwrap();
        let istio: Vec<_> = groups["groups"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| g["name"] == "networking.istio.io")
            .collect();
        assert_eq!(istio[0]["versions"].as_array().unwrap().len(), 1);
        assert!(catalogue
            .answer("/apis/networking.istio.io/v1beta1")
            .is_some());
        catalogue.undefine(&crd);
        assert!(catalogue
            .answer("/apis/networking.istio.io/v1beta1")
            .is_none());
        let established = super::established(crd);
        assert_eq!(
            established["status"]["conditions"][1]["type"],
            "Established"
        );
        assert_eq!(established["status"]["storedVersions"], json!(["v1beta1"]));
    }
}
