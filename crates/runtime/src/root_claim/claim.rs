//! Claiming root dividends (spec-emission §10.4): what a root staker is owed, paying it out as
//! kept alpha or as TAO swapped onto root, the watermark hooks of root stake changes, and the
//! extrinsics.

use super::{
    auto, claim_type, claimable_rates, threshold, MAX_NUM_ROOT_CLAIMS, MAX_ROOT_CLAIM_THRESHOLD,
    MAX_SUBNET_CLAIMS, NUM_ROOT_CLAIM, ROOT_CLAIMABLE_THRESHOLD, ROOT_CLAIMED, ROOT_CLAIM_TYPE,
    SUBNET_ROOT_SELL_TAO,
};
use crate::{
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
    stake::{self, flow, primitives::transfer_tao_from_subnet},
    storage::{Overlay, StorageError, StorageRead},
    subnets,
    subtensor::{storage::STAKING_HOTKEYS, Error, Origin, SubtensorEvent},
    swap::{
        self,
        engine::MIN_PRICE_RAO,
        storage::{SUBNET_ALPHA_OUT, SUBNET_TAO, TOTAL_STAKE},
    },
};
use std::collections::BTreeSet;
use substrate_fixed::types::I96F32;
use yuma_primitives::{AccountId, NetUid, RootClaimTypeEnum};

fn fx(v: u64) -> I96F32 {
    I96F32::saturating_from_num(v)
}

/// `get_root_owed_for_hotkey_coldkey_float`: rate × root stake − claimed (may be negative).
pub fn owed_float(
    s: &dyn StorageRead,
    hotkey: &AccountId,
    coldkey: &AccountId,
    n: NetUid,
) -> Result<I96F32, StorageError> {
    let root_stake = fx(stake::alpha_stake(s, hotkey, coldkey, NetUid::ROOT)?);
    let rate = claimable_rates(s, hotkey)?
        .get(&n)
        .copied()
        .unwrap_or(I96F32::from_bits(0));
    let claimed = ROOT_CLAIMED.get(s, &(n, *hotkey, *coldkey))?.unwrap_or(0);
    Ok(rate
        .saturating_mul(root_stake)
        .saturating_sub(I96F32::saturating_from_num(claimed)))
}

/// `get_root_owed_for_hotkey_coldkey`: the owed alpha, floored, negative as 0.
pub fn owed(
    s: &dyn StorageRead,
    hotkey: &AccountId,
    coldkey: &AccountId,
    n: NetUid,
) -> Result<u64, StorageError> {
    let o = owed_float(s, hotkey, coldkey, n)?;
    Ok(if o.is_negative() {
        0
    } else {
        o.saturating_to_num()
    })
}

/// `root_claim_on_subnet`: pays (hotkey, coldkey) what it is owed on `n` unless that is below
/// the subnet's threshold (and `force` is off) or floors to 0. Swap mode is all-or-nothing.
pub fn root_claim_on_subnet(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    coldkey: &AccountId,
    n: NetUid,
    mode: &RootClaimTypeEnum,
    force: bool,
) -> DispatchResult {
    let owed_f = owed_float(&ext.state, hotkey, coldkey, n)?;
    if !force && owed_f < threshold(&ext.state, n)? {
        return Ok(());
    }
    let amount: u64 = if owed_f.is_negative() {
        0
    } else {
        owed_f.saturating_to_num()
    };
    if amount == 0 {
        return Ok(());
    }
    let swap = match mode {
        RootClaimTypeEnum::Swap => true,
        RootClaimTypeEnum::Keep => false,
        RootClaimTypeEnum::KeepSubnets { subnets } => !subnets.contains(&n),
    };
    if swap {
        ext.transactional(|ext| swap_onto_root(ext, hotkey, coldkey, n, amount))?;
    } else {
        stake::increase_stake_for_hotkey_and_coldkey_on_subnet(
            &mut ext.state,
            hotkey,
            coldkey,
            n,
            amount,
        )?;
    }
    let key = (n, *hotkey, *coldkey);
    let claimed = ROOT_CLAIMED.get(&ext.state, &key)?.unwrap_or(0);
    ROOT_CLAIMED.insert(
        &mut ext.state,
        &key,
        &claimed.saturating_add(u128::from(amount)),
    );
    Ok(())
}

/// Swap mode: sells `alpha` on `n` without fee at the minimum price, moves the TAO from the
/// subnet's account to root's, records it as root-sell TAO and protocol outflow of `n`, and
/// stakes it on root for (hotkey, coldkey) — with the watermark raised so the new root stake
/// does not claim dividends that accrued before it.
fn swap_onto_root(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    coldkey: &AccountId,
    n: NetUid,
    alpha: u64,
) -> DispatchResult {
    let r = swap::swap_alpha_for_tao(&mut ext.state, n, alpha, MIN_PRICE_RAO, true)?;
    let tao = r.paid_out;
    if !subnets::exists(&ext.state, NetUid::ROOT)? {
        return Err(Error::RootNetworkDoesNotExist.into());
    }
    transfer_tao_from_subnet(ext, n, &subnets::subnet_account(NetUid::ROOT), tao)?;
    let sold = SUBNET_ROOT_SELL_TAO.get(&ext.state, &n)?.unwrap_or(0);
    SUBNET_ROOT_SELL_TAO.insert(&mut ext.state, &n, &sold.saturating_add(tao));
    flow::record_protocol_flow(&mut ext.state, n, -flow::signed(tao))?;
    stake::increase_stake_for_hotkey_and_coldkey_on_subnet(
        &mut ext.state,
        hotkey,
        coldkey,
        NetUid::ROOT,
        tao,
    )?;
    let st = &mut ext.state;
    let root_tao = SUBNET_TAO.get(st, &NetUid::ROOT)?.unwrap_or(0);
    SUBNET_TAO.insert(st, &NetUid::ROOT, &root_tao.saturating_add(tao));
    let root_out = SUBNET_ALPHA_OUT.get(st, &NetUid::ROOT)?.unwrap_or(0);
    SUBNET_ALPHA_OUT.insert(st, &NetUid::ROOT, &root_out.saturating_add(tao));
    let total = TOTAL_STAKE.get(st)?.unwrap_or(0);
    TOTAL_STAKE.put(st, &total.saturating_add(tao));
    add_stake_adjust_root_claimed(st, hotkey, coldkey, tao)?;
    Ok(())
}

/// `root_claim_all`: claims every subnet the hotkey has a rate on (those in `only`, if given),
/// in netuid order, with the coldkey's mode.
pub fn root_claim_all(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    coldkey: &AccountId,
    only: Option<&BTreeSet<NetUid>>,
) -> DispatchResult {
    let mode = claim_type(&ext.state, coldkey)?;
    for n in claimable_rates(&ext.state, hotkey)?.into_keys() {
        if only.is_some_and(|set| !set.contains(&n)) {
            continue;
        }
        root_claim_on_subnet(ext, hotkey, coldkey, n, &mode, false)?;
    }
    Ok(())
}

/// `do_root_claim`: claims on every hotkey the coldkey stakes to, atomically, then deposits
/// `RootClaimed`.
pub fn do_root_claim(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    only: Option<&BTreeSet<NetUid>>,
) -> DispatchResult {
    ext.transactional(|ext| {
        let hotkeys = STAKING_HOTKEYS
            .get(&ext.state, coldkey)?
            .unwrap_or_default();
        for hk in &hotkeys {
            root_claim_all(ext, hk, coldkey, only)?;
        }
        ext.deposit_event(SubtensorEvent::RootClaimed { coldkey: *coldkey });
        Ok(())
    })
}

/// `add_stake_adjust_root_claimed_for_hotkey_and_coldkey`: root stake `amount` added to
/// (hotkey, coldkey) is credited as already claimed at every current rate.
pub fn add_stake_adjust_root_claimed(
    st: &mut Overlay<'_>,
    hotkey: &AccountId,
    coldkey: &AccountId,
    amount: u64,
) -> Result<(), StorageError> {
    for (n, rate) in claimable_rates(st, hotkey)? {
        let key = (n, *hotkey, *coldkey);
        let claimed = ROOT_CLAIMED.get(st, &key)?.unwrap_or(0);
        let inc: u128 = rate.saturating_mul(fx(amount)).saturating_to_num();
        ROOT_CLAIMED.insert(st, &key, &claimed.saturating_add(inc));
    }
    Ok(())
}

/// `remove_stake_adjust_root_claimed_for_hotkey_and_coldkey`: root stake `amount` removed from
/// (hotkey, coldkey) takes its share of the watermark with it (saturating at 0).
pub fn remove_stake_adjust_root_claimed(
    st: &mut Overlay<'_>,
    hotkey: &AccountId,
    coldkey: &AccountId,
    amount: u64,
) -> Result<(), StorageError> {
    for (n, rate) in claimable_rates(st, hotkey)? {
        if n == NetUid::ROOT {
            continue;
        }
        let key = (n, *hotkey, *coldkey);
        let claimed = ROOT_CLAIMED.get(st, &key)?.unwrap_or(0);
        let dec: u128 = rate.saturating_mul(fx(amount)).saturating_to_num();
        ROOT_CLAIMED.insert(st, &key, &claimed.saturating_sub(dec));
    }
    Ok(())
}

/// The stake primitives' hook after root stake was added to (hotkey, coldkey).
pub fn on_root_stake_added(
    st: &mut Overlay<'_>,
    hotkey: &AccountId,
    coldkey: &AccountId,
    amount: u64,
) -> Result<(), StorageError> {
    add_stake_adjust_root_claimed(st, hotkey, coldkey, amount)?;
    auto::maybe_add_coldkey_index(st, coldkey)
}

/// The stake primitives' hook after root stake was removed from (hotkey, coldkey): the
/// coldkey leaves the auto-claim index once it holds no root stake.
pub fn on_root_stake_removed(
    st: &mut Overlay<'_>,
    hotkey: &AccountId,
    coldkey: &AccountId,
    amount: u64,
) -> Result<(), StorageError> {
    remove_stake_adjust_root_claimed(st, hotkey, coldkey, amount)?;
    if !auto::coldkey_has_root_stake(st, coldkey)? {
        auto::maybe_remove_coldkey_index(st, coldkey)?;
    }
    Ok(())
}

/// `claim_root(subnets)` — call 121: 1..=5 subnets, else `InvalidSubnetNumber`.
pub fn claim_root(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    subnets: &BTreeSet<NetUid>,
) -> DispatchResult {
    if subnets.is_empty() || subnets.len() > MAX_SUBNET_CLAIMS {
        return Err(Error::InvalidSubnetNumber.into());
    }
    auto::maybe_add_coldkey_index(&mut ext.state, coldkey)?;
    do_root_claim(ext, coldkey, Some(subnets))
}

/// `set_root_claim_type(new_root_claim_type)` — call 122: `KeepSubnets` needs a subnet.
pub fn set_root_claim_type(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    new: &RootClaimTypeEnum,
) -> DispatchResult {
    if let RootClaimTypeEnum::KeepSubnets { subnets } = new {
        if subnets.is_empty() {
            return Err(Error::InvalidSubnetNumber.into());
        }
    }
    auto::maybe_add_coldkey_index(&mut ext.state, coldkey)?;
    ROOT_CLAIM_TYPE.insert(&mut ext.state, coldkey, new);
    ext.deposit_event(SubtensorEvent::RootClaimTypeSet {
        coldkey: *coldkey,
        root_claim_type: new.clone(),
    });
    Ok(())
}

/// `sudo_set_num_root_claims(new_value)` — call 123, root only, ≤ 50.
pub fn sudo_set_num_root_claims(ext: &mut Ext<'_>, origin: Origin, new: u64) -> DispatchResult {
    if !origin.is_root() {
        return Err(DispatchError::BadOrigin);
    }
    if new > MAX_NUM_ROOT_CLAIMS {
        return Err(Error::InvalidNumRootClaim.into());
    }
    NUM_ROOT_CLAIM.set(&mut ext.state, new);
    Ok(())
}

/// `sudo_set_root_claim_threshold(netuid, new_value)` — call 124, subnet owner or root,
/// ≤ 10_000_000.
pub fn sudo_set_root_claim_threshold(
    ext: &mut Ext<'_>,
    origin: Origin,
    n: NetUid,
    new: u64,
) -> DispatchResult {
    if let Origin::Signed(who) = origin {
        if subnets::owner(&ext.state, n)? != Some(who) {
            return Err(DispatchError::BadOrigin);
        }
    }
    if new > MAX_ROOT_CLAIM_THRESHOLD {
        return Err(Error::InvalidRootClaimThreshold.into());
    }
    ROOT_CLAIMABLE_THRESHOLD.insert(&mut ext.state, &n, &fx(new).to_bits());
    Ok(())
}
