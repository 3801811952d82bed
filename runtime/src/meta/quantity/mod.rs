//! `Quantity`: a fixed-point number with a unit suffix, as in
//! `k8s.io/apimachinery/pkg/api/resource`.
//!
//! Resource requests, limits and capacities are quantities (`500m`, `1Gi`).
//! The server compares and prints them in an exact, canonical way; a client
//! that used floating point would disagree with it about equality and would
//! produce diffs on every round trip, so this type never uses floats except in
//! the explicitly approximate [`Quantity::to_f64`].

mod arith;
mod parse;
mod print;
#[cfg(test)]
mod props;
mod serde_impl;
#[cfg(test)]
mod tests;
mod work;

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// How a quantity is printed; parsing remembers the form the text used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum QuantityFormat {
    /// Powers of ten written as an exponent: `12e6`.
    DecimalExponent,
    /// Powers of 1024 written as `Ki`, `Mi`, ... `Ei`: `12Mi`.
    BinarySI,
    /// Powers of 1000 written as `n`, `u`, `m`, `k`, `M`, ... `E`: `12M`.
    #[default]
    DecimalSI,
}

/// Why a quantity could not be parsed or computed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    /// The text is not of the quantity grammar (empty, `1.2.3`, `abc`, `12Qi`).
    #[error("invalid quantity {0:?}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    Syntax(String),
    /// The grammar matched but the suffix is not one Kubernetes defines
    /// (`1i`, `1e`, `0.1mi`).
    #[error("invalid quantity {0:?}: unable to parse quantity's suffix")]
    Suffix(String),
    /// The value needs more than 38 significant decimal digits, the limit of
    /// this implementation's exact representation.
    #[error("quantity out of range: more than 38 significant digits")]
    Overflow,
}

/// An exact decimal quantity with a remembered print format.
///
/// The value is `mantissa * 10^exponent`, kept normalized (no trailing zeros
/// in the mantissa, and zero as `0 * 10^0`) so that equal values have equal
/// parts. Equality, ordering and hashing look only at the value, never the
/// format or the remembered text, exactly as Go's `Quantity.Cmp`/`Equal` do:
/// `1Gi == 1073741824`.
///
/// Like Go, a parsed quantity may remember its input text and print that
/// instead of the canonical form: Go's `ParseQuantity` keeps the text when it
/// judges it already canonical (`1.500` and `+1k` are, by its rule; `1000`
/// and `0.5` are not), and the server sends such text back unchanged.
/// Arithmetic, negation, a value-changing [`Quantity::round_up`] and
/// [`Quantity::with_format`] forget it; [`Quantity::to_canonical_string`]
/// ignores it.
#[derive(Clone, Default)]
pub struct Quantity {
    mantissa: i128,
    exponent: i64,
    format: QuantityFormat,
    text: Option<KeptText>,
}

/// Input text that Go's `ParseQuantity` would keep as the quantity's string.
#[derive(Clone, Debug)]
struct KeptText {
    /// The text as parsed (after the JSON decoder's whitespace trim).
    text: Box<str>,
    /// The scale Go's int64 fast path stores the value at (the suffix's
    /// power of ten less the number of fraction digits). Go's `RoundUp` to
    /// this scale or a finer one returns early and keeps the text.
    scale: i64,
}

impl Quantity {
    /// Builds a normalized quantity; `mantissa` must not be `i128::MIN`.
    fn from_parts(mut mantissa: i128, mut exponent: i64, format: QuantityFormat) -> Self {
        if mantissa == 0 {
            exponent = 0;
        }
        while mantissa != 0 && mantissa % 10 == 0 {
            mantissa /= 10;
            exponent += 1;
        }
        Quantity {
            mantissa,
            exponent,
            format,
            text: None,
        }
    }

    /// `value` in the given format, like Go's `NewQuantity`.
    pub fn new(value: i64, format: QuantityFormat) -> Self {
        Self::from_parts(i128::from(value), 0, format)
    }

    /// `value / 1000` in the given format, like Go's `NewMilliQuantity`.
    pub fn new_milli(value: i64, format: QuantityFormat) -> Self {
        Self::from_parts(i128::from(value), -3, format)
    }

    /// `value * 10^scale` in DecimalSI, like Go's `NewScaledQuantity`
    /// (`new_scaled(5, 6)` is `5M`).
    pub fn new_scaled(value: i64, scale: i32) -> Self {
        Self::from_parts(
            i128::from(value),
            i64::from(scale),
            QuantityFormat::DecimalSI,
        )
    }

    /// The format this quantity prints in.
    pub fn format(&self) -> QuantityFormat {
        self.format
    }

    /// The same value, printed canonically in another format.
    ///
    /// This forgets any remembered input text. (Go's `q.Format = f` does not
    /// clear its cached string, so the new format would not show until the
    /// next arithmetic; here it shows at once.)
    pub fn with_format(mut self, format: QuantityFormat) -> Self {
        self.format = format;
        self.text = None;
        self
    }

    /// Rounds the value away from zero to a multiple of `10^scale`, like Go's
    /// `RoundUp`, and returns whether the value was already exact at that
    /// scale (so nothing changed).
    ///
    /// `scale` is a power of ten: `-3` for milli (Go's `resource.Milli`), `0`
    /// for whole units. The API server applies `round_up(-3)` to every
    /// resource list it stores (ResourceQuota, pod requests and limits), so
    /// `1u` comes back as `1m` and `-1.5n` would become `-1m`.
    ///
    /// As in Go, remembered input text survives if the value was parsed at
    /// `scale` or coarser (`1.500` rounded to milli still prints `1.500`) and
    /// is otherwise dropped, even when the value happens to be exact
    /// (`1.500` rounded to `-2` prints `1500m`).
    pub fn round_up(&mut self, scale: i32) -> bool {
        let scale = i64::from(scale);
        if self.text.as_ref().is_some_and(|t| t.scale >= scale) {
            return true;
        }
        self.text = None;
        if self.mantissa == 0 || self.exponent >= scale {
            return true;
        }
        let (rounded, exact) = match pow10(scale - self.exponent) {
            Some(div) => {
                let quotient = self.mantissa / div;
                if self.mantissa % div == 0 {
                    (quotient, true)
                } else {
                    (quotient + self.mantissa.signum(), false)
                }
            }
            // |mantissa| < 10^39 <= div: only the rounding unit is left.
            None => (self.mantissa.signum(), false),
        };
        *self = Quantity::from_parts(rounded, scale, self.format);
        exact
    }

    /// True if the value is zero, whatever the format.
    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    /// -1, 0 or 1 as the value is negative, zero or positive.
    pub fn signum(&self) -> i32 {
        self.mantissa.signum() as i32
    }

    /// The value as an `i64` if it is a whole number that fits, like Go's
    /// `AsInt64` (which also refuses inexact conversions).
    pub fn as_i64(&self) -> Option<i64> {
        if self.exponent < 0 {
            return None;
        }
        let scaled = self.mantissa.checked_mul(pow10(self.exponent)?)?;
        i64::try_from(scaled).ok()
    }

    /// The value rounded away from zero to a whole number, like Go's
    /// `Value()` (`100m` is 1, `1.5` is 2, `-1.5` is -2); `None` where Go
    /// would silently overflow `int64`.
    pub fn value(&self) -> Option<i64> {
        self.scaled_value(0)
    }

    /// The value in thousandths rounded away from zero, like Go's
    /// `MilliValue()` (`1.5` is 1500, `1n` is 1); `None` on `int64` overflow.
    pub fn milli_value(&self) -> Option<i64> {
        self.scaled_value(-3)
    }

    /// The value in units of `10^scale`, rounded away from zero, like Go's
    /// `ScaledValue`; `None` on `int64` overflow.
    pub fn scaled_value(&self, scale: i32) -> Option<i64> {
        if self.mantissa == 0 {
            return Some(0);
        }
        let delta = self.exponent - i64::from(scale);
        let scaled = if delta >= 0 {
            self.mantissa.checked_mul(pow10(delta)?)?
        } else {
            match pow10(-delta) {
                Some(div) => {
                    let quotient = self.mantissa / div;
                    if self.mantissa % div == 0 {
                        quotient
                    } else {
                        quotient + self.mantissa.signum()
                    }
                }
                // |mantissa| < 10^39 <= div: only the rounding unit is left.
                None => self.mantissa.signum(),
            }
        };
        i64::try_from(scaled).ok()
    }

    /// An approximate floating-point value, for display or heuristics only:
    /// comparisons and arithmetic belong on the exact type.
    pub fn to_f64(&self) -> f64 {
        let exponent = self.exponent.clamp(-400, 400) as i32;
        if exponent < 0 {
            self.mantissa as f64 / 10f64.powi(-exponent)
        } else {
            self.mantissa as f64 * 10f64.powi(exponent)
        }
    }
}

/// `10^n` as an `i128`, if it fits.
fn pow10(n: i64) -> Option<i128> {
    10i128.checked_pow(u32::try_from(n).ok()?)
}

/// Compares two non-zero or zero quantities by value, without overflow: when
/// aligning exponents would overflow, the one needing the shift is larger.
fn cmp_values(a: &Quantity, b: &Quantity) -> Ordering {
    let (sa, sb) = (a.mantissa.signum(), b.mantissa.signum());
    if sa != sb || sa == 0 {
        return sa.cmp(&sb);
    }
    let magnitude = match a.exponent.cmp(&b.exponent) {
        Ordering::Equal => a.mantissa.unsigned_abs().cmp(&b.mantissa.unsigned_abs()),
        Ordering::Greater => match scale_up(a.mantissa, a.exponent - b.exponent) {
            Some(m) => m.unsigned_abs().cmp(&b.mantissa.unsigned_abs()),
            None => Ordering::Greater,
        },
        Ordering::Less => match scale_up(b.mantissa, b.exponent - a.exponent) {
            Some(m) => a.mantissa.unsigned_abs().cmp(&m.unsigned_abs()),
            None => Ordering::Less,
        },
    };
    if sa < 0 {
        magnitude.reverse()
    } else {
        magnitude
    }
}

/// `mantissa * 10^shift`, if it fits (and is not `i128::MIN`).
fn scale_up(mantissa: i128, shift: i64) -> Option<i128> {
    mantissa
        .checked_mul(pow10(shift)?)
        .filter(|m| *m != i128::MIN)
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        self.mantissa == other.mantissa && self.exponent == other.exponent
    }
}

impl Eq for Quantity {}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_values(self, other)
    }
}

impl Hash for Quantity {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Normalized parts identify the value, matching `Eq`.
        self.mantissa.hash(state);
        self.exponent.hash(state);
    }
}

impl fmt::Debug for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Quantity({:?}, {:?})", self.to_string(), self.format)
    }
}
