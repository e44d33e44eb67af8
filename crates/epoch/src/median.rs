//! Stake-weighted median consensus, spec-epoch §5 (`weighted_median_col`, sparse form).
//!
//! subtensor finds each column's value with a partition loop (pivot = the middle element of the
//! current index list in validator order, ties with the pivot dropped). Its result does not
//! depend on the pivots it happens to pick. Write `S<(x)` and `S≤(x)` for the stake of the
//! validators scoring below / at most x, `σ` for the total and `μ = σ − κ` for `minority`.
//! The loop keeps the lower part when `μ < S<(p)`, the upper part when `S≤(p) ≤ μ`, and
//! returns p otherwise; every kept part contains the value `p*` defined below, so:
//!
//! * no positive-stake validator: 0;
//! * `μ < 0` (κ above the active stake): it only ever goes lower — the minimum score;
//! * `μ ≥ σ` (κ = 0): it only ever goes upper — the maximum score;
//! * otherwise the unique score `p*` with `S<(p*) ≤ μ < S≤(p*)`: the smallest score whose
//!   cumulative stake exceeds `μ`.
//!
//! This module computes that value directly: validators absent from a column form one block of
//! score 0 (never materialised), and the column's positive scores go through a weighted
//! three-way quickselect (long columns first narrowed to one bucket by a radix pass on the score). Sums are exact integer additions, as in the loop. Cost: O(nnz · log m) for the whole matrix instead of
//! O(n · m). The tests check it against the loop itself on random columns with ties, zeros and
//! extreme κ.

use crate::math::fast::{self, add, positive};
use crate::math::fixed::{I32F32, ZERO};
use crate::math::sparse::SparseMatrix;
use crate::math::vector::{normalize, sum};

/// A column entry of a positive-stake validator with a positive score: (score, stake).
type Scored = (I32F32, I32F32);

/// `weighted_median_col(A, W, κ)`: the κ-weighted median of every column of `w` over the
/// validators with positive active stake `a`, `n_cols` wide.
pub fn weighted_median_col(
    a: &[I32F32],
    w: &SparseMatrix,
    kappa: I32F32,
    n_cols: usize,
) -> Vec<I32F32> {
    // Step 1: positive stakes in uid order, renormalised.
    let mut u: Vec<I32F32> = a.iter().copied().filter(|s| *s > ZERO).collect();
    normalize(&mut u);
    let sigma = sum(&u);
    let minority = sigma.saturating_sub(kappa);
    let m = u.len();

    // Step 2: per column, the (score, stake) of every positive score (compressed columns).
    let mut counts = vec![0usize; n_cols + 1];
    let validators = a
        .iter()
        .enumerate()
        .filter(|(i, s)| **s > ZERO && *i < w.n_rows());
    for (i, _) in validators.clone() {
        for &(j, v) in w.row(i) {
            if positive(v) && (j as usize) < n_cols {
                counts[j as usize + 1] += 1;
            }
        }
    }
    for j in 0..n_cols {
        counts[j + 1] += counts[j];
    }
    let mut fill = counts.clone();
    // Every slot below the total is written once below, so a buffer kept from an earlier
    // epoch on this thread serves without clearing (only growth is zero-filled).
    let total = counts[n_cols];
    let mut buf = COLS.with(|c| std::mem::take(&mut *c.borrow_mut()));
    if buf.len() < total {
        buf.resize(total, (ZERO, ZERO));
    }
    let cols = &mut buf[..total];
    for ((i, _), &uk) in validators.zip(u.iter()) {
        for &(j, v) in w.row(i) {
            if positive(v) && (j as usize) < n_cols {
                let slot = &mut fill[j as usize];
                cols[*slot] = (v, uk);
                *slot += 1;
            }
        }
    }

    // Step 3: the closed form per column, selecting in place.
    let mut hist = Vec::new();
    let medians = (0..n_cols)
        .map(|j| {
            let (start, end) = (counts[j], counts[j + 1]);
            column_median(m, sigma, minority, &mut cols[start..end], &mut hist)
        })
        .collect();
    COLS.with(|c| *c.borrow_mut() = buf);
    medians
}

/// The κ-weighted median of one column over `m` positive-stake validators whose positive
/// scores, with their stakes, are `nz`; every other validator scores 0. Reorders `nz`.
fn column_median(
    m: usize,
    sigma: I32F32,
    minority: I32F32,
    nz: &mut [Scored],
    hist: &mut Vec<I32F32>,
) -> I32F32 {
    if m == 0 {
        return ZERO;
    }
    let n_zero = m - nz.len();
    if minority < ZERO {
        return if n_zero > 0 {
            ZERO
        } else {
            nz.iter().map(|e| e.0).min().unwrap_or(ZERO)
        };
    }
    if minority >= sigma {
        return nz.iter().map(|e| e.0).max().unwrap_or(ZERO);
    }
    // Cumulative stake from the zero block upwards; the first score whose cumulative stake
    // exceeds `minority`.
    let acc = if n_zero > 0 {
        sigma.saturating_sub(nz.iter().fold(ZERO, |acc, e| add(acc, e.1)))
    } else {
        ZERO
    };
    if n_zero > 0 && acc > minority {
        return ZERO;
    }
    weighted_select_radix(nz, minority.saturating_sub(acc), hist)
}

thread_local! {
    /// The compressed-columns buffer of [`weighted_median_col`], kept between epochs.
    static COLS: std::cell::RefCell<Vec<Scored>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Columns at least this long select by one radix pass first.
const RADIX_MIN_LEN: usize = 32;

/// [`weighted_select`] for long parts: one pass buckets the scores by their top bits above the
/// minimum (a monotone map, so buckets hold ascending score ranges) and sums each bucket's
/// stake; the bucket whose cumulative stake first exceeds `target` holds the answer, which
/// [`weighted_select`] then finds among that bucket's items with the stake of the lower buckets
/// taken off `target`. The stakes are non-negative, so every saturating sum is `min(true sum,
/// MAX)` whatever the grouping, and the result is that of a full sort. `hist` is scratch.
fn weighted_select_radix(
    items: &mut [(I32F32, I32F32)],
    target: I32F32,
    hist: &mut Vec<I32F32>,
) -> I32F32 {
    if items.len() < RADIX_MIN_LEN || target < ZERO {
        return weighted_select(items, target);
    }
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    for e in items.iter() {
        let v = e.0.to_bits();
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo == hi {
        return weighted_select(items, target);
    }
    // Buckets: 2^bits with 2^bits > len / 2; key = (v − lo) >> shift < 2^bits.
    let bits = (usize::BITS - 1 - items.len().leading_zeros()).min(12);
    let span = hi.abs_diff(lo);
    let shift = (u64::BITS - span.leading_zeros()).saturating_sub(bits);
    let key = |v: I32F32| (v.to_bits().abs_diff(lo) >> shift) as usize;
    hist.clear();
    hist.resize(1 << bits, ZERO);
    for e in items.iter() {
        if let Some(h) = hist.get_mut(key(e.0)) {
            *h = add(*h, e.1);
        }
    }
    // Raw bits: I32F32 order and saturating sums are those of the i64 bits.
    let (mut below, t) = (0i64, target.to_bits());
    let mut found = None;
    for (b, h) in hist.iter().enumerate() {
        let through = below.saturating_add(h.to_bits());
        if through > t {
            found = Some(b);
            break;
        }
        below = through;
    }
    let Some(b) = found else {
        return weighted_select(items, target);
    };
    let below = I32F32::from_bits(below);
    // The bucket's items to the front (the write never passes the read).
    let mut kept = 0usize;
    for i in 0..items.len() {
        let e = items[i];
        if key(e.0) == b {
            items[kept] = e;
            kept += 1;
        }
    }
    weighted_select(&mut items[..kept], target.saturating_sub(below))
}

/// The smallest score whose cumulative stake (ascending scores) exceeds `target`, assuming the
/// total stake of `items` does. An in-place three-way quickselect (expected O(len)); after
/// too many rounds the remaining part is sorted and scanned instead (O(len · log len) worst
/// case). Every sum is an exact integer addition, so the result is that of a full sort.
fn weighted_select(items: &mut [(I32F32, I32F32)], mut target: I32F32) -> I32F32 {
    let mut part: &mut [(I32F32, I32F32)] = items;
    let mut budget = 2 * (usize::BITS - part.len().leading_zeros()) + 8;
    while part.len() > 1 {
        if budget == 0 {
            part.sort_unstable_by_key(|e| e.0);
            let mut acc = ZERO;
            let mut i = 0;
            while i < part.len() {
                let v = part[i].0;
                while i < part.len() && part[i].0 == v {
                    acc = add(acc, part[i].1);
                    i += 1;
                }
                if acc > target {
                    return v;
                }
            }
            return part.last().map_or(ZERO, |e| e.0);
        }
        budget -= 1;
        // Median of three (first, middle, last) as the pivot value.
        let (x, y, z) = (part[0].0, part[part.len() / 2].0, part[part.len() - 1].0);
        let pivot = x.max(y).min(x.min(y).max(z));
        // Dutch-flag partition: [< pivot | == pivot | > pivot].
        let (mut lt, mut i, mut gt) = (0usize, 0usize, part.len());
        let (mut below, mut equal) = (ZERO, ZERO);
        while i < gt {
            let (v, w) = part[i];
            if fast::lt(v, pivot) {
                below = add(below, w);
                part.swap(lt, i);
                lt += 1;
                i += 1;
            } else if fast::lt(pivot, v) {
                gt -= 1;
                part.swap(i, gt);
            } else {
                equal = add(equal, w);
                i += 1;
            }
        }
        if below > target {
            part = &mut part[..lt];
        } else if add(below, equal) > target {
            return pivot;
        } else {
            target = target.saturating_sub(add(below, equal));
            part = &mut part[gt..];
        }
    }
    part.first().map_or(ZERO, |e| e.0)
}

/// The partition loop of spec §5 over a dense score vector, as written there (reference for
/// the tests of the implicit-zero form).
#[cfg(test)]
fn median_dense(u: &[I32F32], s: &[I32F32], minority: I32F32, sigma: I32F32) -> I32F32 {
    let mut idx: Vec<usize> = (0..u.len()).collect();
    let (mut lo, mut hi) = (ZERO, sigma);
    let limit = idx.len();
    let mut rounds = 0;
    loop {
        if idx.is_empty() {
            return ZERO;
        }
        if idx.len() == 1 {
            return s[idx[0]];
        }
        let pivot = s[idx[idx.len() / 2]];
        let lower: Vec<usize> = idx.iter().copied().filter(|&k| s[k] < pivot).collect();
        let upper: Vec<usize> = idx.iter().copied().filter(|&k| s[k] > pivot).collect();
        let l = lower.iter().fold(ZERO, |a, &k| a + u[k]);
        let h = upper.iter().fold(ZERO, |a, &k| a + u[k]);
        if minority < lo + l && !lower.is_empty() {
            idx = lower;
            hi = lo + l;
        } else if hi - h <= minority && !upper.is_empty() {
            idx = upper;
            lo = hi - h;
        } else {
            return pivot;
        }
        rounds += 1;
        if rounds > limit {
            return ZERO;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::fixed::{to_prop, ONE};

    fn f(n: i64) -> I32F32 {
        I32F32::from_num(n)
    }

    fn col(a: &[I32F32], scores: &[I32F32], kappa: I32F32) -> I32F32 {
        // one column: validator i weights column 0 with scores[i]
        let rows: Vec<Vec<(u16, I32F32)>> = scores.iter().map(|&s| vec![(0u16, s)]).collect();
        weighted_median_col(a, &SparseMatrix::from_rows(&rows), kappa, 1)[0]
    }

    #[test]
    fn half_kappa_is_the_stake_weighted_median() {
        // equal stakes, scores 1..5 -> median 3
        let a = vec![ONE / 5; 5];
        let s: Vec<I32F32> = (1..=5).map(|x| f(x) / 10).collect();
        assert_eq!(col(&a, &s, ONE / 2), f(3) / 10);
        // stake concentrated on the validator giving 0.5
        let a = vec![ONE / 10, ONE * 8 / 10, ONE / 10];
        let s = vec![f(1) / 10, ONE / 2, f(9) / 10];
        assert_eq!(col(&a, &s, ONE / 2), ONE / 2);
    }

    #[test]
    fn kappa_zero_gives_max_and_kappa_one_gives_min() {
        let a = vec![ONE / 4; 4];
        let s: Vec<I32F32> = vec![f(4) / 10, f(1) / 10, f(3) / 10, f(2) / 10];
        assert_eq!(col(&a, &s, ZERO), f(4) / 10);
        assert_eq!(col(&a, &s, to_prop(65535)), f(1) / 10);
    }

    #[test]
    fn weighted_select_matches_sort_and_scan() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for case in 0..5_000 {
            let len = 1 + (next() % 300) as usize;
            let levels = 1 + next() % if case % 2 == 0 { 4 } else { 1000 };
            let mut items: Vec<(I32F32, I32F32)> = (0..len)
                .map(|_| {
                    (
                        I32F32::from_bits((next() % levels) as i64),
                        I32F32::from_bits((1 + next() % 100) as i64),
                    )
                })
                .collect();
            if case % 3 == 0 {
                items.sort_by_key(|e| e.0); // sorted input, a classic bad case for quickselect
            }
            let total = items.iter().fold(ZERO, |a, e| a + e.1);
            let target = I32F32::from_bits((next() % total.to_bits() as u64) as i64);
            let mut sorted = items.clone();
            sorted.sort_by_key(|e| e.0);
            let mut acc = ZERO;
            let want = sorted.iter().find(|e| {
                acc += e.1;
                acc > target
            });
            // the first entry past the target, then its whole run of equal values counts
            let want = want.map(|e| e.0).unwrap_or(ZERO);
            let mut copy = items.clone();
            assert_eq!(weighted_select(&mut items, target), want, "case {case}");
            let mut hist = Vec::new();
            let got = weighted_select_radix(&mut copy, target, &mut hist);
            assert_eq!(got, want, "radix, case {case}");
        }
    }

    #[test]
    fn zero_stake_validators_do_not_count() {
        // the validator with zero stake and score 0.9 is ignored
        let a = vec![ONE / 2, ZERO, ONE / 2];
        let s = vec![f(2) / 10, f(9) / 10, f(2) / 10];
        assert_eq!(col(&a, &s, ONE / 2), f(2) / 10);
    }

    #[test]
    fn no_active_stake_gives_zero() {
        assert_eq!(col(&[ZERO, ZERO], &[ONE, ONE], ONE / 2), ZERO);
    }

    #[test]
    fn missing_entries_count_as_zero_scores() {
        // 3 equal validators, only one weights column 1: the median is 0
        let a = vec![ONE / 3, ONE / 3, ONE / 3];
        let w = SparseMatrix::from_rows(&[vec![(1, ONE)], vec![(0, ONE)], vec![(0, ONE)]]);
        let c = weighted_median_col(&a, &w, ONE / 2, 2);
        assert_eq!(c, vec![ONE, ZERO]);
    }

    #[test]
    fn closed_form_matches_the_partition_loop() {
        // deterministic pseudo-random columns with many zeros and ties
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for case in 0..20_000 {
            let m = 1 + (next() % 12) as usize;
            let mut u: Vec<I32F32> = (0..m)
                .map(|_| I32F32::from_bits((1 + next() % 1000) as i64))
                .collect();
            normalize(&mut u);
            let sigma = sum(&u);
            let kappa = match case % 7 {
                0 => ZERO,
                1 => to_prop(65535),
                2 => sigma,                        // minority exactly 0
                3 => sigma - I32F32::from_bits(1), // minority one bit above 0
                4 => sigma + I32F32::from_bits(1), // minority one bit below 0
                _ => to_prop((next() % 65536) as u16),
            };
            let minority = sigma.saturating_sub(kappa);
            let s: Vec<I32F32> = (0..m)
                .map(|_| match next() % 3 {
                    0 => ZERO,
                    _ => I32F32::from_bits(((next() % 4) as i64 + 1) << 28),
                })
                .collect();
            let mut nz: Vec<Scored> = s
                .iter()
                .zip(u.iter())
                .filter(|(v, _)| **v > ZERO)
                .map(|(v, uk)| (*v, *uk))
                .collect();
            assert_eq!(
                column_median(u.len(), sigma, minority, &mut nz, &mut Vec::new()),
                median_dense(&u, &s, minority, sigma),
                "case {case}: u={u:?} s={s:?} kappa={kappa}"
            );
        }
    }
}
