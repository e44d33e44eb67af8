//! Where distributed alpha lands: the one seam between the coinbase and the staking module.
//!
//! The contract names `stake::increase_stake_for_hotkey_and_coldkey_on_subnet` ("add to one",
//! mints shares) and `stake::increase_stake_for_hotkey_on_subnet` ("add to all", raises every
//! nominator pro rata); until the staking branch lands they are stood in for here by raising
//! `TotalHotkeyAlpha` (the hotkey's stake the epoch reads) — the per-coldkey share entries are
//! the staking module's. Swap these two bodies for the staking calls when merging.

use crate::{
    stake_view::TOTAL_HOTKEY_ALPHA,
    storage::{Overlay, StorageError},
};
use yuma_primitives::{AccountId, NetUid};

/// Adds `amount` alpha as stake of (hotkey, coldkey) on `netuid`.
pub fn stake_to(
    st: &mut Overlay<'_>,
    hotkey: &AccountId,
    _coldkey: &AccountId,
    netuid: NetUid,
    amount: u64,
) -> Result<(), StorageError> {
    add_to_hotkey(st, hotkey, netuid, amount)
}

/// Adds `amount` alpha to `hotkey`'s pool on `netuid`, shared by all its nominators.
pub fn stake_to_all(
    st: &mut Overlay<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    amount: u64,
) -> Result<(), StorageError> {
    add_to_hotkey(st, hotkey, netuid, amount)
}

fn add_to_hotkey(
    st: &mut Overlay<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    amount: u64,
) -> Result<(), StorageError> {
    if amount == 0 {
        return Ok(());
    }
    let v = TOTAL_HOTKEY_ALPHA
        .get(st, hotkey, &netuid)?
        .unwrap_or(0)
        .saturating_add(amount);
    TOTAL_HOTKEY_ALPHA.insert(st, hotkey, &netuid, &v);
    Ok(())
}
