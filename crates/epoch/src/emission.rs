//! The emission split of spec-epoch §4.11, with the zero-emission fall-backs (quirk Q8).

use crate::math::fast::Divisor;
use crate::math::fixed::{I32F32, ZERO};
use crate::math::vector::{normalize, normalize_with_sum, sum};

/// Per-uid rao amounts of one epoch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmissionSplit {
    /// Server (miner) rao.
    pub incentive: Vec<u64>,
    /// Validator rao.
    pub dividends: Vec<u64>,
    /// Combined rao (stored `Emission`).
    pub combined: Vec<u64>,
}

/// `floor_u64(I96F32(share) × I96F32(emission))`.
fn to_rao(shares: &[I32F32], emission: u64) -> Vec<u64> {
    shares.iter().map(|s| share_to_rao(*s, emission)).collect()
}

/// One share of `emission` rao: both conversions to I96F32 are exact, and the product's raw
/// bits are `share_bits · emission` (the emission is an integer), below 2^127 so it never
/// saturates; its integer part is that product shifted by 32, saturated into u64, and 0 for a
/// negative share.
#[inline]
fn share_to_rao(share: I32F32, emission: u64) -> u64 {
    let bits = share.to_bits();
    if bits <= 0 {
        return 0;
    }
    let rao = (u128::from(bits as u64) * u128::from(emission)) >> 32;
    u64::try_from(rao).unwrap_or(u64::MAX)
}

/// Splits `emission` rao by incentive and dividends normalised on their joint sum; when nobody
/// earned anything, validators and the combined amount follow active stake, or raw stake when
/// no active stake exists.
pub fn split(
    incentive: &[I32F32],
    dividends: &[I32F32],
    active_stake: &[I32F32],
    stake: &[I32F32],
    emission: u64,
) -> EmissionSplit {
    let total = incentive
        .iter()
        .zip(dividends.iter())
        .fold(ZERO, |acc, (i, d)| acc.saturating_add(i.saturating_add(*d)));
    if total != ZERO && incentive.len() == dividends.len() {
        // The usual case in one pass: the three shares of every uid are quotients by the
        // same sum (`normalize` of the combined vector divides by exactly `total`).
        let d = Divisor::new(total);
        let n = incentive.len();
        let mut out = EmissionSplit {
            incentive: Vec::with_capacity(n),
            dividends: Vec::with_capacity(n),
            combined: Vec::with_capacity(n),
        };
        for (i, v) in incentive.iter().zip(dividends.iter()) {
            out.incentive.push(share_to_rao(d.div(*i), emission));
            out.dividends.push(share_to_rao(d.div(*v), emission));
            out.combined
                .push(share_to_rao(d.div(i.saturating_add(*v)), emission));
        }
        return out;
    }
    let mut combined: Vec<I32F32> = incentive
        .iter()
        .zip(dividends.iter())
        .map(|(i, d)| i.saturating_add(*d))
        .collect();
    let total = sum(&combined);
    let mut se = incentive.to_vec();
    let mut ve = dividends.to_vec();
    normalize_with_sum(&mut se, total);
    normalize_with_sum(&mut ve, total);
    normalize(&mut combined);
    if total == ZERO {
        let fallback = if sum(active_stake) == ZERO {
            stake
        } else {
            active_stake
        };
        ve = fallback.to_vec();
        combined = fallback.to_vec();
    }
    EmissionSplit {
        incentive: to_rao(&se, emission),
        dividends: to_rao(&ve, emission),
        combined: to_rao(&combined, emission),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::fixed::{I96F32, ONE};

    #[test]
    fn halves_between_miners_and_validators() {
        // I = (1, 0), D = (0, 1): each half of 1000 rao
        let s = split(&[ONE, ZERO], &[ZERO, ONE], &[ONE, ZERO], &[ONE, ZERO], 1000);
        assert_eq!(s.incentive, vec![500, 0]);
        assert_eq!(s.dividends, vec![0, 500]);
        assert_eq!(s.combined, vec![500, 500]);
    }

    #[test]
    fn no_earnings_fall_back_to_active_stake() {
        let a = vec![ONE / 4, ONE * 3 / 4];
        let s = split(&[ZERO, ZERO], &[ZERO, ZERO], &a, &[ONE / 2, ONE / 2], 1000);
        assert_eq!(s.incentive, vec![0, 0]);
        assert_eq!(s.dividends, vec![250, 750]);
        assert_eq!(s.combined, vec![250, 750]);
    }

    #[test]
    fn no_active_stake_falls_back_to_raw_stake() {
        let s = split(
            &[ZERO, ZERO],
            &[ZERO, ZERO],
            &[ZERO, ZERO],
            &[ONE / 2, ONE / 2],
            1000,
        );
        assert_eq!(s.dividends, vec![500, 500]);
        assert_eq!(s.combined, vec![500, 500]);
    }

    #[test]
    fn share_to_rao_matches_the_crate() {
        let crate_rao = |s: I32F32, e: u64| {
            I96F32::saturating_from_num(s)
                .saturating_mul(I96F32::saturating_from_num(e))
                .saturating_to_num::<u64>()
        };
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for k in 0..50_000u64 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let share = match k % 3 {
                0 => (x >> 31) as i64, // around [0, 1]
                1 => x as i64,         // any sign and size
                _ => [0, 1, -1, 1 << 32, i64::MAX, i64::MIN][(x % 6) as usize],
            };
            let emission = match k % 4 {
                0 => u64::MAX,
                1 => x >> (x % 64),
                _ => x.rotate_left(7),
            };
            let s = I32F32::from_bits(share);
            assert_eq!(
                share_to_rao(s, emission),
                crate_rao(s, emission),
                "{share} {emission}"
            );
        }
    }

    #[test]
    fn one_pass_split_matches_the_step_by_step_one() {
        // the spec's steps: shares normalised on the joint sum, combined on its own sum
        let reference = |inc: &[I32F32], div: &[I32F32], e: u64| {
            let mut combined: Vec<I32F32> = inc
                .iter()
                .zip(div)
                .map(|(i, d)| i.saturating_add(*d))
                .collect();
            let total = sum(&combined);
            let (mut se, mut ve) = (inc.to_vec(), div.to_vec());
            normalize_with_sum(&mut se, total);
            normalize_with_sum(&mut ve, total);
            normalize(&mut combined);
            (to_rao(&se, e), to_rao(&ve, e), to_rao(&combined, e))
        };
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for case in 0..500 {
            let n = 1 + case % 17;
            let mut val = || match next() % 4 {
                0 => ZERO,
                1 => I32F32::from_bits((next() >> 20) as i64), // above 1 at times
                _ => I32F32::from_bits((next() >> 32) as i64),
            };
            let inc: Vec<I32F32> = (0..n).map(|_| val()).collect();
            let div: Vec<I32F32> = (0..n).map(|_| val()).collect();
            let e = next() >> (next() % 64);
            let s = split(&inc, &div, &inc, &div, e);
            assert_eq!(
                (s.incentive, s.dividends, s.combined),
                reference(&inc, &div, e)
            );
        }
    }

    #[test]
    fn rao_amounts_floor() {
        // 1/3 of 10 rao -> 3; all of u64::MAX rao stays exact
        assert_eq!(to_rao(&[ONE / 3], 10), vec![3]);
        assert_eq!(to_rao(&[ONE], u64::MAX), vec![u64::MAX]);
    }
}
