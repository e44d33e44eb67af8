//! The epoch's core (§4.6–§4.10) on dense row-major matrices, for subnets whose validators
//! weight most uids: Yuma3 at the fixed EMA rate here, classic bonds in [`classic`].
//!
//! The sparse path ([`crate::epoch`]) keeps `(column, value)` rows and makes about eight passes
//! over them (normalise, transpose for the median, select, clip, rank, EMA, column sums,
//! column-normalised dots), each paying for the row bookkeeping. When the weight rows are
//! dense, one `r × n` row-major matrix (r = rows that hold a permit or bonds) is cheaper: the
//! input rows, the stored bond rows and the dot products are all row-major, so every pass but
//! the median streams rows and vectorises across columns.
//!
//! 1. [`prelude`]: `W` (masked, row-normalised weights) row by row, absent entries as 0 (a
//!    full row in uid order is one vectorised loop); then the κ-median `C_j` of every column,
//!    read STRIP columns at a time into a small column-major buffer ([`median`]);
//! 2. per row: the clipped weight `min(w, C_j)` (trust, rank), the bonds-weight (penalty
//!    interpolation), and the EMA `E = a·Wb + (1 − a)·B` over the stored bonds (converted run
//!    by run), with the column sums of `E`;
//! 3. per row of `E`: the column-normalised dot product with the incentive (each column's
//!    division a lane-wise reciprocal) and the bond row to store.
//!
//! The loops live in [`kernels`]: branch-free, 64-bit lanes, products of two unit values split
//! into 32-bit halves ([`crate::math::fast::mul_unit_lanes`], exactly `mul_unit`), divisions
//! by Granlund–Montgomery reciprocals in 32-bit halves, so the compiler vectorises them; on
//! x86-64 they are also compiled with AVX2 and AVX-512 and chosen at run time (same
//! operations, same bits; [`crate::simd`]).
//!
//! Why zeros may stand for absent entries (the results are bit-identical to the sparse path;
//! `tests/it/reference.rs` compares both with the literal reference): the median counts a
//! missing weight as a score of 0; clipping keeps an entry `≤ C_j` and drops one above a
//! threshold of 0, which as a value is `min(w, C_j)` since `C_j ≥ 0`; trust, rank, column
//! sums and dots only add products, and a product with 0 is 0; the interpolation and the EMA
//! emit a column only when its value is positive, so an emitted 0 is never stored. None of the
//! additions can overflow (every value lies in `[0, 1]`, raw bits ≤ 2^32, and fewer than 2^16
//! of them are added), so as wrapping integer sums their order does not matter. Rows come out
//! sorted by column, as the fixed-rate EMA writes them. Liquid alpha stays on the sparse path
//! (it depends on the stored order, quirks Q1–Q3).

mod classic;
mod kernels;
mod median;

pub(crate) use classic::run as run_classic;

use median::Median;

use crate::math::fast::{add, div, mul, mul_unit, mul_unit_lanes, Divisor, RowDivisor, U64Divisor};
use crate::math::fixed::{to_prop, I32F32, ONE, ZERO};
use crate::math::vector::{normalize, sum, vec_mul};
use crate::types::NeuronInput;

/// What the dense core reads, beyond the neurons (all computed by [`crate::epoch`]).
pub(crate) struct Params<'a> {
    /// The neurons (weights and bonds rows, last update, commit block).
    pub neurons: &'a [NeuronInput],
    /// Permits before the epoch, owner forced (§4.4).
    pub old_permit: &'a [bool],
    /// Permits after the epoch: which bond rows are returned.
    pub new_permit: &'a [bool],
    /// Active stake, normalised (§4.5).
    pub active_stake: &'a [I32F32],
    /// Registration blocks.
    pub reg: &'a [u64],
    /// Bonds to columns registered at or after this block are dropped (Q7).
    pub last_tempo: u64,
    /// Owner uid (keeps its self-weight).
    pub owner: Option<usize>,
    /// Commit-reveal on: pending commits mask columns.
    pub commit_reveal: bool,
    /// κ as a proportion.
    pub kappa: I32F32,
    /// Bonds penalty as a proportion.
    pub penalty: I32F32,
    /// EMA rate `a`.
    pub rate: I32F32,
}

/// The core's results, per uid (`n` long) except the bond rows.
pub(crate) struct Outcome {
    /// Consensus C.
    pub consensus: Vec<I32F32>,
    /// Validator trust (row sums of the clipped weights).
    pub validator_trust: Vec<I32F32>,
    /// Incentive, normalised.
    pub incentive: Vec<I32F32>,
    /// Dividends, normalised.
    pub dividends: Vec<I32F32>,
    /// For every uid with a new permit, its bond row as stored (`prop_to_u16`, ascending
    /// columns, entries with a positive bond); empty for every other uid.
    pub bond_rows: Vec<Vec<(u16, u16)>>,
}

/// Whether the dense core serves this input (classic or fixed-rate Yuma3 bonds): an EMA rate
/// in `[0, 1]` (so every product stays in the unit interval) and weight rows of the permit holders that fill at
/// least half of their `rows × n` cells (below that the sparse rows are cheaper).
pub(crate) fn applies(neurons: &[NeuronInput], old_permit: &[bool], rate: I32F32) -> bool {
    let n = neurons.len();
    let (mut rows, mut nnz) = (0usize, 0usize);
    for (x, p) in neurons.iter().zip(old_permit) {
        if *p {
            rows += 1;
            nnz += x.weights.len();
        }
    }
    (0..=ONE.to_bits()).contains(&rate.to_bits())
        && n >= 2
        && rows > 0
        && nnz.saturating_mul(2) >= rows.saturating_mul(n)
}

/// The start both bonds models share (§4.6–§4.7): the rows, W row-major and the consensus.
struct Prelude {
    /// Every uid with a weights row (permit holders) or a bonds row, in uid order.
    rows: Vec<usize>,
    /// W row-major (row k = uid rows[k]), masked and normalised; a pooled buffer.
    w: Vec<i64>,
    /// Consensus by column.
    c: Vec<i64>,
    /// Active stake by row.
    stake_of_row: Vec<i64>,
    /// The latest registration block.
    max_reg: u64,
}

/// §4.6 (weights masked and normalised, row-major) and the κ-median of every column (§4.7).
fn prelude(p: &Params<'_>) -> Prelude {
    let n = p.neurons.len();
    // Rows: every uid with a weights row (permit holders) or a bonds row; in uid order.
    let rows: Vec<usize> = (0..n)
        .filter(|&i| p.old_permit[i] || !p.neurons[i].bonds.is_empty())
        .collect();
    let r = rows.len();
    // W row-major (row k = uid rows[k]).
    let mut w = pool::take(n * r);
    let mut scratch = Vec::with_capacity(n);
    // The latest registration: rows updated after it lose no target to the outdated mask.
    let max_reg = p.reg.iter().copied().max().unwrap_or(0);
    for (&i, wrow) in rows.iter().zip(w.chunks_exact_mut(n)) {
        // A row of n distinct uids < n writes every cell; any other must start from 0.
        if !p.old_permit[i] || p.neurons[i].weights.len() < n {
            wrow.fill(0);
        }
        if p.old_permit[i] {
            write_weights(p, i, max_reg, wrow, &mut scratch);
        }
    }

    // Median inputs: positive active stakes in uid order, renormalised (§5 step 1).
    let stake_of_row: Vec<i64> = rows.iter().map(|&i| p.active_stake[i].to_bits()).collect();
    let pos: Vec<usize> = (0..r).filter(|&k| stake_of_row[k] > 0).collect();
    let mut u: Vec<I32F32> = pos
        .iter()
        .map(|&k| I32F32::from_bits(stake_of_row[k]))
        .collect();
    normalize(&mut u);
    let sigma = sum(&u).to_bits();
    let minority = I32F32::from_bits(sigma).saturating_sub(p.kappa).to_bits();
    // Stake by row for the selection: the renormalised stake of positive-stake rows, 0 for
    // the others (a zero stake never moves the cumulative sum, so it never decides the
    // median). Indexed by a key's low 16 bits, the row.
    let mut row_u = vec![0i64; r];
    for (&k, x) in pos.iter().zip(&u) {
        row_u[k] = x.to_bits();
    }
    let median = Median {
        u: &row_u,
        any_stake: !pos.is_empty(),
        sigma,
        minority,
    };
    let mut few = Vec::new();
    // The columns, STRIP at a time, copied out of W into a small buffer that stays in the
    // cache: each row contributes one cache line per strip.
    let mut c: Vec<i64> = Vec::with_capacity(n);
    let mut strip = vec![0i64; STRIP * r];
    for j0 in (0..n).step_by(STRIP) {
        let width = STRIP.min(n - j0);
        columns(&w, n, j0, width, &mut strip);
        for wcol in strip.chunks_exact(r).take(width) {
            c.push(median.of(wcol, &mut few));
        }
    }
    Prelude {
        rows,
        w,
        c,
        stake_of_row,
        max_reg,
    }
}

/// Runs §4.6–§4.10b (Yuma3, fixed EMA rate) on dense matrices; see the module docs.
pub(crate) fn run(p: &Params<'_>) -> Outcome {
    let n = p.neurons.len();
    let Prelude {
        rows,
        w,
        c,
        stake_of_row,
        max_reg,
    } = prelude(p);
    let r = rows.len();

    // Row by row: clipping, trust, rank, the EMA written into E and its column sums.
    let mut e = pool::take(n * r);
    let mut trust = vec![0i64; r];
    let mut ranks = vec![0i64; n];
    let mut col_sums = vec![0i64; n];
    let a = p.rate.to_bits();
    let one_minus_a = ONE.to_bits() - a;
    let penalty = p.penalty.to_bits();
    let fast = match penalty {
        x if x == ONE.to_bits() => Some(kernels::Penalty::One),
        0 => Some(kernels::Penalty::Zero),
        _ => None,
    };
    for (k, (wrow, erow)) in w.chunks_exact(n).zip(e.chunks_exact_mut(n)).enumerate() {
        write_bonds(p, &p.neurons[rows[k]], max_reg, erow);
        trust[k] = if let Some(mode) = fast {
            kernels::ema_row(
                mode,
                wrow,
                &c,
                erow,
                &mut ranks,
                &mut col_sums,
                stake_of_row[k] as u64,
                a as u64,
                one_minus_a as u64,
            )
        } else {
            let row = Row {
                w: wrow,
                c: &c,
                stake: stake_of_row[k],
                a,
                one_minus_a,
            };
            row.run(erow, &mut ranks, &mut col_sums, |w, clipped| {
                bonds_weight(penalty, w, clipped)
            })
        };
    }
    pool::give(w);

    let mut incentive: Vec<I32F32> = ranks.into_iter().map(I32F32::from_bits).collect();
    normalize(&mut incentive);

    // Row by row over E: T_k = Σ_j (e_kj / colsum_j) × I_j, and the stored rows of the new
    // permit holders (E's positive entries, ascending).
    // A column with no incentive or a zero sum adds nothing: its divisor is u64::MAX, whose
    // quotient of any e < 1 is 0 (and 0 × I = 0 at e = 1 too).
    let inc: Vec<u64> = incentive.iter().map(|x| x.to_bits() as u64).collect();
    let divisors = kernels::ColDivisors::new(col_sums.iter().zip(&inc).map(|(&s, &ij)| {
        let d = if ij == 0 || s == 0 {
            u64::MAX
        } else {
            s as u64
        };
        U64Divisor::new(d).unwrap_or(U64Divisor::MAX)
    }));
    let mut bond_rows: Vec<Vec<(u16, u16)>> = vec![Vec::new(); n];
    let mut total = vec![ZERO; n];
    for (k, erow) in e.chunks_exact(n).enumerate() {
        let i = rows[k];
        let (mut t, ones) = kernels::dots(erow, &divisors, &inc);
        if ones {
            // entries of exactly 1 added 0 above: their exact terms
            for ((&x, &ij), &s) in erow.iter().zip(&inc).zip(&col_sums) {
                if x == 1 << 32 && ij != 0 && s != 0 {
                    let q = div(I32F32::from_bits(x), I32F32::from_bits(s)).to_bits();
                    t = t.wrapping_add(mul_unit_lanes(q as u64, ij));
                }
            }
        }
        total[i] = I32F32::from_bits(t as i64);
        if p.new_permit[i] {
            bond_rows[i] = stored_row(erow);
        }
    }
    pool::give(e);

    // Per uid.
    let mut validator_trust = vec![ZERO; n];
    for (k, &i) in rows.iter().enumerate() {
        validator_trust[i] = I32F32::from_bits(trust[k]);
    }
    let mut dividends = vec_mul(&total, p.active_stake);
    normalize(&mut dividends);
    Outcome {
        consensus: c.into_iter().map(I32F32::from_bits).collect(),
        validator_trust,
        incentive,
        dividends,
        bond_rows,
    }
}

/// Columns the median reads at a time.
const STRIP: usize = 16;

/// Columns `j0 .. j0 + width` (`width ≤ STRIP`) of the row-major `w` (rows of `n`), copied
/// column by column into `strip` (`STRIP` slots of `r` rows).
#[inline(never)]
fn columns(w: &[i64], n: usize, j0: usize, width: usize, strip: &mut [i64]) {
    let r = strip.len() / STRIP;
    if width == STRIP {
        for (k, row) in w.chunks_exact(n).enumerate().take(r) {
            if let Some(src) = row.get(j0..j0 + STRIP) {
                for (t, &x) in src.iter().enumerate() {
                    strip[t * r + k] = x;
                }
            }
        }
        return;
    }
    for (k, row) in w.chunks_exact(n).enumerate().take(r) {
        for t in 0..width {
            strip[t * r + k] = row[j0 + t];
        }
    }
}

/// The stored form of a row of E: its positive entries as `prop_to_u16`, ascending columns.
#[inline(never)]
fn stored_row(erow: &[i64]) -> Vec<(u16, u16)> {
    let mut out = vec![(0, 0); erow.len()];
    if kernels::store_row(erow, &mut out) {
        return out;
    }
    compact(out, erow, 1)
}

/// `out` without the entries j where `marks[j] < min_keep`, the runs between them moved down
/// (few are dropped: a vectorised search for each, and a handful of moves).
fn compact(mut out: Vec<(u16, u16)>, marks: &[i64], min_keep: i64) -> Vec<(u16, u16)> {
    let n = out.len().min(marks.len());
    let (mut kept, mut start) = (0, 0);
    loop {
        let j = start + kernels::next_below(&marks[start..n], min_keep);
        out.copy_within(start..j, kept);
        kept += j - start;
        if j >= n {
            break;
        }
        start = j + 1;
    }
    out.truncate(kept);
    out
}

/// The bonds-weight of §4.9: `w + penalty × (clipped − w)`, floored, kept only when positive.
#[inline(always)]
fn bonds_weight(penalty: i64, w: i64, clipped: i64) -> i64 {
    let x = I32F32::from_bits(w).saturating_add(mul(
        I32F32::from_bits(penalty),
        I32F32::from_bits(clipped - w),
    ));
    x.to_bits().max(0)
}

/// One row of §4.7–§4.10b once the consensus of every column is known.
struct Row<'a> {
    /// The row's weights by column.
    w: &'a [i64],
    /// Consensus by column.
    c: &'a [i64],
    /// The row's active stake.
    stake: i64,
    /// EMA rate and its complement, in `[0, 1]`.
    a: i64,
    one_minus_a: i64,
}

impl Row<'_> {
    /// For every column: the clipped weight `min(w, c_j)` (added to the row's trust and, times
    /// the row's stake, to the column's rank), the bonds-weight `wb = bonds_weight(w, clipped)`,
    /// and the EMA `a·wb + (1 − a)·b` written over the bond and added to the column sum.
    /// Returns the trust. Every operand is in `[0, 1]`, so products are [`mul_unit`] and the
    /// sums (of at most 2^16 values ≤ 1) cannot overflow; an EMA value is never negative, so
    /// "kept when positive" is the value itself.
    #[inline(always)]
    fn run(
        &self,
        erow: &mut [i64],
        ranks: &mut [i64],
        col_sums: &mut [i64],
        bonds_weight: impl Fn(i64, i64) -> i64,
    ) -> i64 {
        let mut trust = 0i64;
        for ((((&w, b), &c), rank), cs) in self
            .w
            .iter()
            .zip(erow.iter_mut())
            .zip(self.c)
            .zip(ranks.iter_mut())
            .zip(col_sums.iter_mut())
        {
            let v = w.min(c);
            trust = trust.wrapping_add(v);
            *rank = rank.wrapping_add(mul_unit(self.stake, v));
            let wb = bonds_weight(w, v);
            let x = mul_unit(self.a, wb).wrapping_add(mul_unit(self.one_minus_a, *b));
            *b = x;
            *cs = cs.wrapping_add(x);
        }
        trust
    }
}

/// uid `i`'s weights row, masked (§4.6: diagonal except the owner's, outdated,
/// commit-reveal) and normalised to sum 1 as the sparse path does (integer quotients below
/// 2^31, the fixed-point sum above), into `w` (its row of the row-major W). Only listed cells
/// are written; `scratch` is a reusable row buffer.
#[inline(never)]
fn write_weights(
    p: &Params<'_>,
    i: usize,
    max_reg: u64,
    w: &mut [i64],
    scratch: &mut Vec<(u16, u16)>,
) {
    let x = &p.neurons[i];
    let commit = if p.commit_reveal {
        x.commit_block.unwrap_or(u64::MAX)
    } else {
        u64::MAX
    };
    let newest_ok = x.last_update.min(commit.saturating_add(1));
    let own = if p.owner == Some(i) { usize::MAX } else { i };
    if newest_ok > max_reg {
        // No target registered recently enough to be masked: only the diagonal can be.
        let own_v = x
            .weights
            .get(own)
            .filter(|e| usize::from(e.0) == own)
            .or_else(|| x.weights.iter().find(|e| usize::from(e.0) == own))
            .map_or(0, |e| u64::from(e.1));
        // at most 65 535 values < 2^16: the sum stays below 2^32, no wrap
        let int_sum = kernels::weight_sum(&x.weights).wrapping_sub(own_v);
        let rd = RowDivisor::new(int_sum);
        if let (true, Some(d)) = (int_sum < 1 << 31, U64Divisor::new(int_sum)) {
            match rd {
                // A full row in uid order (the common dense row): a straight, vectorisable
                // loop. The same quotients as below, without a 128-bit product.
                // A full row in uid order (the common dense row): a straight, vectorisable
                // loop that also checks the order; any other row of n entries is a
                // permutation of the uids, and the loop below rewrites every cell.
                Some(rd)
                    if x.weights.len() == w.len() && {
                        let (mh, ml, sh) = rd.parts();
                        kernels::normalise_row(w, &x.weights, mh, ml, u64::from(sh))
                    } => {}
                Some(rd) => {
                    for &(j, v) in &x.weights {
                        if let Some(c) = w.get_mut(usize::from(j)) {
                            *c = rd.div(v) as i64;
                        }
                    }
                }
                None => {
                    for &(j, v) in &x.weights {
                        if let Some(c) = w.get_mut(usize::from(j)) {
                            *c = d.div(u64::from(v) << 32) as i64;
                        }
                    }
                }
            }
            // the diagonal: masked (a cell without an entry already reads 0)
            if let Some(c) = w.get_mut(own) {
                *c = 0;
            }
            return;
        }
    }
    let keep = |j: usize| j != own && p.reg.get(j).is_some_and(|reg| newest_ok > *reg);
    // The row with masked values set to 0 (a 0 normalises to 0), and its integer sum.
    let mut int_sum = 0u64;
    scratch.clear();
    scratch.extend(x.weights.iter().map(|&(j, v)| {
        let v = if keep(j as usize) { v } else { 0 };
        int_sum += u64::from(v);
        (j, v)
    }));
    if int_sum < 1 << 31 {
        // floor(v · 2^32 / int_sum); an all-zero row stays 0
        let Some(d) = U64Divisor::new(int_sum) else {
            for &(j, _) in scratch.iter() {
                if let Some(c) = w.get_mut(usize::from(j)) {
                    *c = 0;
                }
            }
            return;
        };
        for &(j, v) in scratch.iter() {
            if let Some(c) = w.get_mut(usize::from(j)) {
                *c = d.div(u64::from(v) << 32) as i64;
            }
        }
    } else {
        let s = scratch
            .iter()
            .fold(ZERO, |acc, e| add(acc, I32F32::from_num(e.1)));
        let d = Divisor::new(s);
        for &(j, v) in scratch.iter() {
            if let Some(c) = w.get_mut(usize::from(j)) {
                *c = d.div(I32F32::from_num(v)).to_bits();
            }
        }
    }
}

/// A row of the bonds: the stored row as `v / 65535`, columns registered at or after
/// `last_tempo` dropped (Q7), into `b` (its row of E before the EMA). Every cell is written.
#[inline(never)]
fn write_bonds(p: &Params<'_>, x: &NeuronInput, max_reg: u64, b: &mut [i64]) {
    if p.last_tempo > max_reg {
        // no column is masked
        if prop_runs(b, &x.bonds) {
            return;
        }
        // an unsorted row: cell by cell over zeros
        b.fill(0);
        for &(j, v) in &x.bonds {
            if let Some(c) = b.get_mut(usize::from(j)) {
                *c = to_prop(v).to_bits();
            }
        }
        return;
    }
    b.fill(0);
    for &(j, v) in &x.bonds {
        let ju = j as usize;
        let val = if p.reg.get(ju).is_some_and(|reg| p.last_tempo > *reg) {
            to_prop(v).to_bits()
        } else {
            0
        };
        if let Some(c) = b.get_mut(ju) {
            *c = val;
        }
    }
}

/// Writes a bonds row whose uids ascend in a few runs of consecutive uids (a warm row lacks
/// only the uids whose bond fell to 0) run by run with [`kernels::prop_row`], zeroing the
/// gaps; every cell of `b` is written. Past a few runs a scatter is cheaper: returns false
/// then, or for a row that is not ascending, having written arbitrary values.
fn prop_runs(b: &mut [i64], row: &[(u16, u16)]) -> bool {
    runs(b, row, kernels::prop_row)
}

/// Converts a run of bond entries into cells: `(cells, entries, first uid)` → how many
/// leading entries hold consecutive uids from the first ([`kernels::prop_row`]).
type ConvertRun = fn(&mut [i64], &[(u16, u16)], u32) -> usize;

/// [`prop_runs`] with another conversion of a run (`convert(b, run, first uid)` returns how
/// many leading entries hold consecutive uids from the first, having converted them).
fn runs(b: &mut [i64], row: &[(u16, u16)], convert: ConvertRun) -> bool {
    const MAX_RUNS: usize = 4;
    let (mut q, mut free) = (0usize, 0usize);
    for _ in 0..MAX_RUNS {
        let Some(first) = row.get(q) else {
            if let Some(rest) = b.get_mut(free..) {
                rest.fill(0);
            }
            return true;
        };
        let start = usize::from(first.0);
        if start < free || start >= b.len() {
            return false;
        }
        b[free..start].fill(0);
        let run = convert(&mut b[start..], &row[q..], u32::from(first.0));
        q += run.max(1);
        free = start + run.max(1);
    }
    if q < row.len() {
        return false;
    }
    if let Some(rest) = b.get_mut(free..) {
        rest.fill(0);
    }
    true
}

/// Per-thread reuse of the large row-major buffers between epochs (contents are always
/// overwritten before they are read).
mod pool {
    use std::cell::RefCell;

    thread_local! {
        static FREE: RefCell<Vec<Vec<i64>>> = const { RefCell::new(Vec::new()) };
    }

    /// A buffer of `len` values (arbitrary contents).
    pub(super) fn take(len: usize) -> Vec<i64> {
        let mut b = FREE.with(|f| f.borrow_mut().pop()).unwrap_or_default();
        if b.len() < len {
            b.resize(len, 0);
        }
        b.truncate(len);
        b
    }

    /// Returns a buffer for reuse (two are kept).
    pub(super) fn give(b: Vec<i64>) {
        FREE.with(|f| {
            let mut f = f.borrow_mut();
            if f.len() < 2 {
                f.push(b);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn bond_runs_match_a_scatter_over_zeros(
            n in 1usize..80,
            keep in proptest::collection::vec(0u8..8, 80),
            values in proptest::collection::vec(any::<u16>(), 80),
            shuffle in any::<bool>(),
        ) {
            // an ascending row with gaps where keep = 0 (often several runs), sometimes unsorted
            let mut row: Vec<(u16, u16)> = (0..n)
                .filter(|&j| keep[j] != 0)
                .map(|j| (j as u16, values[j]))
                .collect();
            if shuffle && row.len() > 1 {
                let last = row.len() - 1;
                row.swap(0, last);
            }
            let mut want = vec![0i64; n];
            for &(j, v) in &row {
                want[usize::from(j)] = to_prop(v).to_bits();
            }
            let mut got = vec![-1i64; n];
            if prop_runs(&mut got, &row) {
                prop_assert_eq!(got, want);
            } else {
                // only a row out of order or of many runs is refused
                let runs = 1 + row.windows(2).filter(|x| x[1].0 != x[0].0 + 1).count();
                prop_assert!(shuffle || runs > 4, "{row:?}");
            }
        }
    }
}
