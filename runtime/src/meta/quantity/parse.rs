//! Parsing quantity text, following Go's `ParseQuantity` rule for rule.
//!
//! The grammar is `[+-]? digits? (. digits?)? suffix`, where the suffix is a
//! decimal SI unit (`n u m "" k M G T P E`), a binary SI unit (`Ki` ... `Ei`)
//! or a decimal exponent (`e3`, `E-3`). Go's quirks are kept: `.`, `-` and
//! `1.` are valid, a value finer than `1n` is rounded away from zero to the
//! next nano, and a BinarySI value is silently capped at 2^63-1.

use std::str::FromStr;

use compact_str::CompactString;

use super::{KeptText, Quantity, QuantityError, QuantityFormat};

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

/// The magnitude of a decimal number as (mantissa, exponent), rounded away
/// from zero to a multiple of `10^-9`.
///
/// This works on the text: digits below the nano place only decide whether
/// to round up, so they cost nothing, and an input with more significant
/// digits than the representation holds fails before any arithmetic.
fn decimal_magnitude(num: &str, denom: &str, exponent: i64) -> Result<(i128, i64), QuantityError> {
    // Inline up to 24 bytes: a Pod's quantities (`100m`, `1.5Gi`) allocate nothing.
    let mut digits = CompactString::with_capacity(num.len() + denom.len());
    digits.push_str(num);
    digits.push_str(denom);
    super::work::count(digits.len());
    let mut exponent = exponent - denom.len() as i64;
    let mut kept = digits.as_str();
    let mut round_up = false;
    if exponent < -9 {
        let drop = usize::try_from(-9 - exponent)
            .unwrap_or(usize::MAX)
            .min(kept.len());
        let (head, tail) = kept.split_at(kept.len() - drop);
        round_up = tail.bytes().any(|b| b != b'0');
        kept = head;
        exponent = -9;
    }
    let kept = kept.trim_start_matches('0');
    // Trailing zeros move into the exponent, unless the round-up lands on
    // the last digit.
    let significant = if round_up {
        kept
    } else {
        kept.trim_end_matches('0')
    };
    exponent += (kept.len() - significant.len()) as i64;
    if significant.len() > 39 {
        return Err(QuantityError::Overflow);
    }
    let magnitude: u128 = if significant.is_empty() {
        0
    } else {
        significant.parse().map_err(|_| QuantityError::Overflow)?
    };
    let magnitude = magnitude
        .checked_add(u128::from(round_up))
        .and_then(|m| i128::try_from(m).ok())
        .ok_or(QuantityError::Overflow)?;
    Ok((magnitude, exponent))
}

/// The magnitude of `num.denom * 2^power` as (mantissa, exponent, below
/// one), rounded away from zero to nano and capped at 2^63-1 as Go caps
/// BinarySI values.
///
/// Unlike the decimal case the multiplication must happen before rounding
/// (`0.000000000001Ki` is `1.024n`, which rounds to `2n`). It is done on the
/// decimal digits, right to left, so the work is one step per digit: the
/// fraction's product gives its first nine digits, whether any later digit
/// is non-zero, and a carry into the integer part.
fn binary_magnitude(num: &str, denom: &str, power: i64) -> (i128, i64, bool) {
    const CAP: u128 = i64::MAX as u128;
    const NANO: u128 = 1_000_000_000;
    // `num` has no leading zeros: 20 digits are at least 10^19 > 2^63.
    if num.len() > 19 {
        return (CAP as i128, 0, false);
    }
    // Binary suffixes go up to 2^60, so every step below fits a u128.
    let factor = 1u128 << power;
    super::work::count(denom.len());
    let (mut nanos, mut carry, mut inexact) = (0u128, 0u128, false);
    for (place, d) in denom.bytes().enumerate().rev() {
        let product = u128::from(d - b'0') * factor + carry;
        let digit = product % 10;
        carry = product / 10;
        if place < 9 {
            nanos += digit * 10u128.pow(8 - place as u32);
        } else {
            inexact |= digit != 0;
        }
    }
    // At most 19 digits times 2^60, plus a carry below 2^60.
    let whole = num.parse::<u128>().unwrap_or(0) * factor + carry;
    if whole > CAP {
        return (CAP as i128, 0, false);
    }
    let nanos = whole * NANO + nanos + u128::from(inexact);
    if nanos > CAP * NANO {
        return (CAP as i128, 0, false);
    }
    // Within the cap, so at most 2^63 * 10^9, well inside an i128.
    (nanos as i128, -9, nanos < NANO)
}

/// The scale Go's `ParseQuantity` stores the value at when it keeps the
/// input text as the quantity's string, or `None` when it does not.
///
/// Go keeps the text only on its int64 fast path, and only when it judges
/// the text canonical:
///
/// * the exact input `0` is always kept;
/// * BinarySI (`Ki` ... `Ei`) takes the fast path for whole numbers with
///   `15 - len(num) - exponent*3/10 - 1 >= 0` (up to 11 digits for `Ki`, 2
///   for `Ti`, none for `Pi` and `Ei`), and keeps the text when the number
///   is not a multiple of 8 (`1Ki`, `1025Ki`, but not `1024Ki` or `8Ki`);
/// * decimal suffixes take it when `num` and `denom` have at most 18 digits
///   together and `scale = exponent - len(denom) >= -9`, and keep the text
///   when `scale` is a multiple of three, `num + denom` does not end in
///   `000` and does not start with `0` (`1.500`, `+1k`, `01k`, `1E3`, `1.`,
///   but not `1000`, `0.5`, `1.5` or `1e-12`).
///
/// `num` here has its leading zeros stripped (and is `0` if nothing was
/// left), as in Go.
fn kept_text_scale(s: &str, parts: &Parts<'_>, base: u32, exponent: i64) -> Option<i64> {
    if s == "0" {
        return Some(0);
    }
    if base == 2 {
        let precision = 15 - parts.num.len() as i64 - exponent * 3 / 10 - 1;
        if !parts.denom.is_empty() || precision < 0 {
            return None;
        }
        // At most 14 digits here.
        let value: u64 = parts.num.parse().ok()?;
        return (exponent % 10 == 0 && value & 0x07 != 0).then_some(0);
    }
    let digits = parts.num.len() + parts.denom.len();
    let scale = exponent - parts.denom.len() as i64;
    if digits > 18 || scale < -9 {
        return None;
    }
    // `num` has no leading zeros, so `num + denom` starts with `0` only when
    // the integer part is zero.
    let shifted = parts.num.bytes().chain(parts.denom.bytes());
    let ends_in_000 = digits >= 3 && shifted.rev().take(3).all(|b| b == b'0');
    let canonical = scale % 3 == 0 && !ends_in_000 && parts.num != "0";
    canonical.then_some(scale)
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
        let (magnitude, exponent) = if base == 10 {
            decimal_magnitude(parts.num, parts.denom, suffix_exponent)?
        } else {
            let (magnitude, exponent, below_one) =
                binary_magnitude(parts.num, parts.denom, suffix_exponent);
            if below_one && magnitude != 0 {
                // Go: a non-zero binary value below one becomes DecimalSI.
                format = QuantityFormat::DecimalSI;
            }
            (magnitude, exponent)
        };
        let mantissa = if parts.negative {
            -magnitude
        } else {
            magnitude
        };
        let mut quantity = Quantity::from_parts(mantissa, exponent, format);
        quantity.text = kept_text_scale(s, &parts, base, suffix_exponent).map(|scale| KeptText {
            text: s.into(),
            scale,
        });
        Ok(quantity)
    }
}

impl Quantity {
    /// Parses quantity text; the same as `str::parse`.
    pub fn parse(s: &str) -> Result<Self, QuantityError> {
        s.parse()
    }
}
