//! `SafeFloat` (spec-staking-swap §2.2.1): the decimal float of subtensor's share pools,
//! `mantissa × 10^exponent` with `10^20 < mantissa ≤ 10^21` (zero is `(0, 0)`), so a 1-rao
//! change always moves shares and sub-rao changes do not. Intermediate products use
//! arbitrary-precision integers where subtensor uses U256; every step truncates as there.

use num_bigint::BigUint;
use num_traits::{ToPrimitive, Zero};
use parity_scale_codec::{Decode, Encode};

/// The mantissa's upper bound, 10^21.
pub const SAFE_FLOAT_MAX: u128 = 1_000_000_000_000_000_000_000;
/// Digits of [`SAFE_FLOAT_MAX`].
pub const SAFE_FLOAT_MAX_EXP: i64 = 21;

/// A share amount: `mantissa × 10^exponent`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, scale_info::TypeInfo)]
pub struct SafeFloat {
    /// Digits, in (10^20, 10^21] unless zero.
    pub mantissa: u128,
    /// Power of ten.
    pub exponent: i64,
}

/// `10^e`, capped at 10^22 (larger shifts make any mantissa vanish anyway).
fn cappow10(e: u64) -> BigUint {
    if e > (SAFE_FLOAT_MAX_EXP as u64) + 1 {
        return BigUint::from(SAFE_FLOAT_MAX) * 10u32;
    }
    BigUint::from(10u32).pow(e as u32)
}

impl SafeFloat {
    /// Zero.
    pub const ZERO: Self = Self {
        mantissa: 0,
        exponent: 0,
    };

    /// Whether this is zero.
    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    /// Normalises `m × 10^e`; `None` if the exponent overflows.
    fn normalized(m: BigUint, e: i64) -> Option<Self> {
        if m.is_zero() {
            return Some(Self::ZERO);
        }
        let max = BigUint::from(SAFE_FLOAT_MAX);
        let min = BigUint::from(SAFE_FLOAT_MAX / 10);
        let (mut m, mut e) = (m, e);
        while m > max {
            m /= 10u32;
            e = e.checked_add(1)?;
        }
        while m <= min {
            m *= 10u32;
            e = e.checked_sub(1)?;
        }
        Some(Self {
            mantissa: m.to_u128()?,
            exponent: e,
        })
    }

    /// `mantissa × 10^exponent`, normalised; `None` if `mantissa > 10^21`.
    pub fn new(mantissa: u128, exponent: i64) -> Option<Self> {
        if mantissa > SAFE_FLOAT_MAX {
            return None;
        }
        Self::normalized(BigUint::from(mantissa), exponent)
    }

    /// `self + a`: the smaller-exponent mantissa is truncated to the larger exponent first.
    pub fn add(&self, a: &Self) -> Option<Self> {
        if self.is_zero() {
            return Some(*a);
        }
        if a.is_zero() {
            return Some(*self);
        }
        let (m, e) = self.aligned(a, |x, y| x + y);
        Self::normalized(m, e)
    }

    /// `self − a`, saturating at zero; `0 − nonzero` is `None`.
    pub fn sub(&self, a: &Self) -> Option<Self> {
        if self.is_zero() && a.is_zero() {
            return Some(Self::ZERO);
        }
        if self.is_zero() {
            return None;
        }
        if a.is_zero() {
            return Some(*self);
        }
        let (m, e) = self.aligned(a, |x, y| if x > y { x - y } else { BigUint::zero() });
        Self::normalized(m, e)
    }

    fn aligned(&self, a: &Self, f: impl Fn(BigUint, BigUint) -> BigUint) -> (BigUint, i64) {
        if self.exponent >= a.exponent {
            let diff = self.exponent.saturating_sub(a.exponent) as u64;
            let m2 = BigUint::from(a.mantissa) / cappow10(diff);
            (f(BigUint::from(self.mantissa), m2), self.exponent)
        } else {
            let diff = a.exponent.saturating_sub(self.exponent) as u64;
            let m1 = BigUint::from(self.mantissa) / cappow10(diff);
            (f(m1, BigUint::from(a.mantissa)), a.exponent)
        }
    }

    /// `self × a / b` with one truncation; `None` if `b` is zero.
    pub fn mul_div(&self, a: &Self, b: &Self) -> Option<Self> {
        if b.mantissa == 0 {
            return None;
        }
        let m =
            BigUint::from(self.mantissa) * BigUint::from(a.mantissa) / BigUint::from(b.mantissa);
        let e = self
            .exponent
            .checked_add(a.exponent)?
            .checked_sub(b.exponent)?;
        Self::normalized(m, e)
    }

    /// `self / a`; `None` if `a` is zero.
    pub fn div(&self, a: &Self) -> Option<Self> {
        if a.mantissa == 0 {
            return None;
        }
        let e = i128::from(self.exponent) - i128::from(a.exponent) - i128::from(SAFE_FLOAT_MAX_EXP);
        let e = i64::try_from(e).ok()?;
        let m = BigUint::from(self.mantissa) * BigUint::from(SAFE_FLOAT_MAX)
            / BigUint::from(a.mantissa);
        Self::normalized(m, e)
    }

    /// `floor(self)` as u64, saturating.
    pub fn to_u64(&self) -> u64 {
        if self.exponent == 0 {
            return u64::try_from(self.mantissa).unwrap_or(u64::MAX);
        }
        let scale = cappow10(self.exponent.unsigned_abs());
        let q = if self.exponent > 0 {
            BigUint::from(self.mantissa) * scale
        } else {
            BigUint::from(self.mantissa) / scale
        };
        q.to_u64().unwrap_or(u64::MAX)
    }
}

impl From<u64> for SafeFloat {
    fn from(v: u64) -> Self {
        Self::new(u128::from(v), 0).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation() {
        let one = SafeFloat::from(1);
        assert_eq!(one.mantissa, SAFE_FLOAT_MAX);
        assert_eq!(one.exponent, -21);
        assert_eq!(one.to_u64(), 1);
        let big = SafeFloat::from(u64::MAX);
        assert_eq!(big.to_u64(), u64::MAX);
        assert_eq!(SafeFloat::from(0), SafeFloat::ZERO);
    }

    #[test]
    fn add_sub_mul_div() {
        let a = SafeFloat::from(600);
        let b = SafeFloat::from(400);
        assert_eq!(a.add(&b).unwrap().to_u64(), 1000);
        assert_eq!(a.sub(&b).unwrap().to_u64(), 200);
        assert_eq!(b.sub(&a).unwrap(), SafeFloat::ZERO);
        assert!(SafeFloat::ZERO.sub(&a).is_none());
        // 400·600/600 = 400.
        assert_eq!(b.mul_div(&a, &a).unwrap().to_u64(), 400);
        assert!(a.mul_div(&a, &SafeFloat::ZERO).is_none());
        assert_eq!(
            a.div(&b)
                .unwrap()
                .mul_div(&SafeFloat::from(2), &SafeFloat::from(1))
                .unwrap()
                .to_u64(),
            3
        );
    }

    #[test]
    fn far_smaller_operand_vanishes() {
        let big = SafeFloat::from(u64::MAX);
        let tiny = SafeFloat::new(1, -30).unwrap();
        assert_eq!(big.add(&tiny).unwrap(), big);
    }
}
