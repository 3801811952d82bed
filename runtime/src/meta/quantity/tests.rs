//! Quantity behaviour, checked against Go's `quantity_test.go` cases.

use std::collections::HashSet;

use super::{Quantity, QuantityError, QuantityFormat};

fn q(s: &str) -> Quantity {
    s.parse()
        .unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
}

/// Input text and its canonical form (Go's `CanonicalizeBytes`); `Display`
/// may print the input itself instead, see `keeps_text_go_judges_canonical`.
const CANONICAL: &[(&str, &str)] = &[
    ("0", "0"),
    ("0n", "0"),
    ("0Ki", "0"),
    ("-0", "0"),
    ("000", "0"),
    ("1", "1"),
    ("100m", "100m"),
    ("0.1", "100m"),
    ("1.5", "1500m"),
    ("1.5Gi", "1536Mi"),
    ("0.5Gi", "512Mi"),
    ("1Gi", "1Gi"),
    ("1024Mi", "1Gi"),
    ("2000Mi", "2000Mi"),
    ("1.5Mi", "1536Ki"),
    ("1025Ki", "1025Ki"),
    ("0.5Ki", "512"),
    ("1000", "1k"),
    ("1024", "1024"),
    ("1023", "1023"),
    ("1e3", "1e3"),
    ("1E3", "1e3"),
    ("1e9", "1e9"),
    ("1000M", "1G"),
    ("1234567M", "1234567M"),
    (".001Ki", "1024m"),
    (".000001Ki", "1024u"),
    (".000000001Ki", "1024n"),
    (".000000000001Ki", "2n"),
    ("0.1Gi", "107374182400m"),
    ("1.2e3", "1200"),
    ("1.3E+6", "1300e3"),
    ("1e-3", "1e-3"),
    ("1E-3", "1e-3"),
    ("0.5e0", "500e-3"),
    ("1.1E-9", "2e-9"),
    ("1e-20", "1e-9"),
    ("3.001n", "4n"),
    ("0.9n", "1n"),
    ("0.00000012345", "124n"),
    ("0.000000000000000000000000000000000001", "1n"),
    ("5n", "5n"),
    ("4u", "4u"),
    ("100.035k", "100035"),
    ("10.035M", "10035k"),
    ("8.1k", "8100"),
    ("6.987654321G", "6987654321"),
    ("1.01E", "1010P"),
    ("12E", "12E"),
    ("1000E", "1e21"),
    ("1e21", "1e21"),
    ("1000000000000000000000000000000000000000000", "1e42"),
    ("9Ei", "9223372036854775807"),
    ("8Ei", "9223372036854775807"),
    ("7Ei", "7Ei"),
    ("-9Ei", "-9223372036854775807"),
    ("-1.5Gi", "-1536Mi"),
    ("-100m", "-100m"),
    ("-0.1Gi", "-107374182400m"),
    ("+1k", "1k"),
    ("1.", "1"),
    ("1.G", "1G"),
    (".", "0"),
    (".5", "500m"),
    ("0.0005k", "500m"),
    ("0.00050k", "500m"),
    ("+.001", "1m"),
    ("100.035Ki", "102435840m"),
    ("-1Ki", "-1Ki"),
    ("-1023", "-1023"),
];

#[test]
fn parses_to_canonical_form() {
    for (input, want) in CANONICAL {
        assert_eq!(
            q(input).to_canonical_string(),
            *want,
            "canonical form of {input:?}"
        );
        // The canonical form is a fixed point and denotes the same value.
        assert_eq!(q(want).to_string(), *want, "re-parse of {want:?}");
        assert_eq!(q(want), q(input), "value of {input:?}");
    }
    assert!(CANONICAL.len() >= 40);
}

#[test]
fn rejects_invalid_text() {
    let syntax = [
        "", "1.2.3", "12Qi", "abc", "aoeu", "1.1.M", "1+1.0M", " 1", "1 ", "1e3.5", "0.1am",
    ];
    for input in syntax {
        assert_eq!(
            input.parse::<Quantity>(),
            Err(QuantityError::Syntax(input.to_owned())),
            "{input:?}"
        );
    }
    let suffix = [
        "1e",
        "1i",
        ".5i",
        "-3.01i",
        "-3.01e-",
        "0.1mi",
        "1K",
        "1ki",
        "1Mi5",
        "--1",
        "1e99999999999",
    ];
    for input in suffix {
        assert_eq!(
            input.parse::<Quantity>(),
            Err(QuantityError::Suffix(input.to_owned())),
            "{input:?}"
        );
    }
    assert_eq!(
        "12345678901234567890123456789012345678901".parse::<Quantity>(),
        Err(QuantityError::Overflow)
    );
    // Errors say what went wrong and echo the input.
    let message = "12Qi".parse::<Quantity>().unwrap_err().to_string();
    assert!(message.contains("\"12Qi\""), "{message}");
}

#[test]
fn rounds_up_at_the_last_kept_digit() {
    assert_eq!(q("1.0000000001").to_string(), "1000000001n");
    assert_eq!(q("1.0000000000001").to_string(), "1000000001n");
    assert_eq!(q("-1.0000000001").to_string(), "-1000000001n");
    assert_eq!(q("1.00000000000").to_string(), "1");
    assert_eq!(q("0.0000000009999").to_string(), "1n");
}

#[test]
fn long_inputs_are_cheap() {
    let tiny = format!("0.{}1", "0".repeat(200_000));
    assert_eq!(q(&tiny).to_string(), "1n");
    let long_fraction = format!("1.{}", "7".repeat(200_000));
    assert_eq!(q(&long_fraction).to_string(), "1777777778n");
    let huge = "9".repeat(200_000);
    assert_eq!(huge.parse::<Quantity>(), Err(QuantityError::Overflow));
    let huge_binary = format!("{}Ki", "9".repeat(200_000));
    assert_eq!(q(&huge_binary).to_string(), "9223372036854775807");
    assert_eq!(q(&format!("1{}", "0".repeat(60))).to_string(), "1e60");
}

/// Steps counted by `work` while parsing `text`, which must succeed.
fn parse_steps(text: &str) -> u64 {
    super::work::take();
    q(text);
    super::work::take()
}

#[test]
fn long_binary_fractions_parse_in_linear_work() {
    // `1.<n digits>Ki` once cost a big-integer step per digit over a number
    // that grew with each digit: quadratic.
    for n in [5_000, 40_000] {
        let text = format!("1.{}Ki", "3".repeat(n));
        let steps = parse_steps(&text);
        assert!(
            steps <= 4 * text.len() as u64,
            "{n} digits took {steps} steps"
        );
    }
    assert_eq!(
        q(&format!("1.{}Ki", "3".repeat(40_000))).to_string(),
        "1365333333334n"
    );
}

#[test]
fn remembers_the_format() {
    assert_eq!(q("1Gi").format(), QuantityFormat::BinarySI);
    assert_eq!(q("0Ki").format(), QuantityFormat::BinarySI);
    assert_eq!(q("1G").format(), QuantityFormat::DecimalSI);
    assert_eq!(q("1e9").format(), QuantityFormat::DecimalExponent);
    // Go turns a non-zero binary value below one into DecimalSI on parse.
    assert_eq!(q(".000000000001Ki").format(), QuantityFormat::DecimalSI);
    assert_eq!(q("0.5Ki").format(), QuantityFormat::BinarySI);
}

#[test]
fn constructors_print_like_go() {
    use QuantityFormat::*;
    assert_eq!(Quantity::new(1024, BinarySI).to_string(), "1Ki");
    assert_eq!(Quantity::new(1024 * 1024, BinarySI).to_string(), "1Mi");
    assert_eq!(Quantity::new(5, BinarySI).to_string(), "5");
    assert_eq!(Quantity::new(1025, BinarySI).to_string(), "1025");
    assert_eq!(Quantity::new(1000, DecimalSI).to_string(), "1k");
    assert_eq!(Quantity::new(1_234_000, DecimalSI).to_string(), "1234k");
    assert_eq!(Quantity::new(1_000_000, DecimalExponent).to_string(), "1e6");
    assert_eq!(Quantity::new_milli(1, DecimalSI).to_string(), "1m");
    assert_eq!(Quantity::new_milli(1000, DecimalSI).to_string(), "1");
    assert_eq!(Quantity::new_milli(1024, BinarySI).to_string(), "1024m");
    assert_eq!(
        Quantity::new_milli(1_000_000, DecimalExponent).to_string(),
        "1e3"
    );
    assert_eq!(Quantity::new_scaled(1, -9).to_string(), "1n");
    assert_eq!(Quantity::new_scaled(1000, -9).to_string(), "1u");
    assert_eq!(Quantity::new_scaled(5, 21).to_string(), "5e21");
    assert_eq!(Quantity::new_scaled(1, -12).to_string(), "1e-12");
    assert_eq!(Quantity::new(0, BinarySI).to_string(), "0");
    assert_eq!(
        Quantity::new(1 << 40, DecimalSI)
            .with_format(BinarySI)
            .to_string(),
        "1Ti"
    );
}

#[test]
fn integer_accessors_round_away_from_zero() {
    assert_eq!(q("100m").value(), Some(1));
    assert_eq!(q("100m").milli_value(), Some(100));
    assert_eq!(q("1.5").value(), Some(2));
    assert_eq!(q("-1.5").value(), Some(-2));
    assert_eq!(q("1n").milli_value(), Some(1));
    assert_eq!(q("1n").value(), Some(1));
    assert_eq!(q("1Gi").value(), Some(1 << 30));
    assert_eq!(q("9Ei").value(), Some(i64::MAX));
    assert_eq!(q("1e20").value(), None);
    assert_eq!(q("1e-9").scaled_value(-9), Some(1));
    assert_eq!(q("5M").scaled_value(6), Some(5));
    assert_eq!(q("1k").as_i64(), Some(1000));
    assert_eq!(q("1.5").as_i64(), None);
    assert_eq!(q("0").value(), Some(0));
    assert!((q("1.5Gi").to_f64() - 1_610_612_736.0).abs() < 1.0);
    assert!((q("250m").to_f64() - 0.25).abs() < 1e-12);
}

#[test]
fn arithmetic_is_exact_and_keeps_formats() {
    assert_eq!((q("1Gi") + q("512Mi")).to_string(), "1536Mi");
    assert_eq!((q("100m") + q("900m")).to_string(), "1");
    assert_eq!((q("0") + q("1Gi")).to_string(), "1Gi");
    assert_eq!((q("1Gi") + q("0")).to_string(), "1Gi");
    assert_eq!((q("100m") - q("0")).to_string(), "100m");
    assert_eq!((q("0") - q("1Gi")).to_string(), "-1Gi");
    assert_eq!((q("1") - q("1.5")).to_string(), "-500m");
    assert_eq!((q("1Gi") - q("1Gi")).to_string(), "0");
    assert_eq!((-q("1Gi")).to_string(), "-1Gi");
    assert_eq!(q("250m").mul_int(4).unwrap().to_string(), "1");
    assert_eq!(q("1Gi").mul_int(3).unwrap().to_string(), "3Gi");
    assert_eq!(q("1Gi").mul_int(0).unwrap().to_string(), "0");
    let total: Quantity = ["1Gi", "1Gi", "512Mi"].iter().map(|s| q(s)).sum();
    assert_eq!(total.to_string(), "2560Mi");
    let borrowed: Quantity = [q("1"), q("500m")].iter().sum();
    assert_eq!(borrowed.to_string(), "1500m");
    let mut acc = q("1");
    acc += q("1");
    acc -= q("500m");
    assert_eq!(acc.to_string(), "1500m");
    assert_eq!(
        q("1e100").checked_add(&q("1")),
        Err(QuantityError::Overflow)
    );
    assert_eq!(
        q("12345678901234567890123456789012345678").mul_int(i64::MAX),
        Err(QuantityError::Overflow)
    );
    assert!(q("0").is_zero() && q("0Gi").is_zero() && !q("1n").is_zero());
    assert_eq!(q("-1m").signum(), -1);
}

#[test]
fn sums_beyond_38_digits_round_instead_of_panicking() {
    // i128::MAX as text: the largest mantissa a parsed quantity can have.
    let max = q("170141183460469231731687303715884105727");
    assert_eq!(max.checked_add(&max), Err(QuantityError::Overflow));
    // Exact: 340282366920938463463374607431768211454; 37 digits kept, rounded up.
    let doubled = q("340282366920938463463374607431768211500");
    assert_eq!(max.clone() + max.clone(), doubled);
    assert_eq!([max.clone(), max.clone()].iter().sum::<Quantity>(), doubled);
    assert_eq!(-max.clone() - max.clone(), -doubled.clone());
    let mut total = max.clone();
    total += max.clone();
    assert_eq!(total, doubled);
    // A fine term next to a large one: exact needs 40 digits; rounded away from zero.
    assert_eq!(
        (q("1e30") + q("1n")).to_string(),
        "1000000000000000000000000000000000001e-6"
    );
    assert_eq!((q("1e30") - q("1n")).to_string(), "1e30");
    assert_eq!(
        (-q("1e30") - q("1n")).to_string(),
        "-1000000000000000000000000000000000001e-6"
    );
    // Exponents far apart: the small term only rounds the large one.
    assert_eq!(
        (q("1e300") + q("1e-300")).to_string(),
        "1000000000000000000000000000000000001e264"
    );
    // Many server values near the maximum summed: no panic, ordered sensibly.
    let many: Quantity = std::iter::repeat_n(max.clone(), 1000).sum();
    assert!(many > max);
    assert_eq!(many.format(), QuantityFormat::DecimalSI);
}

#[test]
fn compares_by_value_not_format() {
    assert!(q("10000T") > q("100Gi"));
    assert!(q("100m") > q("50m"));
    assert!(q("-1") < q("0"));
    assert!(q("-1e100") < q("-1"));
    assert!(q("1e100") > q("9Ei"));
    assert!(q("1n") > q("0"));
    assert_eq!(q("1Gi"), q("1073741824"));
    assert_eq!(q("1k"), q("1e3"));
    assert_eq!(q("1.5"), q("1500m"));
    let mut sorted = [q("1Gi"), q("-2"), q("500m"), q("1k")];
    sorted.sort();
    let printed: Vec<String> = sorted.iter().map(ToString::to_string).collect();
    assert_eq!(printed, ["-2", "500m", "1k", "1Gi"]);
    let set: HashSet<Quantity> = ["1k", "1000", "1e3", "1000000m"]
        .iter()
        .map(|s| q(s))
        .collect();
    assert_eq!(set.len(), 1);
}

#[test]
fn serde_uses_strings_and_accepts_numbers() {
    assert_eq!(serde_json::to_string(&q("1.5Gi")).unwrap(), "\"1536Mi\"");
    let read = |json: &str| serde_json::from_str::<Quantity>(json).map(|q| q.to_string());
    assert_eq!(read("\"500m\"").unwrap(), "500m");
    assert_eq!(read("\" 1\"").unwrap(), "1");
    assert_eq!(read("\"1 \"").unwrap(), "1");
    assert_eq!(read("1").unwrap(), "1");
    assert_eq!(read("-1").unwrap(), "-1");
    assert_eq!(read("0.5").unwrap(), "500m");
    assert_eq!(read("1e3").unwrap(), "1k");
    assert_eq!(read("null").unwrap(), "0");
    assert!(read("\"abc\"").is_err());
    assert!(read("true").is_err());
    let yaml: Quantity = serde_yaml::from_str("2Gi").unwrap();
    assert_eq!(yaml.to_string(), "2Gi");
    let optional: Option<Quantity> = serde_json::from_str("null").unwrap();
    assert_eq!(optional, None);
}

#[test]
fn debug_shows_canonical_text() {
    assert_eq!(
        format!("{:?}", q("1.5Gi")),
        "Quantity(\"1536Mi\", BinarySI)"
    );
}

/// Whether parsing kept the input text, as Go's `ParseQuantity` sets `s`.
fn kept(q: &Quantity) -> bool {
    q.text.is_some()
}

/// Go's `TestQuantityString` pairs: the first parses keeping its text (it
/// is canonical), the second (if any) denotes the same value but is not
/// kept, and prints as the first.
const GO_STRING_PAIRS: &[(&str, &str)] = &[
    ("1Gi", "1024Mi"),
    ("300Mi", "307200Ki"),
    ("6Ki", ""),
    ("1001Gi", "1025024Mi"),
    ("1Ti", "1024Gi"),
    ("5", "5000m"),
    ("500m", "0.5"),
    ("1G", "1000M"),
    ("1G", "0.001T"),
    ("1m", "1000u"),
    ("80m", ""),
    ("1080m", "1080000000n"),
    ("300M", ""),
    ("1T", ""),
    ("1234567M", ""),
    ("1234567m", ""),
    ("3k", ""),
    ("1025", ""),
    ("0", "00"),
    ("1e9", ".001e12"),
    ("1e-3", "0.001e0"),
    ("1e-9", "1000e-12"),
    ("80e-3", ""),
    ("300e6", ""),
    ("1e12", ""),
    ("1e3", ""),
    ("3e3", ""),
    ("1n", ""),
    ("80n", ""),
    ("1080n", ""),
    ("1u", ""),
    ("80u", ""),
    ("1080u", ""),
];

#[test]
fn go_string_table_keeps_exactly_the_canonical_text() {
    for (canonical, alternate) in GO_STRING_PAIRS {
        let parsed = q(canonical);
        assert!(kept(&parsed), "{canonical:?} should keep its text");
        assert_eq!(parsed.to_string(), *canonical);
        assert_eq!(parsed.to_canonical_string(), *canonical);
        if !alternate.is_empty() {
            let other = q(alternate);
            assert!(!kept(&other), "{alternate:?} should not keep its text");
            assert_eq!(other.to_string(), *canonical, "{alternate:?}");
            assert_eq!(other, parsed);
        }
    }
}

/// Input and what `Display` prints: Go's rule keeps these texts although
/// the canonical form differs.
const KEPT_NON_CANONICAL: &[(&str, &str)] = &[
    ("1.500", "1500m"),
    ("1.234", "1234m"),
    ("-1.500", "-1500m"),
    ("+1.500", "1500m"),
    ("+1k", "1k"),
    ("01k", "1k"),
    ("0100m", "100m"),
    ("1E3", "1e3"),
    ("1E-3", "1e-3"),
    ("1e+3", "1e3"),
    ("1e03", "1e3"),
    ("1.", "1"),
    ("1.G", "1G"),
    ("100.035k", "100035"),
    ("10.035M", "10035k"),
    ("6.987654321G", "6987654321"),
    ("123456789012345.678", "123456789012345678m"),
    ("+1Ki", "1Ki"),
    ("01Ki", "1Ki"),
    ("-0001Ki", "-1Ki"),
];

#[test]
fn keeps_text_go_judges_canonical() {
    for (input, canonical) in KEPT_NON_CANONICAL {
        let parsed = q(input);
        assert!(kept(&parsed), "{input:?} should keep its text");
        assert_eq!(parsed.to_string(), *input);
        assert_eq!(parsed.to_canonical_string(), *canonical, "{input:?}");
        assert_eq!(parsed, q(canonical), "{input:?}");
    }
}

#[test]
fn does_not_keep_text_off_go_fast_path_or_rule() {
    // Each is (input, what it prints).
    let cases = [
        // Ends in 000, starts with 0, or a scale not a multiple of three.
        ("1000", "1k"),
        ("10000", "10k"),
        ("1.000", "1"),
        ("100.0e1", "1e3"),
        ("0.5", "500m"),
        ("00", "0"),
        ("-0", "0"),
        ("0n", "0"),
        ("1.5", "1500m"),
        ("1.1", "1100m"),
        ("1.0", "1"),
        ("1.5G", "1500M"),
        ("2.5e2", "250"),
        ("10e10", "100e9"),
        ("1e100", "10e99"),
        // Finer than nano: Go's inf.Dec path.
        ("1e-10", "1e-9"),
        ("1.0e-9", "1e-9"),
        // More than 18 digits: the inf.Dec path.
        ("1234567890123456789", "1234567890123456789"),
        ("12345678901234567.89", "12345678901234567890m"),
        // BinarySI: fractions, multiples of 8, and too many digits.
        ("1.0Gi", "1Gi"),
        ("1.5Ki", "1536"),
        ("1024Ki", "1Mi"),
        ("8Ki", "8Ki"),
        ("2000Mi", "2000Mi"),
        ("123456789012Ki", "123456789012Ki"),
        ("123456789Mi", "123456789Mi"),
        ("123456Gi", "123456Gi"),
        ("123Ti", "123Ti"),
        ("1Pi", "1Pi"),
        ("3Ei", "3Ei"),
    ];
    for (input, prints) in cases {
        let parsed = q(input);
        assert!(!kept(&parsed), "{input:?} should not keep its text");
        assert_eq!(parsed.to_string(), prints, "{input:?}");
    }
    // The fast-path boundaries, from the other side.
    for input in [
        "123456789012345678",
        "12345678901234567.8e1",
        "1e-9",
        "12345678901Ki",
        "12345678Mi",
        "12345Gi",
        "12Ti",
        "1e99",
    ] {
        let parsed = q(input);
        assert!(kept(&parsed), "{input:?} should keep its text");
        assert_eq!(parsed.to_string(), input);
    }
}

#[test]
fn operations_forget_the_text_but_not_the_value() {
    let text = q("1.500");
    let zero = q("0");
    assert_eq!(text.clone().to_string(), "1.500");
    assert_eq!(text.checked_add(&zero).unwrap().to_string(), "1500m");
    assert_eq!(zero.checked_add(&text).unwrap().to_string(), "1500m");
    assert_eq!(text.checked_sub(&zero).unwrap().to_string(), "1500m");
    assert_eq!((-text.clone()).to_string(), "-1500m");
    assert_eq!(text.mul_int(1).unwrap().to_string(), "1500m");
    assert_eq!(
        text.clone()
            .with_format(QuantityFormat::DecimalSI)
            .to_string(),
        "1500m"
    );
    let mut acc = q("+1k");
    acc += q("0");
    assert_eq!(acc.to_string(), "1k");
    let total: Quantity = [q("+1k")].iter().sum();
    assert_eq!(total.to_string(), "1k");
    // Go's TestQuantityAddZeroPreservesSuffix: canonical text survives
    // because the canonical form is recomputed identically.
    for value in ["100m", "1Gi"] {
        assert_eq!((q(value) + q("0")).to_string(), value);
        assert_eq!((q("0") + q(value)).to_string(), value);
        assert_eq!((q(value) - q("0")).to_string(), value);
        assert_eq!((q("0") - q(value)).to_string(), (-q(value)).to_string());
    }
    // Equality, ordering and hashing see only the value.
    assert_eq!(q("1.500"), q("1500m"));
    assert_eq!(q("+1k").cmp(&q("1000")), std::cmp::Ordering::Equal);
    let set: HashSet<Quantity> = ["1.500", "1500m", "1.5", "+1.5"]
        .iter()
        .map(|s| q(s))
        .collect();
    assert_eq!(set.len(), 1);
    // Serialization is Go's MarshalJSON: the kept text, quoted.
    assert_eq!(serde_json::to_string(&q("1.500")).unwrap(), "\"1.500\"");
    assert_eq!(format!("{:?}", q("+1k")), "Quantity(\"+1k\", DecimalSI)");
}

#[test]
fn round_up_follows_go_test_quantity_round_up() {
    // (input, scale, value after, exact)
    let table = [
        ("9.01", -3, "9010m", true),
        ("9.01", -2, "9010m", true),
        ("9.01", -1, "9100m", false),
        ("9.01", 0, "10", false),
        ("9.01", 1, "10", false),
        ("9.01", 2, "100", false),
        ("-9.01", -3, "-9010m", true),
        ("-9.01", -2, "-9010m", true),
        ("-9.01", -1, "-9100m", false),
        ("-9.01", 0, "-10", false),
        ("-9.01", 1, "-10", false),
        ("-9.01", 2, "-100", false),
    ];
    for (input, scale, want, exact) in table {
        let mut rounded = q(input);
        assert_eq!(rounded.round_up(scale), exact, "{input} at {scale}");
        assert_eq!(rounded, q(want), "{input} at {scale}");
        assert_eq!(rounded.to_string(), want, "{input} at {scale}");
    }
}

#[test]
fn round_up_to_milli_is_what_the_server_stores() {
    // (input, printed after round_up(-3), exact): the ResourceQuota cases
    // the server oracle disagreed on before round-up was modelled.
    let table = [
        ("1u", "1m", false),
        ("1n", "1m", false),
        ("0.000001", "1m", false),
        ("5e-6", "1e-3", false),
        ("3.14159", "3142m", false),
        ("1e-9", "1e-3", false),
        ("0.3333", "334m", false),
        ("1E3", "1E3", true),
        ("1.500", "1.500", true),
        ("1.234", "1.234", true),
        ("12e-3", "12e-3", true),
        ("1000u", "1m", true),
        ("1500u", "2m", false),
        ("1e-20", "1e-3", false),
        ("0.0001Ki", "103m", false),
        ("0.1Gi", "107374182400m", true),
        ("1.5Ki", "1536", true),
        ("0", "0", true),
        ("-0.5n", "-1m", false),
        ("-1.5u", "-1m", false),
        ("-1500u", "-2m", false),
        ("-1.500", "-1.500", true),
        ("-0.5Gi", "-512Mi", true),
    ];
    for (input, want, exact) in table {
        let mut rounded = q(input);
        assert_eq!(rounded.round_up(-3), exact, "{input}");
        assert_eq!(rounded.to_string(), want, "{input}");
        // Rounding again changes nothing.
        assert!(rounded.round_up(-3), "{input}");
        assert_eq!(rounded.to_string(), want, "{input}");
    }
}

#[test]
fn round_up_keeps_text_only_at_or_above_its_parse_scale() {
    // `1.500` is stored at scale -3: a coarser target drops the text even
    // when the value is exact there, as Go's int64Amount path does.
    let mut exact_coarser = q("1.500");
    assert!(exact_coarser.round_up(-2));
    assert_eq!(exact_coarser.to_string(), "1500m");
    let mut finer = q("1.500");
    assert!(finer.round_up(-9));
    assert_eq!(finer.to_string(), "1.500");
    let mut whole = q("+1.500");
    assert!(!whole.round_up(0));
    assert_eq!(whole.to_string(), "2");
    // Far coarser than the value: only the rounding unit is left.
    let mut tiny = q("1e-9");
    assert!(!tiny.round_up(30));
    assert_eq!(tiny.to_string(), "1e30");
    let mut huge = q("-1n");
    assert!(!huge.round_up(i32::MAX));
    assert_eq!(huge, -Quantity::new_scaled(1, i32::MAX));
    // The format survives rounding.
    let mut binary = q("1.5Mi");
    assert!(!binary.round_up(6));
    assert_eq!(binary.format(), QuantityFormat::BinarySI);
    // Whole but not a multiple of 1024: Go prints the plain number.
    assert_eq!(binary.to_string(), "2000000");
    let mut zero = q("0Ki");
    assert!(zero.round_up(3));
    assert_eq!(zero.to_string(), "0");
}

#[test]
fn json_text_is_kept_like_go_unmarshal() {
    let read = |json: &str| serde_json::from_str::<Quantity>(json).map(|q| q.to_string());
    // Go's TestJSONWhitespace, plus kept text through a string.
    for (json, want) in [
        ("\" 1\"", "1"),
        ("\"1 \"", "1"),
        ("1", "1"),
        (" 1", "1"),
        ("1 ", "1"),
        ("10", "10"),
        ("-1", "-1"),
        (" -1", "-1"),
        ("\" 1.500 \"", "1.500"),
        ("\"+1k\"", "+1k"),
    ] {
        assert_eq!(read(json).unwrap(), want, "{json}");
    }
    // A JSON number with a fraction or exponent reaches us as an f64, so
    // its original spelling is gone: Go would print `1.500` and `1e3`.
    assert_eq!(read("1.500").unwrap(), "1500m");
    assert_eq!(read("1e3").unwrap(), "1k");
}
