//! `Options::only_features` (a build script's `only_enabled_features`):
//! with a feature per group, only what the kept features compile is
//! emitted; the types a kept group reaches in other groups' modules stay.

mod common;

use std::collections::BTreeSet;

use kubegen_codegen::generate::{generate_file, Options};

/// The `builtin` case (core, apps, coordination, apiextensions of v1.20.2),
/// one file with a feature per group, keeping `only` when given.
fn builtin(only: Option<&[&str]>) -> String {
    let (_, inputs, features) = common::cases()
        .into_iter()
        .find(|(name, ..)| name == "builtin")
        .expect("builtin case");
    assert!(features, "the builtin case has a feature per group");
    let opts = Options {
        feature_per_group: true,
        runtime_crate: "::kubegen_runtime".into(),
        only_features: only.map(|f| f.iter().map(|s| s.to_string()).collect()),
        ..Default::default()
    };
    generate_file(&inputs, &opts).expect("generate").1
}

/// The top-level modules of a generated file.
fn modules(code: &str) -> BTreeSet<&str> {
    code.lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|rest| rest.trim_end_matches(" {"))
        .collect()
}

#[test]
fn core_alone_has_no_item_of_another_group() {
    let code = builtin(Some(&["core"]));
    assert_eq!(modules(&code), ["core"].into(), "{code}");
    assert!(code.contains("pub struct PodClient"), "{code}");
    for other in [
        "pub fn apps(",
        "pub fn coordination(",
        "pub fn apiextensions(",
    ] {
        assert!(!code.contains(other), "{other} in {code}");
    }
    // `apply` and `runtime` are features too, and both are off.
    assert!(!code.contains("pub mod apply"), "{code}");
    assert!(!code.contains("InformerFactory"), "{code}");
    assert!(!code.contains("LeaseObject"), "{code}");
}

#[test]
fn a_kept_group_keeps_the_types_it_uses_from_another() {
    let code = builtin(Some(&["apps"]));
    assert_eq!(modules(&code), ["apps", "core"].into(), "{code}");
    assert!(code.contains("pub struct Deployment {"), "{code}");
    // Deployment's template, from core's module; core's own kinds stay out.
    assert!(code.contains("pub struct PodTemplateSpec {"), "{code}");
    assert!(!code.contains("pub struct PodClient"), "{code}");
    assert!(!code.contains("pub struct ServiceSpec {"), "{code}");
    assert!(!code.contains("pub fn core("), "{code}");
}

#[test]
fn apply_and_runtime_kept_emit_their_items() {
    let code = builtin(Some(&["coordination", "apply", "runtime"]));
    assert!(code.contains("pub mod apply"), "{code}");
    assert!(code.contains("pub struct InformerFactory"), "{code}");
    assert!(code.contains("LeaseObject for Lease"), "{code}");
}

#[test]
fn keeping_every_feature_changes_nothing() {
    let all = [
        "apiextensions",
        "apps",
        "apply",
        "coordination",
        "core",
        "runtime",
    ];
    assert_eq!(builtin(Some(&all)), builtin(None));
}

#[test]
fn pruning_shrinks_the_output() {
    let (core, all) = (builtin(Some(&["core"])), builtin(None));
    assert!(
        core.len() * 2 < all.len(),
        "{} vs {}",
        core.len(),
        all.len()
    );
}
