//! Runs inside the compile-test crate (see `tests/compile.rs`): decode then
//! encode keeps every field the schema allows.

use ct::single::apps::v1::Deployment;
use ct::single::apps_emqx_io::v1beta1::{ClusterBroker, EmqxBroker};
use ct::single::apps::v1::DeploymentSpec;
use ct::single::edge_example_com::v1::{Widget, WidgetSpec, WidgetSpecMode, WidgetSpecOdd};
use kubegen_runtime::resource::Resource;
use kubegen_runtime::serde_json::{self, json, Value};

fn roundtrip<T: serde::Serialize + serde::de::DeserializeOwned>(v: Value) {
    let typed: T = serde_json::from_value(v.clone()).expect("decode");
    assert_eq!(serde_json::to_value(&typed).expect("encode"), v);
}

#[test]
fn crd_with_unknown_fields() {
    roundtrip::<EmqxBroker>(json!({
        "apiVersion": "apps.emqx.io/v1beta1",
        "kind": "EmqxBroker",
        "metadata": {"name": "b", "namespace": "ns"},
        "spec": {
            "image": "emqx/emqx:4.3",
            "replicas": 3,
            "env": [{"name": "A", "value": "1"}],
            "listener": {"type": "SomethingNew", "ports": {"mqtt": 1883}},
            "template": {"apiVersion": "v1", "kind": "Pod", "anything": {"goes": [1, 2]}}
        },
        "status": {"replicas": 3, "conditions": [{"type": "Ready", "status": "True",
            "lastTransitionTime": "2021-01-01T00:00:00Z"}], "futureField": {"x": 1}}
    }));
    roundtrip::<ClusterBroker>(json!({
        "apiVersion": "apps.emqx.io/v1beta1", "kind": "ClusterBroker",
        "metadata": {"name": "c"}, "spec": {"free": "form"}
    }));
}

#[test]
fn every_schema_edge_case() {
    roundtrip::<Widget>(json!({
        "apiVersion": "edge.example.com/v1", "kind": "Widget", "metadata": {"name": "w"},
        "spec": {
            "type": "t", "ref": "r", "$ref": "d", "x-y": "xy", "3d": true, "_": "u",
            "fooBar": "a", "foo_bar": "b", "count": 9007199254740993i64, "small": -5,
            "ratio": 0.25, "when": "2021-01-01T00:00:00Z", "blob": "aGk=",
            "maybe": "m", "mustOrNull": null, "port": 8080, "portAny": "http",
            "choice": [1, {"a": 2}], "sameType": "s", "mode": "Unknown", "odd": "",
            "labels": {"a": "b"}, "anything": {"k": [true]}, "untyped": {"u": 1},
            "raw": [1, "two"],
            "embedded": {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "e"}},
            "open": {"known": "k", "unknownFields": "clash", "extra": {"kept": true}},
            "mixed": {"a": "named", "b": "extra"},
            "matrix": [[1.5, 2.5]], "nested": {"deeper": {"leaf": "l"}},
            "nestedDeeper": {"leaf": 7}
        }
    }));
}

#[test]
fn unknown_members_and_explicit_nulls_survive_at_every_depth() {
    let wire = json!({
        "apiVersion": "edge.example.com/v1", "kind": "Widget", "metadata": {"name": "w"},
        "addedAtRoot": {"x": [1, 2]},
        "spec": {
            "type": "t", "count": 1, "mustOrNull": null, "maybe": null, "addedInSpec": 2,
            "nested": {"deeper": {"leaf": "l", "addedDeeper": true}, "addedNested": "n"},
            "entries": [{"name": "a", "addedInElement": {"y": null}}, {"name": "b"}],
            "byName": {"k": {"port": 1, "addedInValue": "v"}, "l": {}},
            "open": {"known": "k", "extra": 1}
        }
    });
    let widget: Widget = serde_json::from_value(wire.clone()).expect("decode");
    let spec = widget.spec.as_ref().expect("spec");
    assert_eq!(spec.maybe, None);
    assert_eq!(spec.unknown_fields.get("addedInSpec"), Some(&json!(2)));
    assert_eq!(spec.unknown_fields.get("maybe"), Some(&Value::Null));
    assert_eq!(serde_json::to_value(&widget).expect("encode"), wire);
    // Nothing unknown: nothing kept.
    let plain: Widget = serde_json::from_value(json!({"spec": {"type": "t", "count": 1, "mustOrNull": "x"}}))
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
    assert_eq!(encoded["spec"], json!({"type": "t", "count": 1, "mustOrNull": null, "maybe": "now"}));
}

#[test]
fn builtin_kind_round_trips_and_knows_its_resource() {
    roundtrip::<Deployment>(json!({
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"},
        "spec": {"selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}},
                "spec": {"containers": [{"name": "c", "image": "nginx",
                    "ports": [{"containerPort": 80}],
                    "resources": {"limits": {"cpu": "1"}}}]}},
            "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}}}
    }));
    assert_eq!(<Deployment as Resource>::PLURAL, "deployments");
    assert_eq!(<Deployment as Resource>::GROUP, "apps");
}

#[test]
fn defaults_carry_type_meta() {
    let b = EmqxBroker::default();
    assert_eq!(b.api_version, "apps.emqx.io/v1beta1");
    assert_eq!(b.kind, "EmqxBroker");
    assert_eq!(Deployment::default().kind, "Deployment");
}

#[test]
fn string_enums_name_listed_values_and_keep_others() {
    let decode = |v: Value| serde_json::from_value::<WidgetSpecMode>(v);
    assert_eq!(decode(json!("Slow")).expect("decode"), WidgetSpecMode::Slow);
    let newer = decode(json!("Turbo")).expect("decode");
    assert_eq!(newer, WidgetSpecMode::Other("Turbo".into()));
    assert_eq!(serde_json::to_value(&newer).expect("encode"), json!("Turbo"));
    assert_eq!(serde_json::to_value(WidgetSpecMode::Fast).expect("encode"), json!("Fast"));
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
        assert_eq!(serde_json::from_value::<WidgetSpecOdd>(json!(text)).expect("decode"), variant);
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
    let d = Deployment::new("web", DeploymentSpec::default());
    assert_eq!((d.kind.as_str(), d.spec.is_some()), ("Deployment", true));
    assert_eq!(ClusterBroker::new("c").kind, "ClusterBroker");
}

/// Kinds named after the prelude (`Option`, `Vec`, `Some`, ...) compile,
/// round-trip, and name their resource; `Self` becomes `Self_`.
#[test]
fn kinds_named_after_the_prelude_round_trip() {
    use ct::single::prelude_example_com::v1 as p;
    fn object(kind: &str) -> Value {
        json!({
            "apiVersion": "prelude.example.com/v1", "kind": kind,
            "metadata": {"name": "x", "namespace": "ns"},
            "spec": {
                "option": "o", "result": ["r1", "r2"],
                "box": {"some": 1, "box": {"string": "s"}},
                "vec": [{"ok": true, "err": "e"}, {"ok": false}],
                "string": {"k": "v"}, "some": "Self", "none": 7, "ok": "k",
                "err": {"into": "i", "unknown": [1]}, "default": {"from": "f"},
                "self": "a", "type": "b", "match": "c", "clone": {"free": "form"}
            },
            "status": {"iterator": [[1.5], []]}
        })
    }
    roundtrip::<p::Option>(object("Option"));
    roundtrip::<p::Result>(object("Result"));
    roundtrip::<p::Box>(object("Box"));
    roundtrip::<p::Vec>(object("Vec"));
    roundtrip::<p::String>(object("String"));
    roundtrip::<p::Some>(object("Some"));
    roundtrip::<p::None>(object("None"));
    roundtrip::<p::Ok>(object("Ok"));
    roundtrip::<p::Err>(object("Err"));
    roundtrip::<p::Default>(object("Default"));
    let typed: p::Vec = serde_json::from_value(object("Vec")).expect("decode");
    let spec = typed.spec.expect("spec");
    assert_eq!(spec.some, Some(p::VecSpecSome::Self_));
    assert_eq!(spec.vec.len(), 2);
    assert_eq!(<p::Option as Resource>::PLURAL, "options");
    assert_eq!(<p::Self_ as Resource>::KIND, "Self");
    assert_eq!(p::Match::new("m", Default::default()).kind, "Match");
}
