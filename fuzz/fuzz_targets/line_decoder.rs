//! The watch and log line decoder over arbitrary bytes split at arbitrary
//! places agrees with a simple oracle: split the whole body on `\n`. It may
//! stop with an error only at a line longer than the limit (a long line that
//! arrives whole in one chunk may still be handed out: the chunk bounds it).
#![no_main]

use kubegen_runtime::fuzzing::{chunks, line_decoder_split, LINE_LIMIT};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (Vec<u8>, Vec<u8>)| {
    let (body, cuts) = input;
    let chunks = chunks(&body, &cuts);
    let got = line_decoder_split(&chunks);

    let mut lines: Vec<&[u8]> = body.split(|b| *b == b'\n').collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    for (i, want) in lines.iter().enumerate() {
        match got.get(i) {
            Some(Ok(line)) => assert_eq!(line.as_slice(), *want, "line {i}"),
            Some(Err(_)) => {
                assert!(
                    want.len() > LINE_LIMIT,
                    "error at line {i} of {} bytes, within the limit",
                    want.len()
                );
                assert_eq!(got.len(), i + 1, "output goes on after an error");
                return;
            }
            None => panic!("line {i} missing: got {} of {}", got.len(), lines.len()),
        }
    }
    assert_eq!(got.len(), lines.len(), "extra output");
});
