//! `set_weights` (§4.3–§4.7), signed by the hotkey, fee-free.

use super::max_upscale;
use crate::{
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
    hyperparams::items::*,
    stake,
    storage::{StorageError, StorageRead},
    subnets,
    subtensor::{storage::*, Error, SubtensorEvent},
};
use yuma_primitives::{AccountId, NetUid};

/// `passes_stake_threshold` (§4.4): the owner hotkey always passes; otherwise alpha stake +
/// TaoWeight × root stake ≥ `StakeThreshold` (child-key inheritance comes with staking).
pub fn passes_stake_threshold(
    s: &dyn StorageRead,
    hotkey: &AccountId,
    netuid: NetUid,
) -> Result<bool, StorageError> {
    if SUBNET_OWNER_HOTKEY.get(s, &netuid)?.as_ref() == Some(hotkey)
        && UIDS.get(s, &netuid, hotkey)?.is_some()
    {
        return Ok(true);
    }
    let alpha = u128::from(stake::hotkey_alpha(s, hotkey, netuid)?);
    let root = u128::from(stake::hotkey_alpha(s, hotkey, NetUid::ROOT)?);
    let tao_weight = u128::from(TAO_WEIGHT.get(s)?);
    let total = alpha + root * tao_weight / u128::from(u64::MAX);
    Ok(total >= u128::from(STAKE_THRESHOLD.get(s)?))
}

/// `rate_ok` (§4.5).
pub(crate) fn rate_ok(
    s: &dyn StorageRead,
    netuid: NetUid,
    idx: u16,
    uid: u16,
    now: u64,
) -> Result<bool, StorageError> {
    let last = LAST_UPDATE
        .get(s, &idx)?
        .unwrap_or_default()
        .get(usize::from(uid))
        .copied()
        .unwrap_or(0);
    Ok(last == 0 || now.saturating_sub(last) >= WEIGHTS_SET_RATE_LIMIT.get(s, netuid)?)
}

/// The body of `set_weights` (§4.3 steps 2–18) for the storage index of mechanism 0; the
/// commit-reveal check of the public call is done by the caller, and reveals reuse this.
pub(crate) fn do_set_weights(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    dests: &[u16],
    weights: &[u16],
    version_key: u64,
) -> DispatchResult {
    let now = ext.block;
    let s = &ext.state;
    if netuid == NetUid::ROOT {
        return Err(Error::CanNotSetRootNetworkWeights.into());
    }
    if dests.len() != weights.len() {
        return Err(Error::WeightVecNotEqualSize.into());
    }
    if !subnets::exists(s, netuid)? {
        return Err(Error::MechanismDoesNotExist.into());
    }
    let n = SUBNETWORK_N.get(s, &netuid)?.unwrap_or(0);
    if dests.len() > usize::from(n) {
        return Err(Error::UidsLengthExceedUidsInSubNet.into());
    }
    let Some(uid) = UIDS.get(s, &netuid, hotkey)? else {
        return Err(Error::HotKeyNotRegisteredInSubNet.into());
    };
    if !passes_stake_threshold(s, hotkey, netuid)? {
        return Err(Error::NotEnoughStakeToSetWeights.into());
    }
    let net_key = WEIGHTS_VERSION_KEY.get(s, netuid)?;
    if net_key != 0 && version_key < net_key {
        return Err(Error::IncorrectWeightVersionKey.into());
    }
    let idx = storage_index(netuid, 0);
    let cr = COMMIT_REVEAL_WEIGHTS_ENABLED.get(s, netuid)?;
    if !cr && !rate_ok(s, netuid, idx, uid, now)? {
        return Err(Error::SettingWeightsTooFast.into());
    }
    let self_weight = dests.len() == 1 && dests[0] == uid;
    let is_owner = SUBNET_OWNER_HOTKEY.get(s, &netuid)?.as_ref() == Some(hotkey);
    let permit = VALIDATOR_PERMIT
        .get(s, &netuid)?
        .unwrap_or_default()
        .get(usize::from(uid))
        .copied()
        .unwrap_or(false);
    if !(self_weight || is_owner || permit) {
        return Err(Error::NeuronNoValidatorPermit.into());
    }
    let mut seen = std::collections::BTreeSet::new();
    if !dests.iter().all(|d| seen.insert(*d)) {
        return Err(Error::DuplicateUids.into());
    }
    for d in dests {
        if KEYS.get(s, &netuid, d)?.is_none() {
            return Err(Error::UidVecContainInvalidOne.into());
        }
    }
    let min_len = MIN_ALLOWED_WEIGHTS.get(s, netuid)?.min(n);
    if !self_weight && weights.len() < usize::from(min_len) {
        return Err(Error::WeightVecLengthIsLow.into());
    }
    let w = max_upscale(weights);
    let row: Vec<(u16, u16)> = dests.iter().copied().zip(w).collect();
    WEIGHTS.insert(&mut ext.state, &idx, &uid, &row);
    if !cr {
        let mut lu = LAST_UPDATE.get(&ext.state, &idx)?.unwrap_or_default();
        if let Some(slot) = lu.get_mut(usize::from(uid)) {
            *slot = now;
        }
        LAST_UPDATE.insert(&mut ext.state, &idx, &lu);
    }
    ext.deposit_event(SubtensorEvent::WeightsSet(idx, uid));
    Ok(())
}

/// `set_weights(netuid, dests, weights, version_key)` signed by `hotkey`.
pub fn set_weights(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    dests: &[u16],
    weights: &[u16],
    version_key: u64,
) -> DispatchResult {
    if COMMIT_REVEAL_WEIGHTS_ENABLED.get(&ext.state, netuid)? {
        return Err(DispatchError::from(Error::CommitRevealEnabled));
    }
    do_set_weights(ext, hotkey, netuid, dests, weights, version_key)
}
