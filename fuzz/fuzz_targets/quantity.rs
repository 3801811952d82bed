//! Quantity text: parsing never panics, and the canonical form of what parses
//! reparses to the same value and the same canonical text.
#![no_main]

use kubegen_runtime::meta::Quantity;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(q) = text.parse::<Quantity>() else {
        return;
    };
    let canonical = q.to_canonical_string();
    let back: Quantity = canonical.parse().expect("canonical text parses");
    assert_eq!(back, q, "{text:?} -> {canonical:?}");
    // Text without a suffix does not say BinarySI (`62.5Ki` prints `64000`,
    // which parses as DecimalSI and prints `64k`), so compare in q's format.
    assert_eq!(
        back.clone().with_format(q.format()).to_canonical_string(),
        canonical
    );
    let shown: Quantity = q.to_string().parse().expect("printed text parses");
    assert_eq!(shown, q);
    // Arithmetic on what a server sends must not panic either.
    let _ = q.clone() + back.clone();
    let _ = q.clone() - back;
    let _ = q.milli_value();
});
