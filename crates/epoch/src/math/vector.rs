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

/// `is_topk_nonzero`: true for non-zero values among the `k` largest. Ties keep the higher
/// index: indices are stably sorted by value ascending and the first `n − k` are cleared.
pub fn is_topk_nonzero(v: &[I32F32], k: usize) -> Vec<bool> {
    let n = v.len();
    let mut out: Vec<bool> = v.iter().map(|x| *x != ZERO).collect();
    if n < k {
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
