//! The epoch's core (§4.6–§4.10b, Yuma3 with the fixed EMA rate) on dense column-major
//! matrices, for subnets whose validators weight most uids.
//!
//! The sparse path ([`crate::epoch`]) keeps `(column, value)` rows and makes about eight passes
//! over them (normalise, transpose for the median, select, clip, rank, EMA, column sums,
//! column-normalised dots), each paying for the row bookkeeping. When the weight rows are
//! dense, one `n × r` column-major matrix per operand (r = rows that hold a permit or bonds)
//! lets every step from the median to the EMA run column by column while that column is in
//! the cache:
//!
//! 1. `W` (masked, row-normalised weights) and `B` (masked stored bonds, `v / 65535`) are
//!    scattered into column-major buffers, absent entries as 0;
//! 2. per column j: the κ-median `C_j` of the positive-stake validators' scores, then for
//!    every row the clipped weight `min(w, C_j)` (trust, rank), the bonds-weight (penalty
//!    interpolation), the EMA `E = a·Wb + (1 − a)·B` written over `B`, and the column sum;
//! 3. one sweep over `E`: the column-normalised dot products with the incentive, and the bond
//!    rows to store.
//!
//! The per-column loops of step 2 live in [`kernels`]: branch-free, 64-bit lanes, products of
//! two unit values split into 32-bit halves ([`crate::math::fast::mul_unit_lanes`], exactly
//! `mul_unit`), so the compiler vectorises them; on x86-64 they are also compiled with AVX2
//! and chosen at run time (same operations, same bits). The κ-median's first radix round reads
//! the column directly (extremes by a vectorised pass, a histogram of stake over the top bits
//! of `score − min`) and forms `score << 16 | row` keys only for the bucket that crosses the
//! target.
//!
//! Why zeros may stand for absent entries (the results are bit-identical to the sparse path;
//! `tests/it/reference.rs` compares both with the literal reference): the median counts a
//! missing weight as a score of 0; clipping keeps an entry `≤ C_j` and drops one above a
//! threshold of 0, which as a value is `min(w, C_j)` since `C_j ≥ 0`; trust, rank, column
//! sums and dots only add products, and a product with 0 is 0; the interpolation and the EMA
//! emit a column only when its value is positive, so an emitted 0 is never stored. The order
//! of the additions is the sparse path's (ascending rows, ascending columns) and none of them
//! can overflow: every value lies in `[0, 1]` (raw bits ≤ 2^32) and fewer than 2^16 of them are
//! added. Rows come out sorted by column, as the fixed-rate EMA writes them. Liquid alpha and
//! classic bonds stay on the sparse path (liquid alpha depends on the stored order, quirks
//! Q1–Q3).

mod kernels;
mod median;

use median::{Hist, Median, MAX_BITS};

use crate::math::fast::{add, div, mul, mul_unit, Divisor, RowDivisor, U64Divisor};
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

/// Whether the dense core serves this input: Yuma3 at a fixed rate in `[0, 1]` (so every
/// product stays in the unit interval) and weight rows of the permit holders that fill at
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

/// Runs §4.6–§4.10b (Yuma3, fixed EMA rate) on dense matrices; see the module docs.
pub(crate) fn run(p: &Params<'_>) -> Outcome {
    let n = p.neurons.len();
    // Rows: every uid with a weights row (permit holders) or a bonds row; in uid order.
    let rows: Vec<usize> = (0..n)
        .filter(|&i| p.old_permit[i] || !p.neurons[i].bonds.is_empty())
        .collect();
    let r = rows.len();
    let mut w = pool::take(n * r);
    let mut e = pool::take(n * r);
    // Cells no row entry writes must read 0.
    if rows
        .iter()
        .any(|&i| !p.old_permit[i] || p.neurons[i].weights.len() < n)
    {
        w.fill(0);
    }
    if rows.iter().any(|&i| p.neurons[i].bonds.len() < n) {
        e.fill(0);
    }
    let mut scratch = Vec::with_capacity(n);
    // The latest registration: rows updated after it lose no target to the outdated mask.
    let max_reg = p.reg.iter().copied().max().unwrap_or(0);
    for (k, &i) in rows.iter().enumerate() {
        if p.old_permit[i] {
            write_weights(p, (i, k, r), max_reg, &mut w, &mut scratch);
        }
        write_bonds(p, &p.neurons[i], (k, r), max_reg, &mut e);
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

    let mut consensus = vec![ZERO; n];
    let mut trust = vec![0i64; r];
    let mut ranks = vec![ZERO; n];
    let mut col_sums = vec![0i64; n];
    let mut keys: Vec<u64> = vec![0; r];
    let mut hist: Hist = [0; 1 << MAX_BITS];
    let a = p.rate.to_bits();
    let one_minus_a = ONE.to_bits() - a;
    let penalty = p.penalty.to_bits();
    for (j, (wcol, ecol)) in w.chunks_exact(r).zip(e.chunks_exact_mut(r)).enumerate() {
        let c = median.of(wcol, &mut keys, &mut hist);
        consensus[j] = I32F32::from_bits(c);
        let col = ColumnPass {
            wcol,
            stake: &stake_of_row,
            c,
            a,
            one_minus_a,
        };
        let fast = match penalty {
            p if p == ONE.to_bits() => Some(kernels::Penalty::One),
            0 => Some(kernels::Penalty::Zero),
            _ => None,
        };
        let (rank, cs) = if let Some(mode) = fast {
            kernels::ema_column(
                mode,
                wcol,
                &stake_of_row,
                ecol,
                &mut trust,
                c,
                a as u64,
                one_minus_a as u64,
            )
        } else {
            col.run(ecol, &mut trust, |w, clipped| {
                // w + penalty × (clipped − w), floored; kept only when positive
                let x = I32F32::from_bits(w).saturating_add(mul(
                    I32F32::from_bits(penalty),
                    I32F32::from_bits(clipped - w),
                ));
                x.to_bits().max(0)
            })
        };
        ranks[j] = I32F32::from_bits(rank);
        col_sums[j] = cs;
    }
    pool::give(w);

    let mut incentive = ranks;
    normalize(&mut incentive);

    // One sweep over E: T_k = Σ_j (e_kj / colsum_j) × I_j, and the stored rows of the new
    // permit holders (E's positive entries, ascending).
    let mut t = vec![0i64; r];
    let emitting: Vec<usize> = (0..r).filter(|&k| p.new_permit[rows[k]]).collect();
    let mut out: Vec<Vec<(u16, u16)>> = emitting.iter().map(|_| Vec::with_capacity(n)).collect();
    for (j, ecol) in e.chunks_exact(r).enumerate() {
        let ij = incentive[j].to_bits();
        // a zero column sum means every entry is 0 and adds 0
        if let (true, Some(d)) = (ij != 0, U64Divisor::new(col_sums[j] as u64)) {
            for (tk, &x) in t.iter_mut().zip(ecol) {
                // e ≤ colsum: the quotient lies in [0, 1]
                let q = if x < 1 << 32 {
                    d.div((x as u64) << 32) as i64
                } else {
                    div(I32F32::from_bits(x), I32F32::from_bits(col_sums[j])).to_bits()
                };
                *tk = tk.wrapping_add(mul_unit(q, ij));
            }
        }
        for (row, &k) in out.iter_mut().zip(&emitting) {
            let x = ecol.get(k).copied().unwrap_or(0);
            if x > 0 {
                // prop_to_u16 of a value in [0, 1]: ⌊x · 65535 / 2^32⌋ ≤ 65535, exact in u64
                row.push((j as u16, ((x as u64).wrapping_mul(65_535) >> 32) as u16));
            }
        }
    }
    let mut bond_rows: Vec<Vec<(u16, u16)>> = vec![Vec::new(); n];
    for (row, &k) in out.into_iter().zip(&emitting) {
        bond_rows[rows[k]] = row;
    }
    pool::give(e);

    // Per uid.
    let mut validator_trust = vec![ZERO; n];
    let mut total = vec![ZERO; n];
    for (k, &i) in rows.iter().enumerate() {
        validator_trust[i] = I32F32::from_bits(trust[k]);
        total[i] = I32F32::from_bits(t[k]);
    }
    let mut dividends = vec_mul(&total, p.active_stake);
    normalize(&mut dividends);
    Outcome {
        consensus,
        validator_trust,
        incentive,
        dividends,
        bond_rows,
    }
}

/// One column of §4.7–§4.10b after its consensus `c` is known.
struct ColumnPass<'a> {
    /// The column's weights by row.
    wcol: &'a [i64],
    /// Active stake by row.
    stake: &'a [i64],
    /// Consensus of the column.
    c: i64,
    /// EMA rate and its complement, in `[0, 1]`.
    a: i64,
    one_minus_a: i64,
}

impl ColumnPass<'_> {
    /// For every row: the clipped weight `min(w, c)` (added to the row's trust and, times the
    /// row's stake, to the column's rank), the bonds-weight `wb = bonds_weight(w, clipped)`,
    /// and the EMA `a·wb + (1 − a)·b` written over the bond. Returns (rank, column sum of E).
    /// Every operand is in `[0, 1]`, so products are [`mul_unit`] and the sums (of at most
    /// 2^16 values ≤ 1) cannot overflow; an EMA value is never negative, so "kept when
    /// positive" is the value itself.
    #[inline(always)]
    fn run(
        &self,
        ecol: &mut [i64],
        trust: &mut [i64],
        bonds_weight: impl Fn(i64, i64) -> i64,
    ) -> (i64, i64) {
        let (mut rank, mut cs) = (0i64, 0i64);
        for (((&w, b), &s), t) in self
            .wcol
            .iter()
            .zip(ecol.iter_mut())
            .zip(self.stake)
            .zip(trust.iter_mut())
        {
            let v = w.min(self.c);
            *t = t.wrapping_add(v);
            rank = rank.wrapping_add(mul_unit(s, v));
            let wb = bonds_weight(w, v);
            let x = mul_unit(self.a, wb).wrapping_add(mul_unit(self.one_minus_a, *b));
            *b = x;
            cs = cs.wrapping_add(x);
        }
        (rank, cs)
    }
}

/// Row `k` of the column-major weights: uid `i`'s stored row masked (§4.6: diagonal except
/// the owner's, outdated, commit-reveal) and normalised to sum 1 as the sparse path does
/// (integer quotients below 2^31, the fixed-point sum above). Only listed cells are written;
/// `scratch` is a reusable row buffer.
fn write_weights(
    p: &Params<'_>,
    (i, k, r): (usize, usize, usize),
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
    let cell = |j: u16| (j as usize).wrapping_mul(r).wrapping_add(k);
    if newest_ok > max_reg {
        // No target registered recently enough to be masked: only the diagonal can be.
        let own_v = x
            .weights
            .get(own)
            .filter(|e| usize::from(e.0) == own)
            .or_else(|| x.weights.iter().find(|e| usize::from(e.0) == own))
            .map_or(0, |e| u64::from(e.1));
        let int_sum = x.weights.iter().map(|e| u64::from(e.1)).sum::<u64>() - own_v;
        let rd = RowDivisor::new(int_sum);
        if let (true, Some(d)) = (int_sum < 1 << 31, U64Divisor::new(int_sum)) {
            if let Some(rd) = rd {
                // the same quotients, without a 128-bit product
                for &(j, v) in &x.weights {
                    if let Some(c) = w.get_mut(cell(j)) {
                        *c = rd.div(v) as i64;
                    }
                }
            } else {
                for &(j, v) in &x.weights {
                    if let Some(c) = w.get_mut(cell(j)) {
                        *c = d.div(u64::from(v) << 32) as i64;
                    }
                }
            }
            // the diagonal: masked (a cell without an entry already reads 0)
            if own < p.neurons.len() {
                if let Some(c) = w.get_mut(own.wrapping_mul(r).wrapping_add(k)) {
                    *c = 0;
                }
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
                if let Some(c) = w.get_mut(cell(j)) {
                    *c = 0;
                }
            }
            return;
        };
        for &(j, v) in scratch.iter() {
            if let Some(c) = w.get_mut(cell(j)) {
                *c = d.div(u64::from(v) << 32) as i64;
            }
        }
    } else {
        let s = scratch
            .iter()
            .fold(ZERO, |acc, e| add(acc, I32F32::from_num(e.1)));
        let d = Divisor::new(s);
        for &(j, v) in scratch.iter() {
            if let Some(c) = w.get_mut(cell(j)) {
                *c = d.div(I32F32::from_num(v)).to_bits();
            }
        }
    }
}

/// Row `k` of the column-major bonds: the stored row as `v / 65535`, columns registered at or
/// after `last_tempo` dropped (Q7). Only listed cells are written.
fn write_bonds(
    p: &Params<'_>,
    x: &NeuronInput,
    (k, r): (usize, usize),
    max_reg: u64,
    b: &mut [i64],
) {
    let cell = |j: usize| j.wrapping_mul(r).wrapping_add(k);
    if p.last_tempo > max_reg {
        // no column is masked
        for &(j, v) in &x.bonds {
            if let Some(c) = b.get_mut(cell(usize::from(j))) {
                *c = to_prop(v).to_bits();
            }
        }
        return;
    }
    for &(j, v) in &x.bonds {
        let ju = j as usize;
        let val = if p.reg.get(ju).is_some_and(|reg| p.last_tempo > *reg) {
            to_prop(v).to_bits()
        } else {
            0
        };
        if let Some(c) = b.get_mut(cell(ju)) {
            *c = val;
        }
    }
}

/// Per-thread reuse of the large column-major buffers between epochs (contents are always
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
