//! Block emission of TAO (spec-emission §4): `floor(1e9 / 2^k)` rao with `k` halvings driven
//! by issuance (not by height), nothing at the 21M cap; and the block's credit: minted into
//! issuance before the coinbase, spent into subnet accounts, the rest recycled.
//!
//! The same formula gives each subnet's alpha emission from its alpha issuance (§6.1).

use super::storage::BLOCK_EMISSION;
use crate::{
    balances,
    ext::Ext,
    storage::{Overlay, StorageError},
};
use substrate_fixed::{transcendental::log2, types::I96F32};
use yuma_primitives::AccountId;

/// 21_000_000 TAO in rao: the hard cap of TAO and of each subnet's alpha.
pub const MAX_TAO_ISSUANCE: u64 = 21_000_000_000_000_000;
/// `DefaultBlockEmission`: 1 TAO (or 1 alpha) per block before any halving.
pub const DEFAULT_BLOCK_EMISSION: u64 = 1_000_000_000;

/// `get_block_emission_for_issuance` (§4.1): `k = floor(log2(1 / (1 − I / 21e15)))` in I96F32,
/// emission = `(1 / 2^k) × 1e9` truncated. 0 at or above the cap, and 0 if the logarithm fails.
pub fn emission_for_issuance(issuance: u64) -> u64 {
    if issuance >= MAX_TAO_ISSUANCE {
        return 0;
    }
    let one = I96F32::saturating_from_num(1);
    let ratio = I96F32::saturating_from_num(issuance)
        .checked_div(I96F32::saturating_from_num(MAX_TAO_ISSUANCE));
    let x = ratio
        .and_then(|r| one.checked_sub(r))
        .and_then(|d| one.checked_div(d));
    let Some(Ok(residual)) = x.map(log2::<I96F32, I96F32>) else {
        return 0;
    };
    let k: u64 = residual.floor().saturating_to_num();
    let two = I96F32::saturating_from_num(2);
    let multiplier = (0..k).fold(one, |m, _| m.saturating_mul(two));
    let pct = one.checked_div(multiplier).unwrap_or(I96F32::from_bits(0));
    pct.saturating_mul(I96F32::saturating_from_num(DEFAULT_BLOCK_EMISSION))
        .saturating_to_num()
}

/// [`emission_for_issuance`] with subtensor's side effect: `BlockEmission` is rewritten when
/// the value changes — also for alpha, so after a block it holds the last subnet's alpha
/// emission (quirk §13.1, informational only).
pub fn emission_for_issuance_recorded(
    st: &mut Overlay<'_>,
    issuance: u64,
) -> Result<u64, StorageError> {
    let e = emission_for_issuance(issuance);
    if BLOCK_EMISSION.get(st)? != e {
        BLOCK_EMISSION.set(st, e);
    }
    Ok(e)
}

/// The TAO the next coinbase mints at the current issuance (query `block_emission`).
pub fn block_emission(s: &dyn crate::storage::StorageRead) -> Result<u64, StorageError> {
    let ti = balances::total_issuance(s)?;
    Ok(emission_for_issuance(ti).min(MAX_TAO_ISSUANCE.saturating_sub(ti)))
}

/// The block's minted TAO not yet placed anywhere: it is already counted in `TotalIssuance`
/// and `Yuma.Minted`; [`Credit::spend`] moves parts of it into accounts and
/// [`Credit::recycle`] removes the rest from issuance (counted in `Yuma.Burned`), so
/// `genesis + Minted == TotalIssuance + Burned` holds after every block.
#[derive(Debug)]
#[must_use = "a credit must be spent or recycled"]
pub struct Credit(u64);

impl Credit {
    /// What is left.
    pub fn peek(&self) -> u64 {
        self.0
    }

    /// Credits `amount` to `who`'s free balance; `false` (nothing changes) when the credit is
    /// short or the account cannot receive it.
    pub fn spend(
        &mut self,
        ext: &mut Ext<'_>,
        who: &AccountId,
        amount: u64,
    ) -> Result<bool, StorageError> {
        if amount > self.0 {
            return Ok(false);
        }
        if amount == 0 {
            return Ok(true);
        }
        let new = balances::free(&ext.state, who)?.saturating_add(amount);
        if balances::set_free(ext, who, new).is_err() {
            return Ok(false);
        }
        self.0 -= amount;
        Ok(true)
    }

    /// Removes what is left from issuance (subtensor's `recycle_credit`).
    pub fn recycle(self, ext: &mut Ext<'_>) -> Result<(), StorageError> {
        balances::burn_issuance(ext, self.0)
    }
}

/// `get_block_emission` (§4.2): the emission at the current issuance, minted.
pub fn mint_block_emission(ext: &mut Ext<'_>) -> Result<Credit, StorageError> {
    let ti = balances::total_issuance(&ext.state)?;
    let e = emission_for_issuance_recorded(&mut ext.state, ti)?;
    mint_tao(ext, e)
}

/// `mint_tao` (§4.2): `amount` clamped to what the 21M cap leaves, added to `TotalIssuance`
/// and `Yuma.Minted`, as a credit to place.
pub fn mint_tao(ext: &mut Ext<'_>, amount: u64) -> Result<Credit, StorageError> {
    let ti = balances::total_issuance(&ext.state)?;
    let amount = amount.min(MAX_TAO_ISSUANCE.saturating_sub(ti));
    if amount == 0 {
        return Ok(Credit(0));
    }
    balances::TOTAL_ISSUANCE.put(&mut ext.state, &(ti + amount));
    let minted = balances::MINTED.get(&ext.state)?.unwrap_or(0);
    balances::MINTED.put(&mut ext.state, &minted.saturating_add(amount));
    Ok(Credit(amount))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAO: u64 = 1_000_000_000;

    #[test]
    fn halving_table() {
        // §4.1 table: threshold T_k = 21M × (1 − 2^−k) TAO, reward 1e9 / 2^k rao.
        assert_eq!(emission_for_issuance(0), 1_000_000_000);
        assert_eq!(emission_for_issuance(10_500_000 * TAO - 1), 1_000_000_000);
        assert_eq!(emission_for_issuance(10_500_000 * TAO), 500_000_000);
        assert_eq!(emission_for_issuance(15_750_000 * TAO - 1), 500_000_000);
        assert_eq!(emission_for_issuance(15_750_000 * TAO), 250_000_000);
        assert_eq!(emission_for_issuance(18_375_000 * TAO), 125_000_000);
        assert_eq!(emission_for_issuance(19_687_500 * TAO), 62_500_000);
        assert_eq!(emission_for_issuance(20_343_750 * TAO), 31_250_000);
        assert_eq!(emission_for_issuance(20_958_984_375_000_000), 1_953_125);
        assert_eq!(emission_for_issuance(20_979_492_187_500_000), 976_562);
        assert_eq!(emission_for_issuance(MAX_TAO_ISSUANCE), 0);
        assert_eq!(emission_for_issuance(u64::MAX), 0);
    }

    #[test]
    fn emission_never_increases_with_issuance() {
        let mut last = u64::MAX;
        for i in 0..=210 {
            let e = emission_for_issuance(i * 100_000 * TAO);
            assert!(e <= last);
            last = e;
        }
        assert_eq!(last, 0);
    }

    #[test]
    fn moving_alpha_default_is_from_num_of_3e_minus_6() {
        assert_eq!(
            super::super::storage::SUBNET_MOVING_ALPHA.default,
            I96F32::from_num(0.000003).to_bits()
        );
    }
}
