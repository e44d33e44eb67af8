//! Time-locked commit–reveal (CR v3/v4, §4.11): a hotkey commits a timelock ciphertext of its
//! weights, to be decrypted with the drand pulse of `reveal_round`, into
//! `TimelockedWeightCommits[(index, epoch)]`.
//!
//! Not implemented: decryption. It needs the drand pulses (pallet_drand's `Pulses`, fed by an
//! off-chain worker) and identity-based decryption on BLS12-381, neither of which yuma has.
//! [`expire`] therefore does what subtensor does when a commit's pulse is missing: the commit
//! stays through its reveal epoch and is dropped once that epoch has passed, setting no
//! weights. With no drand rounds stored, the `InvalidRevealRound` guard never rejects.

use super::set::{mechanism_exists, rate_ok};
use crate::{
    dispatch::DispatchResult,
    ext::Ext,
    hyperparams::items::{
        COMMIT_REVEAL_WEIGHTS_ENABLED, MECHANISM_COUNT_CURRENT, REVEAL_PERIOD_EPOCHS,
    },
    storage::{StorageDoubleMap, StorageError, StorageValue},
    subnets::schedule::current_epoch,
    subtensor::{storage::*, Error, SubtensorEvent},
};
use yuma_primitives::{hashing::blake2_256, hashing::StorageHasher, AccountId, NetUid, H256};

/// One stored commit: (hotkey, commit block, ciphertext, reveal round).
pub type TimelockedCommitEntry = (AccountId, u64, Vec<u8>, u64);

/// `TimelockedWeightCommits`: (storage index, epoch) → commits of that epoch.
pub const TIMELOCKED_WEIGHT_COMMITS: StorageDoubleMap<
    NetUidStorageIndex,
    u64,
    Vec<TimelockedCommitEntry>,
> = StorageDoubleMap::new(
    PALLET,
    "TimelockedWeightCommits",
    StorageHasher::Twox64Concat,
    StorageHasher::Twox64Concat,
);

/// `CommitRevealWeightsVersion`: the version a commit must declare (4).
pub const COMMIT_REVEAL_WEIGHTS_VERSION: crate::hyperparams::items::Global<u16> =
    crate::hyperparams::items::Global::new("CommitRevealWeightsVersion", 4);

/// `pallet_drand::LastStoredRound`: the last drand round on chain (none: 0).
pub const LAST_STORED_ROUND: StorageValue<u64> = StorageValue::new("Drand", "LastStoredRound");

/// Unrevealed timelocked commits a hotkey may hold per epoch.
const MAX_PER_EPOCH: usize = 10;

/// `commit_timelocked_(mechanism_)weights` signed by `hotkey`.
pub fn commit_timelocked_weights(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    netuid: NetUid,
    mecid: u8,
    commit: &[u8],
    reveal_round: u64,
    version: u16,
) -> DispatchResult {
    if !mechanism_exists(&ext.state, netuid, mecid)? {
        return Err(Error::MechanismDoesNotExist.into());
    }
    let idx = storage_index(netuid, mecid);
    if !COMMIT_REVEAL_WEIGHTS_ENABLED.get(&ext.state, netuid)? {
        return Err(Error::CommitRevealDisabled.into());
    }
    if version != COMMIT_REVEAL_WEIGHTS_VERSION.get(&ext.state)? {
        return Err(Error::IncorrectCommitRevealVersion.into());
    }
    let Some(uid) = UIDS.get(&ext.state, &netuid, hotkey)? else {
        return Err(Error::HotKeyNotRegisteredInSubNet.into());
    };
    let now = ext.block;
    if !rate_ok(&ext.state, netuid, idx, uid, now)? {
        return Err(Error::CommittingWeightsTooFast.into());
    }
    let epoch = current_epoch(&ext.state, netuid, now)?;
    let mut queue = TIMELOCKED_WEIGHT_COMMITS
        .get(&ext.state, &idx, &epoch)?
        .unwrap_or_default();
    if queue.iter().filter(|c| c.0 == *hotkey).count() >= MAX_PER_EPOCH {
        return Err(Error::TooManyUnrevealedCommits.into());
    }
    queue.push((*hotkey, now, commit.to_vec(), reveal_round));
    TIMELOCKED_WEIGHT_COMMITS.insert(&mut ext.state, &idx, &epoch, &queue);
    ext.deposit_event(SubtensorEvent::TimelockedWeightsCommitted(
        *hotkey,
        idx,
        H256(blake2_256(commit)),
        reveal_round,
    ));
    let mut lu = LAST_UPDATE.get(&ext.state, &idx)?.unwrap_or_default();
    if let Some(slot) = lu.get_mut(usize::from(uid)) {
        *slot = now;
    }
    LAST_UPDATE.insert(&mut ext.state, &idx, &lu);
    Ok(())
}

/// Every block, before epochs: drops each subnet's timelocked commits of epochs before its
/// reveal epoch (`current_epoch − RevealPeriodEpochs`). See the module docs.
pub fn expire(ext: &mut Ext<'_>, subnets: &[NetUid]) -> Result<(), StorageError> {
    let now = ext.block;
    for &n in subnets {
        if n == NetUid::ROOT {
            continue;
        }
        let period = REVEAL_PERIOD_EPOCHS.get(&ext.state, n)?;
        let reveal_epoch = current_epoch(&ext.state, n, now)?.saturating_sub(period);
        for mecid in 0..MECHANISM_COUNT_CURRENT.get(&ext.state, n)? {
            let idx = storage_index(n, mecid);
            for (epoch, _) in TIMELOCKED_WEIGHT_COMMITS.iter_prefix(&ext.state, &idx)? {
                if epoch < reveal_epoch {
                    TIMELOCKED_WEIGHT_COMMITS.remove(&mut ext.state, &idx, &epoch);
                }
            }
        }
    }
    Ok(())
}
