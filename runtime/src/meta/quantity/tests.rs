//! Quantity behaviour, checked against Go's `quantity_test.go` cases.

use std::collections::HashSet;

use super::{Quantity, QuantityError, QuantityFormat};

fn q(s: &str) -> Quantity {
    s.parse()
        .unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
}

/// Input text and the canonical form the API server would print.
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
        assert_eq!(q(input).to_string(), *want, "canonical form of {input:?}");
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
