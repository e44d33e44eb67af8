//! `start_call` (§2.6): the owner starts emission and alpha trading on a subnet.

use crate::{
    dispatch::DispatchResult,
    ext::Ext,
    hyperparams::items::{START_CALL_DELAY, SUBTOKEN_ENABLED},
    subtensor::{storage::*, Error, Origin, SubtensorEvent},
};
use yuma_primitives::NetUid;

/// `start_call(netuid)`.
pub fn start_call(ext: &mut Ext<'_>, origin: Origin, netuid: NetUid) -> DispatchResult {
    if !super::exists(&ext.state, netuid)? {
        return Err(Error::SubnetNotExists.into());
    }
    let who = origin.signed()?;
    if super::owner(&ext.state, netuid)? != Some(who) {
        return Err(crate::dispatch::DispatchError::BadOrigin);
    }
    if FIRST_EMISSION_BLOCK_NUMBER
        .get(&ext.state, &netuid)?
        .is_some()
    {
        return Err(Error::FirstEmissionBlockNumberAlreadySet.into());
    }
    let now = ext.block;
    let registered = NETWORK_REGISTERED_AT.get(&ext.state, &netuid)?.unwrap_or(0);
    if now < registered.saturating_add(START_CALL_DELAY.get(&ext.state)?) {
        return Err(Error::NeedWaitingMoreBlocksToStarCall.into());
    }
    let first = now.saturating_add(1);
    FIRST_EMISSION_BLOCK_NUMBER.insert(&mut ext.state, &netuid, &first);
    SUBTOKEN_ENABLED.set(&mut ext.state, netuid, true);
    ext.deposit_event(SubtensorEvent::FirstEmissionBlockNumberSet(netuid, first));
    Ok(())
}
