//! The dense core's per-row loops, written so that the compiler vectorises them across
//! columns: 64-bit lanes, no branches, products by [`mul_unit_lanes`] (exactly
//! [`crate::math::fast::mul_unit`]), divisions by lane-wise reciprocals.
//!
//! Each loop is one body compiled twice by [`simd_dispatch`]: for the baseline target and, on
//! x86-64, with AVX2 enabled, chosen at run time. Both are the same integer operations in the
//! same order (the vectorised one only evaluates several columns at once, and wrapping integer
//! sums do not depend on their grouping), so they return the same bits; the tests compare
//! them anyway.

use crate::math::fast::mul_unit_lanes;
use crate::simd::simd_dispatch;

/// How the bonds-weight of §4.10b (`w + penalty · (clipped − w)`) simplifies.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Penalty {
    /// penalty = 1: the clipped weight.
    One,
    /// penalty = 0: the weight.
    Zero,
}

/// [`mul_unit_lanes`] for `a < 1` (raw bits below 2^32) and `b ≤ 1`: with `b = bₕ·2^32 + bₗ`
/// the floored product is `⌊a·bₗ / 2^32⌋ + bₕ·a`, the two other terms being 0.
#[inline(always)]
fn mul_small(a: u64, b: u64) -> u64 {
    const LO: u64 = 0xffff_ffff;
    ((a & LO).wrapping_mul(b & LO) >> 32).wrapping_add((b >> 32).wrapping_neg() & a)
}

simd_dispatch! {
    /// One row of §4.7–§4.10b once the consensus `c_j` of every column is known: for every
    /// column j the clipped weight `v = min(w_j, c_j)` is added to the row's trust (returned)
    /// and, times the row's stake, to `rank[j]`; the EMA `a · wb + (1 − a) · e_j` (wb the
    /// bonds-weight) replaces `e_j` and is added to `col_sums[j]`. Every operand lies in
    /// `[0, 1]` (raw bits ≤ 2^32) and at most 2^16 of them are added into any sum, so no sum
    /// can wrap.
    pub(super) fn ema_row / ema_row_avx2 / ema_row_portable(
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
        // stake, a and 1 − a all below 1 (the common case): the cheaper products
        let small = stake < 1 << 32 && a < 1 << 32 && one_minus_a < 1 << 32;
        match (penalty, small) {
            (Penalty::One, true) => {
                ema_row_body::<true, true>(w, c, e, rank, col_sums, stake, a, one_minus_a)
            }
            (Penalty::One, false) => {
                ema_row_body::<true, false>(w, c, e, rank, col_sums, stake, a, one_minus_a)
            }
            (Penalty::Zero, true) => {
                ema_row_body::<false, true>(w, c, e, rank, col_sums, stake, a, one_minus_a)
            }
            (Penalty::Zero, false) => {
                ema_row_body::<false, false>(w, c, e, rank, col_sums, stake, a, one_minus_a)
            }
        }
    }
}

/// The loop of [`ema_row`], for either penalty (inlined into every compilation); `SMALL`
/// when the row's stake, `a` and `1 − a` are all below 1 (see [`mul_small`]).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn ema_row_body<const CLIPPED: bool, const SMALL: bool>(
    w: &[i64],
    c: &[i64],
    e: &mut [i64],
    rank: &mut [i64],
    col_sums: &mut [i64],
    stake: u64,
    a: u64,
    one_minus_a: u64,
) -> i64 {
    let len = w
        .len()
        .min(c.len())
        .min(e.len())
        .min(rank.len())
        .min(col_sums.len());
    let (w, c, e) = (&w[..len], &c[..len], &mut e[..len]);
    let (rank, col_sums) = (&mut rank[..len], &mut col_sums[..len]);
    let mut trust = 0u64;
    for j in 0..len {
        let v = w[j].min(c[j]);
        trust = trust.wrapping_add(v as u64);
        let mul = |x: u64, y: u64| {
            if SMALL {
                mul_small(x, y)
            } else {
                mul_unit_lanes(x, y)
            }
        };
        rank[j] = rank[j].wrapping_add(mul(stake, v as u64) as i64);
        let wb = if CLIPPED { v } else { w[j] } as u64;
        let x = mul(a, wb).wrapping_add(mul(one_minus_a, e[j] as u64));
        e[j] = x as i64;
        col_sums[j] = col_sums[j].wrapping_add(x as i64);
    }
    trust as i64
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
    /// Every column's divisor `d_j`, or `u64::MAX` (quotients 0) where `d_j` is 0.
    pub(super) fn of_sums(d: &[i64]) -> Self {
        Self::new(d.iter().map(|&s| {
            let s = if s > 0 { s as u64 } else { u64::MAX };
            crate::math::fast::U64Divisor::new(s).unwrap_or(crate::math::fast::U64Divisor::MAX)
        }))
    }

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
    pub(super) fn dots / dots_avx2 / dots_portable(e: &[i64], d: &ColDivisors, inc: &[u64]) -> (u64, bool) {
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
    /// `q_j = ⌊x_j · 2^32 / d_j⌋` for every `x_j < 2^32` (as in [`dots`]: exact, the quotient
    /// ≤ 1 when `x_j ≤ d_j`, 0 for the divisor `u64::MAX`); returns whether some `x_j` is
    /// 2^32 or more (its `q_j` is then wrong and the caller's to recompute).
    pub(super) fn quotients / quotients_avx2 / quotients_portable(
        x: &[i64],
        d: &ColDivisors,
        q: &mut [i64],
    ) -> bool {
        const LO: u64 = 0xffff_ffff;
        let len = x.len().min(q.len()).min(d.mh.len()).min(d.ml.len());
        let len = len.min(d.sh1.len()).min(d.sh2.len());
        let (x, q) = (&x[..len], &mut q[..len]);
        let (mh, ml, sh1, sh2) = (&d.mh[..len], &d.ml[..len], &d.sh1[..len], &d.sh2[..len]);
        let mut big = 0u64;
        for j in 0..len {
            let v = x[j] as u64;
            big |= v >> 32;
            let v = v & LO;
            let n = v << 32;
            let t = v
                .wrapping_mul(mh[j] & LO)
                .wrapping_add(v.wrapping_mul(ml[j] & LO) >> 32);
            // sh1 ≤ 1, sh2 ≤ 63: the wrapping shifts never wrap
            q[j] = t
                .wrapping_add(n.wrapping_sub(t).wrapping_shr(sh1[j] as u32))
                .wrapping_shr(sh2[j] as u32) as i64;
        }
        big != 0
    }
}

simd_dispatch! {
    /// The stored form of a row of E in `out` (one slot per column): `(j, prop_to_u16(e_j))`,
    /// `⌊e · 65535 / 2^32⌋ ≤ 65535` exact in u64 for `e ∈ [0, 1]`. Returns whether every `e_j`
    /// is positive (otherwise the caller drops the others).
    pub(super) fn store_row / store_row_avx2 / store_row_portable(e: &[i64], out: &mut [(u16, u16)]) -> bool {
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
    pub(super) fn normalise_row / normalise_row_avx2 / normalise_row_portable(
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
    /// Bonds entries into cells, entry q into `b[q]`: as proportions
    /// `to_prop(v) = ⌊v · 2^32 / 65535⌋` when `prop` (Yuma3), else as the stored integers
    /// (classic). Since `2^32 = 65535 · 65537 + 1`, the proportion is `v · 65537 + ⌊v / 65535⌋`,
    /// and `⌊v / 65535⌋` is 1 only at `v = 65535`.
    pub(super) fn bond_cells / bond_cells_avx2 / bond_cells_portable(
        b: &mut [i64],
        row: &[(u16, u16)],
        prop: bool,
    ) -> () {
        let len = b.len().min(row.len());
        let (b, row) = (&mut b[..len], &row[..len]);
        for q in 0..len {
            let v = row[q].1;
            let x = u64::from(v);
            // v · 65537 + [v = 65535] ≤ 2^32: no wrap
            b[q] = if prop { x.wrapping_mul(65_537) + u64::from(v == u16::MAX) } else { x } as i64;
        }
    }
}

/// The leading entries of `row` whose uids run `base, base + 1, …` (all of them for a full
/// row in uid order) into `b` as proportions (Yuma3); returns how many.
pub(super) fn prop_row(b: &mut [i64], row: &[(u16, u16)], base: u32) -> usize {
    let len = run_len(row, base).min(b.len());
    bond_cells(&mut b[..len], &row[..len], true);
    len
}

/// [`prop_row`] with the stored integers themselves (classic bonds).
pub(super) fn int_row(b: &mut [i64], row: &[(u16, u16)], base: u32) -> usize {
    let len = run_len(row, base).min(b.len());
    bond_cells(&mut b[..len], &row[..len], false);
    len
}

simd_dispatch! {
    /// How many leading entries of `row` hold the uids `base, base + 1, …`: 64 entries are
    /// compared at a time without a branch, and only the chunk where the run ends is searched.
    pub(super) fn run_len / run_len_avx2 / run_len_portable(row: &[(u16, u16)], base: u32) -> usize {
        for (c, chunk) in row.chunks(64).enumerate() {
            let start = base.wrapping_add((c * 64) as u32);
            let mut misplaced = 0u32;
            for (q, e) in chunk.iter().enumerate() {
                misplaced |= u32::from(e.0) ^ start.wrapping_add(q as u32);
            }
            if misplaced != 0 {
                let off = chunk
                    .iter()
                    .enumerate()
                    .position(|(q, e)| u32::from(e.0) != start.wrapping_add(q as u32))
                    .unwrap_or(chunk.len());
                return c * 64 + off;
            }
        }
        row.len()
    }
}

simd_dispatch! {
    /// The index of the first `x < min`, or `x.len()`: 64 values are tested at a time without
    /// a branch, and only the chunk that holds one is searched.
    pub(super) fn next_below / next_below_avx2 / next_below_portable(x: &[i64], min: i64) -> usize {
        for (c, chunk) in x.chunks(64).enumerate() {
            if chunk.iter().fold(false, |any, &v| any | (v < min)) {
                return c * 64 + chunk.iter().position(|&v| v < min).unwrap_or(chunk.len());
            }
        }
        x.len()
    }
}

simd_dispatch! {
    /// The sum of a row's weights (at most 65 535 values < 2^16: below 2^32, no wrap).
    pub(super) fn weight_sum / weight_sum_avx2 / weight_sum_portable(row: &[(u16, u16)]) -> u64 {
        let mut s = 0u64;
        for e in row {
            s = s.wrapping_add(u64::from(e.1));
        }
        s
    }
}

simd_dispatch! {
    /// The smallest and largest value of a column (`(0, 0)` when empty).
    pub(super) fn min_max / min_max_avx2 / min_max_portable(x: &[i64]) -> (i64, i64) {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::fast::{div, mul_unit, RowDivisor, U64Divisor};
    use crate::math::fixed::{to_prop, I32F32};
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

    /// The signature of [`ema_row`] and its twins.
    type EmaRow =
        fn(Penalty, &[i64], &[i64], &mut [i64], &mut [i64], &mut [i64], u64, u64, u64) -> i64;

    /// The EMA row as first written: one column at a time with the 128-bit [`mul_unit`].
    #[allow(clippy::type_complexity)]
    fn ema_reference(
        penalty: Penalty,
        w: &[i64],
        c: &[i64],
        e: &mut [i64],
        rank: &mut [i64],
        cs: &mut [i64],
        (stake, a, one_minus_a): (i64, i64, i64),
    ) -> i64 {
        let mut trust = 0;
        for j in 0..w.len() {
            let v = w[j].min(c[j]);
            trust += v;
            rank[j] += mul_unit(stake, v);
            let wb = if penalty == Penalty::One { v } else { w[j] };
            e[j] = mul_unit(a, wb) + mul_unit(one_minus_a, e[j]);
            cs[j] += e[j];
        }
        trust
    }

    proptest! {
        #[test]
        fn ema_row_matches_the_column_by_column_loop(
            cols in proptest::collection::vec((unit(), unit(), unit(), 0..1i64 << 40, 0..1i64 << 40), 0..70),
            stake in unit(),
            a in unit(),
            one in any::<bool>(),
        ) {
            let penalty = if one { Penalty::One } else { Penalty::Zero };
            let w: Vec<i64> = cols.iter().map(|x| x.0).collect();
            let c: Vec<i64> = cols.iter().map(|x| x.1).collect();
            let e0: Vec<i64> = cols.iter().map(|x| x.2).collect();
            let r0: Vec<i64> = cols.iter().map(|x| x.3).collect();
            let s0: Vec<i64> = cols.iter().map(|x| x.4).collect();
            let (mut e, mut r, mut s) = (e0.clone(), r0.clone(), s0.clone());
            let t = ema_reference(penalty, &w, &c, &mut e, &mut r, &mut s, (stake, a, (1 << 32) - a));
            let want = (t, e, r, s);
            let run = |f: EmaRow| {
                let (mut e, mut r, mut s) = (e0.clone(), r0.clone(), s0.clone());
                let t = f(penalty, &w, &c, &mut e, &mut r, &mut s, stake as u64, a as u64, ((1i64 << 32) - a) as u64);
                (t, e, r, s)
            };
            prop_assert_eq!(&run(ema_row_portable), &want);
            prop_assert_eq!(&run(ema_row), &want);
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: AVX2 is present (checked just above).
                prop_assert_eq!(&run(|p, w, c, e, r, s, k, a, b| unsafe { ema_row_avx2(p, w, c, e, r, s, k, a, b) }), &want);
            }
        }

        #[test]
        fn dots_match_the_exact_divisions(
            cols in proptest::collection::vec((unit(), 0..3u8, 1..1i64 << 40, unit()), 0..70),
        ) {
            // e ≤ colsum as in E; a third of the columns carry the u64::MAX divisor (I = 0 or
            // an empty column), whose quotient must be 0
            let e: Vec<i64> = cols.iter().map(|x| x.0).collect();
            let sums: Vec<i64> = cols.iter().map(|x| x.2.max(x.0)).collect();
            let inc: Vec<u64> = cols.iter().map(|x| if x.1 == 0 { 0 } else { x.3 as u64 }).collect();
            let d = ColDivisors::new(sums.iter().zip(&inc).map(|(&s, &i)| {
                U64Divisor::new(if i == 0 { u64::MAX } else { s as u64 }).unwrap_or(U64Divisor::MAX)
            }));
            let mut want = 0i64;
            let mut ones = false;
            for j in 0..e.len() {
                if e[j] == 1 << 32 {
                    ones = true;
                } else if inc[j] != 0 {
                    let q = div(I32F32::from_bits(e[j]), I32F32::from_bits(sums[j])).to_bits();
                    want += mul_unit(q, inc[j] as i64);
                }
            }
            prop_assert_eq!(dots_portable(&e, &d, &inc), (want as u64, ones));
            prop_assert_eq!(dots(&e, &d, &inc), (want as u64, ones));
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: AVX2 is present (checked just above).
                prop_assert_eq!(unsafe { dots_avx2(&e, &d, &inc) }, (want as u64, ones));
            }
        }

        #[test]
        fn row_conversions_match_the_scalar_ones(
            values in proptest::collection::vec(any::<u16>(), 1..70),
            edge in any::<bool>(),
            swap in any::<(u8, u8)>(),
        ) {
            let mut row: Vec<(u16, u16)> = values.iter().enumerate().map(|(j, &v)| (j as u16, if edge { u16::MAX - v % 2 } else { v })).collect();
            let (x, y) = (usize::from(swap.0) % row.len(), usize::from(swap.1) % row.len());
            let in_order = x == y;
            row.swap(x, y);
            // normalisation by a row sum in RowDivisor's range
            let sum = row.iter().map(|e| u64::from(e.1)).sum::<u64>().clamp(1 << 16, (1 << 31) - 1);
            let rd = RowDivisor::new(sum).expect("in range");
            let (mh, ml, sh) = rd.parts();
            let mut w1 = vec![0; row.len()];
            let mut w2 = vec![0; row.len()];
            let got = normalise_row(&mut w1, &row, mh, ml, u64::from(sh));
            prop_assert_eq!(normalise_row_portable(&mut w2, &row, mh, ml, u64::from(sh)), got);
            prop_assert_eq!(got, in_order || row[x].0 == row[y].0);
            prop_assert_eq!(&w1, &w2);
            for (c, e) in w1.iter().zip(&row) {
                prop_assert_eq!(*c, ((u64::from(e.1) << 32) / sum) as i64);
            }
            let mut b1 = vec![0; row.len()];
            let mut b2 = vec![0; row.len()];
            let lead = row.iter().enumerate().position(|(q, e)| usize::from(e.0) != q).unwrap_or(row.len());
            prop_assert_eq!(run_len(&row, 0), lead);
            prop_assert_eq!(run_len_portable(&row, 0), lead);
            prop_assert_eq!(prop_row(&mut b1, &row, 0), lead);
            let mut b4 = vec![0; row.len()];
            prop_assert_eq!(int_row(&mut b4, &row, 0), lead);
            for (c, e) in b4.iter().zip(&row).take(lead) {
                prop_assert_eq!(*c, i64::from(e.1));
            }
            bond_cells_portable(&mut b2, &row, true);
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: AVX2 is present (checked just above).
                let mut b3 = vec![0; row.len()];
                let mut w3 = vec![0; row.len()];
                unsafe { bond_cells_avx2(&mut b3, &row, true) };
                prop_assert_eq!(unsafe { normalise_row_avx2(&mut w3, &row, mh, ml, u64::from(sh)) }, got);
                prop_assert_eq!(&b3, &b2);
                prop_assert_eq!(&w3, &w1);
            }
            prop_assert_eq!(&b1[..lead], &b2[..lead]);
            for (c, e) in b2.iter().zip(&row) {
                prop_assert_eq!(*c, to_prop(e.1).to_bits());
            }
        }

        #[test]
        fn store_row_converts_every_entry(e in proptest::collection::vec(unit(), 0..70)) {
            let mut o1 = vec![(0, 0); e.len()];
            let mut o2 = vec![(0, 0); e.len()];
            let all = store_row(&e, &mut o1);
            prop_assert_eq!(store_row_portable(&e, &mut o2), all);
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: AVX2 is present (checked just above).
                let mut o3 = vec![(0, 0); e.len()];
                prop_assert_eq!(unsafe { store_row_avx2(&e, &mut o3) }, all);
                prop_assert_eq!(&o3, &o1);
            }
            prop_assert_eq!(all, e.iter().all(|&x| x > 0));
            prop_assert_eq!(&o1, &o2);
            for (j, (&x, o)) in e.iter().zip(&o1).enumerate() {
                prop_assert_eq!(*o, (j as u16, crate::math::fixed::prop_to_u16(I32F32::from_bits(x))));
            }
        }

        #[test]
        fn mul_small_is_mul_unit_below_one(a in 0..1i64 << 32, b in unit()) {
            prop_assert_eq!(mul_small(a as u64, b as u64) as i64, mul_unit(a, b));
        }

        #[test]
        fn next_below_finds_the_first(x in proptest::collection::vec(-2i64..200, 0..200), min in -1i64..3) {
            let want = x.iter().position(|&v| v < min).unwrap_or(x.len());
            prop_assert_eq!(next_below(&x, min), want);
            prop_assert_eq!(next_below_portable(&x, min), want);
        }

        #[test]
        fn min_max_matches_the_iterator(x in proptest::collection::vec(any::<i64>(), 0..70)) {
            let want = (
                x.iter().copied().min().unwrap_or(0),
                x.iter().copied().max().unwrap_or(0),
            );
            prop_assert_eq!(min_max(&x), want);
            prop_assert_eq!(min_max_portable(&x), want);
        }
    }
}
