//! Where distributed alpha lands: the staking module's share pools (spec-emission §9.5).
//! "Add to one" mints shares for (hotkey, coldkey); "add to all" raises every nominator of
//! the hotkey pro rata without minting shares.

use crate::{
    stake,
    storage::{Overlay, StorageError},
};
use yuma_primitives::{AccountId, NetUid};

/// Adds `amount` alpha as stake of (hotkey, coldkey) on `netuid`.
pub fn stake_to(
    st: &mut Overlay<'_>,
    hotkey: &AccountId,
    coldkey: &AccountId,
    netuid: NetUid,
    amount: u64,
) -> Result<(), StorageError> {
    if amount == 0 {
        return Ok(());
    }
    stake::increase_stake_for_hotkey_and_coldkey_on_subnet(st, hotkey, coldkey, netuid, amount)
}

/// Adds `amount` alpha to `hotkey`'s pool on `netuid`, shared by all its nominators.
pub fn stake_to_all(
    st: &mut Overlay<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    amount: u64,
) -> Result<(), StorageError> {
    if amount == 0 {
        return Ok(());
    }
    stake::increase_stake_for_hotkey_on_subnet(st, hotkey, netuid, amount)
}
