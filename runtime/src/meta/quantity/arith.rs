//! Exact arithmetic on quantities, with Go's format rules.
//!
//! Go's `Add` and `Sub` keep the receiver's format unless the receiver is
//! zero, in which case the result takes the other operand's format; that is
//! what makes `0 + 1Gi` print as `1Gi`. The checked methods report overflow
//! (beyond 38 significant digits) as an error. The operators and `Sum` never
//! panic: summing values a server sent must not bring a controller down, so
//! a result that needs more digits is rounded to 37 significant digits, away
//! from zero as the parser rounds (see [`Quantity::rounded_add`]).
//!
//! Every result prints canonically: like Go, arithmetic and negation forget
//! the input text a parsed quantity may remember.

use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use super::{pow10, scale_up, Quantity, QuantityError};

/// Significant digits kept by [`Quantity::rounded_add`]: two terms of this
/// many digits sum without overflowing an `i128`.
const ROUNDED_DIGITS: i64 = 37;

impl Quantity {
    /// The format of `self + other` in Go: the receiver's, unless it is zero.
    fn sum_format(&self, other: &Quantity) -> super::QuantityFormat {
        if self.is_zero() {
            other.format
        } else {
            self.format
        }
    }

    /// `self + other`, or an error if the exact result does not fit.
    pub fn checked_add(&self, other: &Quantity) -> Result<Quantity, QuantityError> {
        let format = self.sum_format(other);
        // `with_format` also forgets remembered text, as Go's `Add` does.
        if other.is_zero() {
            return Ok(self.clone().with_format(format));
        }
        if self.is_zero() {
            return Ok(other.clone().with_format(format));
        }
        let exponent = self.exponent.min(other.exponent);
        let a = scale_up(self.mantissa, self.exponent - exponent);
        let b = scale_up(other.mantissa, other.exponent - exponent);
        let sum = a
            .zip(b)
            .and_then(|(a, b)| a.checked_add(b))
            .filter(|m| *m != i128::MIN)
            .ok_or(QuantityError::Overflow)?;
        Ok(Quantity::from_parts(sum, exponent, format))
    }

    /// `self + other`, exact when it fits in 38 significant digits and
    /// otherwise rounded to 37, away from zero; what `+` and `Sum` return.
    ///
    /// Both terms are cut at the 37th significant digit of the larger one,
    /// and the dropped digits round the sum away from zero when they all
    /// point that way (`1e30 + 1n` is `1000000000000000000000000000000000001e-6`).
    pub fn rounded_add(&self, other: &Quantity) -> Quantity {
        if let Ok(sum) = self.checked_add(other) {
            return sum;
        }
        // Neither term is zero here: adding zero never overflows.
        let top = |q: &Quantity| q.exponent + q.mantissa.unsigned_abs().ilog10() as i64 + 1;
        let unit = top(self).max(top(other)) - ROUNDED_DIGITS;
        let (a, a_dropped) = cut(self, unit);
        let (b, b_dropped) = cut(other, unit);
        // Each cut term is below 10^37 in magnitude, so the sum fits.
        let sum = a + b;
        let dropped = match (a_dropped, b_dropped) {
            (0, d) | (d, 0) => d,
            (x, y) if x == y => x,
            _ => 0,
        };
        let away = dropped != 0 && (sum == 0 || sum.signum() == dropped);
        let sum = if away { sum + dropped } else { sum };
        Quantity::from_parts(sum, unit, self.sum_format(other))
    }

    /// `self - other`, or an error if the exact result does not fit.
    pub fn checked_sub(&self, other: &Quantity) -> Result<Quantity, QuantityError> {
        // Negation is exact (the mantissa is never i128::MIN).
        self.checked_add(&-other.clone())
    }

    /// `self * factor`, keeping the format, like Go's `Mul`; an error if the
    /// exact result does not fit.
    pub fn mul_int(&self, factor: i64) -> Result<Quantity, QuantityError> {
        let product = self
            .mantissa
            .checked_mul(i128::from(factor))
            .filter(|m| *m != i128::MIN)
            .ok_or(QuantityError::Overflow)?;
        Ok(Quantity::from_parts(product, self.exponent, self.format))
    }
}

/// The mantissa of `q` at exponent `unit`, cut toward zero, and the sign of
/// the digits cut off (0 if none were). `q` must have no more than
/// [`ROUNDED_DIGITS`] digits above `unit`.
fn cut(q: &Quantity, unit: i64) -> (i128, i128) {
    if q.exponent >= unit {
        let scaled = scale_up(q.mantissa, q.exponent - unit);
        // Fits by the caller's bound; zero cannot happen for a non-zero q.
        return (scaled.unwrap_or(0), 0);
    }
    match pow10(unit - q.exponent) {
        Some(div) => {
            let rem = q.mantissa % div;
            (q.mantissa / div, rem.signum())
        }
        // |mantissa| < 10^39 <= div: everything is cut off.
        None => (0, q.mantissa.signum()),
    }
}

impl Neg for Quantity {
    type Output = Quantity;

    fn neg(self) -> Quantity {
        Quantity {
            mantissa: -self.mantissa,
            text: None,
            ..self
        }
    }
}

/// Exact, or rounded to 37 significant digits when the exact sum needs more
/// than 38 ([`Quantity::rounded_add`]); [`Quantity::checked_add`] reports that
/// case as an error instead.
impl Add for Quantity {
    type Output = Quantity;

    fn add(self, other: Quantity) -> Quantity {
        self.rounded_add(&other)
    }
}

/// Exact, or rounded like `+` when the exact difference needs more than 38
/// significant digits; [`Quantity::checked_sub`] reports that as an error.
impl Sub for Quantity {
    type Output = Quantity;

    fn sub(self, other: Quantity) -> Quantity {
        // Negation is exact (the mantissa is never i128::MIN).
        self.rounded_add(&-other)
    }
}

impl AddAssign for Quantity {
    fn add_assign(&mut self, other: Quantity) {
        *self = std::mem::take(self) + other;
    }
}

impl SubAssign for Quantity {
    fn sub_assign(&mut self, other: Quantity) {
        *self = std::mem::take(self) - other;
    }
}

/// Sums from a DecimalSI zero, so the result takes the first non-zero
/// term's format; rounds like `+` rather than overflowing.
impl Sum for Quantity {
    fn sum<I: Iterator<Item = Quantity>>(iter: I) -> Quantity {
        iter.fold(Quantity::default(), Add::add)
    }
}

impl<'a> Sum<&'a Quantity> for Quantity {
    fn sum<I: Iterator<Item = &'a Quantity>>(iter: I) -> Quantity {
        iter.fold(Quantity::default(), |acc, q| acc + q.clone())
    }
}
