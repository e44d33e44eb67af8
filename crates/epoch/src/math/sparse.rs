//! Sparse matrices and their helpers, spec-epoch §1.4.
//!
//! A matrix is `n` rows of `(column, value)` entries kept in their stored order (rows are not
//! sorted, quirk Q3), held in one flat buffer with row offsets so that an epoch allocates a
//! handful of vectors rather than one per row. Helpers that densify a row in subtensor
//! (`interpolate`, `mat_ema`) use a reusable accumulator that visits only the touched columns
//! and emits them in ascending order, which gives the same rows in O(nnz · log n).

use super::fast::{add, lt, mul, mul_unit, positive, Divisor, U64Divisor};
use super::fixed::{I32F32, ONE, ZERO};
use std::borrow::Cow;

/// One matrix entry: column uid and value.
pub type Entry = (u16, I32F32);

/// A row-major sparse matrix of I32F32 values (compressed sparse rows).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SparseMatrix {
    offsets: Vec<usize>,
    entries: Vec<Entry>,
}

impl SparseMatrix {
    /// An empty matrix with room for `rows` rows and `nnz` entries.
    pub fn with_capacity(rows: usize, nnz: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        Self {
            offsets,
            entries: pool::take(nnz),
        }
    }

    /// Builds a matrix from explicit rows (tests and small inputs).
    pub fn from_rows(rows: &[Vec<Entry>]) -> Self {
        let mut m = Self::with_capacity(rows.len(), rows.iter().map(Vec::len).sum());
        for row in rows {
            for &(j, v) in row {
                m.push(j, v);
            }
            m.end_row();
        }
        m
    }

    /// The rows as vectors (tests and output).
    pub fn to_rows(&self) -> Vec<Vec<Entry>> {
        (0..self.n_rows()).map(|i| self.row(i).to_vec()).collect()
    }

    /// Appends an entry to the row being built.
    #[inline]
    pub fn push(&mut self, j: u16, v: I32F32) {
        self.entries.push((j, v));
    }

    /// Closes the row being built.
    #[inline]
    pub fn end_row(&mut self) {
        self.offsets.push(self.entries.len());
    }

    /// Number of rows.
    #[inline]
    pub fn n_rows(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Number of stored entries.
    #[inline]
    pub fn nnz(&self) -> usize {
        self.entries.len()
    }

    /// Row `i`'s entries in stored order.
    #[inline]
    pub fn row(&self, i: usize) -> &[Entry] {
        &self.entries[self.offsets[i]..self.offsets[i + 1]]
    }

    #[inline]
    fn row_mut(&mut self, i: usize) -> &mut [Entry] {
        let (a, b) = (self.offsets[i], self.offsets[i + 1]);
        &mut self.entries[a..b]
    }

    /// A new matrix keeping the entries for which `keep(row, column, value)` holds, in order
    /// (`mask_rows`, `mask_diag`, `mask_cells` of §1.4).
    pub fn filter(&self, mut keep: impl FnMut(usize, u16, I32F32) -> bool) -> Self {
        let mut out = Self::with_capacity(self.n_rows(), self.nnz());
        for i in 0..self.n_rows() {
            for &(j, v) in self.row(i) {
                if keep(i, j, v) {
                    out.push(j, v);
                }
            }
            out.end_row();
        }
        out
    }

    /// A new matrix with every value mapped by `f(row, column, value)`, order kept.
    pub fn map(&self, mut f: impl FnMut(usize, u16, I32F32) -> I32F32) -> Self {
        let mut out = self.clone();
        for i in 0..self.n_rows() {
            for e in out.row_mut(i) {
                e.1 = f(i, e.0, e.1);
            }
        }
        out
    }

    /// `row_normalize`: each row with a positive sum is divided by it.
    pub fn row_normalize(&mut self) {
        for i in 0..self.n_rows() {
            let row = self.row_mut(i);
            let s = row.iter().fold(ZERO, |acc, e| add(acc, e.1));
            if s > ZERO {
                let d = Divisor::new(s);
                for e in row.iter_mut() {
                    e.1 = d.div(e.1);
                }
            }
        }
    }

    /// `row_normalize` of the last closed row only (rows are normalised as they are built).
    pub fn normalize_last_row(&mut self) {
        let i = self.n_rows() - 1;
        let row = self.row_mut(i);
        let s = row.iter().fold(ZERO, |acc, e| add(acc, e.1));
        if s > ZERO {
            let d = Divisor::new(s);
            for e in row.iter_mut() {
                e.1 = d.div(e.1);
            }
        }
    }

    /// `row_normalize` of the last closed row when its values are the integers `v · 2^32`
    /// (stored u16 weights) summing to `int_sum` as integers. Below 2^31 the fixed-point sum
    /// `int_sum · 2^32` cannot saturate, and each quotient `floor(v · 2^64 / (int_sum · 2^32))`
    /// is `floor(v · 2^32 / int_sum)` (≤ 2^32): one prepared integer division per entry, as
    /// [`Divisor::div`] computes it. Larger sums take the general path.
    pub fn normalize_last_row_int(&mut self, int_sum: u64) {
        if int_sum >= 1 << 31 {
            return self.normalize_last_row();
        }
        let Some(d) = U64Divisor::new(int_sum) else {
            return; // all zeros: the sum is not positive, the row stays
        };
        let i = self.n_rows() - 1;
        for e in self.row_mut(i) {
            let v = (e.1.to_bits() >> 32) as u64;
            e.1 = I32F32::from_bits(d.div(v << 32) as i64);
        }
    }

    /// `row_sum`: Σ of each row's values.
    pub fn row_sums(&self) -> Vec<I32F32> {
        (0..self.n_rows())
            .map(|i| self.row(i).iter().fold(ZERO, |acc, e| add(acc, e.1)))
            .collect()
    }

    /// Column sums over all rows (saturating adds), `n_cols` wide.
    pub fn col_sums(&self, n_cols: usize) -> Vec<I32F32> {
        let mut s = vec![ZERO; n_cols];
        for &(j, v) in &self.entries {
            if let Some(c) = s.get_mut(j as usize) {
                *c = add(*c, v);
            }
        }
        s
    }

    /// `col_normalize`: every entry whose column sum is non-zero is divided by that sum.
    pub fn col_normalize(&mut self, n_cols: usize) {
        let sums = self.col_sums(n_cols);
        self.divide_by_columns(&sums);
    }

    /// `col_max_upscale`: every entry whose column maximum (from 0) is non-zero is divided by it.
    pub fn col_max_upscale(&mut self, n_cols: usize) {
        let mut max = vec![ZERO; n_cols];
        for &(j, v) in &self.entries {
            if let Some(m) = max.get_mut(j as usize) {
                if *m < v {
                    *m = v;
                }
            }
        }
        self.divide_by_columns(&max);
    }

    /// Divides every entry by its column's `d_j` (`safe_div`) where `d_j` is non-zero: the
    /// second half of `col_normalize` (d = column sums) and `col_max_upscale` (d = maxima).
    pub fn divide_by_columns(&mut self, d: &[I32F32]) {
        let d: Vec<Divisor> = d.iter().map(|x| Divisor::new(*x)).collect();
        for e in self.entries.iter_mut() {
            if let Some(den) = d.get(e.0 as usize) {
                if !den.is_zero() {
                    e.1 = den.div(e.1);
                }
            }
        }
    }

    /// `col_clip`: an entry above its column's threshold `c_j` becomes `c_j` when `c_j > 0` and
    /// is dropped otherwise; entries at or below it are kept unchanged.
    pub fn col_clip(&self, c: &[I32F32]) -> Self {
        let mut out = Self::with_capacity(self.n_rows(), self.nnz());
        for i in 0..self.n_rows() {
            for &(j, w) in self.row(i) {
                let th = c.get(j as usize).copied().unwrap_or(ZERO);
                if th < w {
                    if th > ZERO {
                        out.push(j, th);
                    }
                } else {
                    out.push(j, w);
                }
            }
            out.end_row();
        }
        out
    }

    /// `col_clip`, `row_sum` of the clipped matrix and `matmul(clipped, s)` in one pass: the
    /// clipped matrix, validator trust and ranks (§4.7–§4.8), each as the separate helpers give.
    pub fn clip_trust_rank(
        &self,
        c: &[I32F32],
        s: &[I32F32],
        n_cols: usize,
    ) -> (Self, Vec<I32F32>, Vec<I32F32>) {
        let unit = |x: &I32F32| (0..=ONE.to_bits()).contains(&x.to_bits());
        if c.iter().all(unit) && s.iter().all(unit) && self.entries.iter().all(|e| unit(&e.1)) {
            return self.clip_trust_rank_unit(c, s, n_cols);
        }
        // Branch-free: every entry is written, and the length advances only for kept ones.
        let mut entries: Vec<Entry> = pool::take(self.nnz());
        entries.resize(self.nnz(), (0, ZERO));
        let mut offsets = Vec::with_capacity(self.n_rows() + 1);
        offsets.push(0);
        let mut len = 0usize;
        let mut trust = vec![ZERO; self.n_rows()];
        let mut ranks = vec![ZERO; n_cols];
        for (i, trust_i) in trust.iter_mut().enumerate() {
            let si = s.get(i).copied().unwrap_or(ZERO);
            let mut t = ZERO;
            for &(j, w) in self.row(i) {
                let ju = j as usize;
                let (Some(&th), Some(r)) = (c.get(ju), ranks.get_mut(ju)) else {
                    continue;
                };
                // above the threshold: clipped to it, dropped when it is not positive
                let v = if th < w { th } else { w };
                let keep = !(th < w && th <= ZERO);
                let v = if keep { v } else { ZERO };
                entries[len] = (j, v);
                len += usize::from(keep);
                t = add(t, v);
                *r = add(*r, mul(si, v));
            }
            *trust_i = t;
            offsets.push(len);
        }
        entries.truncate(len);
        (Self { offsets, entries }, trust, ranks)
    }

    /// [`Self::clip_trust_rank`] when every weight, threshold and stake lies in [0, 1] (raw
    /// bits in `[0, 2^32]`), as in the epoch: a clipped value `min(w, c_j)` is then in [0, 1]
    /// and dropped only when `c_j = 0 < w`, each product is one unsigned widening multiply
    /// ([`mul_unit`]), and no sum of fewer than 2^16 such values (trust) or products (ranks,
    /// at most Σ_i s_i ≤ 2^16 in total) comes near the i64 range, so the saturating additions
    /// are plain ones. Same results, a third of the instructions.
    fn clip_trust_rank_unit(
        &self,
        c: &[I32F32],
        s: &[I32F32],
        n_cols: usize,
    ) -> (Self, Vec<I32F32>, Vec<I32F32>) {
        let mut entries: Vec<Entry> = pool::take(self.nnz());
        entries.resize(self.nnz(), (0, ZERO));
        let mut offsets = Vec::with_capacity(self.n_rows() + 1);
        offsets.push(0);
        let mut len = 0usize;
        let mut trust = vec![ZERO; self.n_rows()];
        // Per column: (threshold, rank so far), one lookup per entry.
        let mut cols: Vec<(i64, i64)> = c.iter().take(n_cols).map(|x| (x.to_bits(), 0)).collect();
        for (i, trust_i) in trust.iter_mut().enumerate() {
            let si = s.get(i).map_or(0, |x| x.to_bits());
            let mut t = 0i64;
            let row = self.row(i);
            // A slot per entry, so the writes need no bounds checks.
            let Some(out) = entries.get_mut(len..len.wrapping_add(row.len())) else {
                break; // unreachable: the kept entries never outnumber the entries read
            };
            let mut kept = 0usize;
            for &(j, w) in row {
                let Some((th, r)) = cols.get_mut(j as usize) else {
                    continue;
                };
                let w = w.to_bits();
                let v = (*th).min(w);
                let keep = *th != 0 || w == 0;
                if let Some(slot) = out.get_mut(kept) {
                    *slot = (j, I32F32::from_bits(v));
                }
                kept = kept.wrapping_add(usize::from(keep));
                let v = if keep { v } else { 0 };
                t = t.wrapping_add(v);
                *r = r.wrapping_add(mul_unit(si, v));
            }
            len = len.wrapping_add(kept);
            *trust_i = I32F32::from_bits(t);
            offsets.push(len);
        }
        entries.truncate(len);
        let mut ranks: Vec<I32F32> = cols.into_iter().map(|x| I32F32::from_bits(x.1)).collect();
        ranks.resize(n_cols, ZERO);
        (Self { offsets, entries }, trust, ranks)
    }

    /// Row sums of `col_normalize(B)` times `v`: `t_i = Σ_j (b_ij / colsum_j) × v_j` (entries of
    /// zero-sum columns undivided), without materialising the normalised copy (§4.10b).
    pub fn col_normalized_row_dots(&self, v: &[I32F32], n_cols: usize) -> Vec<I32F32> {
        self.col_normalized_row_dots_with(&self.col_sums(n_cols), v)
    }

    /// [`Self::col_normalized_row_dots`] given the column sums (`col_sums(n_cols)`).
    pub fn col_normalized_row_dots_with(&self, col_sums: &[I32F32], v: &[I32F32]) -> Vec<I32F32> {
        // Per column: its divisor and v_j. Columns past `v` or with v_j = 0 add nothing
        // (mul(b, 0) = 0 and a saturating add of 0 is the identity), so they are skipped, and
        // their divisors (each prepared with a 128-bit division) are never built.
        let cols: Vec<Option<(Divisor, I32F32)>> = col_sums
            .iter()
            .copied()
            .enumerate()
            .map(|(j, s)| {
                let vj = v.get(j).copied().unwrap_or(ZERO);
                (vj.to_bits() != 0).then(|| (Divisor::new(s), vj))
            })
            .collect();
        (0..self.n_rows())
            .map(|i| {
                self.row(i).iter().fold(ZERO, |acc, &(j, b)| {
                    let Some(Some((den, vj))) = cols.get(j as usize) else {
                        return acc;
                    };
                    let b = if den.is_zero() { b } else { den.div(b) };
                    add(acc, mul(b, *vj))
                })
            })
            .collect()
    }

    /// `matmul` (column-wise): `r_j = Σ_i s_i × w_ij`, `n_cols` wide.
    pub fn matmul(&self, s: &[I32F32], n_cols: usize) -> Vec<I32F32> {
        let mut r = vec![ZERO; n_cols];
        for (i, &si) in s.iter().enumerate().take(self.n_rows()) {
            for &(j, w) in self.row(i) {
                if let Some(x) = r.get_mut(j as usize) {
                    *x = add(*x, mul(si, w));
                }
            }
        }
        r
    }

    /// `matmul_transpose`: `d_i = Σ_j v_j × b_ij`.
    pub fn matmul_transpose(&self, v: &[I32F32]) -> Vec<I32F32> {
        (0..self.n_rows())
            .map(|i| {
                self.row(i).iter().fold(ZERO, |acc, &(j, b)| {
                    let vj = v.get(j as usize).copied().unwrap_or(ZERO);
                    add(acc, mul(vj, b))
                })
            })
            .collect()
    }

    /// Row sums of `mat_vec_mul(B, v)`: `t_i = Σ_j b_ij × v_j` (zero products, which
    /// `mat_vec_mul` drops, add nothing).
    pub fn mat_vec_mul_row_sums(&self, v: &[I32F32]) -> Vec<I32F32> {
        (0..self.n_rows())
            .map(|i| {
                self.row(i)
                    .iter()
                    .fold(ZERO, |acc, &(j, b)| match v.get(j as usize) {
                        Some(&vj) => add(acc, mul(b, vj)),
                        None => acc,
                    })
            })
            .collect()
    }

    /// `col_normalize` given the column sums (`col_sums(n_cols)`), then `matmul_transpose(v)`
    /// and the column maxima (from 0) of the normalised matrix, in one pass: returns
    /// `(d, max)` with `d_i = Σ_j v_j × b_ij` as [`Self::matmul_transpose`] folds it.
    pub fn col_normalize_dots_max(
        &mut self,
        col_sums: &[I32F32],
        v: &[I32F32],
        n_cols: usize,
    ) -> (Vec<I32F32>, Vec<I32F32>) {
        let den: Vec<Divisor> = col_sums.iter().map(|x| Divisor::new(*x)).collect();
        let mut max = vec![ZERO; n_cols];
        let mut dots = Vec::with_capacity(self.n_rows());
        for i in 0..self.n_rows() {
            let mut acc = ZERO;
            for e in self.row_mut(i) {
                let j = e.0 as usize;
                if let Some(d) = den.get(j) {
                    if !d.is_zero() {
                        e.1 = d.div(e.1);
                    }
                }
                let vj = v.get(j).copied().unwrap_or(ZERO);
                acc = add(acc, mul(vj, e.1));
                if let Some(m) = max.get_mut(j) {
                    if lt(*m, e.1) {
                        *m = e.1;
                    }
                }
            }
            dots.push(acc);
        }
        (dots, max)
    }

    /// [`Self::row_hadamard`] and the column sums of its result (what [`Self::col_sums`]
    /// returns), `n_cols` wide, in one pass.
    pub fn row_hadamard_col_sums(&self, s: &[I32F32], n_cols: usize) -> (Self, Vec<I32F32>) {
        let mut out = self.clone();
        let mut sums = vec![ZERO; n_cols];
        for i in 0..self.n_rows() {
            let si = s.get(i).copied();
            for e in out.row_mut(i) {
                if let Some(si) = si {
                    e.1 = mul(e.1, si);
                }
                if let Some(c) = sums.get_mut(e.0 as usize) {
                    *c = add(*c, e.1);
                }
            }
        }
        (out, sums)
    }

    /// `row_hadamard`: entry `(j, w_ij × s_i)`.
    pub fn row_hadamard(&self, s: &[I32F32]) -> Self {
        let mut out = self.clone();
        for (i, &si) in s.iter().enumerate().take(self.n_rows()) {
            for e in out.row_mut(i) {
                e.1 = mul(e.1, si);
            }
        }
        out
    }
}

impl Drop for SparseMatrix {
    fn drop(&mut self) {
        pool::give(std::mem::take(&mut self.entries));
    }
}

/// A per-thread stash of large entry buffers, so that consecutive matrices (and epochs) reuse
/// memory already mapped instead of faulting fresh pages in. Buffers come back empty; nothing
/// computed depends on it.
mod pool {
    use super::Entry;
    use std::cell::RefCell;

    /// Buffers smaller than this many entries are left to the allocator.
    const MIN_POOLED: usize = 4096;
    /// Buffers kept per thread (the most matrices an epoch holds at once): at most this many
    /// buffers of the largest matrix stay allocated between epochs.
    const MAX_POOLED: usize = 4;

    thread_local! {
        static FREE: RefCell<Vec<Vec<Entry>>> = const { RefCell::new(Vec::new()) };
    }

    /// An empty buffer with room for `n` entries.
    pub(super) fn take(n: usize) -> Vec<Entry> {
        if n >= MIN_POOLED {
            let reused = FREE.with(|f| {
                let mut f = f.borrow_mut();
                let i = f.iter().position(|b| b.capacity() >= n)?;
                Some(f.swap_remove(i))
            });
            if let Some(mut b) = reused {
                b.clear();
                return b;
            }
        }
        Vec::with_capacity(n)
    }

    /// Returns a buffer for reuse.
    pub(super) fn give(b: Vec<Entry>) {
        if b.capacity() >= MIN_POOLED {
            FREE.with(|f| {
                let mut f = f.borrow_mut();
                if f.len() < MAX_POOLED {
                    f.push(b);
                } else if let Some(smallest) = f.iter_mut().min_by_key(|x| x.capacity()) {
                    if smallest.capacity() < b.capacity() {
                        *smallest = b;
                    }
                }
            });
        }
    }
}

/// A reusable dense row of width `n` that tracks which columns were touched, so rows can be
/// densified and re-emitted in ascending column order without clearing `n` cells per row.
#[derive(Debug)]
pub struct RowAccumulator {
    a: Vec<I32F32>,
    b: Vec<I32F32>,
    touched_flag: Vec<bool>,
    touched: Vec<u16>,
}

impl RowAccumulator {
    /// A cleared accumulator of width `n`.
    pub fn new(n: usize) -> Self {
        Self {
            a: vec![ZERO; n],
            b: vec![ZERO; n],
            touched_flag: vec![false; n],
            touched: Vec::new(),
        }
    }

    #[inline]
    fn touch(&mut self, j: u16) -> bool {
        let Some(flag) = self.touched_flag.get_mut(j as usize) else {
            return false;
        };
        if !*flag {
            *flag = true;
            self.touched.push(j);
        }
        true
    }

    /// Adds `v` to slot A of column `j` (saturating); columns ≥ n are ignored.
    #[inline]
    pub fn add_a(&mut self, j: u16, v: I32F32) {
        if self.touch(j) {
            let x = &mut self.a[j as usize];
            *x = add(*x, v);
        }
    }

    /// Sets slot B of column `j`; columns ≥ n are ignored.
    #[inline]
    pub fn set_b(&mut self, j: u16, v: I32F32) {
        if self.touch(j) {
            self.b[j as usize] = v;
        }
    }

    /// Calls `f(j, a_j, b_j)` for every touched column in ascending order, then clears.
    pub fn drain_ascending(&mut self, mut f: impl FnMut(u16, I32F32, I32F32)) {
        let n = self.a.len();
        if self.touched.len().saturating_mul(8) >= n {
            for j in 0..n {
                if self.touched_flag[j] {
                    f(j as u16, self.a[j], self.b[j]);
                    self.reset(j);
                }
            }
        } else {
            self.touched.sort_unstable();
            for k in 0..self.touched.len() {
                let j = self.touched[k] as usize;
                f(j as u16, self.a[j], self.b[j]);
                self.reset(j);
            }
        }
        self.touched.clear();
    }

    #[inline]
    fn reset(&mut self, j: usize) {
        self.a[j] = ZERO;
        self.b[j] = ZERO;
        self.touched_flag[j] = false;
    }
}

/// `interpolate(A, B, r)`: A when r = 0, B when r = 1, otherwise per row the ascending
/// columns j where `a + r × (b − a) > 0` (absent entries count as 0).
pub fn interpolate<'a>(
    a: &'a SparseMatrix,
    b: &'a SparseMatrix,
    r: I32F32,
    n_cols: usize,
) -> Cow<'a, SparseMatrix> {
    if r == ZERO {
        return Cow::Borrowed(a);
    }
    if r == ONE {
        return Cow::Borrowed(b);
    }
    let mut acc = RowAccumulator::new(n_cols);
    let mut out = SparseMatrix::with_capacity(a.n_rows(), a.nnz().max(b.nnz()));
    for i in 0..a.n_rows() {
        for &(j, v) in a.row(i) {
            acc.add_a(j, v);
        }
        if i < b.n_rows() {
            for &(j, v) in b.row(i) {
                acc.set_b(j, v);
            }
        }
        acc.drain_ascending(|j, va, vb| {
            let x = add(va, mul(r, vb.saturating_sub(va)));
            if positive(x) {
                out.push(j, x);
            }
        });
        out.end_row();
    }
    Cow::Owned(out)
}

/// `mat_ema(new, old, a)`: per row, `a × new_ij + (1 − a) × old_ij` accumulated over both rows
/// (absent entries 0), emitted in ascending column order where the result is > 0.
pub fn mat_ema(new: &SparseMatrix, old: &SparseMatrix, a: I32F32, n_cols: usize) -> SparseMatrix {
    mat_ema_summing(new, old, a, n_cols, &mut [])
}

/// [`mat_ema`] and the column sums of its result (what [`SparseMatrix::col_sums`] returns),
/// accumulated as the entries are emitted, in the same order.
pub fn mat_ema_with_col_sums(
    new: &SparseMatrix,
    old: &SparseMatrix,
    a: I32F32,
    n_cols: usize,
) -> (SparseMatrix, Vec<I32F32>) {
    let mut sums = vec![ZERO; n_cols];
    let e = mat_ema_summing(new, old, a, n_cols, &mut sums);
    (e, sums)
}

/// Appends `(j, x)` to the row being built and adds `x` to `sums[j]` (when `sums` has it).
#[inline(always)]
fn push_summing(out: &mut SparseMatrix, sums: &mut [I32F32], j: u16, x: I32F32) {
    out.push(j, x);
    if let Some(s) = sums.get_mut(j as usize) {
        *s = add(*s, x);
    }
}

fn mat_ema_summing(
    new: &SparseMatrix,
    old: &SparseMatrix,
    a: I32F32,
    n_cols: usize,
    sums: &mut [I32F32],
) -> SparseMatrix {
    let one_minus_a = ONE.saturating_sub(a);
    let unit_rate = (0..=ONE.to_bits()).contains(&a.to_bits());
    let mut acc = RowAccumulator::new(n_cols);
    let mut out = SparseMatrix::with_capacity(new.n_rows(), new.nnz().max(old.nnz()));
    for i in 0..new.n_rows() {
        let new_row = new.row(i);
        let old_row: &[Entry] = if i < old.n_rows() { old.row(i) } else { &[] };
        if new_row.len() == old_row.len()
            && new_row.iter().zip(old_row).all(|(x, y)| x.0 == y.0)
            && is_strictly_ascending(new_row)
        {
            // The same sorted columns in both rows (dense rows after the first epochs): the
            // merge below visits each pair once, in this order.
            if unit_rate && is_unit(new_row) && is_unit(old_row) {
                // Every operand in [0, 1]: each product is one unsigned widening multiply and
                // their sum (at most 1) needs no saturation.
                let (a, b) = (a.to_bits(), one_minus_a.to_bits());
                for (&(j, vn), &(_, vo)) in new_row.iter().zip(old_row) {
                    let x = mul_unit(a, vn.to_bits()) + mul_unit(b, vo.to_bits());
                    if x > 0 && (j as usize) < n_cols {
                        push_summing(&mut out, sums, j, I32F32::from_bits(x));
                    }
                }
            } else {
                for (&(j, vn), &(_, vo)) in new_row.iter().zip(old_row) {
                    let x = add(mul(a, vn), mul(one_minus_a, vo));
                    if positive(x) && (j as usize) < n_cols {
                        push_summing(&mut out, sums, j, x);
                    }
                }
            }
        } else if is_strictly_ascending(new_row) && is_strictly_ascending(old_row) {
            // Both rows sorted: a merge gives the accumulator's ascending output directly.
            let (mut p, mut q) = (0usize, 0usize);
            let mut emit = |j: u16, x: I32F32| {
                if positive(x) && (j as usize) < n_cols {
                    push_summing(&mut out, sums, j, x);
                }
            };
            while p < new_row.len() && q < old_row.len() {
                let ((jn, vn), (jo, vo)) = (new_row[p], old_row[q]);
                if jn == jo {
                    emit(jn, add(mul(a, vn), mul(one_minus_a, vo)));
                    p += 1;
                    q += 1;
                } else if jn < jo {
                    emit(jn, mul(a, vn));
                    p += 1;
                } else {
                    emit(jo, mul(one_minus_a, vo));
                    q += 1;
                }
            }
            for &(j, v) in &new_row[p..] {
                emit(j, mul(a, v));
            }
            for &(j, v) in &old_row[q..] {
                emit(j, mul(one_minus_a, v));
            }
        } else {
            for &(j, v) in new_row {
                acc.add_a(j, mul(a, v));
            }
            for &(j, v) in old_row {
                acc.add_a(j, mul(one_minus_a, v));
            }
            acc.drain_ascending(|j, x, _| {
                if positive(x) {
                    push_summing(&mut out, sums, j, x);
                }
            });
        }
        out.end_row();
    }
    out
}

/// Whether every value of a row lies in [0, 1].
fn is_unit(row: &[Entry]) -> bool {
    row.iter().fold(true, |ok, e| {
        ok & (0..=ONE.to_bits()).contains(&e.1.to_bits())
    })
}

/// Whether a row's columns strictly increase (sorted, no repeats).
fn is_strictly_ascending(row: &[Entry]) -> bool {
    row.windows(2).all(|w| w[0].0 < w[1].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(n: i64) -> I32F32 {
        I32F32::from_num(n)
    }
    fn m(rows: &[&[(u16, i64)]]) -> SparseMatrix {
        let rows: Vec<Vec<Entry>> = rows
            .iter()
            .map(|r| r.iter().map(|&(j, v)| (j, f(v))).collect())
            .collect();
        SparseMatrix::from_rows(&rows)
    }

    #[test]
    fn row_normalize_skips_empty_and_zero_rows() {
        // [1, 3] -> [1/4, 3/4]; [0] stays; [] stays
        let mut w = m(&[&[(1, 1), (0, 3)], &[(0, 0)], &[]]);
        w.row_normalize();
        assert_eq!(w.row(0), &[(1, ONE / 4), (0, ONE * 3 / 4)]);
        assert_eq!(w.row(1), &[(0, ZERO)]);
        assert!(w.row(2).is_empty());
    }

    #[test]
    fn col_normalize_divides_by_column_sums() {
        // column 0: 1 + 3 = 4; column 1: 2 alone; column 2: 0 (left as is)
        let mut b = m(&[&[(0, 1), (1, 2)], &[(0, 3), (2, 0)]]);
        b.col_normalize(3);
        assert_eq!(b.row(0), &[(0, ONE / 4), (1, ONE)]);
        assert_eq!(b.row(1), &[(0, ONE * 3 / 4), (2, ZERO)]);
    }

    #[test]
    fn col_max_upscale_divides_by_column_max() {
        let mut b = m(&[&[(0, 1), (1, 2)], &[(0, 4)]]);
        b.col_max_upscale(2);
        assert_eq!(b.row(0), &[(0, ONE / 4), (1, ONE)]);
        assert_eq!(b.row(1), &[(0, ONE)]);
    }

    #[test]
    fn col_clip_clips_drops_and_keeps() {
        // c = [2, 0, 5]: 3 at col 0 -> 2; 1 at col 1 -> dropped (c = 0); 0 at col 1 kept;
        // 5 at col 2 kept (not above)
        let w = m(&[&[(0, 3), (1, 1), (2, 5)], &[(1, 0)]]);
        let c = w.col_clip(&[f(2), ZERO, f(5)]);
        assert_eq!(c.row(0), &[(0, f(2)), (2, f(5))]);
        assert_eq!(c.row(1), &[(1, ZERO)]);
    }

    #[test]
    fn matmul_and_transpose() {
        // W = [[(0,1),(1,2)], [(1,3)]], s = [2, 1]
        let w = m(&[&[(0, 1), (1, 2)], &[(1, 3)]]);
        assert_eq!(w.matmul(&[f(2), f(1)], 2), vec![f(2), f(7)]);
        // d_i = sum_j v_j * w_ij with v = [1, 10]
        assert_eq!(w.matmul_transpose(&[f(1), f(10)]), vec![f(21), f(30)]);
        assert_eq!(w.mat_vec_mul_row_sums(&[f(1), f(10)]), vec![f(21), f(30)]);
        assert_eq!(w.row_sums(), vec![f(3), f(3)]);
    }

    #[test]
    fn fused_helpers_match_the_separate_ones() {
        let w = m(&[&[(0, 3), (1, 1), (2, 5)], &[(1, 0), (0, 1)], &[(2, 2)]]);
        let c = vec![f(2), ZERO, f(5)];
        let s = vec![ONE / 2, ONE / 4, ONE / 4];
        let (clipped, trust, ranks) = w.clip_trust_rank(&c, &s, 3);
        assert_eq!(clipped, w.col_clip(&c));
        assert_eq!(trust, clipped.row_sums());
        assert_eq!(ranks, clipped.matmul(&s, 3));
        let mut normalised = w.clone();
        normalised.col_normalize(3);
        assert_eq!(
            w.col_normalized_row_dots(&s, 3),
            normalised.mat_vec_mul_row_sums(&s)
        );
    }

    #[test]
    fn unit_clip_trust_rank_matches_the_separate_helpers() {
        // values in [0, 1]: zero thresholds with zero and positive weights, weights above, at
        // and below their thresholds, a threshold of exactly 1, a column past c
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        for _ in 0..300 {
            let n = 1 + next(9) as usize;
            let pick = |r: u64| match r % 5 {
                0 => ZERO,
                1 => ONE,
                _ => I32F32::from_bits((r >> 3) as i64 % (1 << 32)),
            };
            let rows: Vec<Vec<Entry>> = (0..n)
                .map(|_| {
                    let mut cols: Vec<u16> = (0..n as u16 + 1).collect();
                    cols.retain(|_| next(3) > 0);
                    cols.into_iter().map(|j| (j, pick(next(1 << 40)))).collect()
                })
                .collect();
            let w = SparseMatrix::from_rows(&rows);
            let c: Vec<I32F32> = (0..n).map(|_| pick(next(1 << 40))).collect();
            let s: Vec<I32F32> = (0..n).map(|_| pick(next(1 << 40))).collect();
            let (clipped, trust, ranks) = w.clip_trust_rank(&c, &s, n);
            // the separate helpers drop columns past c in the clip only through the threshold 0
            let in_range = w.filter(|_, j, _| (j as usize) < n);
            assert_eq!(clipped, in_range.col_clip(&c));
            assert_eq!(trust, clipped.row_sums());
            assert_eq!(ranks, clipped.matmul(&s, n));
        }
    }

    #[test]
    fn fused_classic_helpers_match_the_separate_ones() {
        // rows of different lengths, a zero column (2), a row past the stake vector
        let w = m(&[
            &[(0, 3), (1, 1), (2, 0)],
            &[(1, 5), (0, 1)],
            &[(0, 2)],
            &[(1, 4)],
        ]);
        let s = vec![ONE / 2, ONE / 4, ONE / 8];
        let (h, sums) = w.row_hadamard_col_sums(&s, 3);
        assert_eq!(h, w.row_hadamard(&s));
        assert_eq!(sums, h.col_sums(3));
        let v = vec![ONE / 3, ONE * 2 / 3, ONE];
        let mut fused = h.clone();
        let (dots, max) = fused.col_normalize_dots_max(&sums, &v, 3);
        let mut separate = h.clone();
        separate.col_normalize(3);
        assert_eq!(fused, separate);
        assert_eq!(dots, separate.matmul_transpose(&v));
        let mut upscaled = separate.clone();
        upscaled.col_max_upscale(3);
        fused.divide_by_columns(&max);
        assert_eq!(fused, upscaled);
    }

    #[test]
    fn row_hadamard_scales_rows() {
        let w = m(&[&[(1, 2)], &[(0, 3)]]);
        assert_eq!(w.row_hadamard(&[f(2), f(0)]), m(&[&[(1, 4)], &[(0, 0)]]));
    }

    #[test]
    fn filter_masks_cells() {
        // drop the diagonal
        let w = m(&[&[(0, 1), (1, 2)], &[(1, 3), (0, 4)]]);
        let d = w.filter(|i, j, _| i != j as usize);
        assert_eq!(d, m(&[&[(1, 2)], &[(0, 4)]]));
    }

    #[test]
    fn interpolate_ends_return_inputs_unchanged() {
        let a = m(&[&[(1, 2), (0, 0)]]);
        let b = m(&[&[(0, 1)]]);
        assert_eq!(*interpolate(&a, &b, ZERO, 2), a);
        assert_eq!(*interpolate(&a, &b, ONE, 2), b);
    }

    #[test]
    fn interpolate_midpoint_sorts_and_drops_zeros() {
        // a = {1: 2, 0: 0}, b = {0: 4, 2: 0}; r = 1/2 -> col0: 0 + (4 - 0)/2 = 2, col1: 2 + (0-2)/2 = 1
        let a = m(&[&[(1, 2), (0, 0)]]);
        let b = m(&[&[(0, 4), (2, 0)]]);
        let r = interpolate(&a, &b, ONE / 2, 3);
        assert_eq!(*r, m(&[&[(0, 2), (1, 1)]]));
    }

    #[test]
    fn mat_ema_mixes_and_sorts() {
        // a = 1/4: new {2: 4}, old {0: 4, 2: 0} -> col0: 3, col2: 1
        let new = m(&[&[(2, 4)], &[]]);
        let old = m(&[&[(0, 4), (2, 0)], &[(1, 0)]]);
        let e = mat_ema(&new, &old, ONE / 4, 3);
        assert_eq!(e, m(&[&[(0, 3), (2, 1)], &[]]));
    }

    #[test]
    fn mat_ema_merge_and_scatter_paths_agree() {
        // the same rows, sorted (merge path) and shuffled (accumulator path)
        let new_sorted = m(&[&[(0, 4), (2, 8), (5, 1)]]);
        let old_sorted = m(&[&[(1, 4), (2, 4), (6, 2)]]);
        let new_shuffled = m(&[&[(5, 1), (0, 4), (2, 8)]]);
        let old_shuffled = m(&[&[(6, 2), (2, 4), (1, 4)]]);
        let a = ONE / 10;
        let e = mat_ema(&new_sorted, &old_sorted, a, 7);
        assert_eq!(e, mat_ema(&new_shuffled, &old_shuffled, a, 7));
        assert_eq!(e, mat_ema(&new_sorted, &old_shuffled, a, 7));
        assert_eq!(e.row(0).len(), 5);
    }

    #[test]
    fn mat_ema_same_columns_path_agrees_with_the_accumulator() {
        // identical sorted columns (fast path) vs the same rows shuffled (accumulator path)
        let new_sorted = m(&[&[(0, 4), (2, 8), (5, 0)], &[(1, 3)]]);
        let old_sorted = m(&[&[(0, 1), (2, 0), (5, 0)], &[(1, 7)]]);
        let new_shuffled = m(&[&[(5, 0), (0, 4), (2, 8)], &[(1, 3)]]);
        let a = ONE / 7;
        let e = mat_ema(&new_sorted, &old_sorted, a, 6);
        assert_eq!(e, mat_ema(&new_shuffled, &old_sorted, a, 6));
        assert_eq!(e.row(0).len(), 2); // the zero at column 5 is dropped
    }

    #[test]
    fn mat_ema_unit_path_agrees_with_the_accumulator() {
        // values in [0, 1] (fast unit path when sorted with equal columns) vs shuffled rows
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..200 {
            let n = 1 + (next() % 12) as usize;
            let val = |r: u64| match r % 4 {
                0 => ZERO,
                1 => ONE,
                _ => I32F32::from_bits((r >> 8) as i64 % (1 << 32)),
            };
            let cols: Vec<u16> = (0..n as u16).filter(|_| next() % 3 > 0).collect();
            let new: Vec<Entry> = cols.iter().map(|&j| (j, val(next()))).collect();
            let old: Vec<Entry> = cols.iter().map(|&j| (j, val(next()))).collect();
            let mut shuffled = new.clone();
            shuffled.reverse();
            let a = val(next());
            let e = mat_ema(
                &SparseMatrix::from_rows(&[new]),
                &SparseMatrix::from_rows(std::slice::from_ref(&old)),
                a,
                n,
            );
            let want = mat_ema(
                &SparseMatrix::from_rows(&[shuffled]),
                &SparseMatrix::from_rows(&[old]),
                a,
                n,
            );
            assert_eq!(e, want);
        }
    }

    #[test]
    fn mat_ema_column_sums_match_col_sums() {
        let new = m(&[&[(0, 4), (2, 8), (5, 1)], &[(5, 1), (0, 4)], &[(1, 2)]]);
        let old = m(&[&[(0, 1), (2, 0), (5, 3)], &[(6, 2), (2, 4)], &[(1, 5)]]);
        let (e, sums) = mat_ema_with_col_sums(&new, &old, ONE / 3, 7);
        assert_eq!(e, mat_ema(&new, &old, ONE / 3, 7));
        assert_eq!(sums, e.col_sums(7));
    }

    #[test]
    fn integer_row_normalisation_matches_the_general_one() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for case in 0..2_000 {
            let len = (case % 40) as usize;
            let row: Vec<(u16, u16)> = (0..len)
                .map(|k| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    let v = match x % 5 {
                        0 => 0,
                        1 => u16::MAX,
                        _ => (x >> 20) as u16,
                    };
                    (k as u16, v)
                })
                .collect();
            let (mut fast, mut general) = (SparseMatrix::default(), SparseMatrix::default());
            fast.offsets.push(0);
            general.offsets.push(0);
            let mut int_sum = 0u64;
            for &(j, v) in &row {
                fast.push(j, I32F32::from_num(v));
                general.push(j, I32F32::from_num(v));
                int_sum += u64::from(v);
            }
            fast.end_row();
            general.end_row();
            fast.normalize_last_row_int(int_sum);
            general.normalize_last_row();
            assert_eq!(fast, general, "case {case}");
        }
        // a sum past 2^31 takes the general path (saturating fixed-point sum)
        let mut big = SparseMatrix::with_capacity(1, 40_000);
        for j in 0..40_000u16 {
            big.push(j, I32F32::from_num(u16::MAX));
        }
        big.end_row();
        let mut general = big.clone();
        big.normalize_last_row_int(40_000 * u64::from(u16::MAX));
        general.normalize_last_row();
        assert_eq!(big, general);
    }

    #[test]
    fn accumulator_orders_sparse_and_dense_rows_alike() {
        // sparse path (few touched) and dense scan path give ascending order
        let mut acc = RowAccumulator::new(64);
        for j in [40u16, 3, 17] {
            acc.add_a(j, ONE);
        }
        let mut seen = vec![];
        acc.drain_ascending(|j, _, _| seen.push(j));
        assert_eq!(seen, vec![3, 17, 40]);
        for j in (0..64u16).rev() {
            acc.add_a(j, ONE);
        }
        let mut seen = vec![];
        acc.drain_ascending(|j, _, _| seen.push(j));
        assert_eq!(seen, (0..64).collect::<Vec<u16>>());
    }
}
