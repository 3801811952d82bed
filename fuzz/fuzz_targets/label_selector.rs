//! Label selector text: parsing never panics; what parses prints text that
//! parses to the same selector; matching, and the structured form's matching,
//! never panic and agree.
#![no_main]

use std::collections::BTreeMap;

use kubegen_runtime::meta::{LabelSelector, Selector};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first line is the selector; the others are `key=value` labels.
    let mut lines = text.lines();
    let Some(selector_text) = lines.next() else {
        return;
    };
    let labels: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let Ok(selector) = Selector::parse(selector_text) else {
        return;
    };
    let printed = selector.to_string();
    let back = Selector::parse(&printed).expect("printed selector parses");
    assert_eq!(back, selector, "{selector_text:?} -> {printed:?}");
    assert_eq!(back.to_string(), printed);
    let matched = selector.matches(&labels);
    assert_eq!(back.matches(&labels), matched);
    if let Ok(structured) = LabelSelector::try_from(&selector) {
        assert_eq!(structured.matches(&labels), matched, "{structured:?}");
        let _ = structured.to_string();
    }
    if let Ok(structured) = selector_text.parse::<LabelSelector>() {
        let _ = structured.to_selector();
    }
});
