//! The typed informer chain, and the Lease's leader-election impl, follow
//! `Options::informers`: an app whose `kubegen` has no `runtime` feature gets
//! none, as its runtime has no `cache` and no `leader_election`.

mod common;

use kubegen_codegen::generate::{generate_file, Options};

fn generate(informers: bool, feature_per_group: bool) -> String {
    generate_case("crd", informers, feature_per_group)
}

fn generate_case(case: &str, informers: bool, feature_per_group: bool) -> String {
    let opts = Options {
        informers,
        feature_per_group,
        ..Default::default()
    };
    let (_, inputs, _) = common::cases()
        .into_iter()
        .find(|(name, ..)| name == case)
        .expect("case");
    generate_file(&inputs, &opts).expect("generate").1
}

/// The attributes right above the line holding `item`.
fn attributes_of<'a>(code: &'a str, item: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = code.lines().collect();
    let at = lines.iter().position(|l| l.contains(item)).expect(item);
    let above = lines[..at].iter().rev();
    above
        .take_while(|l| l.trim_start().starts_with("#["))
        .copied()
        .collect()
}

#[test]
fn the_lease_implements_lease_object_only_where_the_runtime_feature_is() {
    // The runtime's path differs between the `kubegen` crate and an app.
    let item = "leader_election::LeaseObject for Lease {";
    assert!(!generate_case("builtin", false, false).contains("LeaseObject"));
    let always = generate_case("builtin", true, false);
    assert!(always.contains(item), "{always}");
    assert!(!attributes_of(&always, item)
        .iter()
        .any(|a| a.contains("runtime")));
    let gated = generate_case("builtin", false, true);
    let attributes = attributes_of(&gated, item);
    assert!(
        attributes
            .iter()
            .any(|a| a.contains("feature = \"runtime\"")),
        "{attributes:?}"
    );
}

#[test]
fn informers_off_leaves_out_every_informer() {
    let code = generate(false, false);
    assert!(code.contains("pub struct Clientset"), "{code}");
    assert!(!code.contains("Informer"), "{code}");
    assert!(!code.contains("cache::"), "{code}");
}

#[test]
fn informers_on_by_default() {
    assert!(Options::default().informers);
    let code = generate(true, false);
    assert!(code.contains("pub struct InformerFactory"));
    assert!(!code.contains("feature = \"runtime\""));
}

#[test]
fn a_feature_per_group_puts_informers_behind_the_runtime_feature() {
    // `informers` is ignored there: the crate's `runtime` feature decides.
    let code = generate(false, true);
    let lines: Vec<&str> = code.lines().collect();
    let mut structs = 0;
    for (i, line) in lines.iter().enumerate() {
        let informer = line.trim_start().starts_with("pub struct ") && line.contains("Informer");
        if !informer {
            continue;
        }
        structs += 1;
        let mut attrs = lines[..i]
            .iter()
            .rev()
            .take_while(|l| l.trim_start().starts_with("#["));
        assert!(
            attrs.any(|l| l.contains("feature = \"runtime\"")),
            "{line} is not behind the runtime feature"
        );
    }
    // The root factory, the group's and the version's.
    assert_eq!(structs, 3, "{code}");
}
