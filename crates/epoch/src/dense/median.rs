//! The κ-median of the dense core's columns (spec-epoch §5, bit-identical to
//! [`crate::median`]), by interpolation search on the score.
//!
//! §5 sorts a column's `(score, row)` keys, accumulates the rows' stakes `u` and returns the
//! score of the first key whose running sum exceeds the minority `m = σ − κ`. That score is
//! `s* = min { s : F(s) > m }` with `F(s) = Σ { u_k : w_k ≤ s }`: every key of a smaller score
//! comes before the crossing key, so `F` of it is at most the sum before the crossing, which
//! is ≤ m; ties between rows never change the score returned. So no sort is needed: `s*` is
//! bracketed in `[lo, hi]` (first the column's extremes) and each pass over the column splits
//! the bracket at a pivot `p`, summing the stake of `[lo, p]` and counting the scores on
//! either side, in one branch-free loop that vectorises ([`split`]). The pivot interpolates
//! where the stake crosses `m` (alternating with the midpoint, so that a skewed column still
//! halves the bracket every second pass); once few scores remain inside, they are sorted and
//! scanned.

use super::kernels;
use crate::simd::simd_dispatch;

/// Scores left in the bracket when the pass loop stops and sorts them.
const FEW: usize = 12;

/// Passes before the rest of the bracket is sorted whatever its size.
const MAX_PASSES: usize = 6;

/// The κ-median of the columns (§5, as [`crate::median`] computes it) over the rows with a
/// positive stake `u`, summing to `sigma`.
pub(super) struct Median<'a> {
    /// Stake by row (0 for rows that do not count).
    pub(super) u: &'a [i64],
    /// Whether any row has stake.
    pub(super) any_stake: bool,
    /// `Σ u`.
    pub(super) sigma: i64,
    /// `σ − κ`, saturated.
    pub(super) minority: i64,
}

impl Median<'_> {
    /// The median's raw bits for one column of scores by row, each in `[0, 2^32]`; `few` is
    /// scratch for the last candidates.
    #[inline(never)]
    pub(super) fn of(&self, wcol: &[i64], few: &mut Vec<(i64, i64)>) -> i64 {
        if !self.any_stake {
            return 0;
        }
        let staked = |q: &usize| self.u.get(*q).is_some_and(|&s| s > 0);
        if self.minority < 0 {
            // κ above the active stake: the smallest score of a staked row
            return (0..wcol.len())
                .filter(staked)
                .map(|q| wcol[q])
                .min()
                .unwrap_or(0);
        }
        if self.minority >= self.sigma {
            return (0..wcol.len())
                .filter(staked)
                .map(|q| wcol[q])
                .max()
                .unwrap_or(0);
        }
        let len = wcol.len().min(self.u.len());
        let (w, u) = (&wcol[..len], &self.u[..len]);
        let m = self.minority;
        // s* ∈ [lo, hi]; `below` = F(lo − 1), `inside` = the stake in [lo, hi], and
        // below ≤ m < below + inside (0 ≤ m < σ = F(hi)).
        let (mut lo, mut hi) = kernels::min_max(w);
        let (mut below, mut inside) = (0i64, self.sigma);
        let mut count = len;
        // A column the pivots do not suit (scores far from a uniform spread) is left to the
        // sort below after a few passes: at worst O(r log r).
        for _ in 0..MAX_PASSES {
            if lo >= hi || count <= FEW {
                break;
            }
            // Four pivots in [lo, hi − 1], ascending, around where a uniform spread of the
            // bracket's scores would cross m, spaced so that about FEW/2 scores fall between
            // neighbours: one pass usually leaves a bracket of a few scores.
            // Any pivots in the bracket give the same answer, so their estimate may round:
            // the crossing's fraction of the bracket's stake in 20 bits (m − below < inside
            // ≤ 2^32, so the shift fits), the span (< 2^33) times it in 64 bits.
            let span = (hi - lo) as u64;
            let frac = (((m - below) as u64) << 20) / (inside.max(1) as u64);
            let t = (span.wrapping_mul(frac) >> 20) as i64;
            let g = (span.wrapping_mul(FEW as u64 / 2) / count.max(1) as u64).max(1) as i64;
            let at = |k: i64| -> i64 { lo + t.saturating_add(k * g).clamp(0, span as i64 - 1) };
            let pivots = [at(-2), at(-1), at(0), at(1)];
            let (stake, cnt, total) = split4(w, u, lo, hi, pivots);
            // The first region [.., pivot] whose stake carries the sum past m holds s*.
            let i = (0..4).find(|&i| below + stake[i] > m).unwrap_or(4);
            let (from, s_from, c_from) = match i.checked_sub(1) {
                Some(h) => (pivots[h] + 1, stake[h], cnt[h]),
                None => (lo, 0, 0),
            };
            let (to, s_to, c_to) = match pivots.get(i) {
                Some(&p) => (p, stake[i], cnt[i]),
                None => (hi, inside, total),
            };
            (lo, hi) = (from, to);
            below += s_from;
            inside = s_to - s_from;
            count = (c_to - c_from) as usize;
        }
        if lo >= hi {
            return lo;
        }
        // The few scores in [lo, hi], ascending (ties in any order: they share the score).
        // The rows inside the bracket, found 64 at a time by a bit mask (a branch-free,
        // vectorised compare), then visited bit by bit: about FEW visits, not one per row.
        few.clear();
        for (c, chunk) in w.chunks(64).enumerate() {
            let mut bits = in_bracket(chunk, lo, hi);
            while bits != 0 {
                let k = c * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if let (Some(&x), Some(&s)) = (w.get(k), u.get(k)) {
                    few.push((x, s));
                }
            }
        }
        let kept = few.len();
        let few = &mut few[..kept];
        few.sort_unstable_by_key(|e| e.0);
        let mut acc = below;
        for &(x, s) in few.iter() {
            acc += s;
            if acc > m {
                return x;
            }
        }
        hi
    }
}

simd_dispatch! {
    /// Bit k set when `lo ≤ w[k] ≤ hi`, for up to 64 scores.
    fn in_bracket / in_bracket_avx2 / in_bracket_portable(w: &[i64], lo: i64, hi: i64) -> u64 {
        // one byte 0/1 per score (a vectorised compare), then eight bytes to eight bits by
        // a multiply that gathers bit 0 of each byte into the top byte (byte i to bit 56 + i)
        let mut flags = [0u8; 64];
        for (f, &x) in flags.iter_mut().zip(w) {
            *f = u8::from(lo <= x && x <= hi);
        }
        let mut bits = 0u64;
        for (i, eight) in flags.chunks_exact(8).enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(eight);
            let byte = u64::from_le_bytes(b).wrapping_mul(0x0102_0408_1020_4080) >> 56;
            bits |= byte << (8 * i);
        }
        bits
    }
}

simd_dispatch! {
    /// For the bracket `[lo, hi]` and pivots `p_0 ≤ … ≤ p_3`: the stake and the number of rows
    /// scoring in `[lo, p_i]`, and the number in `[lo, hi]`, without a branch; the stakes sum
    /// to at most σ ≤ 2^32, so nothing wraps.
    fn split4 / split4_avx2 / split4_portable(
        w: &[i64],
        u: &[i64],
        lo: i64,
        hi: i64,
        p: [i64; 4],
    ) -> ([i64; 4], [u64; 4], u64) {
        let len = w.len().min(u.len());
        let (w, u) = (&w[..len], &u[..len]);
        // masks of all ones or zeros and plain adds (a count adds the mask: −1 per row), which
        // vectorise with AVX2 as well as AVX-512
        let mask = |c: bool| i64::from(c).wrapping_neg();
        let [p0, p1, p2, p3] = p;
        let (mut s0, mut s1, mut s2, mut s3) = (0i64, 0i64, 0i64, 0i64);
        let (mut c0, mut c1, mut c2, mut c3, mut total) = (0i64, 0i64, 0i64, 0i64, 0i64);
        for k in 0..len {
            let x = w[k];
            let inside = mask(x >= lo) & mask(x <= hi);
            let (m0, m1) = (inside & mask(x <= p0), inside & mask(x <= p1));
            let (m2, m3) = (inside & mask(x <= p2), inside & mask(x <= p3));
            total = total.wrapping_add(inside);
            s0 = s0.wrapping_add(u[k] & m0);
            s1 = s1.wrapping_add(u[k] & m1);
            s2 = s2.wrapping_add(u[k] & m2);
            s3 = s3.wrapping_add(u[k] & m3);
            c0 = c0.wrapping_add(m0);
            c1 = c1.wrapping_add(m1);
            c2 = c2.wrapping_add(m2);
            c3 = c3.wrapping_add(m3);
        }
        let count = |c: i64| c.wrapping_neg() as u64;
        (
            [s0, s1, s2, s3],
            [count(c0), count(c1), count(c2), count(c3)],
            count(total),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// §5 literally: sort the `(score, row)` keys, accumulate, return the crossing score.
    fn reference(w: &[i64], u: &[i64], sigma: i64, minority: i64) -> i64 {
        if !u.iter().any(|&s| s > 0) {
            return 0;
        }
        let staked: Vec<i64> = (0..w.len()).filter(|&k| u[k] > 0).map(|k| w[k]).collect();
        if minority < 0 {
            return staked.iter().copied().min().unwrap_or(0);
        }
        if minority >= sigma {
            return staked.iter().copied().max().unwrap_or(0);
        }
        let mut keys: Vec<(i64, usize)> = w.iter().copied().zip(0..).collect();
        keys.sort_unstable();
        let mut acc = 0;
        for (x, k) in keys {
            acc += u[k];
            if acc > minority {
                return x;
            }
        }
        unreachable!("the stakes sum to sigma > minority")
    }

    /// A score: often from a tiny set (ties), often an edge, otherwise anywhere in [0, 1].
    fn score() -> impl Strategy<Value = i64> {
        prop_oneof![
            (0i64..4).prop_map(|x| x << 30),
            Just(0i64),
            Just(1i64 << 32),
            (1i64 << 24)..(1i64 << 26),
            0..=1i64 << 32,
        ]
    }

    proptest! {
        #[test]
        fn median_matches_the_sort_and_scan(
            rows in proptest::collection::vec((score(), prop_oneof![Just(0i64), 1..1i64 << 28]), 1..300),
            kappa_or_minority in -(1i64 << 30)..(1i64 << 34),
        ) {
            let w: Vec<i64> = rows.iter().map(|x| x.0).collect();
            let u: Vec<i64> = rows.iter().map(|x| x.1).collect();
            let sigma: i64 = u.iter().sum();
            let minority = kappa_or_minority.min(sigma + 1);
            let m = Median { u: &u, any_stake: sigma > 0, sigma, minority };
            let mut few = Vec::new();
            prop_assert_eq!(m.of(&w, &mut few), reference(&w, &u, sigma, minority));
        }

        #[test]
        fn split4_twins_agree(
            w in proptest::collection::vec(score(), 0..70),
            u in proptest::collection::vec(0i64..1 << 28, 70),
            lo in score(), hi in score(), mut p in proptest::array::uniform4(score()),
        ) {
            p.sort_unstable();
            let u = &u[..w.len()];
            let want = split4_portable(&w, u, lo, hi, p);
            prop_assert_eq!(split4(&w, u, lo, hi, p), want);
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: AVX2 is present (checked just above).
                prop_assert_eq!(unsafe { split4_avx2(&w, u, lo, hi, p) }, want);
            }
        }
    }
}
