//! Parsing quantity text, following Go's `ParseQuantity` rule for rule.
//!
//! The grammar is `[+-]? digits? (. digits?)? suffix`, where the suffix is a
//! decimal SI unit (`n u m "" k M G T P E`), a binary SI unit (`Ki` ... `Ei`)
//! or a decimal exponent (`e3`, `E-3`). Go's quirks are kept: `.`, `-` and
//! `1.` are valid, a value finer than `1n` is rounded away from zero to the
//! next nano, and a BinarySI value is silently capped at 2^63-1.

use std::str::FromStr;

use super::big::BigUint;
use super::{Quantity, QuantityError, QuantityFormat};

/// The pieces of quantity text, before any arithmetic.
struct Parts<'a> {
    negative: bool,
    /// Integer digits without leading zeros, never empty.
    num: &'a str,
    /// Fraction digits, possibly empty.
    denom: &'a str,
    suffix: &'a str,
}

/// Splits text the way Go's `parseQuantityString` does, so that the same
/// strings are accepted; `None` means the grammar did not match.
fn split<'a>(s: &'a str) -> Option<Parts<'a>> {
    let b = s.as_bytes();
    let end = b.len();
    let mut pos = 0;
    let mut negative = false;
    if let Some(&c) = b.first() {
        if c == b'-' || c == b'+' {
            negative = c == b'-';
            pos += 1;
        }
    }
    while pos < end && b[pos] == b'0' {
        pos += 1;
    }
    let parts = |num: &'a str, denom, suffix| {
        Some(Parts {
            negative,
            num: if num.is_empty() { "0" } else { num },
            denom,
            suffix,
        })
    };
    if pos >= end {
        return parts("", "", "");
    }
    let num_start = pos;
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    let num = &s[num_start..pos];
    let mut denom = "";
    if pos < end && b[pos] == b'.' {
        pos += 1;
        let denom_start = pos;
        while pos < end && b[pos].is_ascii_digit() {
            pos += 1;
        }
        denom = &s[denom_start..pos];
    }
    let suffix_start = pos;
    while pos < end && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < end && (b[pos] == b'-' || b[pos] == b'+') {
        pos += 1;
    }
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos < end {
        return None;
    }
    parts(num, denom, &s[suffix_start..])
}

/// What a suffix means: the base (10 or 2), its exponent, and the format.
fn interpret(suffix: &str) -> Option<(u32, i64, QuantityFormat)> {
    use QuantityFormat::*;
    let decimal = |e| Some((10, e, DecimalSI));
    let binary = |e| Some((2, e, BinarySI));
    match suffix {
        "" => decimal(0),
        "n" => decimal(-9),
        "u" => decimal(-6),
        "m" => decimal(-3),
        "k" => decimal(3),
        "M" => decimal(6),
        "G" => decimal(9),
        "T" => decimal(12),
        "P" => decimal(15),
        "E" => decimal(18),
        "Ki" => binary(10),
        "Mi" => binary(20),
        "Gi" => binary(30),
        "Ti" => binary(40),
        "Pi" => binary(50),
        "Ei" => binary(60),
        _ if suffix.len() > 1 && (suffix.starts_with('e') || suffix.starts_with('E')) => {
            // Go truncates the exponent to int32; refusing is more honest.
            let exponent: i32 = suffix[1..].parse().ok()?;
            Some((10, i64::from(exponent), DecimalExponent))
        }
        _ => None,
    }
}

/// Rounds `digits * 10^exponent` away from zero to a multiple of `10^-9`,
/// returning the new digits and exponent.
fn round_to_nano(mut digits: BigUint, exponent: i64) -> (BigUint, i64) {
    if exponent >= -9 {
        return (digits, exponent);
    }
    let mut remaining = -9 - exponent;
    let mut inexact = false;
    while remaining > 0 && !digits.is_zero() {
        let step = remaining.min(9) as u32;
        inexact |= digits.div_rem_small(10u32.pow(step)) != 0;
        remaining -= i64::from(step);
    }
    if inexact {
        digits.mul_add_small(1, 1);
    }
    (digits, -9)
}

impl FromStr for Quantity {
    type Err = QuantityError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.is_empty() {
            return Err(QuantityError::Syntax(String::new()));
        }
        let parts = split(s).ok_or_else(|| QuantityError::Syntax(s.to_owned()))?;
        let (base, suffix_exponent, mut format) =
            interpret(parts.suffix).ok_or_else(|| QuantityError::Suffix(s.to_owned()))?;

        let mut digits = BigUint::from_digits(parts.num);
        for &d in parts.denom.as_bytes() {
            digits.mul_add_small(10, u32::from(d - b'0'));
        }
        let mut exponent = -(parts.denom.len() as i64);
        if base == 10 {
            exponent += suffix_exponent;
        } else {
            for _ in 0..suffix_exponent / 10 {
                digits.mul_add_small(1024, 0);
            }
        }
        let (mut digits, mut exponent) = round_to_nano(digits, exponent);

        if format == QuantityFormat::BinarySI && !digits.is_zero() {
            // Here -9 <= exponent <= 0, so both bounds fit a u128.
            let unit = 10u128.pow((-exponent) as u32);
            let cap = BigUint::from_u128(i64::MAX as u128 * unit);
            if digits > cap {
                digits = BigUint::from_u128(i64::MAX as u128);
                exponent = 0;
            } else if digits < BigUint::from_u128(unit) {
                // Go: a non-zero binary value below one prints as decimal.
                format = QuantityFormat::DecimalSI;
            }
        }

        // Strip trailing zeros before the size check, so 1e40 written out in
        // full still fits.
        while !digits.is_zero() {
            let mut shorter = digits.clone();
            if shorter.div_rem_small(10) != 0 {
                break;
            }
            digits = shorter;
            exponent += 1;
        }
        let magnitude = digits
            .to_u128()
            .and_then(|m| i128::try_from(m).ok())
            .ok_or(QuantityError::Overflow)?;
        let mantissa = if parts.negative {
            -magnitude
        } else {
            magnitude
        };
        Ok(Quantity::from_parts(mantissa, exponent, format))
    }
}

impl Quantity {
    /// Parses quantity text; the same as `str::parse`.
    pub fn parse(s: &str) -> Result<Self, QuantityError> {
        s.parse()
    }
}
