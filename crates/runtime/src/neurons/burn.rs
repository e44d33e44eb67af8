//! The registration price (§3.3): `Burn` decays every block by the Q32 factor whose
//! `BurnHalfLife`-th power is at most one half, and rises ×`BurnIncreaseMult` after each
//! registration, clamped to `[MinBurn, MaxBurn]`.

use crate::{
    ext::Ext,
    hyperparams::items::{BURN, BURN_HALF_LIFE, BURN_INCREASE_MULT, MAX_BURN, MIN_BURN},
    storage::StorageError,
    subtensor::storage::{REGISTRATIONS_THIS_BLOCK, REGISTRATIONS_THIS_INTERVAL},
};
use yuma_primitives::NetUid;

const ONE_Q32: u64 = 1 << 32;

fn mul_q32(a: u64, b: u64) -> u64 {
    u64::try_from((u128::from(a) * u128::from(b)) >> 32).unwrap_or(u64::MAX)
}

fn pow_q32(base: u64, mut exp: u16) -> u64 {
    let mut result = ONE_Q32;
    let mut b = base;
    while exp > 0 {
        if exp & 1 == 1 {
            result = mul_q32(result, b);
        }
        exp >>= 1;
        if exp > 0 {
            b = mul_q32(b, b);
        }
    }
    result
}

/// The largest Q32 `x < 2^32` with `x^h ≤ 1/2` (binary search); `2^32` for `h = 0`. Every
/// subnet decays every block, mostly with the same half-life: the last answer is kept (per
/// thread; a pure function's memo).
pub fn decay_factor_q32(h: u16) -> u64 {
    thread_local! {
        static LAST: std::cell::Cell<(u16, u64)> = const { std::cell::Cell::new((0, ONE_Q32)) };
    }
    let (last_h, last_f) = LAST.get();
    if last_h == h {
        return last_f;
    }
    let f = search_decay_factor(h);
    LAST.set((h, f));
    f
}

fn search_decay_factor(h: u16) -> u64 {
    if h == 0 {
        return ONE_Q32;
    }
    let (mut lo, mut hi) = (0u64, ONE_Q32);
    while lo + 1 < hi {
        let mid = lo + (hi - lo) / 2;
        if pow_q32(mid, h) > ONE_Q32 / 2 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    lo
}

fn clamp(ext: &Ext<'_>, netuid: NetUid, v: u64) -> Result<u64, StorageError> {
    let min = MIN_BURN.get(&ext.state, netuid)?;
    let max = MAX_BURN.get(&ext.state, netuid)?;
    Ok(v.max(min).min(max))
}

/// The price `burn` decays to at the start of block `block` (before clamping).
pub fn decayed(burn: u64, half_life: u16, block: u64) -> u64 {
    if half_life > 0 && block > 1 {
        let f = decay_factor_q32(half_life);
        u64::try_from((u128::from(burn) * u128::from(f)) >> 32).unwrap_or(u64::MAX)
    } else {
        burn
    }
}

/// What the next block's registration costs before any registration in it.
pub fn next_block_burn(
    s: &dyn crate::storage::StorageRead,
    netuid: NetUid,
) -> Result<u64, StorageError> {
    let next = crate::system::block_number(s)?.saturating_add(1);
    let v = decayed(BURN.get(s, netuid)?, BURN_HALF_LIFE.get(s, netuid)?, next);
    Ok(v.max(MIN_BURN.get(s, netuid)?)
        .min(MAX_BURN.get(s, netuid)?))
}

/// The per-block decay of one subnet's price, and the per-block counter reset.
pub fn decay(ext: &mut Ext<'_>, netuid: NetUid) -> Result<(), StorageError> {
    let burn = BURN.get(&ext.state, netuid)?;
    let h = BURN_HALF_LIFE.get(&ext.state, netuid)?;
    let new = decayed(burn, h, ext.block);
    let new = clamp(ext, netuid, new)?;
    if new != burn {
        BURN.set(&mut ext.state, netuid, new);
    }
    REGISTRATIONS_THIS_BLOCK.insert(&mut ext.state, &netuid, &0);
    // Root keeps interval-based admission (`root_register`): reset on its epoch boundary.
    if netuid == NetUid::ROOT && crate::subnets::schedule::is_due(&ext.state, netuid, ext.block)? {
        REGISTRATIONS_THIS_INTERVAL.insert(&mut ext.state, &netuid, &0);
    }
    Ok(())
}

/// Decays every existing subnet's price (start of every block, before any extrinsic).
pub fn decay_all(ext: &mut Ext<'_>, subnets: &[NetUid]) -> Result<(), StorageError> {
    for &n in subnets {
        decay(ext, n)?;
    }
    Ok(())
}

/// The bump after a registration: `Burn := clamp(floor(Burn × max(mult, 1)))`.
pub fn bump(ext: &mut Ext<'_>, netuid: NetUid) -> Result<(), StorageError> {
    let burn = BURN.get(&ext.state, netuid)?;
    let mult = BURN_INCREASE_MULT.get(&ext.state, netuid)?.max(1u128 << 64);
    let raw = (u128::from(burn) * (mult >> 64))
        + ((u128::from(burn) * (mult & u128::from(u64::MAX))) >> 64);
    let new = clamp(ext, netuid, u64::try_from(raw).unwrap_or(u64::MAX))?;
    BURN.set(&mut ext.state, netuid, new);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_factors() {
        // spec-subnets §3.3.
        assert_eq!(decay_factor_q32(1), 2_147_483_648);
        assert_eq!(decay_factor_q32(2), 3_037_000_500);
        assert_eq!(decay_factor_q32(360), 4_286_705_684);
        assert_eq!(decay_factor_q32(1000), 4_291_991_283);
        // Asked again (memoised) and after another half-life: the same answers.
        assert_eq!(decay_factor_q32(1000), 4_291_991_283);
        assert_eq!(decay_factor_q32(0), 1 << 32);
        assert_eq!(decay_factor_q32(360), 4_286_705_684);
    }

    #[test]
    fn one_tao_decays_as_the_spec_says() {
        // §10 scenario 6: 1 TAO → 998 076 443 after one block, 499 999 865 after 360.
        let f = u128::from(decay_factor_q32(360));
        let mut b: u64 = 1_000_000_000;
        b = ((u128::from(b) * f) >> 32) as u64;
        assert_eq!(b, 998_076_443);
        for _ in 1..360 {
            b = ((u128::from(b) * f) >> 32) as u64;
        }
        assert_eq!(b, 499_999_865);
    }
}
