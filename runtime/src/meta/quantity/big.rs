//! A minimal unsigned big integer, used only while parsing a quantity.
//!
//! Parsing must be exact before it rounds to nano precision (Go multiplies
//! `0.000000000001Ki` by 1024 *then* rounds, giving `2n`), and the digits a
//! user writes are not bounded. These few operations are all the parser needs,
//! so a dependency on a bignum crate is not worth it.

use std::cmp::Ordering;

/// A non-negative integer as little-endian base-2^32 limbs, with no
/// high zero limbs (zero is the empty vector).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct BigUint {
    limbs: Vec<u32>,
}

impl BigUint {
    /// Parses a string of ASCII digits (the caller has checked them).
    pub(super) fn from_digits(digits: &str) -> Self {
        let mut n = BigUint::default();
        for chunk in digits.as_bytes().chunks(9) {
            let mut part = 0u32;
            for &b in chunk {
                part = part * 10 + u32::from(b - b'0');
            }
            n.mul_add_small(10u32.pow(chunk.len() as u32), part);
        }
        n
    }

    /// Builds the value of a `u128`.
    pub(super) fn from_u128(mut v: u128) -> Self {
        let mut limbs = Vec::new();
        while v != 0 {
            limbs.push(v as u32);
            v >>= 32;
        }
        BigUint { limbs }
    }

    /// True for zero.
    pub(super) fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }

    /// `self = self * mul + add`.
    pub(super) fn mul_add_small(&mut self, mul: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.limbs {
            let v = u64::from(*limb) * u64::from(mul) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.limbs.push(carry as u32);
        }
        self.trim();
    }

    /// `self = self / div`, returning the remainder.
    pub(super) fn div_rem_small(&mut self, div: u32) -> u32 {
        let mut rem = 0u64;
        for limb in self.limbs.iter_mut().rev() {
            let cur = (rem << 32) | u64::from(*limb);
            *limb = (cur / u64::from(div)) as u32;
            rem = cur % u64::from(div);
        }
        self.trim();
        rem as u32
    }

    /// The value as a `u128`, if it fits.
    pub(super) fn to_u128(&self) -> Option<u128> {
        if self.limbs.len() > 4 {
            return None;
        }
        Some(
            self.limbs
                .iter()
                .rev()
                .fold(0u128, |acc, &l| (acc << 32) | u128::from(l)),
        )
    }

    fn trim(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }
}

impl PartialOrd for BigUint {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for BigUint {
    fn cmp(&self, other: &Self) -> Ordering {
        self.limbs
            .len()
            .cmp(&other.limbs.len())
            .then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_round_trip_through_u128() {
        let n = BigUint::from_digits("170141183460469231731687303715884105727");
        assert_eq!(n.to_u128(), Some(i128::MAX as u128));
        assert_eq!(BigUint::from_digits("0").to_u128(), Some(0));
        assert!(BigUint::from_digits("0").is_zero());
        assert_eq!(
            BigUint::from_digits("1000000000000000000000000000000000000000").to_u128(),
            None
        );
    }

    #[test]
    fn divides_with_remainder() {
        let mut n = BigUint::from_digits("123456789012345678901234567890");
        assert_eq!(n.div_rem_small(1_000_000_000), 234_567_890);
        assert_eq!(n.to_u128(), Some(123_456_789_012_345_678_901));
    }

    #[test]
    fn orders_by_value() {
        let a = BigUint::from_u128(u64::MAX as u128 + 1);
        let b = BigUint::from_digits("18446744073709551615");
        assert!(a > b);
        assert_eq!(a.cmp(&a.clone()), Ordering::Equal);
    }
}
