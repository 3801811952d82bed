//! Choosing groups and versions, on a small discovery fixture.

use kubegen_runtime::discovery::{ApiGroupList, ApiResourceList, ApiVersions, DiscoveredApis};
use serde_json::{json, Map, Value};

use kubegen_codegen::declaration::Subresource;

use super::{declare, plan, Versions};

/// Core `v1` (pods), `apps/v1` (deployments) and `autoscaling` serving
/// `v1`, `v2beta1` and `v2beta2`, preferring `v1`.
fn apis() -> DiscoveredApis {
    let core: ApiVersions = serde_json::from_value(json!({"versions": ["v1"]})).unwrap();
    let groups: ApiGroupList = serde_json::from_value(json!({"groups": [
        {"name": "apps", "versions": [{"groupVersion": "apps/v1", "version": "v1"}],
         "preferredVersion": {"groupVersion": "apps/v1", "version": "v1"}},
        {"name": "autoscaling", "versions": [
            {"groupVersion": "autoscaling/v1", "version": "v1"},
            {"groupVersion": "autoscaling/v2beta1", "version": "v2beta1"},
            {"groupVersion": "autoscaling/v2beta2", "version": "v2beta2"}],
         "preferredVersion": {"groupVersion": "autoscaling/v1", "version": "v1"}}
    ]}))
    .unwrap();
    let list = |gv: &str, name: &str, kind: &str, extra: &[&str]| {
        let mut resources = vec![json!({"name": name, "namespaced": true, "kind": kind,
            "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]})];
        resources.extend(extra.iter().map(|sub| {
            json!({"name": format!("{name}/{sub}"), "namespaced": true, "kind": kind, "verbs": ["get"]})
        }));
        let list: ApiResourceList =
            serde_json::from_value(json!({"groupVersion": gv, "resources": resources})).unwrap();
        (gv.to_string(), Ok(list))
    };
    DiscoveredApis::from_parts(
        &core,
        &groups,
        [
            list("v1", "pods", "Pod", &["status"]),
            list("apps/v1", "deployments", "Deployment", &["status", "scale"]),
            list(
                "autoscaling/v1",
                "horizontalpodautoscalers",
                "HorizontalPodAutoscaler",
                &["status"],
            ),
            list(
                "autoscaling/v2beta1",
                "horizontalpodautoscalers",
                "HorizontalPodAutoscaler",
                &[],
            ),
            list(
                "autoscaling/v2beta2",
                "horizontalpodautoscalers",
                "HorizontalPodAutoscaler",
                &[],
            ),
        ],
    )
}

fn args(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

/// The `group/version`s planned, one inner list per group.
fn planned(words: &[&str], unversioned: Versions<'_>) -> Vec<Vec<String>> {
    plan(&apis(), &args(words), unversioned)
        .expect("plan")
        .iter()
        .map(|group| group.iter().map(|f| f.group_version.clone()).collect())
        .collect()
}

#[test]
fn a_group_alone_takes_its_preferred_version() {
    assert_eq!(
        planned(&["autoscaling", "core"], Versions::Preferred),
        [vec!["autoscaling/v1"], vec!["v1"]]
    );
}

#[test]
fn all_versions_follow_the_servers_order() {
    assert_eq!(
        planned(&["autoscaling", "apps"], Versions::All),
        [
            vec![
                "autoscaling/v1",
                "autoscaling/v2beta1",
                "autoscaling/v2beta2"
            ],
            vec!["apps/v1"]
        ]
    );
}

#[test]
fn named_versions_merge_into_one_group_once_each() {
    assert_eq!(
        planned(
            &[
                "autoscaling/v2beta2",
                "apps",
                "autoscaling/v1",
                "autoscaling/v2beta2",
                "core/v1"
            ],
            Versions::Only("v1"),
        ),
        [
            vec!["autoscaling/v2beta2", "autoscaling/v1"],
            vec!["apps/v1"],
            vec!["v1"]
        ]
    );
}

#[test]
fn an_unserved_group_or_version_names_what_is_served() {
    let err = |words: &[&str], unversioned| {
        plan(&apis(), &args(words), unversioned)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        err(&["autoscaling/v3"], Versions::Preferred),
        "group \"autoscaling\" has no version \"v3\"; it serves: v1, v2beta1, v2beta2"
    );
    assert_eq!(
        err(&["apps"], Versions::Only("v2")),
        "group \"apps\" has no version \"v2\"; it serves: v1"
    );
    assert_eq!(
        err(&["batch/v1"], Versions::Preferred),
        "the server does not serve group \"batch\"; it serves: core, apps, autoscaling"
    );
}

/// Definitions for the HPA of `autoscaling/v1` and `v2beta2` only.
fn definitions() -> Map<String, Value> {
    let def = |version: &str| {
        json!({"type": "object", "x-kubernetes-group-version-kind": [
            {"group": "autoscaling", "version": version, "kind": "HorizontalPodAutoscaler"}]})
    };
    let mut defs = Map::new();
    for version in ["v1", "v2beta2"] {
        defs.insert(
            format!("io.k8s.api.autoscaling.{version}.HorizontalPodAutoscaler"),
            def(version),
        );
    }
    defs
}

#[test]
fn one_declaration_holds_every_version_of_a_group() {
    let versions = plan(&apis(), &args(&["autoscaling"]), Versions::All).expect("plan");
    let import = declare(&versions[0], &definitions());
    assert_eq!(import.file_name, "autoscaling.yaml");
    assert_eq!(import.declaration.group, "autoscaling");
    let declared: Vec<(&str, Vec<&str>)> = import
        .declaration
        .versions
        .iter()
        .map(|v| {
            (
                v.version.as_str(),
                v.kinds
                    .iter()
                    .flat_map(|k| k.schema.openapi.as_deref())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        declared,
        [
            (
                "v1",
                vec!["io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler"]
            ),
            ("v2beta1", vec![]),
            (
                "v2beta2",
                vec!["io.k8s.api.autoscaling.v2beta2.HorizontalPodAutoscaler"]
            ),
        ]
    );
    let skipped: Vec<String> = import.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        ["autoscaling/v2beta1/horizontalpodautoscalers: skipped: no definition of kind HorizontalPodAutoscaler in /openapi/v2"]
    );
    assert_eq!(
        import.declaration.versions[0].kinds[0].subresources,
        [Subresource::Status]
    );
}
