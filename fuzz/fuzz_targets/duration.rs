//! Duration text: parsing never panics, and printing what parses gives text
//! that parses to the same duration and prints the same again.
#![no_main]

use kubegen_runtime::meta::Duration;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(d) = text.parse::<Duration>() else {
        return;
    };
    let printed = d.to_string();
    let back: Duration = printed.parse().expect("printed duration parses");
    assert_eq!(back, d, "{text:?} -> {printed:?}");
    assert_eq!(back.to_string(), printed);
});
