//! Properties of label selectors over generated inputs: printed text parses
//! back to the same selector, and matching agrees with a reference written
//! here from the selector grammar's meaning.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::{LabelSelector, Selector};

const KEYS: &[&str] = &["a", "b", "app", "x.io/k"];
const VALUES: &[&str] = &["v", "w", "1", "2"];
const INTEGERS: &[&str] = &["1", "2", "-3"];

/// One clause as the test sees it: the operator's text and its values.
#[derive(Clone, Debug)]
enum Clause {
    Exists(&'static str),
    Absent(&'static str),
    /// `=`, `==` or `!=` with one value (possibly empty).
    Compare(&'static str, &'static str, &'static str),
    /// `>` or `<` with an integer.
    Order(&'static str, &'static str, &'static str),
    /// `in` or `notin` with values.
    Set(&'static str, &'static str, Vec<&'static str>),
}

fn key() -> impl Strategy<Value = &'static str> {
    prop::sample::select(KEYS)
}

fn clause() -> impl Strategy<Value = Clause> {
    let value = prop::sample::select(VALUES);
    prop_oneof![
        key().prop_map(Clause::Exists),
        key().prop_map(Clause::Absent),
        (
            key(),
            prop::sample::select(&["=", "==", "!="][..]),
            prop_oneof![Just(""), value.clone()]
        )
            .prop_map(|(k, op, v)| Clause::Compare(k, op, v)),
        (
            key(),
            prop::sample::select(&[">", "<"][..]),
            prop::sample::select(INTEGERS)
        )
            .prop_map(|(k, op, v)| Clause::Order(k, op, v)),
        (
            key(),
            prop::sample::select(&["in", "notin"][..]),
            prop::collection::vec(value, 1..4)
        )
            .prop_map(|(k, op, vs)| Clause::Set(k, op, vs)),
    ]
}

/// Whitespace the grammar ignores between tokens.
fn space() -> impl Strategy<Value = &'static str> {
    prop::sample::select(&["", " ", "  ", "\t"][..])
}

/// The clause as selector text, with `pad` around tokens.
fn text_of(clause: &Clause, pad: &str) -> String {
    match clause {
        Clause::Exists(k) => format!("{pad}{k}{pad}"),
        Clause::Absent(k) => format!("{pad}!{pad}{k}{pad}"),
        Clause::Compare(k, op, v) | Clause::Order(k, op, v) => {
            format!("{pad}{k}{pad}{op}{pad}{v}{pad}")
        }
        Clause::Set(k, op, vs) => format!(
            "{k} {op}{pad}({pad}{}{pad})",
            vs.join(&format!("{pad},{pad}"))
        ),
    }
}

/// The reference meaning of a clause against a set of labels.
fn holds(clause: &Clause, labels: &BTreeMap<String, String>) -> bool {
    let get = |k: &str| labels.get(k).map(String::as_str);
    let int = |v: &str| v.parse::<i64>().ok();
    match clause {
        Clause::Exists(k) => get(k).is_some(),
        Clause::Absent(k) => get(k).is_none(),
        Clause::Compare(k, "!=", v) => get(k) != Some(v),
        Clause::Compare(k, _, v) => get(k) == Some(v),
        Clause::Order(k, op, v) => match (get(k).and_then(int), int(v)) {
            (Some(have), Some(want)) if *op == ">" => have > want,
            (Some(have), Some(want)) => have < want,
            _ => false,
        },
        Clause::Set(k, op, vs) => {
            let member = get(k).is_some_and(|have| vs.contains(&have));
            if *op == "in" {
                member
            } else {
                !member
            }
        }
    }
}

fn labels() -> impl Strategy<Value = BTreeMap<String, String>> {
    prop::collection::btree_map(
        key().prop_map(str::to_owned),
        prop_oneof![Just(""), prop::sample::select(VALUES)].prop_map(str::to_owned),
        0..4,
    )
}

proptest! {
    #[test]
    fn printed_selectors_parse_back_to_themselves(
        clauses in prop::collection::vec(clause(), 0..5),
        pad in space(),
    ) {
        let text = clauses.iter().map(|c| text_of(c, pad)).collect::<Vec<_>>().join(",");
        let selector = Selector::parse(&text).map_err(|e| TestCaseError::fail(format!("{text:?}: {e}")))?;
        let printed = selector.to_string();
        let again = Selector::parse(&printed).expect("printed selector parses");
        prop_assert_eq!(&again, &selector, "{:?} printed {:?}", text, printed);
        prop_assert_eq!(again.to_string(), printed);
    }

    #[test]
    fn matching_agrees_with_the_reference(
        clauses in prop::collection::vec(clause(), 0..5),
        labels in labels(),
    ) {
        let text = clauses.iter().map(|c| text_of(c, " ")).collect::<Vec<_>>().join(",");
        let selector = Selector::parse(&text).expect("generated selectors are valid");
        let want = clauses.iter().all(|c| holds(c, &labels));
        prop_assert_eq!(selector.matches(&labels), want, "{:?} on {:?}", text, labels);
        // The structured form, where it can express the selector, agrees too.
        if let Ok(structured) = LabelSelector::try_from(&selector) {
            prop_assert_eq!(structured.matches(&labels), want, "{:?} as {:?}", text, structured);
        }
    }

    #[test]
    fn any_text_parses_or_fails_cleanly_and_reparses_stably(text in "[a-z=!(), <>0-9./-]{0,40}") {
        if let Ok(selector) = Selector::parse(&text) {
            let printed = selector.to_string();
            let again = Selector::parse(&printed).expect("printed selector parses");
            prop_assert_eq!(again, selector, "{:?} printed {:?}", text, printed);
        }
    }
}
