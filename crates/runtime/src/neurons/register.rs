//! `burned_register` and `register_limit` (§3.2), signed by the coldkey that pays.
//!
//! The burn moves from the coldkey to the subnet's system account and buys alpha that is
//! burned at once, so the TAO stays in the pool (`SubnetTAO`) and in `TotalIssuance`; the
//! issuance invariant is unchanged.

use super::{append_neuron, bump, neuron_to_prune, replace_neuron};
use crate::{
    balances,
    dispatch::DispatchResult,
    ext::Ext,
    hyperparams::items::{BURN, MAX_ALLOWED_UIDS, NETWORK_REGISTRATION_ALLOWED},
    stake, subnets,
    subtensor::{ownership, storage::*, Error, SubtensorEvent},
    swap,
};
use yuma_primitives::{AccountId, NetUid};

/// `burned_register(netuid, hotkey)`; with `limit_price`, `register_limit`.
pub fn burned_register(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    netuid: NetUid,
    hotkey: &AccountId,
    limit_price: Option<u64>,
) -> DispatchResult {
    let now = ext.block;
    if netuid == NetUid::ROOT {
        return Err(Error::RegistrationNotPermittedOnRootSubnet.into());
    }
    if !subnets::exists(&ext.state, netuid)? {
        return Err(Error::SubnetNotExists.into());
    }
    let cost = BURN.get(&ext.state, netuid)?;
    if let Some(limit) = limit_price {
        if cost > limit {
            return Err(Error::RegistrationPriceLimitExceeded.into());
        }
    }
    if !NETWORK_REGISTRATION_ALLOWED.get(&ext.state, netuid)? {
        return Err(Error::SubNetRegistrationDisabled.into());
    }
    if UIDS.get(&ext.state, &netuid, hotkey)?.is_some() {
        return Err(Error::HotKeyAlreadyRegisteredInSubNet.into());
    }
    let free = balances::free(&ext.state, coldkey)?;
    if free < cost {
        return Err(Error::NotEnoughBalanceToStake.into());
    }
    ownership::associate(ext, coldkey, hotkey)?;
    if !ownership::coldkey_owns_hotkey(&ext.state, coldkey, hotkey)? {
        return Err(Error::NonAssociatedColdKey.into());
    }
    let max = MAX_ALLOWED_UIDS.get(&ext.state, netuid)?;
    let n = SUBNETWORK_N.get(&ext.state, &netuid)?.unwrap_or(0);
    let replace = if max == 0 {
        return Err(Error::NoNeuronIdAvailable.into());
    } else if n >= max {
        Some(neuron_to_prune(&ext.state, netuid, now)?.ok_or(Error::NoNeuronIdAvailable)?)
    } else {
        None
    };
    // Pay: the TAO buys alpha through the pool with no price limit (fee charged, kept by the
    // subnet account as in subtensor), and the alpha bought is burned.
    let paid = stake::primitives::transfer_tao_to_subnet(ext, netuid, coldkey, cost)?;
    let bought = swap::swap_tao_for_alpha(
        &mut ext.state,
        netuid,
        paid,
        swap::engine::MAX_PRICE_RAO,
        false,
    )?
    .paid_out;
    swap::storage::sub_alpha_out(&mut ext.state, netuid, bought)?;
    let uid = match replace {
        None => append_neuron(ext, netuid, hotkey)?,
        Some(uid) => {
            replace_neuron(ext, netuid, uid, hotkey)?;
            uid
        }
    };
    bump(ext, netuid)?;
    let regs = REGISTRATIONS_THIS_BLOCK
        .get(&ext.state, &netuid)?
        .unwrap_or(0)
        .saturating_add(1);
    REGISTRATIONS_THIS_BLOCK.insert(&mut ext.state, &netuid, &regs);
    let recycled = RAO_RECYCLED_FOR_REGISTRATION
        .get(&ext.state, &netuid)?
        .unwrap_or(0)
        .saturating_add(cost);
    RAO_RECYCLED_FOR_REGISTRATION.insert(&mut ext.state, &netuid, &recycled);
    stake::flow::record_tao_flow(&mut ext.state, netuid, stake::flow::signed(paid))?;
    ext.deposit_event(SubtensorEvent::NeuronRegistered(netuid, uid, *hotkey));
    Ok(())
}
