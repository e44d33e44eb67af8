//! Vector helpers of spec-epoch §1.4: sums, normalisation, top-k permits, element-wise products.

use super::fast::Divisor;
use super::fixed::{SafeDiv, I32F32, I64F64, ZERO};

/// Σ v, folded from 0 with saturating adds (identical to a plain sum while nothing overflows,
/// which the epoch's values never do).
#[inline]
pub fn sum(v: &[I32F32]) -> I32F32 {
    v.iter().fold(ZERO, |acc, x| acc.saturating_add(*x))
}

/// `normalize`: divide every element by Σ v (safe_div); unchanged when the sum is 0.
pub fn normalize(v: &mut [I32F32]) {
    let s = sum(v);
    normalize_with_sum(v, s);
}

/// `normalize_with_sum`: divide every element by `s` (safe_div); unchanged when `s` is 0.
pub fn normalize_with_sum(v: &mut [I32F32], s: I32F32) {
    if s == ZERO {
        return;
    }
    let d = Divisor::new(s);
    for x in v.iter_mut() {
        *x = d.div(*x);
    }
}

/// `normalize` for I64F64 stakes; the sum is checked, `None` when it overflows (a broken
/// precondition of spec §12.1, reported as an error by the caller).
pub fn normalize_64(v: &mut [I64F64]) -> Option<()> {
    let mut s = I64F64::from_num(0);
    for x in v.iter() {
        s = s.checked_add(*x)?;
    }
    if s == I64F64::from_num(0) {
        return Some(());
    }
    for x in v.iter_mut() {
        *x = x.safe_div(s);
    }
    Some(())
}

/// `normalize_64` then `fixed64_to_fixed32` (the stake of §4.3): `None` when the sum
/// overflows. Every element is divided by the same sum, and the floored I32F32 of the floored
/// I64F64 quotient is `⌊x · 2^32 / s⌋` on the raw bits; for non-negative values that is
/// computed from the sum's top 64 bits and corrected exactly, instead of one 256-bit division
/// per element.
pub fn normalize_64_to_32(v: &[I64F64]) -> Option<Vec<I32F32>> {
    let mut s = I64F64::from_num(0);
    for x in v.iter() {
        s = s.checked_add(*x)?;
    }
    let sb = s.to_bits();
    if sb <= 0 || v.iter().any(|x| x.to_bits() < 0) {
        let mut v = v.to_vec();
        normalize_64(&mut v)?;
        return Some(v.into_iter().map(I32F32::saturating_from_num).collect());
    }
    let s = sb as u128;
    Some(
        v.iter()
            .map(|x| I32F32::from_bits(quotient_2_32(x.to_bits() as u128, s) as i64))
            .collect(),
    )
}

/// `⌊x · 2^32 / s⌋` for `0 ≤ x ≤ s < 2^127`, `s > 0` (at most 2^32).
#[inline]
fn quotient_2_32(x: u128, s: u128) -> u64 {
    if s < 1 << 96 {
        return ((x << 32) / s) as u64;
    }
    // An estimate from the top 64 bits of s (at least 2^63) and the same bits of x, off by at
    // most one either way, then the exact comparison `c · s ≤ x · 2^32` settles it.
    let k = 64 - s.leading_zeros();
    let (s_hi, x_hi) = ((s >> k) as u64, (x >> k) as u64);
    let mut q = ((u128::from(x_hi) << 32) / u128::from(s_hi)) as u64;
    // c · s ≤ x · 2^32, both as 192-bit (high u128, low u64) pairs.
    let fits = |c: u64| {
        let p0 = u128::from(c) * (s as u64 as u128);
        let p1 = u128::from(c) * (s >> 64);
        let a = (p1 + (p0 >> 64), p0 as u64);
        let b = (x >> 32, ((x as u64) & 0xffff_ffff) << 32);
        a <= b
    };
    while q > 0 && !fits(q) {
        q -= 1;
    }
    while fits(q + 1) {
        q += 1;
    }
    q
}

/// `is_topk_nonzero`: true for non-zero values among the `k` largest. Ties keep the higher
/// index: indices are stably sorted by value ascending and the first `n − k` are cleared.
pub fn is_topk_nonzero(v: &[I32F32], k: usize) -> Vec<bool> {
    let n = v.len();
    let mut out: Vec<bool> = v.iter().map(|x| *x != ZERO).collect();
    if n < k {
        return out;
    }
    if n == k {
        return out;
    }
    // The n − k smallest in (value, index) order, which is the stable sort's order. Values in
    // [0, 2^47) (stakes are proportions) and indices below 2^16 pack into distinct u64 keys,
    // so a selection finds them in O(n); anything else takes the stable sort.
    if n <= 1 << 16 && v.iter().all(|x| (0..1i64 << 47).contains(&x.to_bits())) {
        let mut keys: Vec<u64> = v
            .iter()
            .enumerate()
            .map(|(i, x)| ((x.to_bits() as u64) << 16) | i as u64)
            .collect();
        keys.select_nth_unstable(n - k - 1);
        for key in &keys[..n - k] {
            out[(key & 0xffff) as usize] = false;
        }
        return out;
    }
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by_key(|&i| v[i]); // stable
    for &i in idx.iter().take(n - k) {
        out[i] = false;
    }
    out
}

/// `vec_mul`: element-wise `checked_mul`, 0 on overflow.
pub fn vec_mul(a: &[I32F32], b: &[I32F32]) -> Vec<I32F32> {
    a.iter()
        .zip(b.iter())
        .map(|(x, y)| x.checked_mul(*y).unwrap_or_default())
        .collect()
}

/// Zero every element whose mask bit is true.
pub fn mask(v: &mut [I32F32], mask: &[bool]) {
    for (x, m) in v.iter_mut().zip(mask.iter()) {
        if *m {
            *x = ZERO;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::fixed::ONE;

    fn f(n: i64) -> I32F32 {
        I32F32::from_num(n)
    }

    #[test]
    fn normalize_divides_by_the_sum() {
        // [1, 3] -> [1/4, 3/4]
        let mut v = vec![f(1), f(3)];
        normalize(&mut v);
        assert_eq!(v, vec![ONE / 4, ONE * 3 / 4]);
        // [1, 1, 1] -> thirds, truncated
        let mut v = vec![f(1); 3];
        normalize(&mut v);
        assert_eq!(v[0].to_bits(), (1i64 << 32) / 3);
    }

    #[test]
    fn normalize_of_zero_sum_is_unchanged() {
        let mut v = vec![ZERO, ZERO];
        normalize(&mut v);
        assert_eq!(v, vec![ZERO, ZERO]);
        let mut v = vec![f(2)];
        normalize_with_sum(&mut v, ZERO);
        assert_eq!(v, vec![f(2)]);
    }

    #[test]
    fn normalize_with_sum_uses_the_given_sum() {
        let mut v = vec![f(1), f(1)];
        normalize_with_sum(&mut v, f(4));
        assert_eq!(v, vec![ONE / 4, ONE / 4]);
    }

    #[test]
    fn normalize_64_checks_overflow() {
        let mut v = vec![I64F64::from_num(1), I64F64::from_num(3)];
        assert_eq!(normalize_64(&mut v), Some(()));
        assert_eq!(v[1], I64F64::from_num(3) / 4);
        let mut big = vec![I64F64::max_value(), I64F64::max_value()];
        assert_eq!(normalize_64(&mut big), None);
    }

    #[test]
    fn normalize_64_to_32_matches_the_crate() {
        let reference = |v: &[I64F64]| {
            let mut v = v.to_vec();
            normalize_64(&mut v)?;
            Some(
                v.into_iter()
                    .map(I32F32::saturating_from_num)
                    .collect::<Vec<I32F32>>(),
            )
        };
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for case in 0..3_000u32 {
            let len = 1 + (case % 40) as usize;
            let shift = case % 60; // stakes from a few rao to 2^60 rao
            let v: Vec<I64F64> = (0..len)
                .map(|_| {
                    let r = next();
                    let int = if r % 7 == 0 { 0 } else { r >> (4 + shift) };
                    I64F64::from_bits((i128::from(int) << 64) | i128::from(next() >> (r % 64)))
                })
                .collect();
            assert_eq!(normalize_64_to_32(&v), reference(&v), "{v:?}");
        }
        // zero sum, a negative value, an overflowing sum
        let zero = vec![I64F64::from_num(0); 3];
        assert_eq!(normalize_64_to_32(&zero), reference(&zero));
        let neg = vec![I64F64::from_num(-1), I64F64::from_num(3)];
        assert_eq!(normalize_64_to_32(&neg), reference(&neg));
        assert_eq!(normalize_64_to_32(&[I64F64::max_value(); 2]), None);
        // one holder of everything: exactly 1
        let one = vec![I64F64::from_num(0), I64F64::from_num(1u64 << 62)];
        assert_eq!(normalize_64_to_32(&one), Some(vec![ZERO, ONE]));
    }

    #[test]
    fn topk_keeps_largest_and_higher_uid_on_ties() {
        // k = 2 of [3, 1, 2] -> uids 0 and 2
        assert_eq!(
            is_topk_nonzero(&[f(3), f(1), f(2)], 2),
            vec![true, false, true]
        );
        // ties: [1, 1, 1] k = 1 -> the highest uid wins
        assert_eq!(is_topk_nonzero(&[f(1); 3], 1), vec![false, false, true]);
        // zeros never hold a permit, even when n < k
        assert_eq!(is_topk_nonzero(&[f(1), ZERO], 5), vec![true, false]);
        // k = 0 clears everything
        assert_eq!(is_topk_nonzero(&[f(1), f(2)], 0), vec![false, false]);
    }

    #[test]
    fn topk_selection_matches_the_stable_sort() {
        // many ties and zeros; the selection path against the plain stable sort
        let stable = |v: &[I32F32], k: usize| {
            let mut out: Vec<bool> = v.iter().map(|x| *x != ZERO).collect();
            if v.len() >= k {
                let mut idx: Vec<usize> = (0..v.len()).collect();
                idx.sort_by_key(|&i| v[i]);
                for &i in idx.iter().take(v.len() - k) {
                    out[i] = false;
                }
            }
            out
        };
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for case in 0..500usize {
            let n = case % 70;
            let v: Vec<I32F32> = (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    I32F32::from_bits(((x >> 40) % 5) as i64 * (1 << 30))
                })
                .collect();
            for k in [0, 1, n / 3, n.saturating_sub(1), n, n + 1] {
                assert_eq!(is_topk_nonzero(&v, k), stable(&v, k), "{v:?} {k}");
            }
        }
        // a negative value takes the stable sort
        let v = vec![f(-1), f(2), f(2)];
        assert_eq!(is_topk_nonzero(&v, 1), stable(&v, 1));
    }

    #[test]
    fn vec_mul_overflow_gives_zero() {
        assert_eq!(
            vec_mul(&[f(2), I32F32::max_value()], &[f(3), f(2)]),
            vec![f(6), ZERO]
        );
    }

    #[test]
    fn mask_zeroes_flagged_elements() {
        let mut v = vec![f(1), f(2), f(3)];
        mask(&mut v, &[false, true, false]);
        assert_eq!(v, vec![f(1), ZERO, f(3)]);
    }
}
