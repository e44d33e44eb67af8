//! Fixed-point types, `safe_div` and the named conversions of spec-epoch §1.2–§1.3.
//!
//! Every value of the epoch is a `substrate-fixed` 0.6.0 number, the crate and types subtensor
//! uses, so each product floors, each quotient truncates and each conversion drops bits exactly
//! as on chain. Nothing here is floating point: constants such as 0.5 are built from raw bits.

pub use substrate_fixed::types::{I32F32, I64F64, I96F32, U64F64, U96F32};

/// The fixed-point number 0.
pub const ZERO: I32F32 = I32F32::from_bits(0);
/// The fixed-point number 1.
pub const ONE: I32F32 = I32F32::from_bits(1 << 32);
/// The fixed-point number 0.5.
pub const HALF: I32F32 = I32F32::from_bits(1 << 31);

/// Division that yields 0 when the divisor is 0 or the quotient overflows (subtensor's
/// `safe_math::safe_div`, spec §1.2).
pub trait SafeDiv: Sized {
    /// `self / rhs`, truncated toward zero; 0 on division by zero or overflow.
    fn safe_div(self, rhs: Self) -> Self;
}

macro_rules! impl_safe_div {
    ($($t:ty),*) => {$(
        impl SafeDiv for $t {
            #[inline]
            fn safe_div(self, rhs: Self) -> Self {
                self.checked_div(rhs).unwrap_or_default()
            }
        }
    )*};
}
impl_safe_div!(I32F32, I64F64, I96F32, U64F64, U96F32);

/// `u16_to_fixed`: the integer `v` as I32F32 (e.g. 65535.0).
#[inline]
pub fn u16_to_fixed(v: u16) -> I32F32 {
    // Exact: the integer in the upper 32 bits (the crate's generic `from_num` computes the
    // same bits through a chain of conversions).
    I32F32::from_bits(i64::from(v) << 32)
}

/// `u16_proportion_to_fixed`: `v / 65535` in I32F32 (truncated).
#[inline]
pub fn to_prop(v: u16) -> I32F32 {
    // The quotient of the integers v and 65535 in I32F32 has the raw bits ⌊v · 2^32 / 65535⌋
    // (no overflow, no rounding but the floor); a division by a constant, so a multiply.
    I32F32::from_bits(((u64::from(v) << 32) / 65_535) as i64)
}

/// `fixed_proportion_to_u16`: `x × 65535` (floored), then floored and saturated into a u16.
#[inline]
pub fn prop_to_u16(x: I32F32) -> u16 {
    // The product's integer part (arithmetic shift = floor), saturated into u16: what
    // `saturating_to_num::<u16>()` returns.
    let bits = x.to_bits();
    if (0..1 << 47).contains(&bits) {
        // x · 65535 is the exact product bits · 65535 < 2^63: no rounding, no saturation.
        return (bits.wrapping_mul(65_535) >> 32).min(i64::from(u16::MAX)) as u16;
    }
    let int = super::fast::mul(x, u16_to_fixed(u16::MAX)).to_bits() >> 32;
    int.clamp(0, i64::from(u16::MAX)) as u16
}

/// A non-negative integer as I32F32, saturating: what a saturating running sum of
/// non-negative integer-valued I32F32s (e.g. a column of classic bonds) ends at.
#[inline]
pub fn int_to_fixed(x: u64) -> I32F32 {
    if x < 1 << 31 {
        I32F32::from_bits((x << 32) as i64)
    } else {
        I32F32::max_value()
    }
}

/// `I64F64(alpha) + I64F64(tao) × tw`, both saturating (spec §4.3). For `tao < 2^63` (exact
/// in I64F64) and `0 ≤ tw ≤ 1` the product's raw bits are the exact integer `tao · tw_bits`
/// (the 2^64 of the integer and the 2^−64 of the product cancel), below 2^127; the crate's
/// arithmetic otherwise.
#[inline]
pub fn total_stake(alpha: u64, tao: u64, tw: I64F64) -> I64F64 {
    let f = tw.to_bits();
    if tao >= 1 << 63 || !(0..=1 << 64).contains(&f) {
        return I64F64::saturating_from_num(alpha)
            .saturating_add(I64F64::saturating_from_num(tao).saturating_mul(tw));
    }
    let a = if alpha < 1 << 63 {
        i128::from(alpha) << 64
    } else {
        i128::MAX
    };
    let t = i128::try_from(u128::from(tao) * f as u128).unwrap_or(i128::MAX);
    I64F64::from_bits(a.saturating_add(t))
}

/// I64F64 to I32F32, dropping the 32 extra fractional bits (floor), saturating.
#[inline]
pub fn fixed64_to_fixed32(x: I64F64) -> I32F32 {
    I32F32::saturating_from_num(x)
}

/// I64F64 to u64: floor, saturating (negative values give 0).
#[inline]
pub fn fixed64_to_u64(x: I64F64) -> u64 {
    x.saturating_to_num::<u64>()
}

/// `exp_safe` (spec §1.2): `exp` of the input clamped to [−20, 20]; on an error of the series,
/// 0 for non-positive inputs and `I32F32::max_value()` otherwise.
pub fn exp_safe(x: I32F32) -> I32F32 {
    let lo = I32F32::from_num(-20);
    let hi = I32F32::from_num(20);
    let clamped = if x < lo {
        lo
    } else if hi < x {
        hi
    } else {
        x
    };
    // exp(x) for x < 0 is the crate's `1 / exp(−x)` of the same series (x = −1 included: only
    // exp(+1) is the crate's constant e, and it is not used there); that reciprocal of a value
    // ≥ 1 is computed with one u64 division by [`one_over`].
    let bits = clamped.to_bits();
    let value = if bits < 0 && bits != -(1 << 32) {
        super::fast::exp(I32F32::from_bits(-bits)).map(one_over)
    } else {
        super::fast::exp(clamped)
    };
    match value {
        Some(v) => v,
        None if clamped <= ZERO => ZERO,
        None => I32F32::max_value(),
    }
}

/// `ONE.saturating_div(d)` (equal to `checked_div` for `d ≥ 1`): `⌊2^64 / d⌋` on the raw bits,
/// with one u64 division (`⌊(2^64 − 1) / d⌋`, plus 1 when d divides 2^64) for `d ≥ 1`; the
/// crate's division otherwise.
#[inline]
pub fn one_over(d: I32F32) -> I32F32 {
    let bits = d.to_bits();
    if bits < 1 << 32 {
        return ONE.saturating_div(d);
    }
    let d = bits as u64;
    let q = u64::MAX / d + u64::from(u64::MAX % d == d - 1);
    I32F32::from_bits(q as i64)
}

/// A proportion given as a u16 fraction of 65535 (`kappa`, `bonds_penalty`, alpha low/high).
#[inline]
pub fn u16_fraction(v: u16) -> I32F32 {
    to_prop(v)
}

/// The EMA rate `1 − BondsMovingAverage / 1 000 000` (spec §4.10a, §7 step 6): the quotient in
/// I64F64, floored to I32F32, subtracted from 1.
pub fn ema_rate(bonds_moving_average: u64) -> I32F32 {
    let bma = I64F64::saturating_from_num(bonds_moving_average)
        .safe_div(I64F64::saturating_from_num(1_000_000u64));
    ONE.saturating_sub(fixed64_to_fixed32(bma))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_have_their_values() {
        assert_eq!(ONE, I32F32::from_num(1));
        assert_eq!(HALF + HALF, ONE);
        assert_eq!(ZERO, I32F32::from_num(0));
    }

    #[test]
    fn safe_div_by_zero_and_overflow_is_zero() {
        // 1 / 0 -> 0
        assert_eq!(ONE.safe_div(ZERO), ZERO);
        // MAX / tiny overflows -> 0
        assert_eq!(I32F32::max_value().safe_div(I32F32::from_bits(1)), ZERO);
        // 1 / 3 truncates: bits = floor(2^32 / 3)
        assert_eq!(
            ONE.safe_div(I32F32::from_num(3)).to_bits(),
            (1i64 << 32) / 3
        );
    }

    #[test]
    fn u16_to_fixed_is_the_crates_conversion() {
        for v in 0..=u16::MAX {
            assert_eq!(u16_to_fixed(v), I32F32::from_num(v));
        }
    }

    #[test]
    fn proportions_round_trip_with_floor() {
        // 65535 -> exactly 1 -> 65535
        assert_eq!(to_prop(65535), ONE);
        assert_eq!(prop_to_u16(ONE), 65535);
        // 32767 / 65535 truncated, times 65535 floored: loses one unit
        assert_eq!(prop_to_u16(to_prop(32767)), 32766);
        // 0 stays 0; negative saturates to 0; above 1 saturates to 65535
        assert_eq!(prop_to_u16(ZERO), 0);
        assert_eq!(prop_to_u16(-ONE), 0);
        assert_eq!(prop_to_u16(I32F32::from_num(2)), 65535);
        // to_prop(1) = floor(2^32 / 65535) bits
        assert_eq!(to_prop(1).to_bits(), (1i64 << 32) / 65535);
    }

    #[test]
    fn to_prop_matches_the_crate_division_for_every_u16() {
        for v in 0..=u16::MAX {
            assert_eq!(
                to_prop(v),
                u16_to_fixed(v).safe_div(u16_to_fixed(u16::MAX)),
                "{v}"
            );
        }
    }

    #[test]
    fn prop_to_u16_matches_the_crate_conversion() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for k in 0..200_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let bits = match k % 4 {
                0 => (x >> 30) as i64,    // around [0, 1]
                1 => x as i64,            // anything
                2 => -((x >> 33) as i64), // negative
                _ => [0, 1, -1, 1 << 32, (1 << 32) - 1, i64::MAX, i64::MIN][(x % 7) as usize],
            };
            let v = I32F32::from_bits(bits);
            let want = v
                .saturating_mul(u16_to_fixed(u16::MAX))
                .saturating_to_num::<u16>();
            assert_eq!(prop_to_u16(v), want, "{bits}");
        }
    }

    #[test]
    fn int_to_fixed_saturates_like_a_running_sum() {
        for x in [0u64, 1, 65_535, (1 << 31) - 1, 1 << 31, u64::MAX] {
            let mut sum = ZERO;
            let mut left = x;
            while left > 0 {
                let step = left.min(1 << 30);
                sum = sum.saturating_add(I32F32::saturating_from_num(step));
                left -= step;
                if sum == I32F32::max_value() {
                    break;
                }
            }
            assert_eq!(int_to_fixed(x), sum, "{x}");
        }
    }

    #[test]
    fn total_stake_matches_the_crate() {
        let want = |a: u64, t: u64, tw: I64F64| {
            I64F64::saturating_from_num(a)
                .saturating_add(I64F64::saturating_from_num(t).saturating_mul(tw))
        };
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for k in 0..50_000u64 {
            let (a, t) = (next() >> (k % 64), next() >> ((k / 3) % 64));
            let tw = match k % 5 {
                0 => I64F64::from_bits(i128::from(next())), // [0, 1)
                1 => I64F64::from_num(1),
                2 => I64F64::from_bits(i128::from(next()) << 1), // up to 2
                3 => I64F64::from_bits(-i128::from(next())),     // negative
                _ => {
                    let tao_weight = next();
                    I64F64::saturating_from_num(
                        U96F32::saturating_from_num(tao_weight)
                            .safe_div(U96F32::saturating_from_num(u64::MAX)),
                    )
                }
            };
            assert_eq!(total_stake(a, t, tw), want(a, t, tw), "{a} {t} {tw:?}");
        }
        assert_eq!(
            total_stake(u64::MAX, u64::MAX, I64F64::from_num(1)),
            want(u64::MAX, u64::MAX, I64F64::from_num(1))
        );
    }

    #[test]
    fn fixed64_to_fixed32_floors() {
        // 1/3 in I64F64 keeps the top 32 fractional bits
        let third = I64F64::from_num(1).safe_div(I64F64::from_num(3));
        assert_eq!(fixed64_to_fixed32(third).to_bits(), (1i64 << 32) / 3);
        assert_eq!(
            fixed64_to_u64(I64F64::from_num(7).safe_div(I64F64::from_num(2))),
            3
        );
        assert_eq!(fixed64_to_u64(-I64F64::from_num(1)), 0);
    }

    #[test]
    fn ema_rate_of_defaults() {
        // 900 000 ppm -> alpha = 1 - floor32(0.9)
        let bma = I64F64::from_num(9).safe_div(I64F64::from_num(10));
        assert_eq!(ema_rate(900_000), ONE - fixed64_to_fixed32(bma));
        assert_eq!(ema_rate(0), ONE);
        assert_eq!(ema_rate(1_000_000), ZERO);
    }

    #[test]
    fn exp_safe_of_negatives_matches_the_crate() {
        // the crate's exp on every clamped input: below zero it is 1 / exp(−x) by a 128-bit
        // division, which exp_safe replaces by one_over
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut inputs: Vec<i64> = vec![-1 << 32, -(1 << 32) - 1, -(1 << 32) + 1, -1, -20 << 32];
        for _ in 0..if cfg!(debug_assertions) {
            2_000
        } else {
            50_000
        } {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            inputs.push(-((x % (20u64 << 32)) as i64));
        }
        for bits in inputs {
            let v = I32F32::from_bits(bits);
            let want = substrate_fixed::transcendental::exp::<I32F32, I32F32>(v).unwrap_or(ZERO);
            assert_eq!(exp_safe(v), want, "exp({bits})");
        }
    }

    #[test]
    fn one_over_matches_the_crate() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut ds: Vec<i64> = vec![
            1 << 32,
            (1 << 32) + 1,
            1 << 33,
            3 << 32,
            i64::MAX,
            1 << 62,
            1,
            7,
            -5,
        ];
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            ds.push((x >> (x % 31)) as i64);
        }
        for d in ds.into_iter().filter(|d| *d != 0) {
            let d = I32F32::from_bits(d);
            assert_eq!(one_over(d), ONE.saturating_div(d), "1 / {d:?}");
        }
    }

    #[test]
    fn exp_safe_clamps_and_handles_zero() {
        assert_eq!(exp_safe(ZERO), ONE);
        // clamped inputs give the same value as the bound
        assert_eq!(
            exp_safe(I32F32::from_num(-50)),
            exp_safe(I32F32::from_num(-20))
        );
        assert_eq!(
            exp_safe(I32F32::from_num(50)),
            exp_safe(I32F32::from_num(20))
        );
        // exp(1) is the crate's constant e; exp(2) ~ 7.389
        let e2 = exp_safe(I32F32::from_num(2));
        assert!(
            e2 > I32F32::from_num(7) + ONE * 38 / 100 && e2 < I32F32::from_num(7) + ONE * 40 / 100
        );
        // at the clamp bound the truncated series gives ~4.81e8 (e^20 ~ 4.85e8), and its
        // reciprocal below zero
        let e20 = exp_safe(I32F32::from_num(20));
        assert!(e20 > I32F32::from_num(480_000_000) && e20 < I32F32::from_num(486_000_000));
        assert_eq!(exp_safe(I32F32::from_num(-20)), ONE / e20);
    }
}
