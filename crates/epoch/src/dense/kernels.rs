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

/// One row of §4.7–§4.10b once the consensus `c_j` of every column is known: for every
/// column j the clipped weight `v = min(w_j, c_j)` is added to the row's trust (returned) and,
/// times the row's stake, to `rank[j]`; the EMA `a · wb + (1 − a) · e_j` (wb the bonds-weight)
/// replaces `e_j` and is added to `col_sums[j]`. Every operand lies in `[0, 1]` (raw bits
/// ≤ 2^32) and at most 2^16 of them are added into any sum, so no sum can wrap.
#[allow(clippy::too_many_arguments)]
pub(super) fn ema_row(
    penalty: Penalty,
    w: &[i64],
    c: &[i64],
    e: &mut [i64],
    rank: &mut [i64],
    col_sums: &mut [i64],
    stake: u64,
    a: u64,
    one_minus_a: u64,
) -> i64 {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2 (checked just above), the only requirement of a
        // `target_feature` function; the body is safe code.
        return unsafe { ema_row_avx2(penalty, w, c, e, rank, col_sums, stake, a, one_minus_a) };
    }
    ema_row_portable(penalty, w, c, e, rank, col_sums, stake, a, one_minus_a)
}

/// [`ema_row`] for the baseline target.
#[allow(clippy::too_many_arguments)]
pub(super) fn ema_row_portable(
    penalty: Penalty,
    w: &[i64],
    c: &[i64],
    e: &mut [i64],
    rank: &mut [i64],
    col_sums: &mut [i64],
    stake: u64,
    a: u64,
    one_minus_a: u64,
) -> i64 {
    match penalty {
        Penalty::One => ema_row_body::<true>(w, c, e, rank, col_sums, stake, a, one_minus_a),
        Penalty::Zero => ema_row_body::<false>(w, c, e, rank, col_sums, stake, a, one_minus_a),
    }
}

/// [`ema_row`] with AVX2 enabled.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[allow(clippy::too_many_arguments)]
pub(super) fn ema_row_avx2(
    penalty: Penalty,
    w: &[i64],
    c: &[i64],
    e: &mut [i64],
    rank: &mut [i64],
    col_sums: &mut [i64],
    stake: u64,
    a: u64,
    one_minus_a: u64,
) -> i64 {
    match penalty {
        Penalty::One => ema_row_body::<true>(w, c, e, rank, col_sums, stake, a, one_minus_a),
        Penalty::Zero => ema_row_body::<false>(w, c, e, rank, col_sums, stake, a, one_minus_a),
    }
}

#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn ema_row_body<const CLIPPED: bool>(
    w: &[i64],
    c: &[i64],
    e: &mut [i64],
    rank: &mut [i64],
    col_sums: &mut [i64],
    stake: u64,
    a: u64,
    one_minus_a: u64,
) -> i64 {
    let len = w.len().min(c.len()).min(e.len()).min(rank.len()).min(col_sums.len());
    let (w, c, e) = (&w[..len], &c[..len], &mut e[..len]);
    let (rank, col_sums) = (&mut rank[..len], &mut col_sums[..len]);
    let mut trust = 0u64;
    for j in 0..len {
        let v = w[j].min(c[j]);
        trust = trust.wrapping_add(v as u64);
        rank[j] = rank[j].wrapping_add(mul_unit_lanes(stake, v as u64) as i64);
        let wb = if CLIPPED { v } else { w[j] } as u64;
        let x = mul_unit_lanes(a, wb).wrapping_add(mul_unit_lanes(one_minus_a, e[j] as u64));
        e[j] = x as i64;
        col_sums[j] = col_sums[j].wrapping_add(x as i64);
    }
    trust as i64
}

/// Defines `$name`, which runs `$body` compiled with AVX2 when the CPU has it (x86-64, chosen
/// at run time) and for the baseline target otherwise, plus both variants by name for the
/// tests. The two are the same integer operations, so they return the same bits.
macro_rules! simd_dispatch {
    (
        $(#[$meta:meta])*
        fn $name:ident / $avx2:ident / $portable:ident ($($arg:ident : $ty:ty),* $(,)?) -> $ret:ty
        $body:block
    ) => {
        $(#[$meta])*
        pub(super) fn $name($($arg: $ty),*) -> $ret {
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: the CPU supports AVX2 (checked just above), the only requirement of
                // a `target_feature` function; the body is safe code.
                return unsafe { $avx2($($arg),*) };
            }
            $portable($($arg),*)
        }

        #[doc = concat!("[`", stringify!($name), "`] with AVX2 enabled.")]
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2")]
        pub(super) fn $avx2($($arg: $ty),*) -> $ret $body

        #[doc = concat!("[`", stringify!($name), "`] for the baseline target.")]
        pub(super) fn $portable($($arg: $ty),*) -> $ret $body
    };
}

/// The columns' divisors `d_j = colsum_j` for [`dots`], one slice per part (so that a lane
/// loads each part with one vector load): Granlund–Montgomery's multiplier `m = mₕ·2^32 + mₗ`
/// and its two shifts (see [`crate::math::fast::U64Divisor`]).
#[derive(Clone, Debug, Default)]
pub(super) struct ColDivisors {
    pub mh: Vec<u64>,
    pub ml: Vec<u64>,
    pub sh1: Vec<u64>,
    pub sh2: Vec<u64>,
}

impl ColDivisors {
    /// Prepares `d` for every column.
    pub(super) fn new(d: impl Iterator<Item = crate::math::fast::U64Divisor>) -> Self {
        let mut out = Self::default();
        for x in d {
            let (m, sh1, sh2) = x.parts();
            out.mh.push(m >> 32);
            out.ml.push(m & 0xffff_ffff);
            out.sh1.push(u64::from(sh1));
            out.sh2.push(u64::from(sh2));
        }
        out
    }
}

simd_dispatch! {
    /// `Σ_j mul_unit(⌊e_j · 2^32 / d_j⌋, inc_j)` over one row of E, and whether any `e_j` is
    /// exactly 1 (those entries add 0 here and are the caller's to add).
    ///
    /// For `e < 2^32` the numerator `n = e · 2^32` has no low half, so Granlund–Montgomery's
    /// `t = ⌊n · m / 2^64⌋ = e·mₕ + ⌊e·mₗ / 2^32⌋`: two 32 × 32-bit products, exact in u64
    /// (`t ≤ n < 2^64`), then `q = (t + ((n − t) >> sh1)) >> sh2` as in `U64Divisor::div`.
    /// Every lane is independent, so the loop vectorises. The quotient is ≤ 1 as `e ≤ d`, or
    /// 0 for the divisor `u64::MAX`; at most 2^16 terms ≤ 1 are added: the sum cannot wrap.
    fn dots / dots_avx2 / dots_portable(e: &[i64], d: &ColDivisors, inc: &[u64]) -> (u64, bool) {
        const LO: u64 = 0xffff_ffff;
        let len = e.len().min(inc.len()).min(d.mh.len()).min(d.ml.len());
        let len = len.min(d.sh1.len()).min(d.sh2.len());
        let (e, inc) = (&e[..len], &inc[..len]);
        let (mh, ml, sh1, sh2) = (&d.mh[..len], &d.ml[..len], &d.sh1[..len], &d.sh2[..len]);
        let (mut t_sum, mut ones) = (0u64, 0u64);
        for j in 0..len {
            let x = e[j] as u64;
            ones |= x >> 32;
            let x = x & LO;
            let n = x << 32;
            let t = x
                .wrapping_mul(mh[j] & LO)
                .wrapping_add(x.wrapping_mul(ml[j] & LO) >> 32);
            // sh1 ≤ 1, sh2 ≤ 63: the wrapping shifts never wrap (and carry no overflow branch)
            let q = t
                .wrapping_add(n.wrapping_sub(t).wrapping_shr(sh1[j] as u32))
                .wrapping_shr(sh2[j] as u32);
            t_sum = t_sum.wrapping_add(mul_unit_lanes(q, inc[j]));
        }
        (t_sum, ones != 0)
    }
}

simd_dispatch! {
    /// The stored form of a row of E in `out` (one slot per column): `(j, prop_to_u16(e_j))`,
    /// `⌊e · 65535 / 2^32⌋ ≤ 65535` exact in u64 for `e ∈ [0, 1]`. Returns whether every `e_j`
    /// is positive (otherwise the caller drops the others).
    fn store_row / store_row_avx2 / store_row_portable(e: &[i64], out: &mut [(u16, u16)]) -> bool {
        let len = e.len().min(out.len());
        let (e, out) = (&e[..len], &mut out[..len]);
        let mut all_positive = true;
        for j in 0..len {
            all_positive &= e[j] > 0;
            out[j] = (j as u16, ((e[j] as u64).wrapping_mul(65_535) >> 32) as u16);
        }
        all_positive
    }
}

simd_dispatch! {
    /// A weights row of n entries normalised as if uid j stood at position j:
    /// `w_j = ⌊v_j · 2^32 / d⌋` by [`crate::math::fast::RowDivisor`]'s two products (`v < 2^16`,
    /// `mₕ < 2^18`, `mₗ < 2^32`: each fits a 32 × 32-bit multiply). Returns whether it did
    /// (every uid at its position); otherwise the caller rewrites the row.
    fn normalise_row / normalise_row_avx2 / normalise_row_portable(
        w: &mut [i64],
        row: &[(u16, u16)],
        mh: u64,
        ml: u64,
        sh: u64,
    ) -> bool {
        const LO: u64 = 0xffff_ffff;
        let len = w.len().min(row.len());
        let (w, row) = (&mut w[..len], &row[..len]);
        // uids and positions are < 2^16 (n ≤ 65 535): any difference leaves a bit set
        let mut misplaced = 0u32;
        for j in 0..len {
            let (uid, v) = row[j];
            misplaced |= u32::from(uid) ^ j as u32;
            let v = u64::from(v);
            // sh < 16: the wrapping shift never wraps
            w[j] = (v.wrapping_mul(mh & LO))
                .wrapping_add(v.wrapping_mul(ml & LO) >> 32)
                .wrapping_shr(sh as u32) as i64;
        }
        misplaced == 0
    }
}

simd_dispatch! {
    /// A bonds row of n entries as proportions `to_prop(v) = ⌊v · 2^32 / 65535⌋` as if uid j
    /// stood at position j; returns whether it did. Since `2^32 = 65535 · 65537 + 1`, the
    /// quotient is `v · 65537 + ⌊v / 65535⌋`, and `⌊v / 65535⌋` is 1 only at `v = 65535`.
    fn prop_row / prop_row_avx2 / prop_row_portable(b: &mut [i64], row: &[(u16, u16)]) -> bool {
        let len = b.len().min(row.len());
        let (b, row) = (&mut b[..len], &row[..len]);
        // uids and positions are < 2^16 (n ≤ 65 535): any difference leaves a bit set
        let mut misplaced = 0u32;
        for j in 0..len {
            let (uid, v) = row[j];
            misplaced |= u32::from(uid) ^ j as u32;
            // v · 65537 + [v = 65535] ≤ 2^32: no wrap
            b[j] = (u64::from(v).wrapping_mul(65_537) + u64::from(v == u16::MAX)) as i64;
        }
        misplaced == 0
    }
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
