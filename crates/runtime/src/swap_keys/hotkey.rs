//! `swap_hotkey_v2(hotkey, new_hotkey, netuid?, keep_stake)` (§7.1), signed by the coldkey.
//!
//! Child keys, childkey takes and the delegate take move with the hotkey
//! ([`crate::childkeys::swap_hotkey_on_subnet`], [`crate::delegation::copy_take_blocks`],
//! [`crate::delegation::move_take`]); a hotkey with children on a subnet counts as taking
//! part in it for the per-subnet swap interval, as upstream.

use super::{
    HOTKEY_SWAP_ON_SUBNET_INTERVAL, KEY_SWAP_COST, SUBNET_HOTKEY_SWAP_COST, TX_RATE_LIMIT,
};
use crate::{
    balances,
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
    stake::pool::{
        ALPHA_V2 as ALPHA, TOTAL_HOTKEY_ALPHA, TOTAL_HOTKEY_SHARES_V2 as TOTAL_HOTKEY_SHARES,
    },
    storage::{StorageDoubleMap, StorageError},
    subnets,
    subtensor::{ownership, storage::*, Error, SubtensorEvent},
};
use yuma_primitives::{hashing::StorageHasher, AccountId, NetUid};

/// `LastHotkeySwapOnNetuid`: (netuid, coldkey) → block.
pub const LAST_HOTKEY_SWAP_ON_NETUID: StorageDoubleMap<NetUid, AccountId, u64> =
    StorageDoubleMap::new(
        PALLET,
        "LastHotkeySwapOnNetuid",
        StorageHasher::Identity,
        StorageHasher::Blake2_128Concat,
    );

/// Charges a swap cost from `coldkey` and recycles it.
pub(super) fn charge(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    cost: u64,
    err: Error,
) -> DispatchResult {
    let free = balances::free(&ext.state, coldkey)?;
    if free < cost {
        return Err(err.into());
    }
    balances::set_free(ext, coldkey, free - cost)?;
    balances::burn_issuance(ext, cost)?;
    Ok(())
}

/// `per_subnet_swap`: `new` takes over `old`'s uid and records on `n`.
fn per_subnet_swap(
    ext: &mut Ext<'_>,
    n: NetUid,
    old: &AccountId,
    new: &AccountId,
    keep_stake: bool,
) -> Result<(), StorageError> {
    let st = &mut ext.state;
    if let Some(uid) = UIDS.get(st, &n, old)? {
        UIDS.remove(st, &n, old);
        UIDS.insert(st, &n, new, &uid);
        KEYS.insert(st, &n, &uid, new);
        IS_NETWORK_MEMBER.remove(st, old, &n);
        IS_NETWORK_MEMBER.insert(st, new, &n, &true);
    }
    if let Some(a) = AXONS.get(st, &n, old)? {
        AXONS.remove(st, &n, old);
        AXONS.insert(st, &n, new, &a);
    }
    if let Some(p) = PROMETHEUS.get(st, &n, old)? {
        PROMETHEUS.remove(st, &n, old);
        PROMETHEUS.insert(st, &n, new, &p);
    }
    if let Some(cert) = NEURON_CERTIFICATES.get(st, &n, old)? {
        NEURON_CERTIFICATES.remove(st, &n, old);
        NEURON_CERTIFICATES.insert(st, &n, new, &cert);
    }
    let idx = storage_index(n, 0);
    if let Some(q) = WEIGHT_COMMITS.get(st, &idx, old)? {
        WEIGHT_COMMITS.remove(st, &idx, old);
        WEIGHT_COMMITS.insert(st, &idx, new, &q);
    }
    if SUBNET_OWNER_HOTKEY.get(st, &n)?.as_ref() == Some(old) {
        SUBNET_OWNER_HOTKEY.insert(st, &n, new);
    }
    if !keep_stake {
        for ((_, cold, net), shares) in
            ALPHA.iter_prefix(st, &[parity_scale_codec::Encode::encode(old)])?
        {
            if net != n {
                continue;
            }
            ALPHA.remove(st, &(*old, cold, net));
            let prev = ALPHA.get(st, &(*new, cold, net))?.unwrap_or_default();
            ALPHA.insert(st, &(*new, cold, net), &prev.add(&shares).unwrap_or(prev));
            let mut staking = STAKING_HOTKEYS.get(st, &cold)?.unwrap_or_default();
            if !staking.contains(new) {
                staking.push(*new);
                STAKING_HOTKEYS.insert(st, &cold, &staking);
            }
        }
        if let Some(a) = TOTAL_HOTKEY_ALPHA.get(st, old, &n)? {
            TOTAL_HOTKEY_ALPHA.remove(st, old, &n);
            let prev = TOTAL_HOTKEY_ALPHA.get(st, new, &n)?.unwrap_or(0);
            TOTAL_HOTKEY_ALPHA.insert(st, new, &n, &prev.saturating_add(a));
        }
        if let Some(sh) = TOTAL_HOTKEY_SHARES.get(st, old, &n)? {
            TOTAL_HOTKEY_SHARES.remove(st, old, &n);
            let prev = TOTAL_HOTKEY_SHARES.get(st, new, &n)?.unwrap_or_default();
            TOTAL_HOTKEY_SHARES.insert(st, new, &n, &prev.add(&sh).unwrap_or(prev));
        }
        if n == NetUid::ROOT {
            crate::root_claim::keys::swap_hotkey(st, old, new)?;
        }
    }
    Ok(())
}

/// `swap_hotkey_v2` (and `swap_hotkey` with `keep_stake = false`).
pub fn swap_hotkey(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    old: &AccountId,
    new: &AccountId,
    netuid: Option<NetUid>,
    keep_stake: bool,
) -> DispatchResult {
    let now = ext.block;
    if !ownership::coldkey_owns_hotkey(&ext.state, coldkey, old)? {
        return Err(Error::NonAssociatedColdKey.into());
    }
    if let Some(o) = ownership::owner(&ext.state, new)? {
        if o != *coldkey {
            return Err(Error::NonAssociatedColdKey.into());
        }
    }
    if old == new {
        return Err(Error::NewHotKeyIsSameWithOld.into());
    }
    let tx_key = RateLimitKey::LastTxBlock(*coldkey);
    let last_tx = LAST_RATE_LIMITED_BLOCK
        .get(&ext.state, &tx_key)?
        .unwrap_or(0);
    if last_tx > 0 && now.saturating_sub(last_tx) <= TX_RATE_LIMIT {
        return Err(Error::HotKeySetTxRateLimitExceeded.into());
    }
    let all = subnets::all(&ext.state)?;
    let member = |ext: &Ext<'_>, n: NetUid| -> Result<bool, StorageError> {
        Ok(IS_NETWORK_MEMBER.get(&ext.state, new, &n)?.unwrap_or(false))
    };
    match netuid {
        Some(n) => {
            if member(ext, n)? {
                return Err(Error::HotKeyAlreadyRegisteredInSubNet.into());
            }
        }
        None => {
            for n in &all {
                if member(ext, *n)? {
                    return Err(Error::HotKeyAlreadyRegisteredInSubNet.into());
                }
            }
        }
    }
    if subnets::is_system_account(&ext.state, new)? {
        return Err(Error::CannotUseSystemAccount.into());
    }
    crate::delegation::copy_take_blocks(&mut ext.state, old, new)?;
    let recently = |ext: &Ext<'_>, n: NetUid| -> Result<bool, DispatchError> {
        let last = LAST_HOTKEY_SWAP_ON_NETUID
            .get(&ext.state, &n, coldkey)?
            .unwrap_or(0);
        Ok(last > 0 && last.saturating_add(HOTKEY_SWAP_ON_SUBNET_INTERVAL) >= now)
    };
    match netuid {
        Some(n) => {
            if recently(ext, n)? {
                return Err(Error::HotKeySwapOnSubnetIntervalNotPassed.into());
            }
            charge(
                ext,
                coldkey,
                SUBNET_HOTKEY_SWAP_COST,
                Error::NotEnoughBalanceToPaySwapHotKey,
            )?;
            ownership::associate(ext, coldkey, new)?;
            per_subnet_swap(ext, n, old, new, keep_stake)?;
            crate::childkeys::swap_hotkey_on_subnet(&mut ext.state, n, old, new)?;
            LAST_RATE_LIMITED_BLOCK.insert(&mut ext.state, &tx_key, &now);
            LAST_HOTKEY_SWAP_ON_NETUID.insert(&mut ext.state, &n, coldkey, &now);
            ext.deposit_event(SubtensorEvent::HotkeySwappedOnSubnet {
                coldkey: *coldkey,
                old_hotkey: *old,
                new_hotkey: *new,
                netuid: n,
            });
        }
        None => {
            let affected: Vec<NetUid> = all
                .iter()
                .copied()
                .filter(|n| {
                    IS_NETWORK_MEMBER
                        .get(&ext.state, old, n)
                        .ok()
                        .flatten()
                        .unwrap_or(false)
                        || crate::childkeys::CHILD_KEYS
                            .get(&ext.state, old, n)
                            .ok()
                            .flatten()
                            .is_some_and(|c| !c.is_empty())
                })
                .collect();
            for n in &affected {
                if recently(ext, *n)? {
                    return Err(Error::HotKeySwapOnSubnetIntervalNotPassed.into());
                }
            }
            charge(
                ext,
                coldkey,
                KEY_SWAP_COST,
                Error::NotEnoughBalanceToPaySwapHotKey,
            )?;
            OWNER.remove(&mut ext.state, old);
            OWNER.insert(&mut ext.state, new, coldkey);
            let mut owned = OWNED_HOTKEYS.get(&ext.state, coldkey)?.unwrap_or_default();
            owned.retain(|h| h != old);
            if !owned.contains(new) {
                owned.push(*new);
            }
            OWNED_HOTKEYS.insert(&mut ext.state, coldkey, &owned);
            for n in &all {
                per_subnet_swap(ext, *n, old, new, keep_stake)?;
                crate::childkeys::swap_hotkey_on_subnet(&mut ext.state, *n, old, new)?;
            }
            crate::delegation::move_take(&mut ext.state, old, new)?;
            if !keep_stake {
                let mut staking = STAKING_HOTKEYS
                    .get(&ext.state, coldkey)?
                    .unwrap_or_default();
                for h in staking.iter_mut().filter(|h| *h == old) {
                    *h = *new;
                }
                staking.dedup();
                STAKING_HOTKEYS.insert(&mut ext.state, coldkey, &staking);
            }
            for n in &affected {
                LAST_HOTKEY_SWAP_ON_NETUID.insert(&mut ext.state, n, coldkey, &now);
            }
            LAST_RATE_LIMITED_BLOCK.insert(&mut ext.state, &tx_key, &now);
            ext.deposit_event(SubtensorEvent::HotkeySwapped {
                coldkey: *coldkey,
                old_hotkey: *old,
                new_hotkey: *new,
            });
        }
    }
    Ok(())
}
