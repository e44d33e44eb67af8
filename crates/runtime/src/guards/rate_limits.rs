//! subtensor's `CheckRateLimits`: the weights rate limit (§4.5) of `set_weights` (only when
//! commit–reveal is off) and `commit_weights`, and the network registration rate limit. An
//! unregistered caller passes here and fails in the call.

use crate::{
    hyperparams::items::COMMIT_REVEAL_WEIGHTS_ENABLED,
    storage::{StorageError, StorageRead},
    subnets,
    subtensor::{storage::*, Error},
    weights::rate_ok,
};
use yuma_primitives::{AccountId, NetUid, SubtensorCall as C};

type Checked = Result<Result<(), Error>, StorageError>;

fn weights_rate(
    s: &dyn StorageRead,
    now: u64,
    who: &AccountId,
    netuid: NetUid,
    mecid: u8,
    error: Error,
) -> Checked {
    let Some(uid) = UIDS.get(s, &netuid, who)? else {
        return Ok(Ok(()));
    };
    let idx = storage_index(netuid, mecid);
    Ok(if rate_ok(s, netuid, idx, uid, now)? {
        Ok(())
    } else {
        Err(error)
    })
}

/// `CheckRateLimits::check`.
pub(super) fn check(s: &dyn StorageRead, now: u64, who: &AccountId, call: &C) -> Checked {
    match call {
        C::CommitWeights { netuid, .. } => {
            weights_rate(s, now, who, *netuid, 0, Error::CommittingWeightsTooFast)
        }
        C::CommitMechanismWeights { netuid, mecid, .. } => weights_rate(
            s,
            now,
            who,
            *netuid,
            *mecid,
            Error::CommittingWeightsTooFast,
        ),
        C::SetWeights { netuid, .. } if !COMMIT_REVEAL_WEIGHTS_ENABLED.get(s, *netuid)? => {
            weights_rate(s, now, who, *netuid, 0, Error::SettingWeightsTooFast)
        }
        C::SetMechanismWeights { netuid, mecid, .. }
            if !COMMIT_REVEAL_WEIGHTS_ENABLED.get(s, *netuid)? =>
        {
            weights_rate(s, now, who, *netuid, *mecid, Error::SettingWeightsTooFast)
        }
        C::RegisterNetwork { .. } if !subnets::network_rate_ok(s, now)? => {
            Ok(Err(Error::NetworkTxRateLimitExceeded))
        }
        _ => Ok(Ok(())),
    }
}
