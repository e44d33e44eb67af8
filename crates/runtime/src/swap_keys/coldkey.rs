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

/// `ColdkeySwapDisputes`: coldkey → block at which its swap was disputed.
pub const DISPUTES: StorageMap<AccountId, u64> =
    StorageMap::new(PALLET, "ColdkeySwapDisputes", StorageHasher::Twox64Concat);

/// Whether `who`'s announced swap is disputed (then the guard refuses all its calls).
pub fn is_disputed(s: &dyn StorageRead, who: &AccountId) -> Result<bool, StorageError> {
    Ok(DISPUTES.get(s, who)?.is_some())
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
    ANNOUNCEMENTS.remove(&mut ext.state, old);
    do_swap_coldkey(ext, old, new)
}

/// `do_swap_coldkey`: moves subnet ownership, stakes, hotkeys and the balance of `old` to `new`.
fn do_swap_coldkey(ext: &mut Ext<'_>, old: &AccountId, new: &AccountId) -> DispatchResult {
    let now = ext.block;
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
    for n in subnets::all(&ext.state)? {
        if SUBNET_OWNER.get(&ext.state, &n)?.as_ref() == Some(old) {
            SUBNET_OWNER.insert(&mut ext.state, &n, new);
        }
    }
    let staking = union_into(ext, &STAKING_HOTKEYS, old, new)?;
    for hot in staking.clone() {
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
    let all = subnets::all(&ext.state)?;
    crate::root_claim::keys::swap_coldkey(&mut ext.state, &staking, &all, old, new)?;
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

/// `dispute_coldkey_swap()`: the announcing coldkey freezes its own swap (and every other call
/// of it) until root resets it.
pub fn dispute_coldkey_swap(ext: &mut Ext<'_>, who: &AccountId) -> DispatchResult {
    if ANNOUNCEMENTS.get(&ext.state, who)?.is_none() {
        return Err(Error::ColdkeySwapAnnouncementNotFound.into());
    }
    if is_disputed(&ext.state, who)? {
        return Err(Error::ColdkeySwapAlreadyDisputed.into());
    }
    let now = ext.block;
    DISPUTES.insert(&mut ext.state, who, &now);
    ext.deposit_event(SubtensorEvent::ColdkeySwapDisputed { coldkey: *who });
    Ok(())
}

/// `clear_coldkey_swap_announcement()`: withdraws an announcement once
/// `ColdkeySwapReannouncementDelay` blocks have passed since its execution block.
pub fn clear_coldkey_swap_announcement(ext: &mut Ext<'_>, who: &AccountId) -> DispatchResult {
    let Some((when, _)) = ANNOUNCEMENTS.get(&ext.state, who)? else {
        return Err(Error::ColdkeySwapAnnouncementNotFound.into());
    };
    let delay = COLDKEY_SWAP_REANNOUNCEMENT_DELAY.get(&ext.state)?;
    if ext.block < when.saturating_add(delay) {
        return Err(Error::ColdkeySwapClearTooEarly.into());
    }
    ANNOUNCEMENTS.remove(&mut ext.state, who);
    ext.deposit_event(SubtensorEvent::ColdkeySwapCleared { who: *who });
    Ok(())
}

/// `reset_coldkey_swap(coldkey)` (root): drops the announcement and the dispute.
pub fn reset_coldkey_swap(ext: &mut Ext<'_>, coldkey: &AccountId) -> DispatchResult {
    ANNOUNCEMENTS.remove(&mut ext.state, coldkey);
    DISPUTES.remove(&mut ext.state, coldkey);
    ext.deposit_event(SubtensorEvent::ColdkeySwapReset { who: *coldkey });
    Ok(())
}

/// `swap_coldkey(old_coldkey, new_coldkey, swap_cost)` (root): swaps at once, without an
/// announcement, recycling `swap_cost` from the old coldkey; clears any announcement and
/// dispute.
pub fn swap_coldkey(
    ext: &mut Ext<'_>,
    old: &AccountId,
    new: &AccountId,
    swap_cost: u64,
) -> DispatchResult {
    if swap_cost != 0 {
        charge(ext, old, swap_cost, Error::NotEnoughBalanceToPaySwapColdKey)?;
    }
    do_swap_coldkey(ext, old, new)?;
    ANNOUNCEMENTS.remove(&mut ext.state, old);
    DISPUTES.remove(&mut ext.state, old);
    Ok(())
}
