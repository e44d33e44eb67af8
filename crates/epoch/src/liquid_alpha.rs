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
use crate::math::fixed::{exp_safe, one_over, HALF, I32F32, ONE, ZERO};
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
    alpha_of_x(z_scale, sigmoid_x(consensus, weight, bond), p)
}

/// The sigmoid's argument: how far the weight sits above consensus (buying, `w ≥ b`) or below
/// the bond (selling), clamped to [0, 1].
#[inline]
fn sigmoid_x(consensus: I32F32, weight: I32F32, bond: I32F32) -> I32F32 {
    let buy = clamp(weight.saturating_sub(consensus), ZERO, ONE);
    let sell = clamp(bond.saturating_sub(weight), ZERO, ONE);
    if weight >= bond {
        buy
    } else {
        sell
    }
}

/// The rate for sigmoid argument `x`: `low + sigmoid(z_scale · (x − 1/2)) · (high − low)`,
/// clamped to [low, high].
#[inline]
fn alpha_of_x(z_scale: I32F32, x: I32F32, p: &AlphaParams) -> I32F32 {
    let z = mul(z_scale, x.saturating_sub(HALF));
    let sig = one_over(ONE.saturating_add(exp_safe(z)));
    let alpha = p.low.saturating_add(mul(sig, p.high.saturating_sub(p.low)));
    clamp(alpha, p.low, p.high)
}

/// Remembers [`alpha_of_x`] for recently seen arguments (a direct-mapped cache keyed by the
/// exact bits of x, so a hit returns the value the computation would). Arguments repeat: x is 0
/// whenever a weight sits at or below consensus and at or above its bond, and validators that
/// set the same weights share their x per column. The sigmoid's exponential series costs about
/// thirty multiply-and-divide steps, a lookup a few instructions.
struct AlphaMemo {
    keys: Vec<i64>,
    values: Vec<I32F32>,
}

impl AlphaMemo {
    /// Slots in the cache (a power of two).
    const SLOTS: usize = 1 << 10;

    fn new() -> Self {
        // i64::MIN is never a key: x lies in [0, 1].
        Self {
            keys: vec![i64::MIN; Self::SLOTS],
            values: vec![ZERO; Self::SLOTS],
        }
    }

    #[inline]
    fn alpha(&mut self, z_scale: I32F32, x: I32F32, p: &AlphaParams) -> I32F32 {
        let bits = x.to_bits();
        let slot = ((bits as u64 ^ (bits as u64 >> 17)) as usize) & (Self::SLOTS - 1);
        if self.keys[slot] == bits {
            return self.values[slot];
        }
        let a = alpha_of_x(z_scale, x, p);
        self.keys[slot] = bits;
        self.values[slot] = a;
        a
    }
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
    let mut memo = AlphaMemo::new();
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
            let x = sigmoid_x(consensus[ju], lk.weight[ju], lk.bond[ju]);
            let alpha = memo.alpha(scale, x, p);
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
