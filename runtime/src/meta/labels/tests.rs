//! Selector syntax, conversion and matching.

use std::collections::{BTreeMap, HashMap};

use compact_str::CompactString;

use super::{
    LabelSelector, LabelSelectorRequirement, Operator, Requirement, Selector, SelectorProblem,
};
use crate::meta::Map;

fn labels(pairs: &[(&str, &str)]) -> Map<CompactString, CompactString> {
    pairs.iter().map(|&(k, v)| (k.into(), v.into())).collect()
}

fn sel(text: &str) -> Selector {
    text.parse().unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

#[test]
fn parses_and_prints_every_operator() {
    let s = sel("a=b,c!=d,e in (x,y),f notin (z),g,!h,i==j,k>5,l<7");
    let ops: Vec<Operator> = s.requirements().iter().map(Requirement::operator).collect();
    use Operator::*;
    assert_eq!(
        ops,
        [
            Equals,
            NotEquals,
            In,
            NotIn,
            Exists,
            DoesNotExist,
            DoubleEquals,
            GreaterThan,
            LessThan
        ]
    );
    assert_eq!(
        s.to_string(),
        "a=b,c!=d,e in (x,y),f notin (z),g,!h,i==j,k>5,l<7"
    );
}

#[test]
fn printing_is_canonical() {
    let cases = [
        ("", ""),
        ("   ", ""),
        ("b=1,a=2", "a=2,b=1"),
        ("x in (c, b,a , b)", "x in (a,b,c)"),
        (" app = web , ! canary ", "app=web,!canary"),
        ("a in(x)", "a in (x)"),
        ("a=", "a="),
        ("a in ()", "a in ()"),
        ("a in (x,)", "a in (,x)"),
        ("a=in", "a=in"),
        ("example.com/tier notin (db)", "example.com/tier notin (db)"),
    ];
    for (text, want) in cases {
        assert_eq!(sel(text).to_string(), want, "{text:?}");
        assert_eq!(sel(want), sel(text), "{want:?} re-parses");
    }
}

fn unexpected(found: Option<&str>, expected: &'static str) -> SelectorProblem {
    SelectorProblem::UnexpectedToken {
        found: found.map(str::to_owned),
        expected,
    }
}

#[test]
fn errors_name_the_position_and_the_problem() {
    let name_rule = "name part must be at most 63 characters of [A-Za-z0-9-_.], beginning and ending with an alphanumeric character";
    let cases = [
        (
            "a=b,",
            4,
            unexpected(None, "identifier after ','"),
            "found end of string, expected: identifier after ','",
        ),
        (
            "a b",
            2,
            unexpected(Some("b"), "in, notin, =, ==, !=, >, <"),
            "found 'b', expected: in, notin",
        ),
        ("a in x", 5, unexpected(Some("x"), "'('"), "expected: '('"),
        (
            "a in (x y)",
            8,
            unexpected(Some("y"), "',', ')' or identifier"),
            "expected: ',', ')' or identifier",
        ),
        (
            "a in (x",
            7,
            unexpected(None, "',', ')' or identifier"),
            "end of string",
        ),
        (
            "!h=1",
            2,
            unexpected(Some("="), "',' or end of string"),
            "expected: ',' or end of string",
        ),
        (
            "=a",
            0,
            unexpected(Some("="), "!, identifier, or end of string"),
            "expected: !, identifier",
        ),
        (
            "a=(b)",
            2,
            unexpected(Some("("), "identifier"),
            "expected: identifier",
        ),
        (
            "a=b=c",
            3,
            unexpected(Some("="), "',' or end of string"),
            "expected: ',' or end of string",
        ),
        (
            "-a=b",
            0,
            SelectorProblem::InvalidKey {
                key: "-a".into(),
                rule: name_rule,
            },
            "invalid label key \"-a\"",
        ),
        (
            "a=b/c",
            2,
            SelectorProblem::InvalidValue {
                value: "b/c".into(),
            },
            "invalid label value \"b/c\"",
        ),
        (
            "a>x",
            2,
            SelectorProblem::NotAnInteger {
                operator: Operator::GreaterThan,
                value: "x".into(),
            },
            "integer",
        ),
        (
            "a,,b",
            2,
            unexpected(Some(","), "identifier after ','"),
            "identifier after ','",
        ),
    ];
    for (text, position, problem, fragment) in cases {
        let err = Selector::parse(text).unwrap_err();
        assert_eq!(err.position, Some(position), "{text:?}: {err}");
        assert_eq!(err.problem, problem, "{text:?}: {err}");
        assert!(err.to_string().contains(fragment), "{text:?}: {err}");
        assert!(
            err.to_string().contains(&format!("at position {position}")),
            "{err}"
        );
    }
}

#[test]
fn matches_like_go() {
    let pod = labels(&[("app", "web"), ("tier", "front"), ("replicas", "3")]);
    let yes = [
        "",
        "app=web",
        "app==web",
        "app!=db",
        "missing!=x",
        "tier in (front,back)",
        "tier notin (db)",
        "missing notin (db)",
        "app",
        "!missing",
        "replicas>2",
        "replicas<4",
        "app=web,tier=front",
    ];
    for text in yes {
        assert!(sel(text).matches(&pod), "{text:?} should match");
    }
    let no = [
        "app=db",
        "app!=web",
        "tier in (db)",
        "missing in (x)",
        "tier notin (front)",
        "missing",
        "!app",
        "replicas>3",
        "app>1",
        "missing<5",
        "app=web,tier=back",
        "app=",
    ];
    for text in no {
        assert!(!sel(text).matches(&pod), "{text:?} should not match");
    }
    assert!(sel("app=").matches(&labels(&[("app", "")])));
}

#[test]
fn matches_labels_held_in_any_map() {
    let pairs = [("app", "web"), ("tier", "front")];
    let btree: BTreeMap<String, String> =
        pairs.iter().map(|&(k, v)| (k.into(), v.into())).collect();
    let hash: HashMap<&str, &str> = pairs.into_iter().collect();
    for text in ["app=web,tier in (front)", "!missing"] {
        assert!(sel(text).matches(&btree), "{text:?} on a BTreeMap");
        assert!(sel(text).matches(&hash), "{text:?} on a HashMap");
    }
    assert!(!sel("app=db").matches(&btree));
    assert!(!sel("tier notin (front)").matches(&hash));
}

#[test]
fn structured_selector_round_trips_through_text() {
    let ls = LabelSelector {
        match_labels: labels(&[("app", "web")]),
        match_expressions: vec![
            LabelSelectorRequirement {
                key: "tier".into(),
                operator: "In".into(),
                values: vec!["b".into(), "a".into()],
                ..Default::default()
            },
            LabelSelectorRequirement {
                key: "canary".into(),
                operator: "DoesNotExist".into(),
                values: vec![],
                ..Default::default()
            },
        ],
        ..Default::default()
    };
    let text = ls.to_selector().unwrap().to_string();
    assert_eq!(text, "app=web,!canary,tier in (a,b)");
    assert_eq!(ls.to_string(), text);

    let back: LabelSelector = text.parse().unwrap();
    assert_eq!(back.match_labels, ls.match_labels);
    assert_eq!(back.match_expressions.len(), 2);
    assert_eq!(back.to_selector().unwrap(), ls.to_selector().unwrap());

    let pod = labels(&[("app", "web"), ("tier", "a")]);
    assert!(ls.matches(&pod));
    assert!(!ls.matches(&labels(&[("app", "web")])));
    assert!(LabelSelector::default().matches(&pod));
    assert_eq!(LabelSelector::default().to_string(), "");
}

#[test]
fn text_to_structured_keeps_meaning() {
    let ls: LabelSelector = "a=1,a=2,b!=3,c".parse().unwrap();
    assert_eq!(ls.match_labels, labels(&[("a", "1")]));
    let exprs: Vec<(&str, &str, Vec<CompactString>)> = ls
        .match_expressions
        .iter()
        .map(|e| (e.key.as_str(), e.operator.as_str(), e.values.clone()))
        .collect();
    assert_eq!(
        exprs,
        [
            ("a", "In", vec!["2".into()]),
            ("b", "NotIn", vec!["3".into()]),
            ("c", "Exists", vec![]),
        ]
    );
    assert_eq!(
        "a>1".parse::<LabelSelector>().unwrap_err().problem,
        SelectorProblem::NotExpressible {
            operator: Operator::GreaterThan
        }
    );
}

#[test]
fn structured_selector_is_validated() {
    let bad_op = LabelSelector {
        match_expressions: vec![LabelSelectorRequirement {
            key: "a".into(),
            operator: "Gt".into(),
            values: vec!["1".into()],
            ..Default::default()
        }],
        ..Default::default()
    };
    assert_eq!(
        bad_op.to_selector().unwrap_err().problem,
        SelectorProblem::UnknownOperator {
            operator: "Gt".into()
        }
    );
    assert!(!bad_op.matches(&labels(&[("a", "5")])));
    assert!(bad_op.to_string().starts_with("<invalid"));

    let in_without_values = LabelSelector {
        match_expressions: vec![LabelSelectorRequirement {
            key: "a".into(),
            operator: "In".into(),
            values: vec![],
            ..Default::default()
        }],
        ..Default::default()
    };
    assert_eq!(
        in_without_values.to_selector().unwrap_err().problem,
        SelectorProblem::ValueCount {
            operator: Operator::In,
            key: "a".into(),
            count: 0
        }
    );
    let err = Requirement::new("a", Operator::Exists, ["x"]).unwrap_err();
    assert_eq!(err.position, None);
    assert!(
        matches!(err.problem, SelectorProblem::ValueCount { count: 1, .. }),
        "{err:?}"
    );
    let err = Requirement::new("a b", Operator::Exists, Vec::<String>::new()).unwrap_err();
    assert!(
        matches!(&err.problem, SelectorProblem::InvalidKey { key, .. } if key == "a b"),
        "{err:?}"
    );
    let err = Requirement::new("a", Operator::LessThan, ["x"]).unwrap_err();
    assert!(
        matches!(&err.problem, SelectorProblem::NotAnInteger { value, .. } if value == "x"),
        "{err:?}"
    );
}

#[test]
fn serde_uses_wire_names() {
    let json =
        r#"{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"Exists"}]}"#;
    let ls: LabelSelector = serde_json::from_str(json).unwrap();
    assert_eq!(ls.match_expressions[0].operator, "Exists");
    assert_eq!(serde_json::to_string(&ls).unwrap(), json);
}
