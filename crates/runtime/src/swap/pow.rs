//! `pow_ratio_scaled(bn, bd, en, ed, precision, scale) ≈ floor((bn/bd)^(en/ed) · scale)`, the
//! one exponentiation primitive of the balancer (spec-staking-swap §1.3.1).
//!
//! Consensus needs the last rao of subtensor's result, so this follows the algorithm of the
//! `safe-bigmath` crate (rev `013c4998`) step by step, written anew on `num-bigint`
//! (arbitrary-precision integers, the same representation that crate uses; a fixed-width
//! U256 would overflow in the exact path, where `bn^en` has up to 1024·128 bits):
//!
//! * exponent reduced by its gcd; if both parts are ≤ 1024 the **exact path** returns the
//!   largest `r` with `r^ed · bd^en ≤ bn^en · scale^ed` (binary search after doubling);
//! * otherwise the **series path** works in binary fixed point with
//!   `P = max(precision, 32, bits(scale) + 8)` fractional bits plus 24 guard bits:
//!   `ln bn − ln bd` (each a mantissa in [0.5, 1.5)·2^k through the `ln(1+t)` series plus
//!   `k·ln 2`, `ln 2 = −ln(1 − ½)`), times `en`, floor-divided by `ed`, the `exp` series,
//!   the guard bits rounded half away from zero, times `scale`, floor-divided by `2^P`.
//!   Series stop when a term is below the guard unit, when the rounded sum stops changing,
//!   or after `min(4096, P + 24 + 128)` terms.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// Exponent parts up to this size use the exact root search.
const MAX_EXACT_EXPONENT: u32 = 1_024;
/// Cap on series terms.
const DEFAULT_MAX_ITERS: usize = 4_096;
/// Guard bits of the series path.
const GUARD_BITS: u32 = 24;

/// `floor((bn/bd)^(en/ed) · scale)` as subtensor computes it; `None` when `bd` or `ed` is 0.
pub fn pow_ratio_scaled(
    bn: &BigUint,
    bd: &BigUint,
    en: &BigUint,
    ed: &BigUint,
    precision: u32,
    scale: &BigUint,
) -> Option<BigUint> {
    if bd.is_zero() || ed.is_zero() {
        return None;
    }
    if bn.is_zero() {
        return Some(BigUint::zero());
    }
    if en.is_zero() {
        return Some(scale.clone());
    }
    let g = en.gcd(ed);
    let (en, ed) = (en / &g, ed / &g);
    let scale_bits = u32::try_from(scale.bits()).unwrap_or(u32::MAX);
    if en.bits() <= 32 && ed.bits() <= 32 {
        let (n, d) = (en.to_u32()?, ed.to_u32()?);
        if n <= MAX_EXACT_EXPONENT && d <= MAX_EXACT_EXPONENT {
            let target_num = bn.pow(n) * scale.pow(d);
            let target_den = bd.pow(n);
            return Some(nth_root_ratio_floor(&target_num, &target_den, d));
        }
    }
    let requested = precision.max(32).max(scale_bits.saturating_add(8));
    let internal = requested.saturating_add(GUARD_BITS);
    let max_iters = DEFAULT_MAX_ITERS.min(internal as usize + 128).max(1);
    let target_scale = BigInt::one() << requested;
    let guard = BigInt::one() << GUARD_BITS;
    let internal_scale_u = BigUint::one() << internal;
    let internal_scale = BigInt::from_biguint(Sign::Plus, internal_scale_u.clone());
    let ln_two = -ln1p(
        &(-(&internal_scale >> 1usize)),
        &internal_scale,
        &guard,
        max_iters,
    );
    let ln_num = ln(
        bn,
        internal,
        &internal_scale_u,
        &internal_scale,
        &guard,
        &ln_two,
        max_iters,
    );
    let ln_den = ln(
        bd,
        internal,
        &internal_scale_u,
        &internal_scale,
        &guard,
        &ln_two,
        max_iters,
    );
    let ln_scaled = ((ln_num - ln_den) * BigInt::from_biguint(Sign::Plus, en))
        .div_floor(&BigInt::from_biguint(Sign::Plus, ed));
    let e = exp(&ln_scaled, &internal_scale, &guard, max_iters);
    let rounded = round_guard(&e, &guard);
    let result =
        (rounded * BigInt::from_biguint(Sign::Plus, scale.clone())).div_floor(&target_scale);
    // The result of a positive base is never negative; a negative value cannot occur.
    result.to_biguint()
}

/// The largest `r` with `r^q · den ≤ num`.
fn nth_root_ratio_floor(num: &BigUint, den: &BigUint, q: u32) -> BigUint {
    if q == 0 {
        return BigUint::zero();
    }
    let mut low = BigUint::zero();
    let mut high = BigUint::one();
    while high.pow(q) * den <= *num {
        high <<= 1;
    }
    while low < high {
        let mid: BigUint = (&low + &high + 1u32) >> 1;
        if mid.pow(q) * den <= *num {
            low = mid;
        } else {
            high = mid - 1u32;
        }
    }
    low
}

/// Rounds away the guard bits, half away from zero.
fn round_guard(v: &BigInt, guard: &BigInt) -> BigInt {
    let (mut q, r) = v.div_rem(guard);
    if !r.is_zero() && (r.abs() << 1usize) >= guard.abs() {
        q += r.signum();
    }
    q
}

/// `ln(1 + x)` in fixed point (`x` scaled by `scale`), Taylor series.
fn ln1p(x: &BigInt, scale: &BigInt, guard: &BigInt, max_iters: usize) -> BigInt {
    let mut term = x.clone();
    let mut result = term.clone();
    let mut prev = round_guard(&result, guard);
    for n in 2..=max_iters {
        term = (&term * x).div_floor(scale);
        if term.is_zero() {
            break;
        }
        let next = term.div_floor(&BigInt::from(n as u32));
        if next.is_zero() {
            break;
        }
        if n % 2 == 0 {
            result -= &next;
        } else {
            result += &next;
        }
        let rounded = round_guard(&result, guard);
        if next.abs() < guard.abs() || rounded == prev {
            break;
        }
        prev = rounded;
    }
    result
}

/// `exp(x)` in fixed point, Taylor series.
fn exp(x: &BigInt, scale: &BigInt, guard: &BigInt, max_iters: usize) -> BigInt {
    let mut term = scale.clone();
    let mut result = term.clone();
    let mut prev = round_guard(&result, guard);
    for n in 1..=max_iters {
        term = (&term * x).div_floor(&(scale * BigInt::from(n as u32)));
        if term.is_zero() {
            break;
        }
        result += &term;
        let rounded = round_guard(&result, guard);
        if term.abs() < guard.abs() || rounded == prev {
            break;
        }
        prev = rounded;
    }
    result
}

/// `ln(v)` for an integer `v > 0`: mantissa in [0.5, 1.5) times `2^shift`.
fn ln(
    v: &BigUint,
    precision: u32,
    scale_u: &BigUint,
    scale: &BigInt,
    guard: &BigInt,
    ln_two: &BigInt,
    max_iters: usize,
) -> BigInt {
    if v.is_zero() {
        return BigInt::zero();
    }
    let mut shift = v.bits().saturating_sub(1);
    let mut mantissa = v.clone() << precision as usize;
    mantissa >>= shift as usize;
    let limit = scale_u + (scale_u >> 1usize);
    if mantissa >= limit {
        mantissa >>= 1usize;
        shift = shift.saturating_add(1);
    }
    let m = BigInt::from_biguint(Sign::Plus, mantissa);
    ln1p(&(m - scale), scale, guard, max_iters) + ln_two * BigInt::from(shift)
}

/// `pow_ratio_scaled` over machine integers.
pub fn pow_ratio_scaled_u128(
    bn: u128,
    bd: u128,
    en: u128,
    ed: u128,
    precision: u32,
    scale: u128,
) -> Option<BigUint> {
    pow_ratio_scaled(
        &BigUint::from(bn),
        &BigUint::from(bd),
        &BigUint::from(en),
        &BigUint::from(ed),
        precision,
        &BigUint::from(scale),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(bn: u128, bd: u128, en: u128, ed: u128, prec: u32, scale: u128) -> u128 {
        pow_ratio_scaled_u128(bn, bd, en, ed, prec, scale)
            .and_then(|r| r.to_u128())
            .unwrap()
    }

    #[test]
    fn doc_example_two_thirds_sqrt() {
        // sqrt(2/3)·1000 = 816.49… → 816 (exact path).
        assert_eq!(p(2, 3, 1, 2, 0, 1_000), 816);
    }

    #[test]
    fn edge_cases() {
        assert!(pow_ratio_scaled_u128(1, 0, 1, 1, 0, 1).is_none());
        assert!(pow_ratio_scaled_u128(1, 1, 1, 0, 0, 1).is_none());
        assert_eq!(p(0, 5, 1, 2, 0, 1_000), 0);
        assert_eq!(p(7, 5, 0, 2, 0, 1_000), 1_000);
    }

    #[test]
    fn exact_path_equal_weights_is_a_floored_ratio() {
        // w1 = w2 = 0.5 → exponent 1/1: floor(bn·scale/bd).
        let s = 1_000_000_000_000_000_000u128;
        assert_eq!(
            p(100_000, 100_100, 5 * s / 10, 5 * s / 10, 256, s),
            999_000_999_000_999_000
        );
    }

    #[test]
    fn spec_balancer_vector() {
        // (21e15/28e15)^(0.6/0.4)·10^18 = 0.75^1.5 = 0.649519052838329… (exponent 3/2, exact).
        let s = 1_000_000_000_000_000_000u128;
        assert_eq!(
            p(
                21_000_000_000_000_000,
                28_000_000_000_000_000,
                6 * s / 10,
                4 * s / 10,
                256,
                s
            ),
            649_519_052_838_328_985
        );
    }

    #[test]
    fn series_path_reference_vectors() {
        // Conformance vectors of the reference crate (safe-bigmath's own tests): weights that
        // do not reduce below 1024 run the series path and must give these exact integers.
        let s = 1_000_000_000_000_000_000u128;
        let (x, d) = (21_000_000_000_000_000u128, 21_000_000_000_000_100u128);
        for (w1, w2) in [
            (500_000_000_000_000_000, 500_000_000_000_000_000),
            (499_999_999_999_500_000, 500_000_000_000_500_000),
            (500_000_000_000_250_000, 499_999_999_999_750_000),
        ] {
            assert_eq!(p(x, d, w1, w2, 256, s), 999_999_999_999_995_238);
        }
        assert_eq!(
            p(
                x,
                x + 1,
                499_999_999_500_000_000,
                500_000_000_500_000_000,
                256,
                s
            ),
            999_999_999_999_999_952
        );
    }

    #[test]
    fn series_path_matches_exact_value_closely() {
        // 2^0.75 = 1.681792830507429…; exponent 750000000000000001/10^18 is not reducible
        // below 1024, so the series path runs; the tiny exponent change moves the 18th digit
        // by less than 1.
        let s = 1_000_000_000_000_000_000u128;
        let r = p(2, 1, 750_000_000_000_000_001, s, 1024, s);
        assert!(
            (1_681_792_830_507_429_000..=1_681_792_830_507_429_100).contains(&r),
            "{r}"
        );
        // And the exact path for 3/4.
        assert_eq!(p(2, 1, 3, 4, 1024, s), 1_681_792_830_507_429_086);
    }
}
