//! Classic bonds (§4.10a, Yuma3 off: subtensor's default) on the dense core's row-major
//! matrices, bit-identical to [`crate::bonds::classic_with_col_sums`] on the sparse path.
//!
//! After the shared prelude (W, consensus), four passes over the rows, each vectorised across
//! columns, with every column division done by a lane-wise reciprocal
//! ([`kernels::quotients`]):
//! 1. clipping, trust and rank, and `ΔB = Wb ∘ A` with its column sums;
//! 2. `B` (stored integers, Q7-masked) and `ΔB` column-normalised, their EMA `E` and its
//!    column sums;
//! 3. `E` column-normalised, the dividends `Σ_j E_kj · I_j` and the column maxima;
//! 4. the stored rows: `E` upscaled to column maximum 1, as u16, for the new permit holders.
//!
//! Why the dense values equal the sparse ones: every operand lies in `[0, 1]` once normalised
//! (the stored integers are below their column sum), so the crate's saturating products are
//! [`mul_unit`]s and the saturating sums of non-negative values below 1 are plain sums, whose
//! order does not matter; a missing entry reads 0 and contributes 0. Where the sparse path
//! divides by a zero column sum it leaves the entry, which is then 0, as the reciprocal of
//! `u64::MAX` does. The one place presence matters is the stored row: it lists every column
//! where `E > 0`, even when the normalised value is 0, so pass 3 marks the others with −1.
//! A column of stored integers summing to 2^31 or more (saturated in I32F32, unreachable
//! with fewer than 32 769 rows) is left to the sparse path: [`run`] returns `None`.

use super::kernels::{self, ColDivisors};
use super::{bonds_weight, pool, prelude, runs, Outcome, Params, Prelude};
use crate::math::fast::{div, mul_unit, mul_unit_lanes};
use crate::math::fixed::{I32F32, ONE, ZERO};
use crate::math::vector::normalize;
use crate::simd::simd_dispatch;

/// §4.6–§4.10a with classic bonds on dense matrices; `None` when a column's stored bonds sum
/// to 2^31 or more (the sparse path's saturating case).
pub(crate) fn run(p: &Params<'_>) -> Option<Outcome> {
    let n = p.neurons.len();
    // The stored integers' column sums, recent registrations (Q7) masked, as the sparse path
    // gathers them.
    let mut int_sums = vec![0u64; n];
    for x in p.neurons {
        for &(j, v) in &x.bonds {
            let j = usize::from(j);
            if p.reg.get(j).is_some_and(|reg| p.last_tempo > *reg) {
                if let Some(s) = int_sums.get_mut(j) {
                    *s += u64::from(v);
                }
            }
        }
    }
    if int_sums.iter().any(|&s| s >= 1 << 31) {
        return None;
    }
    let Prelude {
        rows,
        w,
        c,
        stake_of_row,
        max_reg,
    } = prelude(p);
    let r = rows.len();
    let penalty = p.penalty.to_bits();

    // Pass 1: clipping, trust, rank; ΔB = Wb ∘ A (into `m`) and its column sums.
    let mut m = pool::take(n * r);
    let mut trust = vec![0i64; r];
    let mut ranks = vec![0i64; n];
    let mut delta_sums = vec![0i64; n];
    for (k, (wrow, drow)) in w.chunks_exact(n).zip(m.chunks_exact_mut(n)).enumerate() {
        let stake = stake_of_row[k];
        trust[k] = match penalty {
            x if x == ONE.to_bits() => delta_row(
                true,
                wrow,
                &c,
                drow,
                &mut ranks,
                &mut delta_sums,
                stake as u64,
            ),
            0 => delta_row(
                false,
                wrow,
                &c,
                drow,
                &mut ranks,
                &mut delta_sums,
                stake as u64,
            ),
            _ => {
                let mut t = 0i64;
                for j in 0..n {
                    let v = wrow[j].min(c[j]);
                    t = t.wrapping_add(v);
                    ranks[j] = ranks[j].wrapping_add(mul_unit(stake, v));
                    let d = mul_unit(bonds_weight(penalty, wrow[j], v), stake);
                    drow[j] = d;
                    delta_sums[j] = delta_sums[j].wrapping_add(d);
                }
                t
            }
        };
    }
    pool::give(w);
    let mut incentive: Vec<I32F32> = ranks.into_iter().map(I32F32::from_bits).collect();
    normalize(&mut incentive);

    // Pass 2: B and ΔB column-normalised, E = a·ΔB + (1 − a)·B in place, its column sums.
    let a = p.rate.to_bits() as u64;
    let one_minus_a = (ONE.to_bits() - p.rate.to_bits()) as u64;
    let int_div = ColDivisors::of_sums(&int_sums.iter().map(|&s| s as i64).collect::<Vec<_>>());
    let delta_div = ColDivisors::of_sums(&delta_sums);
    let mut e_sums = vec![0i64; n];
    let (mut b, mut bn, mut dn) = (vec![0i64; n], vec![0i64; n], vec![0i64; n]);
    for (k, row) in m.chunks_exact_mut(n).enumerate() {
        write_integers(p, &p.neurons[rows[k]], max_reg, &mut b);
        // integers < 2^16 and each below its column sum: no quotient needs fixing
        kernels::quotients(&b, &int_div, &mut bn);
        if kernels::quotients(row, &delta_div, &mut dn) {
            for j in 0..n {
                if row[j] >= 1 << 32 {
                    dn[j] = fixed_quotient(row[j], delta_sums[j]);
                }
            }
        }
        ema_sums(row, &dn, &bn, &mut e_sums, a, one_minus_a);
    }

    // Pass 3: E column-normalised (−1 where E = 0: no stored entry), the dividends and the
    // column maxima.
    let e_div = ColDivisors::of_sums(&e_sums);
    let inc: Vec<u64> = incentive.iter().map(|x| x.to_bits() as u64).collect();
    let mut max = vec![0i64; n];
    let mut dividends = vec![ZERO; n];
    let mut q = vec![0i64; n];
    for (k, row) in m.chunks_exact_mut(n).enumerate() {
        if kernels::quotients(row, &e_div, &mut q) {
            for j in 0..n {
                if row[j] >= 1 << 32 {
                    q[j] = fixed_quotient(row[j], e_sums[j]);
                }
            }
        }
        dividends[rows[k]] = I32F32::from_bits(dots_max(row, &q, &inc, &mut max) as i64);
    }
    normalize(&mut dividends);

    // Pass 4: the stored rows of the new permit holders: E / column max, as u16.
    let max_div = ColDivisors::of_sums(&max);
    let mut bond_rows: Vec<Vec<(u16, u16)>> = vec![Vec::new(); n];
    for (k, row) in m.chunks_exact(n).enumerate() {
        let i = rows[k];
        if !p.new_permit[i] {
            continue;
        }
        for (x, &en) in b.iter_mut().zip(row.iter()) {
            *x = en.max(0);
        }
        if kernels::quotients(&b, &max_div, &mut q) {
            for j in 0..n {
                if b[j] >= 1 << 32 {
                    q[j] = fixed_quotient(b[j], max[j]);
                }
            }
        }
        // every column's (j, prop_to_u16(q_j)) (q lies in [0, 1]), then the columns without a
        // stored entry dropped
        let mut out = vec![(0, 0); n];
        kernels::store_row(&q, &mut out);
        bond_rows[i] = super::compact(out, row, 0);
    }
    pool::give(m);

    let mut validator_trust = vec![ZERO; n];
    for (k, &i) in rows.iter().enumerate() {
        validator_trust[i] = I32F32::from_bits(trust[k]);
    }
    Some(Outcome {
        consensus: c.into_iter().map(I32F32::from_bits).collect(),
        validator_trust,
        incentive,
        dividends,
        bond_rows,
    })
}

/// `x / s` for `x = 1` exactly (`s ≥ x`, so `s ≥ 1` and the quotient lies in (0, 1]), by the
/// crate's exact division; 0 where the sparse path leaves a zero-sum column's entry.
fn fixed_quotient(x: i64, s: i64) -> i64 {
    if s <= 0 {
        return x;
    }
    div(I32F32::from_bits(x), I32F32::from_bits(s)).to_bits()
}

simd_dispatch! {
    /// Pass 1 for penalty 1 (`clipped`) or 0: per column the clipped weight `v = min(w, c)`
    /// (its sum is the returned trust; times the row's stake it adds to the rank) and
    /// `ΔB = Wb · stake` (written to `d`, added to its column sum). All in `[0, 1]`, at most
    /// 2^16 terms per sum: nothing wraps.
    fn delta_row / delta_row_avx2 / delta_row_portable(
        clipped: bool,
        w: &[i64],
        c: &[i64],
        d: &mut [i64],
        rank: &mut [i64],
        sums: &mut [i64],
        stake: u64,
    ) -> i64 {
        let len = w.len().min(c.len()).min(d.len()).min(rank.len()).min(sums.len());
        let (w, c, d) = (&w[..len], &c[..len], &mut d[..len]);
        let (rank, sums) = (&mut rank[..len], &mut sums[..len]);
        let mut trust = 0u64;
        for j in 0..len {
            let v = w[j].min(c[j]);
            trust = trust.wrapping_add(v as u64);
            let sv = mul_unit_lanes(stake, v as u64);
            rank[j] = rank[j].wrapping_add(sv as i64);
            let x = if clipped { sv } else { mul_unit_lanes(stake, w[j] as u64) };
            d[j] = x as i64;
            sums[j] = sums[j].wrapping_add(x as i64);
        }
        trust as i64
    }
}

simd_dispatch! {
    /// Pass 2's EMA: `e_j = a · Δ_j + (1 − a) · b_j` (both normalised) into `e`, added to the
    /// column sums.
    fn ema_sums / ema_sums_avx2 / ema_sums_portable(
        e: &mut [i64],
        delta: &[i64],
        b: &[i64],
        sums: &mut [i64],
        a: u64,
        one_minus_a: u64,
    ) -> () {
        let len = e.len().min(delta.len()).min(b.len()).min(sums.len());
        let (e, delta, b, sums) = (&mut e[..len], &delta[..len], &b[..len], &mut sums[..len]);
        for j in 0..len {
            let x = mul_unit_lanes(a, delta[j] as u64)
                .wrapping_add(mul_unit_lanes(one_minus_a, b[j] as u64));
            e[j] = x as i64;
            sums[j] = sums[j].wrapping_add(x as i64);
        }
    }
}

simd_dispatch! {
    /// Pass 3 for one row: `Σ_j I_j · q_j` (q the normalised E), the column maxima of `q`, and
    /// `e` replaced by `q`, or by −1 where `e` was 0 (no stored entry).
    fn dots_max / dots_max_avx2 / dots_max_portable(
        e: &mut [i64],
        q: &[i64],
        inc: &[u64],
        max: &mut [i64],
    ) -> u64 {
        let len = e.len().min(q.len()).min(inc.len()).min(max.len());
        let (e, q, inc, max) = (&mut e[..len], &q[..len], &inc[..len], &mut max[..len]);
        let mut t = 0u64;
        for j in 0..len {
            t = t.wrapping_add(mul_unit_lanes(q[j] as u64, inc[j]));
            max[j] = max[j].max(q[j]);
            e[j] = if e[j] > 0 { q[j] } else { -1 };
        }
        t
    }
}

/// A row of stored bonds as integers (Q7-masked) into `b`; every cell is written.
fn write_integers(p: &Params<'_>, x: &crate::types::NeuronInput, max_reg: u64, b: &mut [i64]) {
    let unmasked = p.last_tempo > max_reg;
    if unmasked && runs(b, &x.bonds, kernels::int_row) {
        return;
    }
    b.fill(0);
    for &(j, v) in &x.bonds {
        let j = usize::from(j);
        if unmasked || p.reg.get(j).is_some_and(|reg| p.last_tempo > *reg) {
            if let Some(c) = b.get_mut(j) {
                *c = i64::from(v);
            }
        }
    }
}
