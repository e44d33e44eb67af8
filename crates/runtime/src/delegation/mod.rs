//! Validator (delegate) take, spec-staking-swap §2.9 and spec-emission §9.6: the share of a
//! hotkey's validator dividends that goes to its owner before the rest raises every
//! nominator's stake. Stored per hotkey in `Delegates` as a u16 fraction of 65 535 (default
//! 11 796 ≈ 18 %, read for any hotkey without an entry); bounded by `MinDelegateTake` (0) and
//! `MaxDelegateTake` (18 %); lowered any time, raised at most once per
//! `TxDelegateTakeRateLimit` (216 000) blocks, counted from the last change either way.
//!
//! `become_delegate` no longer exists at subtensor HEAD (removed with the deprecated calls);
//! a hotkey becomes an explicit delegate through [`maybe_become_delegate`] (called by
//! `add_stake_limit` and cross-subnet moves by a non-owner) or root registration
//! ([`delegate_hotkey`] with 18 %). Registration on a subnet does not write `Delegates`: the
//! storage default applies until then.

mod take;

pub use take::{decrease_take, increase_take, take_checks};

use crate::{
    hyperparams::items::Global,
    storage::{Overlay, StorageError, StorageMap, StorageRead},
    subtensor::storage::{RateLimitKey, LAST_RATE_LIMITED_BLOCK, PALLET},
};
use yuma_primitives::{hashing::StorageHasher, AccountId};

/// `InitialDefaultDelegateTake`: 18 % of 65 535, the take of a hotkey without an entry.
pub const DEFAULT_DELEGATE_TAKE: u16 = 11_796;

/// `Delegates`: hotkey → take (u16/65 535); absent reads as [`DEFAULT_DELEGATE_TAKE`].
pub const DELEGATES: StorageMap<AccountId, u16> =
    StorageMap::new(PALLET, "Delegates", StorageHasher::Blake2_128Concat);
/// `MinDelegateTake`.
pub const MIN_DELEGATE_TAKE: Global<u16> = Global::new("MinDelegateTake", 0);
/// `MaxDelegateTake` (admin-utils `sudo_set_default_take` sets it).
pub const MAX_DELEGATE_TAKE: Global<u16> = Global::new("MaxDelegateTake", DEFAULT_DELEGATE_TAKE);
/// `TxDelegateTakeRateLimit`, blocks between a take change and the next increase.
pub const TX_DELEGATE_TAKE_RATE_LIMIT: Global<u64> =
    Global::new("TxDelegateTakeRateLimit", 216_000);

/// The take of `hotkey` (`get_hotkey_take`): its entry, or the default 18 %.
pub fn take(s: &dyn StorageRead, hotkey: &AccountId) -> Result<u16, StorageError> {
    Ok(DELEGATES.get(s, hotkey)?.unwrap_or(DEFAULT_DELEGATE_TAKE))
}

/// Whether `hotkey` has an explicit `Delegates` entry (`hotkey_is_delegate`).
pub fn is_delegate(s: &dyn StorageRead, hotkey: &AccountId) -> Result<bool, StorageError> {
    Ok(DELEGATES.get(s, hotkey)?.is_some())
}

/// Writes `hotkey`'s take (`delegate_hotkey`).
pub fn delegate_hotkey(st: &mut Overlay<'_>, hotkey: &AccountId, take: u16) {
    DELEGATES.insert(st, hotkey, &take);
}

/// Makes `hotkey` an explicit delegate at its current (default) take if it is not one yet.
pub fn maybe_become_delegate(st: &mut Overlay<'_>, hotkey: &AccountId) -> Result<(), StorageError> {
    if !is_delegate(st, hotkey)? {
        let t = take(st, hotkey)?;
        delegate_hotkey(st, hotkey, t);
    }
    Ok(())
}

/// `LastRateLimitedBlock[LastTxBlockDelegateTake(hotkey)]`: the block of the last take change.
pub fn last_take_change(s: &dyn StorageRead, hotkey: &AccountId) -> Result<u64, StorageError> {
    Ok(LAST_RATE_LIMITED_BLOCK
        .get(s, &RateLimitKey::LastTxBlockDelegateTake(*hotkey))?
        .unwrap_or(0))
}

fn set_last_take_change(st: &mut Overlay<'_>, hotkey: &AccountId, block: u64) {
    LAST_RATE_LIMITED_BLOCK.insert(st, &RateLimitKey::LastTxBlockDelegateTake(*hotkey), &block);
}
