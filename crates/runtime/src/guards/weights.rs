//! subtensor's `CheckWeights`: batch shapes, the stake threshold (§4.4) and the reveal
//! pre-checks of §4.10 (c), before any weight call runs.
//!
//! The reveal pre-check looks the hash up in the stored queue without purging expired
//! commits, so an expired-but-stored commit is rejected as `RevealTooEarly` here, before the
//! call's own `ExpiredWeightCommit` could be reached.

use crate::{
    hyperparams::items::REVEAL_PERIOD_EPOCHS,
    storage::{StorageError, StorageRead},
    subnets::schedule::current_epoch,
    subtensor::{storage::*, Error},
    weights::{commit_hash, passes_stake_threshold, timelocked::LAST_STORED_ROUND},
};
use yuma_primitives::{AccountId, NetUid, SubtensorCall as C};

type Checked = Result<Result<(), Error>, StorageError>;

/// `CheckWeights::check`: input lengths, stake, commit–reveal.
pub(super) fn check(s: &dyn StorageRead, now: u64, who: &AccountId, call: &C) -> Checked {
    if !lengths_match(call) {
        return Ok(Err(Error::InputLengthsUnequal));
    }
    for netuid in staked_netuids(call) {
        if !passes_stake_threshold(s, who, netuid)? {
            return Ok(Err(Error::NotEnoughStakeToSetWeights));
        }
    }
    check_commit_reveal(s, now, who, call)
}

fn lengths_match(call: &C) -> bool {
    match call {
        C::BatchRevealWeights {
            uids_list,
            values_list,
            salts_list,
            version_keys,
            ..
        } => {
            let k = uids_list.len();
            values_list.len() == k && salts_list.len() == k && version_keys.len() == k
        }
        C::BatchCommitWeights {
            netuids,
            commit_hashes,
        } => netuids.len() == commit_hashes.len(),
        C::BatchSetWeights {
            netuids,
            weights,
            version_keys,
        } => netuids.len() == weights.len() && netuids.len() == version_keys.len(),
        _ => true,
    }
}

/// The subnets whose stake threshold the signer must pass.
fn staked_netuids(call: &C) -> Vec<NetUid> {
    match call {
        C::SetWeights { netuid, .. }
        | C::CommitWeights { netuid, .. }
        | C::RevealWeights { netuid, .. }
        | C::BatchRevealWeights { netuid, .. }
        | C::SetMechanismWeights { netuid, .. }
        | C::CommitMechanismWeights { netuid, .. }
        | C::RevealMechanismWeights { netuid, .. }
        | C::CommitTimelockedWeights { netuid, .. }
        | C::CommitTimelockedMechanismWeights { netuid, .. }
        | C::CommitCrv3MechanismWeights { netuid, .. } => vec![*netuid],
        C::BatchCommitWeights { netuids, .. } | C::BatchSetWeights { netuids, .. } => {
            netuids.iter().map(|n| NetUid(n.0)).collect()
        }
        _ => Vec::new(),
    }
}

/// `check_reveal`: the commit of `hash` must be stored and be in its reveal epoch.
fn check_reveal(
    s: &dyn StorageRead,
    now: u64,
    who: &AccountId,
    netuid: NetUid,
    idx: NetUidStorageIndex,
    hashes: &[yuma_primitives::H256],
) -> Checked {
    let Some(queue) = WEIGHT_COMMITS.get(s, &idx, who)? else {
        return Ok(Err(Error::NoWeightsCommitFound));
    };
    let reveal_epoch = current_epoch(s, netuid, now)?;
    let period = REVEAL_PERIOD_EPOCHS.get(s, netuid)?;
    for h in hashes {
        let Some(c) = queue.iter().find(|c| c.0 == *h) else {
            return Ok(Err(Error::NoWeightsCommitFound));
        };
        if reveal_epoch != c.1.saturating_add(period) {
            return Ok(Err(Error::RevealTooEarly));
        }
    }
    Ok(Ok(()))
}

fn check_commit_reveal(s: &dyn StorageRead, now: u64, who: &AccountId, call: &C) -> Checked {
    match call {
        C::RevealWeights {
            netuid,
            uids,
            values,
            salt,
            version_key,
        } => {
            let idx = storage_index(*netuid, 0);
            let h = commit_hash(who, idx, uids, values, salt, *version_key);
            check_reveal(s, now, who, *netuid, idx, &[h])
        }
        C::RevealMechanismWeights {
            netuid,
            mecid,
            uids,
            values,
            salt,
            version_key,
        } => {
            let idx = storage_index(*netuid, *mecid);
            let h = commit_hash(who, idx, uids, values, salt, *version_key);
            check_reveal(s, now, who, *netuid, idx, &[h])
        }
        C::BatchRevealWeights {
            netuid,
            uids_list,
            values_list,
            salts_list,
            version_keys,
        } => {
            let idx = storage_index(*netuid, 0);
            let hashes: Vec<_> = (0..uids_list.len())
                .map(|i| {
                    let (u, v, salt) = (&uids_list[i], &values_list[i], &salts_list[i]);
                    commit_hash(who, idx, u, v, salt, version_keys[i])
                })
                .collect();
            check_reveal(s, now, who, *netuid, idx, &hashes)
        }
        C::CommitTimelockedWeights { reveal_round, .. }
        | C::CommitTimelockedMechanismWeights { reveal_round, .. }
        | C::CommitCrv3MechanismWeights { reveal_round, .. }
            if *reveal_round < LAST_STORED_ROUND.get(s)?.unwrap_or(0) =>
        {
            Ok(Err(Error::InvalidRevealRound))
        }
        _ => Ok(Ok(())),
    }
}
