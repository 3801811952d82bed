//! Choosing and printing rows. Pure, so kubectl's rules are unit-tested on
//! fixtures: one row per group and resource, from the group's preferred
//! version when it serves it, else from the first version that does
//! (client-go's `ServerPreferredResources`); resources without verbs left
//! out; sorted by group, then name.

use kubegen_runtime::discovery::{ApiResource, DiscoveredApis};

use super::Output;
use crate::table;

/// One resource as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    /// The group it was found under (`""` for core).
    pub group: String,
    /// The resource, from the chosen version.
    pub resource: ApiResource,
}

/// kubectl's `--api-group` and `--namespaced`.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Keep only this group (`""`: core).
    pub api_group: Option<String>,
    /// Keep only resources with this scope.
    pub namespaced: Option<bool>,
}

impl Filter {
    /// True when `listed` passes every filter given.
    pub fn keeps(&self, listed: &Listed) -> bool {
        self.api_group.as_ref().is_none_or(|g| *g == listed.group)
            && self
                .namespaced
                .is_none_or(|n| n == listed.resource.namespaced)
    }
}

/// One row per group and resource name, sorted by group then name.
pub fn preferred_resources(apis: &DiscoveredApis) -> Vec<Listed> {
    let mut out: Vec<Listed> = Vec::new();
    for group in apis.groups() {
        let mut chosen: Vec<ApiResource> = Vec::new();
        for version in &group.versions {
            let gv = if group.name.is_empty() {
                version.clone()
            } else {
                format!("{}/{version}", group.name)
            };
            for resource in apis.resources(&gv).unwrap_or_default() {
                match chosen.iter_mut().find(|c| c.plural == resource.plural) {
                    Some(c) if *version == group.preferred_version => *c = resource.clone(),
                    Some(_) => {}
                    None => chosen.push(resource.clone()),
                }
            }
        }
        out.extend(
            chosen
                .into_iter()
                .filter(|r| !r.verbs.is_empty())
                .map(|resource| Listed {
                    group: group.name.clone(),
                    resource,
                }),
        );
    }
    out.sort_by(|a, b| {
        (a.group.as_str(), a.resource.plural.as_str())
            .cmp(&(b.group.as_str(), b.resource.plural.as_str()))
    });
    out
}

/// The text kubectl would print for these rows.
pub fn render(listed: &[Listed], output: Option<Output>, headers: bool) -> String {
    if output == Some(Output::Name) {
        return listed
            .iter()
            .map(|l| match l.group.as_str() {
                "" => format!("{}\n", l.resource.plural),
                g => format!("{}.{g}\n", l.resource.plural),
            })
            .collect();
    }
    let wide = output == Some(Output::Wide);
    let mut rows: Vec<Vec<String>> = Vec::new();
    if headers {
        let mut header = vec!["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"];
        if wide {
            header.extend(["VERBS", "CATEGORIES"]);
        }
        rows.push(header.into_iter().map(String::from).collect());
    }
    for l in listed {
        let r = &l.resource;
        let mut row = vec![
            r.plural.clone(),
            r.short_names.join(","),
            r.api_version(),
            r.namespaced.to_string(),
            r.kind.clone(),
        ];
        if wide {
            // In the server's order, as kubectl prints them.
            row.push(r.verbs.join(","));
            row.push(r.categories.join(","));
        }
        rows.push(row);
    }
    table::render(&rows)
}

#[cfg(test)]
mod tests {
    use kubegen_runtime::discovery::{
        ApiGroup, ApiGroupList, ApiResourceEntry, ApiResourceList, ApiVersions, DiscoveredApis,
        GroupVersionForDiscovery,
    };

    use super::*;

    fn entry(name: &str, kind: &str, verbs: &[&str]) -> ApiResourceEntry {
        ApiResourceEntry {
            name: name.into(),
            kind: kind.into(),
            namespaced: true,
            verbs: verbs.iter().map(|v| v.to_string()).collect(),
            ..ApiResourceEntry::default()
        }
    }

    fn gv(group: &str, version: &str) -> GroupVersionForDiscovery {
        GroupVersionForDiscovery {
            group_version: format!("{group}/{version}"),
            version: version.into(),
        }
    }

    /// `autoscaling` serves v1 (preferred) and v2beta2; `zeta` only via a
    /// non-preferred version for one resource; core has a verbless resource.
    fn apis() -> DiscoveredApis {
        let core = ApiVersions {
            versions: vec!["v1".into()],
        };
        let groups = ApiGroupList {
            groups: vec![
                ApiGroup {
                    name: "zeta.example".into(),
                    versions: vec![gv("zeta.example", "v2"), gv("zeta.example", "v1")],
                    preferred_version: Some(gv("zeta.example", "v1")),
                },
                ApiGroup {
                    name: "autoscaling".into(),
                    versions: vec![gv("autoscaling", "v1"), gv("autoscaling", "v2beta2")],
                    preferred_version: Some(gv("autoscaling", "v1")),
                },
            ],
        };
        let list = |gv: &str, resources| ApiResourceList {
            group_version: gv.into(),
            resources,
        };
        let lists = vec![
            (
                "v1".to_string(),
                Ok(list(
                    "v1",
                    vec![
                        entry("pods", "Pod", &["get", "list"]),
                        entry("pods/status", "Pod", &["get"]),
                        entry("bindings", "Binding", &["create"]),
                        entry("hidden", "Hidden", &[]),
                    ],
                )),
            ),
            (
                "autoscaling/v1".to_string(),
                Ok(list("autoscaling/v1", vec![entry("hpas", "HPA", &["get"])])),
            ),
            (
                "autoscaling/v2beta2".to_string(),
                Ok(list(
                    "autoscaling/v2beta2",
                    vec![entry("hpas", "HPA", &["get"])],
                )),
            ),
            (
                "zeta.example/v2".to_string(),
                Ok(list(
                    "zeta.example/v2",
                    vec![entry("a", "A", &["get"]), entry("new", "New", &["get"])],
                )),
            ),
            (
                "zeta.example/v1".to_string(),
                Ok(list("zeta.example/v1", vec![entry("a", "A", &["get"])])),
            ),
        ];
        DiscoveredApis::from_parts(&core, &groups, lists)
    }

    fn names(listed: &[Listed]) -> Vec<String> {
        listed
            .iter()
            .map(|l| format!("{} {}", l.resource.plural, l.resource.api_version()))
            .collect()
    }

    #[test]
    fn preferred_version_wins_and_rows_sort_by_group_then_name() {
        assert_eq!(
            names(&preferred_resources(&apis())),
            [
                "bindings v1",
                "pods v1",
                "hpas autoscaling/v1",
                "a zeta.example/v1",
                "new zeta.example/v2",
            ]
        );
    }

    #[test]
    fn filters_by_group_and_scope() {
        let all = preferred_resources(&apis());
        let core = Filter {
            api_group: Some(String::new()),
            namespaced: None,
        };
        assert_eq!(all.iter().filter(|l| core.keeps(l)).count(), 2);
        let cluster = Filter {
            api_group: None,
            namespaced: Some(false),
        };
        assert_eq!(all.iter().filter(|l| cluster.keeps(l)).count(), 0);
    }

    #[test]
    fn renders_like_kubectl() {
        let all = preferred_resources(&apis());
        let text = render(&all[..2], None, true);
        assert_eq!(
            text,
            "NAME       SHORTNAMES   APIVERSION   NAMESPACED   KIND\n\
             bindings                v1           true         Binding\n\
             pods                    v1           true         Pod\n"
        );
        assert_eq!(
            render(&all[2..4], Some(Output::Name), true),
            "hpas.autoscaling\na.zeta.example\n"
        );
        let wide = render(&all[1..2], Some(Output::Wide), false);
        assert_eq!(wide, "pods         v1    true   Pod   get,list   \n");
    }
}
