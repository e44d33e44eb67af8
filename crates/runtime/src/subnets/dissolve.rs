//! Which subnet is pruned when the limit is reached (§2.5) and dissolution (§2.7).
//!
//! Dissolution pays the pool's TAO (`SubnetTAO`) to alpha holders pro rata by alpha value,
//! with a protocol portion for `SubnetAlphaIn` that is recycled, largest-remainder rounding,
//! then erases the subnet's state. Every subnet in yuma is registered after
//! `NetworkRegistrationStartBlock`'s switch, so no lock is refunded to the owner (§2.7,
//! non-legacy). TAO left in the subnet account is recycled: removed from
//! `Balances.TotalIssuance` and counted in `Yuma.Burned`, keeping the issuance invariant.

use crate::{
    balances,
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
    hyperparams::items::*,
    stake::{self, pool::TOTAL_HOTKEY_ALPHA},
    storage::{StorageError, StorageRead},
    subtensor::{storage::*, Error, SubtensorEvent},
    swap,
};
use yuma_primitives::{AccountId, NetUid};

/// `network_to_prune()` at block `now`: the mature non-root subnet with the lowest moving
/// price, ties to the earlier registration, then the lower netuid.
pub fn network_to_prune(s: &dyn StorageRead, now: u64) -> Result<Option<NetUid>, StorageError> {
    let immunity = NETWORK_IMMUNITY_PERIOD.get(s)?;
    let mut best: Option<(i128, u64, NetUid)> = None;
    for n in super::all(s)? {
        if n == NetUid::ROOT {
            continue;
        }
        let reg = NETWORK_REGISTERED_AT.get(s, &n)?.unwrap_or(0);
        if now < reg.saturating_add(immunity) {
            continue;
        }
        let key = (SUBNET_MOVING_PRICE.get(s, &n)?.unwrap_or(0), reg, n);
        if best.is_none_or(|b| key < b) {
            best = Some(key);
        }
    }
    Ok(best.map(|(_, _, n)| n))
}

/// `distribute_and_destroy_stake` (§2.7, non-legacy; spec-staking-swap §1.10): pays the
/// pool to stakers' coldkeys by alpha value, largest remainders first (the protocol's portion
/// for `SubnetAlphaIn + SubnetProtocolAlpha` competes too, and is recycled).
fn distribute_and_destroy_stake(ext: &mut Ext<'_>, n: NetUid) -> DispatchResult {
    let account = super::subnet_account(n);
    let protocol = u128::from(
        swap::storage::subnet_alpha_in(&ext.state, n)?
            .saturating_add(swap::storage::subnet_protocol_alpha(&ext.state, n)?),
    );
    let mut hotkeys: Vec<AccountId> = Vec::new();
    for ((hot, net), _) in TOTAL_HOTKEY_ALPHA.iter_all(&ext.state)? {
        if net == n {
            hotkeys.push(hot);
        }
    }
    let mut keys = Vec::new();
    let mut stakers: Vec<(AccountId, u128)> = Vec::new();
    for ((hot, cold, net), shares) in stake::pool::positions(&ext.state)? {
        if net != n || !hotkeys.contains(&hot) {
            continue;
        }
        keys.push((hot, cold));
        let v = match stake::alpha_stake(&ext.state, &hot, &cold, n)? {
            0 => shares.to_u64(),
            v => v,
        };
        if v > 0 {
            stakers.push((cold, u128::from(v)));
        }
    }
    let total: u128 = protocol + stakers.iter().map(|(_, v)| *v).sum::<u128>();
    let pot = swap::storage::subnet_tao(&ext.state, n)?;
    if pot > 0 {
        swap::storage::SUBNET_TAO.remove(&mut ext.state, &n);
        swap::storage::sub_total_stake(&mut ext.state, pot)?;
    }
    if pot > 0 && total > 0 {
        let pot_w = u128::from(pot);
        // (coldkey or None for the protocol, share, remainder), in enumeration order.
        let mut portions: Vec<(Option<AccountId>, u128, u128)> = stakers
            .iter()
            .map(|(c, v)| (Some(*c), pot_w * v / total, pot_w * v % total))
            .collect();
        if protocol > 0 {
            portions.push((None, pot_w * protocol / total, pot_w * protocol % total));
        }
        let distributed: u128 = portions.iter().map(|p| p.1).sum();
        let leftover = pot_w.saturating_sub(distributed);
        if leftover > 0 {
            // Stable sort: ties keep enumeration order.
            portions.sort_by_key(|p| std::cmp::Reverse(p.2));
            for p in portions.iter_mut().take(leftover as usize) {
                p.1 += 1;
            }
        }
        for (cold, amount, _) in portions {
            let (Some(cold), Ok(amount)) = (cold, u64::try_from(amount)) else {
                continue;
            };
            if amount > 0 {
                // Transfer failures are ignored, as in subtensor.
                let _ = ext.transactional(|ext| {
                    stake::primitives::transfer_tao(ext, &account, &cold, amount)
                });
            }
        }
    }
    for (hot, cold) in keys {
        stake::pool::ALPHA_V2.remove(&mut ext.state, &(hot, cold, n));
    }
    for hot in hotkeys {
        TOTAL_HOTKEY_ALPHA.remove(&mut ext.state, &hot, &n);
        stake::pool::TOTAL_HOTKEY_SHARES_V2.remove(&mut ext.state, &hot, &n);
    }
    swap::storage::SUBNET_ALPHA_IN.remove(&mut ext.state, &n);
    swap::storage::SUBNET_ALPHA_OUT.remove(&mut ext.state, &n);
    swap::storage::SUBNET_PROTOCOL_ALPHA.remove(&mut ext.state, &n);
    SUBNET_LOCKED.insert(&mut ext.state, &n, &0);
    // Recycle what is left in the subnet account.
    let left = balances::free(&ext.state, &account)?;
    if left > 0 {
        balances::set_free(ext, &account, 0)?;
        balances::burn_issuance(ext, left)?;
    }
    swap::clear_protocol_liquidity(&mut ext.state, n)?;
    Ok(())
}

/// `remove_network` (§2.7): erases the subnet's state; `RegisteredSubnetCounter` survives.
fn remove_network(ext: &mut Ext<'_>, n: NetUid) -> Result<(), StorageError> {
    let st = &mut ext.state;
    let count = SUBNETWORK_N.get(st, &n)?.unwrap_or(0);
    for uid in 0..count {
        if let Some(h) = KEYS.get(st, &n, &uid)? {
            UIDS.remove(st, &n, &h);
            IS_NETWORK_MEMBER.remove(st, &h, &n);
            AXONS.remove(st, &n, &h);
            PROMETHEUS.remove(st, &n, &h);
            NEURON_CERTIFICATES.remove(st, &n, &h);
        }
        KEYS.remove(st, &n, &uid);
        BLOCK_AT_REGISTRATION.remove(st, &n, &uid);
    }
    let mechs = MECHANISM_COUNT_CURRENT.get(st, n)?.max(1);
    for m in 0..mechs {
        let idx = storage_index(n, m);
        for (uid, _) in WEIGHTS.iter_prefix(st, &idx)? {
            WEIGHTS.remove(st, &idx, &uid);
        }
        for (uid, _) in BONDS.iter_prefix(st, &idx)? {
            BONDS.remove(st, &idx, &uid);
        }
        for (hot, _) in WEIGHT_COMMITS.iter_prefix(st, &idx)? {
            WEIGHT_COMMITS.remove(st, &idx, &hot);
        }
        INCENTIVE.remove(st, &idx);
        LAST_UPDATE.remove(st, &idx);
    }
    for m in [&ACTIVE, &VALIDATOR_PERMIT] {
        m.remove(st, &n);
    }
    for m in [&CONSENSUS, &DIVIDENDS, &VALIDATOR_TRUST, &STAKE_WEIGHT] {
        m.remove(st, &n);
    }
    EMISSION.remove(st, &n);
    for m in [
        &NETWORK_REGISTERED_AT,
        &LAST_EPOCH_BLOCK,
        &PENDING_EPOCH_AT,
        &SUBNET_EPOCH_INDEX,
        &BLOCKS_SINCE_LAST_STEP,
        &LAST_MECHANISM_STEP_BLOCK,
        &FIRST_EMISSION_BLOCK_NUMBER,
        &SUBNET_LOCKED,
        &RAO_RECYCLED_FOR_REGISTRATION,
    ] {
        m.remove(st, &n);
    }
    for m in [
        &SUBNETWORK_N,
        &SUBNET_MECHANISM,
        &REGISTRATIONS_THIS_BLOCK,
        &REGISTRATIONS_THIS_INTERVAL,
    ] {
        m.remove(st, &n);
    }
    SUBNET_OWNER.remove(st, &n);
    SUBNET_OWNER_HOTKEY.remove(st, &n);
    NETWORKS_ADDED.remove(st, &n);
    TOKEN_SYMBOL.remove(st, &n);
    SUBNET_MOVING_PRICE.remove(st, &n);
    SUBNET_VOLUME.remove(st, &n);
    SUBNET_TAO_FLOW.remove(st, &n);
    crate::emission::storage::remove_subnet(st, n);
    crate::root_claim::remove_subnet(st, n)?;
    for p in [
        &TEMPO,
        &RHO,
        &KAPPA,
        &IMMUNITY_PERIOD,
        &MIN_ALLOWED_WEIGHTS,
        &MAX_ALLOWED_UIDS,
        &MIN_ALLOWED_UIDS,
        &MAX_ALLOWED_VALIDATORS,
        &BURN_HALF_LIFE,
        &ACTIVITY_CUTOFF,
        &ADJUSTMENT_INTERVAL,
        &TARGET_REGISTRATIONS_PER_INTERVAL,
        &MAX_REGISTRATIONS_PER_BLOCK,
        &BONDS_PENALTY,
        &IMMUNE_OWNER_UIDS_LIMIT,
        &MIN_NON_IMMUNE_UIDS,
    ] {
        p.remove(st, n);
    }
    for p in [
        &WEIGHTS_VERSION_KEY,
        &WEIGHTS_SET_RATE_LIMIT,
        &REVEAL_PERIOD_EPOCHS,
        &SERVING_RATE_LIMIT,
        &BURN,
        &MIN_BURN,
        &MAX_BURN,
        &DIFFICULTY,
        &MIN_DIFFICULTY,
        &MAX_DIFFICULTY,
        &ADJUSTMENT_ALPHA,
        &BONDS_MOVING_AVERAGE,
        &EMA_PRICE_HALVING_BLOCKS,
    ] {
        p.remove(st, n);
    }
    for p in [
        &COMMIT_REVEAL_WEIGHTS_ENABLED,
        &NETWORK_REGISTRATION_ALLOWED,
        &NETWORK_POW_REGISTRATION_ALLOWED,
        &BONDS_RESET_ON,
        &LIQUID_ALPHA_ON,
        &YUMA3_ON,
        &TRANSFER_TOGGLE,
        &SUBTOKEN_ENABLED,
        &SUBNET_EMISSION_ENABLED,
    ] {
        p.remove(st, n);
    }
    ACTIVITY_CUTOFF_FACTOR_MILLI.remove(st, n);
    BURN_INCREASE_MULT.remove(st, n);
    ALPHA_VALUES.remove(st, n);
    ALPHA_SIGMOID_STEEPNESS.remove(st, n);
    MECHANISM_COUNT_CURRENT.remove(st, n);
    super::mechanisms::MECHANISM_EMISSION_SPLIT.remove(st, &n);
    LAST_RATE_LIMITED_BLOCK.remove(st, &RateLimitKey::SetSNOwnerHotkey(n));
    crate::childkeys::clear_subnet(st, n)?;
    let total = TOTAL_NETWORKS.get(st)?.unwrap_or(0).saturating_sub(1);
    TOTAL_NETWORKS.put(st, &total);
    Ok(())
}

/// `dissolve(netuid)` (§2.7).
pub fn dissolve(ext: &mut Ext<'_>, n: NetUid) -> DispatchResult {
    if n == NetUid::ROOT || !super::exists(&ext.state, n)? {
        return Err(DispatchError::from(Error::SubnetNotExists));
    }
    distribute_and_destroy_stake(ext, n)?;
    remove_network(ext, n)?;
    ext.deposit_event(SubtensorEvent::NetworkRemoved(n));
    super::identity::remove(ext, n)?;
    Ok(())
}
