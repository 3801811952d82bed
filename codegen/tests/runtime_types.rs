//! Where the output meets the runtime's own types: `core/v1`
//! `ObjectReference` is the runtime's meta type, re-exported under its
//! `core::v1` name, and only a coordination.k8s.io/v1 `Lease` whose spec
//! holds the lease record implements the elector's `LeaseObject`.

mod common;

use std::path::Path;

fn generate(dir: &Path) -> String {
    common::generate(&[dir.to_path_buf(), common::swagger_v1_36()], false)
}

/// Whitespace removed, and the trailing commas of types the formatter wraps.
fn flat(code: &str) -> String {
    code.split_whitespace()
        .collect::<String>()
        .replace(",>", ">")
}

const LEASE_IMPL: &str = "impl ::kubegen_runtime::leader_election::LeaseObject for";

#[test]
fn object_reference_fields_use_the_meta_type_and_core_v1_re_exports_it() {
    let (_dir, path) = common::folder(&[(
        "events.yaml",
        "group: events.k8s.io\nversions:\n  - version: v1\n    kinds:\n      - {kind: Event, plural: events, schema: {openapi: io.k8s.api.events.v1.Event}}\n",
    )]);
    let code = generate(&path);
    assert!(flat(&code).contains(&flat(
        "pub regarding: ::core::option::Option<::kubegen_runtime::meta::ObjectReference>,"
    )));
    assert!(!code.contains("pub struct ObjectReference"));
    let core = code.find("pub mod core {").expect("a core module");
    let reexport = code
        .find("pub use ::kubegen_runtime::meta::ObjectReference;")
        .expect("the re-export");
    assert!(reexport > core);
    assert_eq!(code.matches("pub use ::kubegen_runtime::meta::").count(), 1);
}

#[test]
fn no_core_module_is_made_for_a_reference_nobody_uses() {
    let (_dir, path) = common::folder(&[(
        "coordination.yaml",
        "group: coordination.k8s.io\nversions:\n  - version: v1\n    kinds:\n      - {kind: Lease, plural: leases, schema: {openapi: io.k8s.api.coordination.v1.Lease}}\n",
    )]);
    let code = generate(&path);
    assert!(!code.contains("ObjectReference"));
    assert!(!code.contains("pub mod core"));
    assert_eq!(code.matches(LEASE_IMPL).count(), 1);
}

#[test]
fn a_lease_without_the_record_or_in_another_group_is_no_lease_object() {
    let (_dir, path) = common::folder(&[
        (
            "coordination.yaml",
            "group: coordination.k8s.io\nversions:\n  - version: v1\n    kinds:\n      - kind: Lease\n        plural: leases\n        schema: {inline: {type: object, properties: {spec: {type: object, properties: {holderIdentity: {type: integer}}}}}}\n",
        ),
        (
            "other.yaml",
            "group: locks.example.com\nversions:\n  - version: v1\n    kinds:\n      - {kind: Lease, plural: leases, schema: {openapi: io.k8s.api.coordination.v1.Lease}}\n",
        ),
    ]);
    let code = generate(&path);
    assert!(code.contains("pub struct Lease"));
    assert!(!code.contains(LEASE_IMPL));
}

/// The impl's lines that read or write coordinated leader election's members.
fn coordinated_members(code: &str) -> Vec<&str> {
    let at = code.find(LEASE_IMPL).expect("the LeaseObject impl");
    let start = code[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = format!("{}}}", &code[start..at]);
    code[start..]
        .lines()
        .take_while(|line| *line != end)
        .filter(|line| line.contains("strategy") || line.contains("preferred_holder"))
        .map(str::trim)
        .collect()
}

#[test]
fn a_lease_with_coordinated_members_reads_and_writes_them_and_an_older_one_has_none() {
    let (_dir, path) = common::folder(&[(
        "coordination.yaml",
        "group: coordination.k8s.io\nversions:\n  - version: v1\n    kinds:\n      - {kind: Lease, plural: leases, schema: {openapi: io.k8s.api.coordination.v1.Lease}}\n",
    )]);
    let newer = generate(&path);
    assert_eq!(
        coordinated_members(&newer),
        [
            "strategy: ::core::clone::Clone::clone(&spec.strategy),",
            "preferred_holder: ::core::clone::Clone::clone(&spec.preferred_holder),",
            "spec.strategy = record.strategy;",
            "spec.preferred_holder = record.preferred_holder;",
        ],
        "{newer}"
    );
    let older = common::generate(&[path, common::swagger()], false);
    assert!(
        older.contains(LEASE_IMPL),
        "v1.20's Lease is a LeaseObject too"
    );
    assert!(coordinated_members(&older).is_empty(), "{older}");
}
