//! What a round trip alone does not show: where unknown members and nulls
//! are kept, which enum variant a value names, and what `new` fills.

use kubegen_fixtures::edge::single::edge_example_com::v1::{
    Widget, WidgetSpec, WidgetSpecMode, WidgetSpecOdd,
};
use kubegen_runtime::serde_json::{self, json, Value};

#[test]
fn unknown_members_and_explicit_nulls_are_kept_where_they_were() {
    let wire: Value = serde_json::from_str(include_str!(
        "edge_example_com.v1.Widget.unknown-at-every-depth.sample"
    ))
    .expect("sample");
    let widget: Widget = serde_json::from_value(wire).expect("decode");
    let spec = widget.spec.as_ref().expect("spec");
    assert_eq!(spec.maybe, None);
    assert_eq!(spec.unknown_fields.get("addedInSpec"), Some(&json!(2)));
    assert_eq!(spec.unknown_fields.get("maybe"), Some(&Value::Null));
    assert_eq!(
        widget.unknown_fields.get("addedAtRoot"),
        Some(&json!({"x": [1, 2]}))
    );
    // Nothing unknown: nothing kept.
    let plain: Widget =
        serde_json::from_value(json!({"spec": {"type": "t", "count": 1, "mustOrNull": "x"}}))
            .expect("decode");
    assert!(plain.unknown_fields.is_empty() && plain.spec.expect("spec").unknown_fields.is_empty());
}

#[test]
fn a_set_field_wins_over_a_kept_null_of_its_name() {
    let mut widget: Widget = serde_json::from_value(json!({
        "spec": {"type": "t", "count": 1, "mustOrNull": null, "maybe": null}
    }))
    .expect("decode");
    let spec = widget.spec.as_mut().expect("spec");
    spec.maybe = Some("now".into());
    let encoded = serde_json::to_value(&widget).expect("encode");
    assert_eq!(
        encoded["spec"],
        json!({"type": "t", "count": 1, "mustOrNull": null, "maybe": "now"})
    );
}

#[test]
fn string_enums_name_listed_values_and_keep_others() {
    let decode = |v: Value| serde_json::from_value::<WidgetSpecMode>(v);
    assert_eq!(decode(json!("Slow")).expect("decode"), WidgetSpecMode::Slow);
    let newer = decode(json!("Turbo")).expect("decode");
    assert_eq!(newer, WidgetSpecMode::Other("Turbo".into()));
    assert_eq!(
        serde_json::to_value(&newer).expect("encode"),
        json!("Turbo")
    );
    assert_eq!(
        serde_json::to_value(WidgetSpecMode::Fast).expect("encode"),
        json!("Fast")
    );
    assert!(decode(json!(3)).is_err(), "not a string");
    assert_eq!(WidgetSpecMode::from("Slow"), WidgetSpecMode::Slow);
    assert_eq!(WidgetSpecMode::default(), WidgetSpecMode::Fast);
    // Values that are not identifiers: the naming rule of codegen/README.md.
    let odd = [
        ("", WidgetSpecOdd::Empty),
        ("3d", WidgetSpecOdd::V3d),
        ("*", WidgetSpecOdd::Value),
        ("other", WidgetSpecOdd::Other3),
        ("Other", WidgetSpecOdd::Other2),
        ("a-b", WidgetSpecOdd::AB),
        ("aB", WidgetSpecOdd::AB2),
        ("self", WidgetSpecOdd::Self_),
    ];
    for (text, variant) in odd {
        assert_eq!(
            serde_json::from_value::<WidgetSpecOdd>(json!(text)).expect("decode"),
            variant
        );
        assert_eq!(serde_json::to_value(&variant).expect("encode"), json!(text));
    }
}

#[test]
fn constructors_fill_type_meta_name_and_spec() {
    let spec = WidgetSpec {
        mode: Some(WidgetSpecMode::Slow),
        ..WidgetSpec::default()
    };
    let widget = serde_json::to_value(Widget::new("w1", spec)).expect("encode");
    assert_eq!(widget["apiVersion"], "edge.example.com/v1");
    assert_eq!(widget["kind"], "Widget");
    assert_eq!(widget["metadata"], json!({"name": "w1"}));
    assert_eq!(widget["spec"]["mode"], "Slow");
}
