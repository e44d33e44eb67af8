//! Hash commit–reveal (§4.9): a hotkey commits `blake2_256(SCALE(hotkey, idx, uids, values,
//! salt, version_key))` in epoch E and reveals exactly in epoch E + `RevealPeriodEpochs`;
//! commits older than that expire. At most 10 unrevealed commits per hotkey.

use super::set::{do_set_weights, mechanism_exists, rate_ok};
use crate::{
    dispatch::DispatchResult,
    ext::Ext,
    hyperparams::items::{COMMIT_REVEAL_WEIGHTS_ENABLED, REVEAL_PERIOD_EPOCHS},
    subnets::schedule::current_epoch,
    subtensor::{storage::*, Error, SubtensorEvent},
};
use parity_scale_codec::Encode;
use yuma_primitives::{hashing::blake2_256, AccountId, NetUid, H256};

/// Unrevealed commits a hotkey may hold.
pub(crate) const MAX_UNREVEALED_COMMITS: usize = 10;

/// The commit hash of a reveal.
pub fn commit_hash(
    hotkey: &AccountId,
    idx: u16,
    uids: &[u16],
    values: &[u16],
    salt: &[u16],
    version_key: u64,
) -> H256 {
    H256(blake2_256(
        &(
            hotkey,
            idx,
            uids.to_vec(),
            values.to_vec(),
            salt.to_vec(),
            version_key,
        )
            .encode(),
    ))
}

/// Pops expired commits from the front; returns their hashes.
fn purge_expired(queue: &mut Vec<WeightCommit>, epoch: u64, period: u64) -> Vec<H256> {
    let keep_from = queue
        .iter()
        .position(|c| epoch <= c.1.saturating_add(period))
        .unwrap_or(queue.len());
    queue.drain(..keep_from).map(|c| c.0).collect()
}

/// `commit_weights(netuid, commit_hash)` signed by `hotkey`.
pub fn commit_weights(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    hash: H256,
) -> DispatchResult {
    commit_mechanism_weights(ext, hotkey, netuid, 0, hash)
}

/// `commit_mechanism_weights(netuid, mecid, commit_hash)` signed by `hotkey`.
pub fn commit_mechanism_weights(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    mecid: u8,
    hash: H256,
) -> DispatchResult {
    let now = ext.block;
    // The transaction guard's stake threshold (§4.10) comes first.
    if !super::passes_stake_threshold(&ext.state, hotkey, netuid)? {
        return Err(Error::NotEnoughStakeToSetWeights.into());
    }
    if !mechanism_exists(&ext.state, netuid, mecid)? {
        return Err(Error::MechanismDoesNotExist.into());
    }
    if !COMMIT_REVEAL_WEIGHTS_ENABLED.get(&ext.state, netuid)? {
        return Err(Error::CommitRevealDisabled.into());
    }
    let Some(uid) = UIDS.get(&ext.state, &netuid, hotkey)? else {
        return Err(Error::HotKeyNotRegisteredInSubNet.into());
    };
    let idx = storage_index(netuid, mecid);
    if !rate_ok(&ext.state, netuid, idx, uid, now)? {
        return Err(Error::CommittingWeightsTooFast.into());
    }
    let epoch = current_epoch(&ext.state, netuid, now)?;
    let period = REVEAL_PERIOD_EPOCHS.get(&ext.state, netuid)?;
    let mut queue = WEIGHT_COMMITS
        .get(&ext.state, &idx, hotkey)?
        .unwrap_or_default();
    purge_expired(&mut queue, epoch, period);
    if queue.len() >= MAX_UNREVEALED_COMMITS {
        return Err(Error::TooManyUnrevealedCommits.into());
    }
    queue.push((hash, epoch, now, 0));
    WEIGHT_COMMITS.insert(&mut ext.state, &idx, hotkey, &queue);
    ext.deposit_event(SubtensorEvent::WeightsCommitted(*hotkey, idx, hash));
    let mut lu = LAST_UPDATE.get(&ext.state, &idx)?.unwrap_or_default();
    if let Some(slot) = lu.get_mut(usize::from(uid)) {
        *slot = now;
    }
    LAST_UPDATE.insert(&mut ext.state, &idx, &lu);
    Ok(())
}

/// `reveal_weights(netuid, uids, values, salt, version_key)` signed by `hotkey`.
pub fn reveal_weights(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    uids: &[u16],
    values: &[u16],
    salt: &[u16],
    version_key: u64,
) -> DispatchResult {
    reveal_mechanism_weights(ext, hotkey, netuid, 0, (uids, values, salt, version_key))
}

/// `reveal_mechanism_weights(netuid, mecid, uids, values, salt, version_key)` signed by
/// `hotkey`; `reveal` is (uids, values, salt, version_key).
pub fn reveal_mechanism_weights(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    mecid: u8,
    reveal: (&[u16], &[u16], &[u16], u64),
) -> DispatchResult {
    let (uids, values, salt, version_key) = reveal;
    let now = ext.block;
    if !super::passes_stake_threshold(&ext.state, hotkey, netuid)? {
        return Err(Error::NotEnoughStakeToSetWeights.into());
    }
    if !COMMIT_REVEAL_WEIGHTS_ENABLED.get(&ext.state, netuid)? {
        return Err(Error::CommitRevealDisabled.into());
    }
    let idx = storage_index(netuid, mecid);
    let Some(mut queue) = WEIGHT_COMMITS.get(&ext.state, &idx, hotkey)? else {
        return Err(Error::NoWeightsCommitFound.into());
    };
    let epoch = current_epoch(&ext.state, netuid, now)?;
    let period = REVEAL_PERIOD_EPOCHS.get(&ext.state, netuid)?;
    let expired = purge_expired(&mut queue, epoch, period);
    let h = commit_hash(hotkey, idx, uids, values, salt, version_key);
    let Some(p) = queue.iter().position(|c| c.0 == h) else {
        return Err(if expired.contains(&h) {
            Error::ExpiredWeightCommit
        } else if queue.is_empty() {
            Error::NoWeightsCommitFound
        } else {
            Error::InvalidRevealCommitHashNotMatch
        }
        .into());
    };
    if epoch != queue[p].1.saturating_add(period) {
        return Err(Error::RevealTooEarly.into());
    }
    queue.drain(..=p);
    if queue.is_empty() {
        WEIGHT_COMMITS.remove(&mut ext.state, &idx, hotkey);
    } else {
        WEIGHT_COMMITS.insert(&mut ext.state, &idx, hotkey, &queue);
    }
    do_set_weights(ext, hotkey, netuid, mecid, uids, values, version_key)?;
    ext.deposit_event(SubtensorEvent::WeightsRevealed(*hotkey, idx, h));
    Ok(())
}

/// One reveal of a batch: (uids, values, salt, version_key).
pub type Reveal = (Vec<u16>, Vec<u16>, Vec<u16>, u64);

/// `batch_reveal_weights(netuid, uids_list, values_list, salts_list, version_keys)`: every
/// reveal is validated first, then each matching commit is removed (older ones are kept) and
/// its weights set in list order; any failure reverts the batch.
pub fn batch_reveal_weights(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    reveals: &[Reveal],
) -> DispatchResult {
    let now = ext.block;
    if !super::passes_stake_threshold(&ext.state, hotkey, netuid)? {
        return Err(Error::NotEnoughStakeToSetWeights.into());
    }
    if !COMMIT_REVEAL_WEIGHTS_ENABLED.get(&ext.state, netuid)? {
        return Err(Error::CommitRevealDisabled.into());
    }
    let idx = storage_index(netuid, 0);
    let Some(mut queue) = WEIGHT_COMMITS.get(&ext.state, &idx, hotkey)? else {
        return Err(Error::NoWeightsCommitFound.into());
    };
    let epoch = current_epoch(&ext.state, netuid, now)?;
    let period = REVEAL_PERIOD_EPOCHS.get(&ext.state, netuid)?;
    let expired = purge_expired(&mut queue, epoch, period);
    let mut hashes = Vec::with_capacity(reveals.len());
    for (uids, values, salt, version_key) in reveals {
        let h = commit_hash(hotkey, idx, uids, values, salt, *version_key);
        let Some(c) = queue.iter().find(|c| c.0 == h) else {
            return Err(if expired.contains(&h) {
                Error::ExpiredWeightCommit
            } else {
                Error::InvalidRevealCommitHashNotMatch
            }
            .into());
        };
        if epoch != c.1.saturating_add(period) {
            return Err(Error::RevealTooEarly.into());
        }
        hashes.push(h);
    }
    for ((uids, values, _, version_key), h) in reveals.iter().zip(&hashes) {
        if let Some(p) = queue.iter().position(|c| c.0 == *h) {
            queue.remove(p);
        }
        do_set_weights(ext, hotkey, netuid, 0, uids, values, *version_key)?;
    }
    if queue.is_empty() {
        WEIGHT_COMMITS.remove(&mut ext.state, &idx, hotkey);
    } else {
        WEIGHT_COMMITS.insert(&mut ext.state, &idx, hotkey, &queue);
    }
    ext.deposit_event(SubtensorEvent::WeightsBatchRevealed(
        *hotkey, netuid, hashes,
    ));
    Ok(())
}
