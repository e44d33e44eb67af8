//! The κ-median of the dense core's columns (spec-epoch §5, bit-identical to
//! [`crate::median`]): a radix selection by stake over the column's scores.

use super::kernels;

/// The κ-median of the columns (§5, as [`crate::median`] computes it) over the rows with a
/// positive stake `u`, summing to `sigma`.
pub(super) struct Median<'a> {
    /// Stake by row.
    pub(super) u: &'a [i64],
    pub(super) any_stake: bool,
    pub(super) sigma: i64,
    pub(super) minority: i64,
}

impl Median<'_> {
    /// The median's raw bits for one column (`keys`, one slot per row, and `hist` are scratch).
    ///
    /// The first radix round reads the column itself: a histogram of stake over the top bits
    /// of `score − lo` (`lo`, `hi` the column's extremes, a vectorised pass), then only the
    /// keys of the bucket that crosses the target are formed and handed to [`select`].
    #[inline(never)]
    pub(super) fn of(&self, wcol: &[i64], keys: &mut [u64], hist: &mut Hist) -> i64 {
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
        // Scores lie in [0, 2^32]; keys order by score, then row.
        let (lo, hi) = kernels::min_max(wcol);
        if lo == hi {
            // every score is the median (this covers columns of fewer than two rows)
            return lo;
        }
        let len = wcol.len().min(keys.len());
        // 2^bits buckets, about two rows each
        let bits = (usize::BITS - 1)
            .saturating_sub(len.leading_zeros())
            .clamp(1, MAX_BITS + 1)
            - 1;
        let span = hi.abs_diff(lo);
        let shift = (u64::BITS - span.leading_zeros()).saturating_sub(bits);
        let mask = (1usize << MAX_BITS) - 1;
        // score ≥ lo, and shift < 64
        let bucket = |x: i64| (x.wrapping_sub(lo) as u64).wrapping_shr(shift) as usize & mask;
        hist[..1 << bits].fill(0);
        for (&x, &u) in wcol[..len].iter().zip(self.u) {
            // stakes sum to at most 1 (2^32): no overflow
            hist[bucket(x)] = hist[bucket(x)].wrapping_add(u);
        }
        let mut below = 0i64;
        let mut found = None;
        for (b, &h) in hist[..1 << bits].iter().enumerate() {
            if below + h > self.minority {
                found = Some(b);
                break;
            }
            below += h;
        }
        let Some(b) = found else {
            return hi;
        };
        // The bucket's keys `score << 16 | row` (distinct, ordered by score), and their range;
        // chunks without one are skipped after a branch-free test.
        let (mut kept, mut klo, mut khi) = (0usize, u64::MAX, 0u64);
        for (c, chunk) in wcol[..len].chunks(8).enumerate() {
            if !chunk.iter().fold(false, |any, &x| any | (bucket(x) == b)) {
                continue;
            }
            for (i, &x) in chunk.iter().enumerate() {
                if bucket(x) == b {
                    let key = ((x as u64) << 16) | (c * 8 + i) as u64;
                    keys[kept] = key;
                    kept += 1;
                    klo = klo.min(key);
                    khi = khi.max(key);
                }
            }
        }
        (select(
            &mut keys[..kept],
            self.u,
            self.minority - below,
            (klo, khi),
            hist,
        ) >> 16) as i64
    }
}

/// Largest radix pass: 2^12 buckets.
pub(super) const MAX_BITS: u32 = 12;

/// A radix pass's stake per bucket.
pub(super) type Hist = [i64; 1 << MAX_BITS];

/// The smallest key whose cumulative stake (keys ascending, stake `u[key as u16]`) exceeds
/// `target`, assuming the total does; `lo`, `hi` bound the keys. Keys are distinct, so the
/// first key past the target is unique and its score is the score a sort-and-scan finds
/// (zero-stake keys never cross the target). Long parts are narrowed by radix passes (a
/// histogram of stake over the top bits of `key − lo`), short ones sorted.
fn select(
    mut keys: &mut [u64],
    u: &[i64],
    mut target: i64,
    (mut lo, mut hi): (u64, u64),
    hist: &mut Hist,
) -> u64 {
    // a key's low 16 bits are its row (< u.len())
    let stake = |key: u64| u.get(usize::from(key as u16)).copied().unwrap_or(0);
    loop {
        if keys.len() <= 16 {
            keys.sort_unstable();
            let mut acc = 0i64;
            for &key in keys.iter() {
                acc = acc.saturating_add(stake(key));
                if acc > target {
                    return key;
                }
            }
            return keys.last().copied().unwrap_or(0);
        }
        // 2^bits buckets, about two keys each; (key − lo) >> shift < 2^bits.
        let bits = (usize::BITS - 1 - keys.len().leading_zeros()).min(MAX_BITS + 1) - 1;
        let shift = (u64::BITS - (hi - lo).leading_zeros()).saturating_sub(bits);
        let mask = (1usize << MAX_BITS) - 1;
        // key ≥ lo, and shift < 64
        let bucket = |key: u64| (key.wrapping_sub(lo).wrapping_shr(shift)) as usize & mask;
        let used = &mut hist[..1 << bits];
        used.fill(0);
        for &key in keys.iter() {
            // stakes sum to at most 1 (2^32): no overflow
            hist[bucket(key)] = hist[bucket(key)].wrapping_add(stake(key));
        }
        let mut below = 0i64;
        let mut found = None;
        for (b, &h) in hist[..1 << bits].iter().enumerate() {
            if below + h > target {
                found = Some(b);
                break;
            }
            below += h;
        }
        let Some(b) = found else {
            return hi;
        };
        // The bucket's keys to the front (the write never passes the read), and their range.
        let (mut kept, mut new_lo, mut new_hi) = (0usize, u64::MAX, 0u64);
        for i in 0..keys.len() {
            let key = keys[i];
            if bucket(key) == b {
                keys[kept] = key;
                kept += 1;
                new_lo = new_lo.min(key);
                new_hi = new_hi.max(key);
            }
        }
        keys = &mut keys[..kept];
        target -= below;
        (lo, hi) = (new_lo, new_hi);
    }
}
