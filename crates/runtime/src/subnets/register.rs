//! `register_network` (§2.3.3), `init_new_network` (§2.4) and the root subnet created at
//! genesis (§2.2).
//!
//! The lock moves from the coldkey to the subnet's system account and seeds the pool, so it
//! stays in `Balances.TotalIssuance`: `genesis + Yuma.Minted == TotalIssuance + Yuma.Burned`
//! holds unchanged, and every subnet account holds at least its `SubnetTAO` (tested).

use super::{lock_cost::last_registration_block, network_to_prune, subnet_account};
use crate::{
    balances::{self, EXISTENTIAL_DEPOSIT},
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
    hyperparams::items::*,
    neurons,
    storage::StorageError,
    subtensor::{ownership, storage::*, Error, ParamValue, SubtensorEvent},
    swap,
};
use yuma_primitives::{AccountId, NetUid};

/// Subnets created by `register_network` are dynamic.
pub(crate) const DYNAMIC_MECHANISM: u16 = 1;

/// Writes the root subnet (netuid 0) at genesis (§2.2).
pub fn init_root(ext: &mut Ext<'_>) -> Result<(), StorageError> {
    let root = NetUid::ROOT;
    NETWORKS_ADDED.insert(&mut ext.state, &root, &true);
    SUBNETWORK_N.insert(&mut ext.state, &root, &0);
    SUBNET_MECHANISM.insert(&mut ext.state, &root, &0);
    SUBTOKEN_ENABLED.set(&mut ext.state, root, true);
    TOTAL_NETWORKS.put(&mut ext.state, &1);
    TEMPO.set(&mut ext.state, root, 100);
    MAX_ALLOWED_UIDS.set(&mut ext.state, root, 64);
    MAX_ALLOWED_VALIDATORS.set(&mut ext.state, root, 64);
    MIN_ALLOWED_WEIGHTS.set(&mut ext.state, root, 0);
    TARGET_REGISTRATIONS_PER_INTERVAL.set(&mut ext.state, root, 1);
    TOKEN_SYMBOL.insert(&mut ext.state, &root, &super::SYMBOLS[0].to_vec());
    Ok(())
}

fn param_event(
    ext: &mut Ext<'_>,
    index: u8,
    name: &'static str,
    netuid: NetUid,
    value: ParamValue,
) {
    ext.deposit_event(SubtensorEvent::ParamSet {
        index,
        name,
        netuid: Some(netuid),
        value,
    });
}

/// `init_new_network` (§2.4).
fn init_new_network(ext: &mut Ext<'_>, netuid: NetUid, tempo: u16) -> Result<(), StorageError> {
    let now = ext.block;
    let st = &mut ext.state;
    SUBNETWORK_N.insert(st, &netuid, &0);
    NETWORKS_ADDED.insert(st, &netuid, &true);
    TEMPO.set(st, netuid, tempo);
    let stagger = u64::from(netuid.0) % u64::from(tempo.max(1));
    LAST_EPOCH_BLOCK.insert(st, &netuid, &now.saturating_sub(stagger));
    let total = TOTAL_NETWORKS.get(st)?.unwrap_or(0).saturating_add(1);
    TOTAL_NETWORKS.put(st, &total);
    NETWORK_REGISTRATION_ALLOWED.set(st, netuid, true);
    MAX_ALLOWED_UIDS.set(st, netuid, 256);
    MAX_ALLOWED_VALIDATORS.set(st, netuid, 64);
    MIN_ALLOWED_WEIGHTS.set(st, netuid, 1);
    IMMUNITY_PERIOD.set(st, netuid, 5000);
    YUMA3_ON.set(st, netuid, true);
    BURN.set(st, netuid, yuma_primitives::RAO_PER_TAO);
    KAPPA.set(st, netuid, KAPPA.default);
    ACTIVITY_CUTOFF.set(st, netuid, ACTIVITY_CUTOFF.default);
    REGISTRATIONS_THIS_INTERVAL.insert(st, &netuid, &0);
    SUBNET_EMISSION_ENABLED.set(st, netuid, true);
    param_event(
        ext,
        50,
        "RegistrationAllowed",
        netuid,
        ParamValue::Bool(true),
    );
    param_event(ext, 9, "MaxAllowedUidsSet", netuid, ParamValue::U16(256));
    param_event(
        ext,
        27,
        "MaxAllowedValidatorsSet",
        netuid,
        ParamValue::U16(64),
    );
    param_event(ext, 19, "MinAllowedWeightSet", netuid, ParamValue::U16(1));
    param_event(ext, 23, "ImmunityPeriodSet", netuid, ParamValue::U16(5000));
    Ok(())
}

/// The median spot price of existing non-root subnets with a positive price (U64F64 bits),
/// 1.0 when there are none; for an even count the mean of the two middle prices.
fn median_price(ext: &Ext<'_>) -> Result<u128, StorageError> {
    let mut prices = Vec::new();
    for n in super::all(&ext.state)? {
        if n == NetUid::ROOT {
            continue;
        }
        let p = swap::current_price(&ext.state, n)?.to_bits();
        if p > 0 {
            prices.push(p);
        }
    }
    prices.sort_unstable();
    let k = prices.len();
    Ok(match k {
        0 => 1u128 << 64,
        _ if k % 2 == 1 => prices[k / 2],
        _ => {
            prices[k / 2 - 1] / 2
                + prices[k / 2] / 2
                + (prices[k / 2 - 1] % 2 + prices[k / 2] % 2) / 2
        }
    })
}

/// The smallest unused netuid ≥ 1.
fn free_netuid(ext: &Ext<'_>) -> Result<NetUid, DispatchError> {
    let used = super::all(&ext.state)?;
    (1..=u16::MAX)
        .map(NetUid)
        .find(|n| !used.contains(n))
        .ok_or(Error::SubnetLimitReached.into())
}

/// `register_network(hotkey)` signed by `coldkey` (§2.3.3).
pub fn register_network(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
) -> DispatchResult {
    register_network_with_identity(ext, coldkey, hotkey, None)
}

/// `register_network_with_identity(hotkey, identity?)` signed by `coldkey` (§2.3.3).
pub fn register_network_with_identity(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
    identity: Option<&yuma_primitives::call::SubnetIdentityV3>,
) -> DispatchResult {
    let now = ext.block;
    // 2–3: ownership and system accounts.
    if let Some(o) = ownership::owner(&ext.state, hotkey)? {
        if o != *coldkey {
            return Err(Error::NonAssociatedColdKey.into());
        }
    }
    if super::is_system_account(&ext.state, hotkey)? {
        return Err(Error::CannotUseSystemAccount.into());
    }
    // 5–6: start gate and global rate limit.
    if now < NETWORK_REGISTRATION_START_BLOCK.get(&ext.state)? {
        return Err(Error::SubNetRegistrationDisabled.into());
    }
    let last = last_registration_block(&ext.state)?;
    if last != 0 && now.saturating_sub(last) < NETWORK_RATE_LIMIT.get(&ext.state)? {
        return Err(Error::NetworkTxRateLimitExceeded.into());
    }
    // 7: the subnet limit, pruning if full.
    let count = super::all(&ext.state)?
        .iter()
        .filter(|n| **n != NetUid::ROOT)
        .count();
    let limit = usize::from(SUBNET_LIMIT.get(&ext.state)?);
    let prune = if count >= limit {
        Some(network_to_prune(&ext.state, now)?.ok_or(Error::SubnetLimitReached)?)
    } else {
        None
    };
    // 8: the lock cost.
    let cost = super::lock_cost(&ext.state, now)?;
    let free = balances::free(&ext.state, coldkey)?;
    if free < cost {
        return Err(Error::CannotAffordLockCost.into());
    }
    // 9–10: prune, pick the netuid.
    let netuid = match prune {
        Some(p) => {
            super::dissolve(ext, p)?;
            p
        }
        None => free_netuid(ext)?,
    };
    // 11: the median price before the new subnet exists.
    let median = median_price(ext)?;
    // 12: initial parameters.
    let tempo = crate::params::DEFAULT_TEMPO.get(&ext.state)?.unwrap_or(360);
    init_new_network(ext, netuid, tempo)?;
    // 13: take the lock (keep-alive).
    let locked = cost.min(free.saturating_sub(EXISTENTIAL_DEPOSIT));
    if locked == 0 {
        return Err(Error::InsufficientBalance.into());
    }
    balances::transfer(ext, coldkey, &subnet_account(netuid), locked, true)?;
    // 14: lock-cost state.
    NETWORK_LAST_LOCK_COST.set(&mut ext.state, locked);
    LAST_RATE_LIMITED_BLOCK.insert(&mut ext.state, &RateLimitKey::NetworkLastRegistered, &now);
    // 15: the owner hotkey is UID 0.
    ownership::associate(ext, coldkey, hotkey)?;
    neurons::append_neuron(ext, netuid, hotkey)?;
    // 16–17.
    SUBNET_MECHANISM.insert(&mut ext.state, &netuid, &DYNAMIC_MECHANISM);
    NETWORK_REGISTERED_AT.insert(&mut ext.state, &netuid, &now);
    let counter = REGISTERED_SUBNET_COUNTER
        .get(&ext.state, &netuid)?
        .unwrap_or(0)
        .saturating_add(1);
    REGISTERED_SUBNET_COUNTER.insert(&mut ext.state, &netuid, &counter);
    let symbol = super::next_available_symbol(&ext.state, netuid)?;
    TOKEN_SYMBOL.insert(&mut ext.state, &netuid, &symbol);
    // 18: the pool. pool_alpha = floor(pool_tao / median), median in U64F64.
    let min_lock = NETWORK_MIN_LOCK_COST.get(&ext.state)?;
    let pool_tao = locked.max(min_lock);
    let pool_alpha =
        u64::try_from((u128::from(pool_tao) << 64) / median.max(1)).unwrap_or(u64::MAX);
    swap::init_pool(&mut ext.state, netuid, pool_tao, pool_alpha)?;
    SUBNET_OWNER.insert(&mut ext.state, &netuid, coldkey);
    SUBNET_OWNER_HOTKEY.insert(&mut ext.state, &netuid, hotkey);
    ext.deposit_event(SubtensorEvent::SubnetOwnerHotkeySet(netuid, *hotkey));
    SUBNET_LOCKED.insert(&mut ext.state, &netuid, &locked);
    SUBNET_VOLUME.insert(&mut ext.state, &netuid, &0);
    RAO_RECYCLED_FOR_REGISTRATION.insert(&mut ext.state, &netuid, &0);
    // 21–22.
    // 19: the identity.
    if let Some(id) = identity {
        super::identity::store(ext, netuid, id)?;
    }
    ext.deposit_event(SubtensorEvent::NetworkAdded(netuid, DYNAMIC_MECHANISM));
    SUBNET_EMISSION_ENABLED.set(&mut ext.state, netuid, false);
    Ok(())
}
