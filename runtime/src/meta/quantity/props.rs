//! Properties of quantities over generated inputs: canonical text round
//! trips, order agrees with the numeric value, parse work is linear in the
//! length, and arithmetic never panics.

use proptest::prelude::*;

use super::{work, Quantity, QuantityError, QuantityFormat};

const SUFFIXES: &[&str] = &[
    "", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "e3",
    "E-7", "e+12", "e0",
];

/// Inputs that once broke a property, kept as fixed cases.
const FOUND: &[&str] = &["62.500Ki"];

/// Quantity text of the grammar: sign, digits, fraction, suffix.
fn quantity_text() -> impl Strategy<Value = String> {
    let generated = (
        prop::sample::select(&["", "+", "-"][..]),
        "[0-9]{0,25}",
        prop::option::of("[0-9]{0,25}"),
        prop::sample::select(SUFFIXES),
    )
        .prop_map(|(sign, int, frac, suffix)| match frac {
            Some(frac) => format!("{sign}{int}.{frac}{suffix}"),
            None => format!("{sign}{int}{suffix}"),
        });
    prop_oneof![9 => generated, 1 => prop::sample::select(FOUND).prop_map(str::to_owned)]
}

/// A format to print a value in.
fn format() -> impl Strategy<Value = QuantityFormat> {
    prop::sample::select(
        &[
            QuantityFormat::DecimalSI,
            QuantityFormat::BinarySI,
            QuantityFormat::DecimalExponent,
        ][..],
    )
}

proptest! {
    #[test]
    fn canonical_text_reparses_to_the_same_value_and_text(text in quantity_text()) {
        let Ok(q) = text.parse::<Quantity>() else { return Ok(()) };
        let canonical = q.to_canonical_string();
        let back: Quantity = canonical.parse().expect("canonical text parses");
        prop_assert_eq!(&back, &q, "{} -> {}", text, canonical);
        // Suffix-less text does not say BinarySI (`62.5Ki` prints `64000`,
        // which parses as DecimalSI), so compare in q's format.
        prop_assert_eq!(back.with_format(q.format()).to_canonical_string(), canonical.clone());
        // What Display prints (kept text or canonical) is the same value too.
        prop_assert_eq!(q.to_string().parse::<Quantity>().expect("printed text parses"), q);
    }

    // Parsing rounds to nano, so a value constructed finer than that (scale
    // below -9) prints text that parses to the next nano.
    #[test]
    fn any_value_prints_canonically_in_any_format(
        mantissa in any::<i64>(),
        scale in -9i32..30,
        format in format(),
    ) {
        let q = Quantity::new_scaled(mantissa, scale);
        // Parsing caps BinarySI text at 2^63-1 (Go's cap), so larger values
        // do not come back in that format.
        let format = match format {
            QuantityFormat::BinarySI if q.value().is_none() => QuantityFormat::DecimalSI,
            other => other,
        };
        let q = q.with_format(format);
        let canonical = q.to_canonical_string();
        let back: Quantity = canonical.parse().expect("canonical text parses");
        prop_assert_eq!(&back, &q, "{}", canonical);
        prop_assert_eq!(back.with_format(format).to_canonical_string(), canonical);
    }

    #[test]
    fn order_agrees_with_the_numeric_value(
        a in any::<i32>(), ea in -9i32..=18,
        b in any::<i32>(), eb in -9i32..=18,
    ) {
        // i32 * 10^27 fits an i128, so the reference compares exactly.
        let exact = |m: i32, e: i32| i128::from(m) * 10i128.pow((e + 9) as u32);
        let (qa, qb) = (Quantity::new_scaled(a.into(), ea), Quantity::new_scaled(b.into(), eb));
        prop_assert_eq!(qa.cmp(&qb), exact(a, ea).cmp(&exact(b, eb)));
        prop_assert_eq!(qa == qb, exact(a, ea) == exact(b, eb));
    }

    #[test]
    fn parse_work_is_linear_in_the_length(
        int in "[1-9][0-9]{0,3000}",
        frac in "[0-9]{0,3000}",
        suffix in prop::sample::select(SUFFIXES),
    ) {
        let text = format!("{int}.{frac}{suffix}");
        work::take();
        let parsed = text.parse::<Quantity>();
        let steps = work::take();
        prop_assert!(steps <= 4 * text.len() as u64, "{} steps for {} bytes", steps, text.len());
        prop_assert!(matches!(parsed, Ok(_) | Err(QuantityError::Overflow)));
    }

    #[test]
    fn addition_never_panics_and_is_exact_when_it_fits(
        a in quantity_text(),
        b in quantity_text(),
    ) {
        let (Ok(a), Ok(b)) = (a.parse::<Quantity>(), b.parse::<Quantity>()) else {
            return Ok(());
        };
        let sum = a.clone() + b.clone();
        prop_assert_eq!(&sum, &(b.clone() + a.clone()));
        if let Ok(exact) = a.checked_add(&b) {
            prop_assert_eq!(&sum, &exact);
            prop_assert_eq!(exact.checked_sub(&b), Ok(a.clone()));
        }
        let difference = a.clone() - b.clone();
        prop_assert_eq!(difference, -(b - a));
    }
}
