//! `groups/v1_36/` says what the v1.36 spec's paths say: every GA version
//! (`v1`, `v2`) the spec serves is declared, each kind with its plural, scope,
//! verbs, schema and the subresources the declaration format has. The
//! declarations are derived from the paths; this keeps them (and any hand
//! edit) true to the spec.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use kubegen_codegen::declaration::{self, Declaration};
use serde::Deserialize;

/// (group, version, kind) -> what a declaration says about the kind.
type Summary = BTreeMap<(String, String, String), String>;

fn summarize<'a>(groups: impl IntoIterator<Item = &'a Declaration>) -> Summary {
    let mut out = Summary::new();
    for g in groups {
        let group = if g.group == "core" { "" } else { &g.group };
        for v in &g.versions {
            for k in &v.kinds {
                let schema = match &k.schema.openapi {
                    Some(name) => name.clone(),
                    None => format!("{:?}", k.schema),
                };
                let subresources: BTreeSet<_> = k.subresources.iter().collect();
                let line = format!(
                    "plural {:?}, {:?}, verbs {:?}, subresources {subresources:?}, schema {schema}",
                    k.plural,
                    k.scope,
                    k.verbs.expand(),
                );
                let key = (group.to_string(), v.version.clone(), k.kind.clone());
                assert!(out.insert(key, line).is_none(), "{} declared twice", k.kind);
            }
        }
    }
    out
}

/// Every declaration document of the YAML files in `dir`.
fn read_declarations(dir: &Path) -> Vec<Declaration> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("groups folder") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        for doc in serde_yaml::Deserializer::from_str(&text) {
            out.push(Declaration::deserialize(doc).expect("a declaration"));
        }
    }
    out
}

fn is_ga(version: &str) -> bool {
    version
        .strip_prefix('v')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn here(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

#[test]
fn v1_36_declarations_match_the_spec_paths() {
    let mut served = declaration::served_by(&here("openapi/swagger-v1.36.json")).expect("spec");
    for g in &mut served {
        g.versions.retain(|v| is_ga(&v.version));
    }
    let expected = summarize(&served);
    let declared = summarize(&read_declarations(&here("groups/v1_36")));

    let missing: Vec<_> = expected
        .keys()
        .filter(|k| !declared.contains_key(*k))
        .collect();
    let extra: Vec<_> = declared
        .keys()
        .filter(|k| !expected.contains_key(*k))
        .collect();
    assert!(missing.is_empty(), "served but not declared: {missing:?}");
    assert!(extra.is_empty(), "declared but not served: {extra:?}");
    for (key, want) in &expected {
        assert_eq!(&declared[key], want, "{key:?}");
    }
    // The review kinds are create-only, and the ones the brief names are there.
    for kind in [
        "TokenReview",
        "SelfSubjectAccessReview",
        "PodDisruptionBudget",
        "ServiceCIDR",
    ] {
        assert!(declared.keys().any(|(_, _, k)| k == kind), "{kind}");
    }
    let token_review = &declared[&(
        "authentication.k8s.io".to_string(),
        "v1".to_string(),
        "TokenReview".to_string(),
    )];
    assert!(token_review.contains("verbs {Create}"), "{token_review}");
}
