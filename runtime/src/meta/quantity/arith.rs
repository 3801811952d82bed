//! Exact arithmetic on quantities, with Go's format rules.
//!
//! Go's `Add` and `Sub` keep the receiver's format unless the receiver is
//! zero, in which case the result takes the other operand's format; that is
//! what makes `0 + 1Gi` print as `1Gi`. The checked methods report overflow
//! (beyond 38 significant digits) as an error; the operator traits panic on
//! it, as integer operators do, because they cannot return an error.
//!
//! Every result prints canonically: like Go, arithmetic and negation forget
//! the input text a parsed quantity may remember.

use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use super::{scale_up, Quantity, QuantityError};

impl Quantity {
    /// `self + other`, or an error if the exact result does not fit.
    pub fn checked_add(&self, other: &Quantity) -> Result<Quantity, QuantityError> {
        let format = if self.is_zero() {
            other.format
        } else {
            self.format
        };
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

/// # Panics
///
/// If the exact sum needs more than 38 significant digits; use
/// [`Quantity::checked_add`] to handle that case.
impl Add for Quantity {
    type Output = Quantity;

    fn add(self, other: Quantity) -> Quantity {
        self.checked_add(&other)
            .expect("quantity addition overflowed")
    }
}

/// # Panics
///
/// If the exact difference needs more than 38 significant digits; use
/// [`Quantity::checked_sub`] to handle that case.
impl Sub for Quantity {
    type Output = Quantity;

    fn sub(self, other: Quantity) -> Quantity {
        self.checked_sub(&other)
            .expect("quantity subtraction overflowed")
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
/// term's format.
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
