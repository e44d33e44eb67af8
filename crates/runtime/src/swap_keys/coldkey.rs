//! Coldkey swap: announce → wait `ColdkeySwapAnnouncementDelay` → execute (§7.2).

use super::{hotkey::charge, KEY_SWAP_COST};
use crate::{
    balances,
    dispatch::DispatchResult,
    ext::Ext,
    hyperparams::items::{COLDKEY_SWAP_ANNOUNCEMENT_DELAY, COLDKEY_SWAP_REANNOUNCEMENT_DELAY},
    stake::pool::ALPHA_V2 as ALPHA,
    storage::{StorageError, StorageMap, StorageRead},
    subnets,
    subtensor::{storage::*, Error, SubtensorEvent},
};
use parity_scale_codec::Encode;
use yuma_primitives::{
    hashing::{blake2_256, StorageHasher},
    AccountId, H256,
};

/// `ColdkeySwapAnnouncements`: coldkey → (execution block, hash of the new coldkey).
pub const ANNOUNCEMENTS: StorageMap<AccountId, (u64, H256)> = StorageMap::new(
    PALLET,
    "ColdkeySwapAnnouncements",
    StorageHasher::Twox64Concat,
);

/// The freeze (§7.2): a coldkey with an announcement may only make swap calls.
pub fn ensure_not_frozen(
    s: &dyn StorageRead,
    who: &AccountId,
) -> Result<(), crate::dispatch::DispatchError> {
    if ANNOUNCEMENTS.get(s, who)?.is_some() {
        return Err(Error::ColdkeySwapAnnounced.into());
    }
    Ok(())
}

/// `announce_coldkey_swap(new_coldkey_hash)`.
pub fn announce_coldkey_swap(ext: &mut Ext<'_>, who: &AccountId, hash: H256) -> DispatchResult {
    let now = ext.block;
    match ANNOUNCEMENTS.get(&ext.state, who)? {
        Some((when, _)) => {
            let delay = COLDKEY_SWAP_REANNOUNCEMENT_DELAY.get(&ext.state)?;
            if now < when.saturating_add(delay) {
                return Err(Error::ColdkeySwapReannouncedTooEarly.into());
            }
        }
        None => charge(
            ext,
            who,
            KEY_SWAP_COST,
            Error::NotEnoughBalanceToPaySwapColdKey,
        )?,
    }
    let delay = COLDKEY_SWAP_ANNOUNCEMENT_DELAY.get(&ext.state)?;
    ANNOUNCEMENTS.insert(&mut ext.state, who, &(now.saturating_add(delay), hash));
    ext.deposit_event(SubtensorEvent::ColdkeySwapAnnounced {
        who: *who,
        new_coldkey_hash: hash,
    });
    Ok(())
}

fn union_into(
    ext: &mut Ext<'_>,
    map: &StorageMap<AccountId, Vec<AccountId>>,
    old: &AccountId,
    new: &AccountId,
) -> Result<Vec<AccountId>, StorageError> {
    let from = map.get(&ext.state, old)?.unwrap_or_default();
    let mut to = map.get(&ext.state, new)?.unwrap_or_default();
    for h in &from {
        if !to.contains(h) {
            to.push(*h);
        }
    }
    map.remove(&mut ext.state, old);
    map.insert(&mut ext.state, new, &to);
    Ok(from)
}

/// `swap_coldkey_announced(new_coldkey)`.
pub fn swap_coldkey_announced(
    ext: &mut Ext<'_>,
    old: &AccountId,
    new: &AccountId,
) -> DispatchResult {
    let now = ext.block;
    let Some((when, hash)) = ANNOUNCEMENTS.get(&ext.state, old)? else {
        return Err(Error::ColdkeySwapAnnouncementNotFound.into());
    };
    if H256(blake2_256(&new.encode())) != hash {
        return Err(Error::AnnouncedColdkeyHashDoesNotMatch.into());
    }
    if now < when {
        return Err(Error::ColdkeySwapTooEarly.into());
    }
    if !STAKING_HOTKEYS
        .get(&ext.state, new)?
        .unwrap_or_default()
        .is_empty()
    {
        return Err(Error::ColdKeyAlreadyAssociated.into());
    }
    if OWNER.get(&ext.state, new)?.is_some() {
        return Err(Error::NewColdKeyIsHotkey.into());
    }
    ANNOUNCEMENTS.remove(&mut ext.state, old);
    for n in subnets::all(&ext.state)? {
        if SUBNET_OWNER.get(&ext.state, &n)?.as_ref() == Some(old) {
            SUBNET_OWNER.insert(&mut ext.state, &n, new);
        }
    }
    let staking = union_into(ext, &STAKING_HOTKEYS, old, new)?;
    for hot in staking {
        for ((h, c, n), shares) in ALPHA.iter_prefix(&ext.state, &[hot.encode(), old.encode()])? {
            ALPHA.remove(&mut ext.state, &(h, c, n));
            let prev = ALPHA.get(&ext.state, &(h, *new, n))?.unwrap_or_default();
            ALPHA.insert(
                &mut ext.state,
                &(h, *new, n),
                &prev.add(&shares).unwrap_or(prev),
            );
        }
    }
    for h in union_into(ext, &OWNED_HOTKEYS, old, new)? {
        OWNER.insert(&mut ext.state, &h, new);
    }
    let free = balances::free(&ext.state, old)?;
    if free > 0 {
        balances::transfer(ext, old, new, free, false)?;
    }
    LAST_RATE_LIMITED_BLOCK.insert(&mut ext.state, &RateLimitKey::LastTxBlock(*new), &now);
    ext.deposit_event(SubtensorEvent::ColdkeySwapped {
        old_coldkey: *old,
        new_coldkey: *new,
    });
    Ok(())
}
