//! One assertion per schema edge case, on the code generated for
//! `tests/cases/edge` (the golden test pins the whole file; this says why).

mod common;

fn edge() -> String {
    common::generate(&[common::tests_dir("cases/edge")], false)
}

/// Whitespace removed, and the trailing commas of types the formatter wraps.
fn flat(code: &str) -> String {
    code.split_whitespace()
        .collect::<String>()
        .replace(",>", ">")
}

/// Asserts that `field` is declared with `ty` and, if given, encoded by `write`
/// (the line of its `Serialize`, which names its JSON member and says whether
/// it is skipped when `None`).
fn field(code: &str, write: Option<&str>, field: &str, ty: &str) {
    let code = flat(code);
    let decl = flat(&format!("pub {field}: {ty},"));
    assert!(code.contains(&decl), "no `{decl}` in:\n{code}");
    if let Some(write) = write {
        let write = flat(write);
        assert!(
            code.contains(&write),
            "`{field}` is not encoded by `{write}`"
        );
    }
}

#[test]
fn keywords_and_non_identifiers_are_renamed() {
    let c = edge();
    field(
        &c,
        Some("w.field(\"type\", &self.type_)"),
        "type_",
        "::kubegen_runtime::CompactString",
    );
    field(
        &c,
        Some("w.optional(\"ref\", &self.ref_)"),
        "ref_",
        "::core::option::Option<::kubegen_runtime::CompactString>",
    );
    field(
        &c,
        Some("w.optional(\"$ref\", &self.dollar_ref)"),
        "dollar_ref",
        "::core::option::Option<::kubegen_runtime::CompactString>",
    );
    field(
        &c,
        Some("w.optional(\"x-y\", &self.x_y)"),
        "x_y",
        "::core::option::Option<::kubegen_runtime::CompactString>",
    );
    field(
        &c,
        Some("w.optional(\"3d\", &self._3d)"),
        "_3d",
        "::core::option::Option<bool>",
    );
    field(
        &c,
        Some("w.optional(\"_\", &self.underscore)"),
        "underscore",
        "::core::option::Option<::kubegen_runtime::CompactString>",
    );
    // `fooBar` and `foo_bar` both want `foo_bar`: sorted by JSON name, the second gets `_2`.
    field(
        &c,
        Some("w.optional(\"fooBar\", &self.foo_bar)"),
        "foo_bar",
        "::core::option::Option<::kubegen_runtime::CompactString>",
    );
    field(
        &c,
        Some("w.optional(\"foo_bar\", &self.foo_bar_2)"),
        "foo_bar_2",
        "::core::option::Option<::kubegen_runtime::CompactString>",
    );
}

#[test]
fn required_optional_and_nullable() {
    let c = edge();
    // Required with a `Default`: defaulted when absent, always written.
    field(&c, Some("w.field(\"count\", &self.count)"), "count", "i64");
    assert!(c.contains("count: f7.unwrap_or_default()"));
    // Optional: skipped when `None`; an explicit `null` is kept by the reader.
    assert!(c.contains("=> f14 = r.optional(14)?"));
    field(
        &c,
        Some("w.optional(\"maybe\", &self.maybe)"),
        "maybe",
        "::core::option::Option<::kubegen_runtime::CompactString>",
    );
    // Required and nullable: `Option`, and `null` is written back.
    field(
        &c,
        Some("w.field(\"mustOrNull\", &self.must_or_null)"),
        "must_or_null",
        "::core::option::Option<::kubegen_runtime::CompactString>",
    );
}

#[test]
fn formats() {
    let c = edge();
    field(&c, None, "small", "::core::option::Option<i32>");
    field(&c, None, "ratio", "::core::option::Option<f64>");
    field(
        &c,
        None,
        "when",
        "::core::option::Option<::kubegen_runtime::meta::Time>",
    );
    field(
        &c,
        None,
        "blob",
        "::core::option::Option<::kubegen_runtime::CompactString>",
    );
}

#[test]
fn int_or_string_one_of_and_any_of() {
    let c = edge();
    field(
        &c,
        None,
        "port",
        "::core::option::Option<::kubegen_runtime::meta::IntOrString>",
    );
    field(
        &c,
        None,
        "port_any",
        "::core::option::Option<::kubegen_runtime::meta::IntOrString>",
    );
    field(
        &c,
        None,
        "choice",
        "::core::option::Option<::kubegen_runtime::serde_json::Value>",
    );
    field(
        &c,
        None,
        "same_type",
        "::core::option::Option<::kubegen_runtime::CompactString>",
    );
}

#[test]
fn string_enums_are_rust_enums_that_keep_unknown_values() {
    let c = edge();
    // Not boxed: an enum is no bigger than the string it replaces.
    field(&c, None, "mode", "::core::option::Option<WidgetSpecMode>");
    let flat = c.replace(['\n', ' '], "");
    assert!(flat.contains("pubenumWidgetSpecMode{///`Fast`Fast,///`Slow`Slow,"));
    assert!(flat.contains("Other(::kubegen_runtime::CompactString),}"));
    assert!(
        flat.contains("_=>Self::Other(value),"),
        "unknown values decode to Other"
    );
}

#[test]
fn built_in_types_keep_their_strings() {
    // OpenAPI v2 declares no enums: a Service's `type` stays a string.
    let c = common::generate(
        &[common::tests_dir("cases/builtin"), common::swagger()],
        true,
    );
    assert!(!c.contains("pub enum "), "no enum in built-in types");
}

#[test]
fn every_kind_has_a_constructor() {
    let c = edge();
    let flat = c.replace(['\n', ' '], "");
    assert!(flat.contains(
        "implWidget{///A`Widget`withthisnameandspec;`apiVersion`and`kind`arefilledin,everythingelseisdefault.\
         pubfnnew(name:impl::core::convert::Into<::kubegen_runtime::CompactString>,spec:WidgetSpec,)->Self{"
    ));
    assert!(flat.contains("object.spec=::core::option::Option::Some(spec);"));
}

#[test]
fn an_app_reaches_the_runtime_through_kubegen_and_gets_no_dead_code_warnings() {
    let opts = kubegen_codegen::generate::Options::default();
    let c = kubegen_codegen::generate::generate_file(&[common::tests_dir("cases/edge")], &opts)
        .expect("generate")
        .1;
    assert!(!c.contains("kubegen_runtime"), "the app has no such crate");
    assert!(c.contains("::kubegen::__runtime::Client"));
    assert!(c.contains("impl<'de> ::kubegen::__runtime::serde::Deserialize<'de> for Widget"));
    assert!(c.contains("::kubegen::__runtime::meta::FieldWriter::new("));
    // Every top-level item allows dead code: an app uses part of the clientset.
    let file = c.replace('\n', " ");
    for item in [
        "pub struct Clientset",
        "impl Clientset",
        "pub struct InformerFactory",
        "pub mod edge_example_com",
    ] {
        let at = file.find(item).expect(item);
        let before = &file[..at];
        let attrs = &before[before.rfind('}').map_or(0, |i| i + 1)..];
        assert!(attrs.contains("#[allow(dead_code)]"), "{item}: {attrs}");
    }
}

#[test]
fn maps_untyped_and_preserved_fields() {
    let c = edge();
    let flat = c.replace(['\n', ' '], "").replace(",>", ">");
    assert!(flat.contains("publabels:::core::option::Option<::kubegen_runtime::meta::Map<::kubegen_runtime::CompactString,::kubegen_runtime::CompactString>>,"));
    assert!(flat.contains(
        "pubanything:::core::option::Option<::kubegen_runtime::meta::Map<::kubegen_runtime::CompactString,::kubegen_runtime::serde_json::Value>>,"
    ));
    field(
        &c,
        None,
        "untyped",
        "::core::option::Option<::kubegen_runtime::serde_json::Value>",
    );
    field(
        &c,
        None,
        "raw",
        "::core::option::Option<::kubegen_runtime::serde_json::Value>",
    );
    // preserve-unknown-fields with properties: a struct that keeps the rest,
    // as every struct does (no `#[serde(flatten)]`: it buffers everything).
    assert!(flat.contains("pubunknown_fields:::kubegen_runtime::meta::UnknownFields,"));
    assert!(!c.contains("flatten"));
    field(
        &c,
        Some("w.optional(\"unknownFields\", &self.unknown_fields_2)"),
        "unknown_fields_2",
        "::core::option::Option<::kubegen_runtime::CompactString>",
    );
    field(
        &c,
        None,
        "matrix",
        "::core::option::Option<::std::vec::Vec<::std::vec::Vec<f64>>>",
    );
    // Properties plus additionalProperties: a struct that keeps the extra keys.
    field(
        &c,
        None,
        "mixed",
        "::core::option::Option<::std::boxed::Box<WidgetSpecMixed>>",
    );
    let mixed = &c[c.find("pub struct WidgetSpecMixed").expect("mixed struct")..];
    assert!(mixed[..mixed.find('}').expect("end")].contains("pub unknown_fields:"));
}

#[test]
fn embedded_resources_get_object_meta() {
    let c = edge();
    field(
        &c,
        None,
        "embedded",
        "::core::option::Option<::std::boxed::Box<WidgetSpecEmbedded>>",
    );
    field(
        &c,
        None,
        "metadata",
        "::core::option::Option<::kubegen_runtime::meta::ObjectMeta>",
    );
}

#[test]
fn nested_type_names_collide_deterministically() {
    let c = edge();
    // `spec.nested.deeper` and `spec.nestedDeeper` both want `WidgetSpecNestedDeeper`;
    // sorted by type id, `...nested.deeper` keeps it.
    field(
        &c,
        None,
        "deeper",
        "::core::option::Option<::std::boxed::Box<WidgetSpecNestedDeeper>>",
    );
    field(
        &c,
        None,
        "nested_deeper",
        "::core::option::Option<::std::boxed::Box<WidgetSpecNestedDeeper2>>",
    );
}

#[test]
fn descriptions_become_safe_rustdoc() {
    let c = edge();
    assert!(c.contains(
        "/// Spec with \\[brackets\\], \\<tags\\>, a URL <https://example.com/docs>, and `code [x]`."
    ));
    assert!(c.contains("/// An indented line that must not become a doctest."));
    assert!(c.contains("/// ```text\n"));
}

#[test]
fn recursive_types_are_boxed() {
    let code = common::generate(
        &[common::tests_dir("cases/builtin"), common::swagger()],
        true,
    );
    assert!(code.contains("pub not: ::core::option::Option<::std::boxed::Box<JSONSchemaProps>>,"));
    // Shared types are emitted once, in their own group's module, referenced by path.
    assert_eq!(code.matches("pub struct PodTemplateSpec {").count(), 1);
    assert!(code.contains("pub template: super::super::core::v1::PodTemplateSpec,"));
}

#[test]
fn a_group_that_starts_with_a_digit_gets_valid_type_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("threescale.yaml"),
        "group: 3scale.net\nversions:\n  - version: v1\n    kinds:\n      - kind: Backend\n        schema: {inline: {type: object}}\n",
    )
    .unwrap();
    let opts = kubegen_codegen::generate::Options::default();
    let c = kubegen_codegen::generate::generate_file(&[dir.path().to_path_buf()], &opts)
        .expect("generate")
        .1;
    assert!(c.contains("pub struct T3scaleNetGroup"), "{c}");
    assert!(c.contains("pub struct T3scaleNetV1"), "{c}");
}
