//! Canonical printing, as Go's `Quantity.CanonicalizeBytes` does it.
//!
//! The rules: zero is `0`. A BinarySI value prints in powers of 1024 only if
//! it is a whole number of magnitude at least 1024; otherwise it falls back to
//! DecimalSI so no precision is lost (`0.1Gi` prints `107374182400m`). A
//! decimal value moves its exponent down to a multiple of three and takes the
//! largest suffix that leaves no fractional digits; DecimalSI has suffixes
//! only from `n` (10^-9) to `E` (10^18), so beyond them it uses `e<exp>`.
//! (Go prints the digits with no suffix there, so kube-apiserver stores
//! `1000E` as `1`, a different value; this deliberately does not follow it.)
//!
//! `Display` prints remembered input text instead when parsing kept it (see
//! `parse.rs`), as Go's `String()` does.

use std::fmt;

use super::{pow10, Quantity, QuantityFormat};

/// The binary suffixes, indexed by the power of 1024.
const BINARY_SUFFIXES: [&str; 7] = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

/// The DecimalSI suffix for a power of ten that is a multiple of three.
fn decimal_si_suffix(exponent: i64) -> Option<&'static str> {
    Some(match exponent {
        -9 => "n",
        -6 => "u",
        -3 => "m",
        0 => "",
        3 => "k",
        6 => "M",
        9 => "G",
        12 => "T",
        15 => "P",
        18 => "E",
        _ => return None,
    })
}

impl Quantity {
    /// The whole-number value, if this quantity prints in BinarySI form.
    fn binary_integer(&self) -> Option<i128> {
        if self.format != QuantityFormat::BinarySI || self.exponent < 0 {
            return None;
        }
        let value = self.mantissa.checked_mul(pow10(self.exponent)?)?;
        // Go: values strictly between -1024 and 1024 print as DecimalSI.
        (value.unsigned_abs() >= 1024).then_some(value)
    }

    fn fmt_binary(mut value: i128, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut power = 0;
        // Go stops at Ei; larger multiples stay in the mantissa rather than
        // losing the suffix (Go prints 1024^7 as "1", which is a bug).
        while power < 6 && value % 1024 == 0 {
            value /= 1024;
            power += 1;
        }
        write!(f, "{value}{}", BINARY_SUFFIXES[power])
    }

    fn fmt_decimal(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shift = self.exponent.rem_euclid(3);
        let exponent = self.exponent - shift;
        let sign = if self.mantissa < 0 { "-" } else { "" };
        // Widen with zeros as text: multiplying could overflow the mantissa.
        let zeros = &"00"[..shift as usize];
        write!(f, "{sign}{}{zeros}", self.mantissa.unsigned_abs())?;
        // BinarySI values that reach here print as DecimalSI.
        match (self.format, decimal_si_suffix(exponent)) {
            (QuantityFormat::DecimalExponent, _) | (_, None) if exponent != 0 => {
                write!(f, "e{exponent}")
            }
            (_, suffix) => f.write_str(suffix.unwrap_or("")),
        }
    }
}

impl Quantity {
    /// The canonical form, ignoring any remembered input text: what Go's
    /// `CanonicalizeBytes` gives (`1.500` is `1500m`, `+1k` is `1k`).
    pub fn to_canonical_string(&self) -> String {
        Canonical(self).to_string()
    }
}

/// Formats a quantity's value canonically.
struct Canonical<'a>(&'a Quantity);

impl fmt::Display for Canonical<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let q = self.0;
        if q.mantissa == 0 {
            return f.write_str("0");
        }
        match q.binary_integer() {
            Some(value) => Quantity::fmt_binary(value, f),
            None => q.fmt_decimal(f),
        }
    }
}

/// Prints what Go's `String()` prints, which is what the API server sends
/// back: the remembered input text if parsing kept it, else the canonical
/// form.
impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad` honours width and alignment, so quantities line up in tables.
        match &self.text {
            Some(kept) => f.pad(&kept.text),
            None => f.pad(&Canonical(self).to_string()),
        }
    }
}
