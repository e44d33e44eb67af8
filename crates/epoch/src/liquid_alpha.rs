//! Liquid alpha: the per-entry EMA rate of Yuma3 bonds, spec-epoch §4.10b and §6.
//!
//! The rate `α_ij` is a sigmoid of how far validator i's weight on j sits above consensus
//! (buying) or below its bond (selling), clamped to `[alpha_low, alpha_high]`. Weight and bond
//! are looked up the way subtensor walks a row, assuming ascending columns (quirk Q3): an entry
//! is seen only if its column is greater than that of the last entry seen, so in an unsorted
//! row the others read as 0. `mat_ema_alpha` then moves each bond toward the new weight and
//! drops bonds whose column is absent from the new row (quirk Q1), keeping the new row's order
//! (quirk Q2).

use crate::math::fast::{mul, positive};
use crate::math::fixed::{exp_safe, HALF, I32F32, ONE, ZERO};
use crate::math::sparse::{Entry, SparseMatrix};

/// The liquid-alpha parameters, already converted to fixed point.
#[derive(Clone, Copy, Debug)]
pub struct AlphaParams {
    /// `alpha_low / 65535`.
    pub low: I32F32,
    /// `alpha_high / 65535`.
    pub high: I32F32,
    /// `AlphaSigmoidSteepness` as an integer I32F32.
    pub steepness: I32F32,
}

/// `clamp(v, lo, hi) = max(min(v, hi), lo)`.
#[inline]
fn clamp(v: I32F32, lo: I32F32, hi: I32F32) -> I32F32 {
    v.min(hi).max(lo)
}

/// `alpha_sigmoid(c, w, b)` of spec §4.10b.
pub fn alpha_sigmoid(consensus: I32F32, weight: I32F32, bond: I32F32, p: &AlphaParams) -> I32F32 {
    alpha_sigmoid_scaled(z_scale(p), consensus, weight, bond, p)
}

/// `steepness ÷ (−100)`, the factor of `x − 0.5` in the sigmoid's exponent.
fn z_scale(p: &AlphaParams) -> I32F32 {
    p.steepness.saturating_div(I32F32::from_num(-100))
}

/// `alpha_sigmoid` with the exponent's factor already computed.
#[inline]
fn alpha_sigmoid_scaled(
    z_scale: I32F32,
    consensus: I32F32,
    weight: I32F32,
    bond: I32F32,
    p: &AlphaParams,
) -> I32F32 {
    let buy = clamp(weight.saturating_sub(consensus), ZERO, ONE);
    let sell = clamp(bond.saturating_sub(weight), ZERO, ONE);
    let x = if weight >= bond { buy } else { sell };
    let z = mul(z_scale, x.saturating_sub(HALF));
    let sig = one_over(ONE.saturating_add(exp_safe(z)));
    let alpha = p.low.saturating_add(mul(sig, p.high.saturating_sub(p.low)));
    clamp(alpha, p.low, p.high)
}

/// `ONE.saturating_div(d)` for `d ≥ 1`: `⌊2^64 / d⌋` on the raw bits, with one u64 division
/// (`⌊(2^64 − 1) / d⌋`, plus 1 when d divides 2^64); the crate's division otherwise.
#[inline]
fn one_over(d: I32F32) -> I32F32 {
    let bits = d.to_bits();
    if bits < 1 << 32 {
        return ONE.saturating_div(d);
    }
    let d = bits as u64;
    let q = u64::MAX / d + u64::from(u64::MAX % d == d - 1);
    I32F32::from_bits(q as i64)
}

/// Calls `f(column, value)` for the entries an ascending-order walk of `row` sees (Q3).
#[inline]
fn walk_sorted(row: &[Entry], mut f: impl FnMut(u16, I32F32)) {
    let mut next_col: u32 = 0;
    for &(j, v) in row {
        if u32::from(j) >= next_col {
            f(j, v);
            next_col = u32::from(j) + 1;
        }
    }
}

/// Dense per-row lookups of width n, reset through the touched columns only.
struct Lookup {
    weight: Vec<I32F32>,
    bond: Vec<I32F32>,
    old: Vec<Option<I32F32>>,
    touched: Vec<u16>,
}

impl Lookup {
    fn new(n: usize) -> Self {
        Self {
            weight: vec![ZERO; n],
            bond: vec![ZERO; n],
            old: vec![None; n],
            touched: Vec::new(),
        }
    }

    fn clear(&mut self) {
        for &j in &self.touched {
            let j = j as usize;
            self.weight[j] = ZERO;
            self.bond[j] = ZERO;
            self.old[j] = None;
        }
        self.touched.clear();
    }
}

/// `mat_ema_alpha(new, old, α)` with `α_ij = alpha_sigmoid(C_j, w_ij, b_ij)` (spec §6, sparse).
pub fn mat_ema_liquid(
    new: &SparseMatrix,
    old: &SparseMatrix,
    consensus: &[I32F32],
    p: &AlphaParams,
) -> SparseMatrix {
    let n = consensus.len();
    let scale = z_scale(p);
    let mut lk = Lookup::new(n);
    let mut out = SparseMatrix::with_capacity(new.n_rows(), new.nnz());
    for i in 0..new.n_rows() {
        let new_row = new.row(i);
        let old_row: &[Entry] = if i < old.n_rows() { old.row(i) } else { &[] };
        walk_sorted(new_row, |j, v| {
            if let Some(x) = lk.weight.get_mut(j as usize) {
                *x = v;
                lk.touched.push(j);
            }
        });
        walk_sorted(old_row, |j, v| {
            if let Some(x) = lk.bond.get_mut(j as usize) {
                *x = v;
                lk.touched.push(j);
            }
        });
        for &(j, b) in old_row {
            if let Some(x) = lk.old.get_mut(j as usize) {
                *x = Some(b);
                lk.touched.push(j);
            }
        }
        for &(j, w) in new_row {
            let ju = j as usize;
            if ju >= n {
                continue;
            }
            let alpha = alpha_sigmoid_scaled(scale, consensus[ju], lk.weight[ju], lk.bond[ju], p);
            let decayed = lk.old[ju].map_or(ZERO, |b| mul(ONE.saturating_sub(alpha), b));
            let inc = mul(alpha, w).max(ZERO);
            let v = decayed.saturating_add(inc).min(ONE);
            if positive(v) {
                out.push(j, v);
            }
        }
        out.end_row();
        lk.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::fixed::to_prop;

    fn params(low: u16, high: u16, steepness: i16) -> AlphaParams {
        AlphaParams {
            low: to_prop(low),
            high: to_prop(high),
            steepness: I32F32::from_num(steepness),
        }
    }

    #[test]
    fn sigmoid_stays_within_bounds() {
        let p = params(6553, 19660, 1000);
        for (c, w, b) in [(ZERO, ONE, ZERO), (ONE, ZERO, ONE), (HALF, HALF, HALF)] {
            let a = alpha_sigmoid(c, w, b, &p);
            assert!(a >= p.low && a <= p.high, "{a}");
        }
    }

    #[test]
    fn sigmoid_midpoint_is_halfway() {
        // x = 0.5 -> z = 0 -> exp = 1 -> sig = 1/2 -> alpha = low + (high-low)/2
        let p = params(6553, 19660, 1000);
        let a = alpha_sigmoid(ZERO, HALF, ZERO, &p);
        assert_eq!(a, p.low + (p.high - p.low).saturating_mul(HALF));
    }

    #[test]
    fn sigmoid_extremes_reach_the_bounds() {
        // buying far above consensus (x = 1): z = -5 -> sig ~ 0.9933, alpha near high
        let p = params(6553, 19660, 1000);
        let a = alpha_sigmoid(ZERO, ONE, ZERO, &p);
        assert!(a > p.high - to_prop(200) && a <= p.high);
        // weight equal to consensus and bond (x = 0): alpha near low
        let a = alpha_sigmoid(HALF, HALF, HALF, &p);
        assert!(a >= p.low && a < p.low + to_prop(200));
    }

    #[test]
    fn equal_low_and_high_is_a_fixed_rate() {
        let p = params(6553, 6553, 1000);
        assert_eq!(alpha_sigmoid(ZERO, ONE, ZERO, &p), to_prop(6553));
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
    fn walk_skips_out_of_order_entries() {
        // row [3, 1, 5, 5?]: sees 3, skips 1, sees 5
        let row = vec![(3u16, ONE), (1, ONE), (5, ONE), (4, ONE)];
        let mut seen = vec![];
        walk_sorted(&row, |j, _| seen.push(j));
        assert_eq!(seen, vec![3, 5]);
    }

    #[test]
    fn ema_liquid_drops_absent_columns_and_keeps_order() {
        // one row; old bonds at cols 0 and 1; new weights at col 1 then col 0 (unsorted)
        let p = params(6553, 6553, 1000);
        let a = to_prop(6553);
        let new = SparseMatrix::from_rows(&[vec![(1, HALF), (0, HALF)]]);
        let old = SparseMatrix::from_rows(&[vec![(0, HALF), (1, HALF), (2, HALF)]]);
        let c = vec![HALF; 3];
        let e = mat_ema_liquid(&new, &old, &c, &p);
        let v = (ONE - a).saturating_mul(HALF) + a.saturating_mul(HALF);
        // column 2 (absent from the new row) is dropped; order follows the new row
        assert_eq!(e.row(0), &[(1, v), (0, v)]);
    }
}
