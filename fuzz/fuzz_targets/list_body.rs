//! A list body decoded as its chunks arrive (items cut by the splitter)
//! agrees with decoding the whole body at once: the same list, or an error
//! both ways; arbitrary bytes never make it panic.
#![no_main]

use kubegen_runtime::fuzzing::{chunks, list_body_both_ways};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (Vec<u8>, Vec<u8>)| {
    let (body, cuts) = input;
    let chunks = chunks(&body, &cuts);
    match list_body_both_ways(&body, &chunks) {
        (Ok(whole), split) => assert_eq!(split, Ok(whole)),
        (Err(_), split) => assert!(split.is_err(), "accepted a body serde_json refuses"),
    }
});
