//! The dense core's per-column loops, written so that the compiler vectorises them: 64-bit
//! lanes, no branches, products by [`mul_unit_lanes`] (exactly [`crate::math::fast::mul_unit`]).
//!
//! Each loop is one `#[inline(always)]` body compiled twice: for the baseline target and, on
//! x86-64, with AVX2 enabled, chosen at run time. Both are the same integer operations in the
//! same order (the vectorised one only evaluates several rows at once, and wrapping integer
//! sums do not depend on their grouping), so they return the same bits; the tests compare
//! them anyway.

use crate::math::fast::mul_unit_lanes;

/// How the bonds-weight of §4.10b (`w + penalty · (clipped − w)`) simplifies.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Penalty {
    /// penalty = 1: the clipped weight.
    One,
    /// penalty = 0: the weight.
    Zero,
}

/// One column of §4.7–§4.10b once its consensus `c` is known, for every row `k`: the clipped
/// weight `v = min(w_k, c)` is added to `trust[k]` and, times the row's stake, to the rank; the
/// EMA `a · wb + (1 − a) · e_k` (wb the bonds-weight) replaces `e_k` and is added to the column
/// sum. Returns (rank, column sum). Every operand lies in `[0, 1]` (raw bits ≤ 2^32) and at
/// most 2^16 of them are added, so no sum can wrap.
#[allow(clippy::too_many_arguments)]
pub(super) fn ema_column(
    penalty: Penalty,
    w: &[i64],
    stake: &[i64],
    e: &mut [i64],
    trust: &mut [i64],
    c: i64,
    a: u64,
    one_minus_a: u64,
) -> (i64, i64) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2 (checked just above), the only requirement of a
        // `target_feature` function; the body is safe code.
        return unsafe { ema_column_avx2(penalty, w, stake, e, trust, c, a, one_minus_a) };
    }
    ema_column_portable(penalty, w, stake, e, trust, c, a, one_minus_a)
}

/// [`ema_column`] for the baseline target.
#[allow(clippy::too_many_arguments)]
pub(super) fn ema_column_portable(
    penalty: Penalty,
    w: &[i64],
    stake: &[i64],
    e: &mut [i64],
    trust: &mut [i64],
    c: i64,
    a: u64,
    one_minus_a: u64,
) -> (i64, i64) {
    match penalty {
        Penalty::One => ema_body::<true>(w, stake, e, trust, c, a, one_minus_a),
        Penalty::Zero => ema_body::<false>(w, stake, e, trust, c, a, one_minus_a),
    }
}

/// [`ema_column`] with AVX2 enabled.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[allow(clippy::too_many_arguments)]
pub(super) fn ema_column_avx2(
    penalty: Penalty,
    w: &[i64],
    stake: &[i64],
    e: &mut [i64],
    trust: &mut [i64],
    c: i64,
    a: u64,
    one_minus_a: u64,
) -> (i64, i64) {
    match penalty {
        Penalty::One => ema_body::<true>(w, stake, e, trust, c, a, one_minus_a),
        Penalty::Zero => ema_body::<false>(w, stake, e, trust, c, a, one_minus_a),
    }
}

#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn ema_body<const CLIPPED: bool>(
    w: &[i64],
    stake: &[i64],
    e: &mut [i64],
    trust: &mut [i64],
    c: i64,
    a: u64,
    one_minus_a: u64,
) -> (i64, i64) {
    let len = w.len().min(stake.len()).min(e.len()).min(trust.len());
    let (w, stake, e, trust) = (&w[..len], &stake[..len], &mut e[..len], &mut trust[..len]);
    let (mut rank, mut cs) = (0u64, 0u64);
    for k in 0..len {
        let v = w[k].min(c);
        trust[k] = trust[k].wrapping_add(v);
        rank = rank.wrapping_add(mul_unit_lanes(stake[k] as u64, v as u64));
        let wb = if CLIPPED { v } else { w[k] } as u64;
        let x = mul_unit_lanes(a, wb).wrapping_add(mul_unit_lanes(one_minus_a, e[k] as u64));
        e[k] = x as i64;
        cs = cs.wrapping_add(x);
    }
    (rank as i64, cs as i64)
}

/// The smallest and largest value of a column (`(0, 0)` when empty).
pub(super) fn min_max(x: &[i64]) -> (i64, i64) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2 (checked just above); the body is safe code.
        return unsafe { min_max_avx2(x) };
    }
    min_max_body(x)
}

/// [`min_max`] with AVX2 enabled.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
pub(super) fn min_max_avx2(x: &[i64]) -> (i64, i64) {
    min_max_body(x)
}

/// [`min_max`] for the baseline target.
#[inline(always)]
pub(super) fn min_max_body(x: &[i64]) -> (i64, i64) {
    if x.is_empty() {
        return (0, 0);
    }
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    for &v in x {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::fast::mul_unit;
    use proptest::prelude::*;

    /// A value in the unit interval, often an edge (0, 1, 1 − ε).
    fn unit() -> impl Strategy<Value = i64> {
        prop_oneof![
            Just(0i64),
            Just(1i64 << 32),
            Just((1i64 << 32) - 1),
            0..=1i64 << 32,
        ]
    }

    /// The loop as first written: one row at a time with the 128-bit [`mul_unit`].
    fn ema_reference(
        penalty: Penalty,
        w: &[i64],
        stake: &[i64],
        e: &mut [i64],
        trust: &mut [i64],
        (c, a, one_minus_a): (i64, i64, i64),
    ) -> (i64, i64) {
        let (mut rank, mut cs) = (0i64, 0i64);
        for k in 0..w.len() {
            let v = w[k].min(c);
            trust[k] += v;
            rank += mul_unit(stake[k], v);
            let wb = if penalty == Penalty::One { v } else { w[k] };
            e[k] = mul_unit(a, wb) + mul_unit(one_minus_a, e[k]);
            cs += e[k];
        }
        (rank, cs)
    }

    proptest! {
        #[test]
        fn ema_column_matches_the_row_by_row_loop(
            rows in proptest::collection::vec((unit(), unit(), unit(), 0..1i64 << 40), 0..70),
            c in unit(),
            a in unit(),
            one in any::<bool>(),
        ) {
            let penalty = if one { Penalty::One } else { Penalty::Zero };
            let w: Vec<i64> = rows.iter().map(|x| x.0).collect();
            let stake: Vec<i64> = rows.iter().map(|x| x.1).collect();
            let e0: Vec<i64> = rows.iter().map(|x| x.2).collect();
            let t0: Vec<i64> = rows.iter().map(|x| x.3).collect();
            let (mut e, mut t) = (e0.clone(), t0.clone());
            let want = ema_reference(penalty, &w, &stake, &mut e, &mut t, (c, a, (1 << 32) - a));
            let (mut e1, mut t1) = (e0.clone(), t0.clone());
            let got = ema_column_portable(
                penalty, &w, &stake, &mut e1, &mut t1, c, a as u64, ((1i64 << 32) - a) as u64,
            );
            prop_assert_eq!((got, &e1, &t1), (want, &e, &t));
            let (mut e2, mut t2) = (e0, t0);
            let got = ema_column(
                penalty, &w, &stake, &mut e2, &mut t2, c, a as u64, ((1i64 << 32) - a) as u64,
            );
            prop_assert_eq!((got, &e2, &t2), (want, &e, &t));
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                let (mut e3, mut t3) = (e1.clone(), t1.clone());
                let (mut e4, mut t4) = (e1, t1);
                // SAFETY: AVX2 is present (checked just above).
                let x = unsafe {
                    ema_column_avx2(penalty, &w, &stake, &mut e3, &mut t3, c, a as u64, 7)
                };
                let y = ema_column_portable(penalty, &w, &stake, &mut e4, &mut t4, c, a as u64, 7);
                prop_assert_eq!((x, e3, t3), (y, e4, t4));
            }
        }

        #[test]
        fn min_max_matches_the_iterator(x in proptest::collection::vec(any::<i64>(), 0..70)) {
            let want = (
                x.iter().copied().min().unwrap_or(0),
                x.iter().copied().max().unwrap_or(0),
            );
            prop_assert_eq!(min_max(&x), want);
            prop_assert_eq!(min_max_body(&x), want);
        }
    }
}
