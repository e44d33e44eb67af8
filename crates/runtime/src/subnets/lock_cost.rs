//! The subnet lock cost (§2.3.1): doubles after each registration and falls linearly back,
//! never below `NetworkMinLockCost`.
//!
//! The effective reduction interval scales with the block emission, which halves with total
//! issuance (spec-emission §4.1): `I_eff = floor(NetworkLockReductionInterval × E / 10^9)`.
//! yuma computes `E = floor(10^9 / 2^k)` with `k` the number of halvings in integers, exactly
//! at the thresholds `I ≥ 21e15 × (1 − 2^−k)` (the spec's I96F32 evaluation is equal there).

use crate::{
    balances,
    hyperparams::items::{
        NETWORK_LAST_LOCK_COST, NETWORK_LOCK_REDUCTION_INTERVAL, NETWORK_MIN_LOCK_COST,
    },
    storage::{StorageError, StorageRead},
    subtensor::storage::{RateLimitKey, LAST_RATE_LIMITED_BLOCK},
};

/// Total supply cap, rao.
pub(crate) const MAX_SUPPLY: u64 = 21_000_000_000_000_000;

/// The TAO block emission at this issuance, rao.
pub fn block_emission(issuance: u64) -> u64 {
    if issuance >= MAX_SUPPLY {
        return 0;
    }
    let left = u128::from(MAX_SUPPLY - issuance);
    let mut k = 0u32;
    while k < 64 && (left << (k + 1)) <= u128::from(MAX_SUPPLY) {
        k += 1;
    }
    if k >= 30 {
        0
    } else {
        1_000_000_000u64 >> k
    }
}

/// The last registration block (`LastRateLimitedBlock[NetworkLastRegistered]`).
pub(crate) fn last_registration_block(s: &dyn StorageRead) -> Result<u64, StorageError> {
    Ok(LAST_RATE_LIMITED_BLOCK
        .get(s, &RateLimitKey::NetworkLastRegistered)?
        .unwrap_or(0))
}

/// The lock the next `register_network` takes at block `now`, rao.
pub fn lock_cost(s: &dyn StorageRead, now: u64) -> Result<u64, StorageError> {
    let last = NETWORK_LAST_LOCK_COST.get(s)?;
    let b = last_registration_block(s)?;
    let min = NETWORK_MIN_LOCK_COST.get(s)?;
    let emission = block_emission(balances::total_issuance(s)?);
    let i_eff =
        u128::from(NETWORK_LOCK_REDUCTION_INTERVAL.get(s)?) * u128::from(emission) / 1_000_000_000;
    let mult: u128 = if b == 0 { 1 } else { 2 };
    let per_block = u128::from(last).checked_div(i_eff).unwrap_or(0);
    let elapsed = u128::from(now.saturating_sub(b));
    let cost = (u128::from(last) * mult).saturating_sub(per_block * elapsed);
    Ok(u64::try_from(cost).unwrap_or(u64::MAX).max(min))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halvings_at_thresholds() {
        assert_eq!(block_emission(0), 1_000_000_000);
        assert_eq!(block_emission(10_500_000_000_000_000 - 1), 1_000_000_000);
        assert_eq!(block_emission(10_500_000_000_000_000), 500_000_000);
        assert_eq!(block_emission(15_750_000_000_000_000), 250_000_000);
        assert_eq!(block_emission(MAX_SUPPLY), 0);
    }
}
