//! Stake-weighted median consensus, spec-epoch §5 (`weighted_median_col`, sparse form).
//!
//! For every column the result is exactly that of subtensor's partition loop (pivot = the
//! middle element of the current index list in validator order, ties with the pivot dropped,
//! give-up after `m + 1` rounds). Validators without a positive entry in a column all score 0;
//! instead of materialising those zeros (O(n · m)), the loop keeps them as one implicit block
//! whose position in validator order is recovered from the column's non-zero entries, so the
//! whole consensus costs O(nnz · log m) and returns the same value bit for bit.

use crate::math::fixed::{I32F32, ZERO};
use crate::math::sparse::SparseMatrix;
use crate::math::vector::{normalize, sum};

/// A column entry: index among the positive-stake validators, and its score (> 0).
type Score = (u32, I32F32);

/// `weighted_median_col(A, W, κ)`: the κ-weighted median of every column of `w` over the
/// validators with positive active stake `a`, `n_cols` wide.
pub fn weighted_median_col(a: &[I32F32], w: &SparseMatrix, kappa: I32F32, n_cols: usize) -> Vec<I32F32> {
    // Step 1: positive stakes in uid order, renormalised.
    let mut u: Vec<I32F32> = a.iter().copied().filter(|s| *s > ZERO).collect();
    normalize(&mut u);
    let sigma = sum(&u);
    let minority = sigma.saturating_sub(kappa);
    let m = u.len();

    // Step 2: column lists of positive scores (compressed sparse columns, validator order).
    let mut counts = vec![0usize; n_cols + 1];
    let mut rows: Vec<usize> = Vec::with_capacity(m);
    for (i, s) in a.iter().enumerate() {
        if *s > ZERO && i < w.n_rows() {
            rows.push(i);
            for &(j, v) in w.row(i) {
                if v > ZERO && (j as usize) < n_cols {
                    counts[j as usize + 1] += 1;
                }
            }
        } else if *s > ZERO {
            rows.push(usize::MAX);
        }
    }
    for j in 0..n_cols {
        counts[j + 1] += counts[j];
    }
    let mut fill = counts.clone();
    let mut cols: Vec<Score> = vec![(0, ZERO); counts[n_cols]];
    for (k, &i) in rows.iter().enumerate() {
        if i == usize::MAX {
            continue;
        }
        for &(j, v) in w.row(i) {
            if v > ZERO && (j as usize) < n_cols {
                let slot = &mut fill[j as usize];
                cols[*slot] = (k as u32, v);
                *slot += 1;
            }
        }
    }

    // Step 3: the partition loop per column.
    let mut scratch = Scratch::default();
    (0..n_cols)
        .map(|j| median(&u, sigma, minority, &cols[counts[j]..counts[j + 1]], &mut scratch))
        .collect()
}

#[derive(Default)]
struct Scratch {
    cur: Vec<Score>,
    lower: Vec<Score>,
    upper: Vec<Score>,
}

/// The score at position `p` of the current index list: the explicit entries `cur` (a subset of
/// `nz`, validator order) merged with, when `zin`, every validator absent from `nz` (score 0).
fn value_at(p: usize, cur: &[Score], nz: &[Score], zin: bool) -> I32F32 {
    if !zin {
        return cur.get(p).map_or(ZERO, |e| e.1);
    }
    let mut remaining = p;
    let mut prev = 0usize;
    let mut ci = 0usize;
    for &(k, s) in nz {
        let gap = k as usize - prev;
        if remaining < gap {
            return ZERO;
        }
        remaining -= gap;
        if ci < cur.len() && cur[ci].0 == k {
            if remaining == 0 {
                return s;
            }
            remaining -= 1;
            ci += 1;
        }
        prev = k as usize + 1;
    }
    ZERO
}

/// `median(U, s, idx = 0..m−1, minority, lo = 0, hi = σ)` of spec §5 for one column whose
/// positive scores are `nz`.
fn median(u: &[I32F32], sigma: I32F32, minority: I32F32, nz: &[Score], sc: &mut Scratch) -> I32F32 {
    let m = u.len();
    let n_zero = m - nz.len();
    let stake_nz = nz.iter().fold(ZERO, |acc, &(k, _)| acc.saturating_add(u[k as usize]));
    // Stake of the zero-score block: integer arithmetic, so exact.
    let stake_zero = sigma.saturating_sub(stake_nz);

    sc.cur.clear();
    sc.cur.extend_from_slice(nz);
    // With no zero scores the implicit block is empty: plain positions from the start.
    let mut zin = n_zero > 0;
    let mut lo = ZERO;
    let mut hi = sigma;
    let limit = m;
    let mut rounds = 0usize;
    loop {
        let len = sc.cur.len() + if zin { n_zero } else { 0 };
        if len == 0 {
            return ZERO;
        }
        if len == 1 {
            return value_at(0, &sc.cur, nz, zin);
        }
        let pivot = value_at(len / 2, &sc.cur, nz, zin);
        sc.lower.clear();
        sc.upper.clear();
        let mut lo_stake = ZERO;
        let mut hi_stake = ZERO;
        for &(k, s) in sc.cur.iter() {
            if s < pivot {
                lo_stake = lo_stake.saturating_add(u[k as usize]);
                sc.lower.push((k, s));
            } else if s > pivot {
                hi_stake = hi_stake.saturating_add(u[k as usize]);
                sc.upper.push((k, s));
            }
        }
        // Scores are never negative, so the zero block goes below a positive pivot and
        // nowhere (a tie) when the pivot is 0.
        let zeros_lower = zin && n_zero > 0 && ZERO < pivot;
        if zeros_lower {
            lo_stake = lo_stake.saturating_add(stake_zero);
        }
        let lower_len = sc.lower.len() + if zeros_lower { n_zero } else { 0 };
        if minority < lo.saturating_add(lo_stake) && lower_len > 0 {
            std::mem::swap(&mut sc.cur, &mut sc.lower);
            zin = zeros_lower;
            hi = lo.saturating_add(lo_stake);
        } else if hi.saturating_sub(hi_stake) <= minority && !sc.upper.is_empty() {
            std::mem::swap(&mut sc.cur, &mut sc.upper);
            zin = false;
            lo = hi.saturating_sub(hi_stake);
        } else {
            return pivot;
        }
        rounds += 1;
        if rounds > limit {
            return ZERO;
        }
    }
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
    fn implicit_zero_form_matches_the_dense_loop() {
        // deterministic pseudo-random columns with many zeros and ties
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for case in 0..400 {
            let m = 1 + (next() % 12) as usize;
            let mut u: Vec<I32F32> = (0..m).map(|_| I32F32::from_bits((1 + next() % 1000) as i64)).collect();
            normalize(&mut u);
            let sigma = sum(&u);
            let kappa = match case % 4 {
                0 => ZERO,
                1 => to_prop(65535),
                _ => to_prop((next() % 65536) as u16),
            };
            let minority = sigma.saturating_sub(kappa);
            let s: Vec<I32F32> = (0..m)
                .map(|_| match next() % 3 {
                    0 => ZERO,
                    _ => I32F32::from_bits(((next() % 4) as i64 + 1) << 28),
                })
                .collect();
            let nz: Vec<Score> = s
                .iter()
                .enumerate()
                .filter(|(_, v)| **v > ZERO)
                .map(|(k, v)| (k as u32, *v))
                .collect();
            let mut sc = Scratch::default();
            assert_eq!(
                median(&u, sigma, minority, &nz, &mut sc),
                median_dense(&u, &s, minority, sigma),
                "case {case}: u={u:?} s={s:?} kappa={kappa}"
            );
        }
    }
}
