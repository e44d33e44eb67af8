//! When a subnet's epoch slot is due (spec-subnets §4.2, spec-emission §8.1) and the epoch
//! index commit–reveal reads. The coinbase's scheduler consumes the slots each block
//! ([`crate::emission::epochs::drain_pending`]).

use crate::{
    hyperparams::items::TEMPO,
    storage::{StorageError, StorageRead},
    subtensor::storage::*,
};
use yuma_primitives::NetUid;

/// Blocks without an epoch after which one is forced.
pub const MAX_TEMPO: u64 = 50_400;

/// Whether an epoch slot of `netuid` is due at block `now`.
pub fn is_due(s: &dyn StorageRead, netuid: NetUid, now: u64) -> Result<bool, StorageError> {
    let tempo = TEMPO.get(s, netuid)?;
    if tempo == 0 {
        return Ok(false);
    }
    let pending = PENDING_EPOCH_AT.get(s, &netuid)?.unwrap_or(0);
    if pending > 0 && now >= pending {
        return Ok(true);
    }
    if BLOCKS_SINCE_LAST_STEP.get(s, &netuid)?.unwrap_or(0) > MAX_TEMPO {
        return Ok(true);
    }
    let last = LAST_EPOCH_BLOCK.get(s, &netuid)?.unwrap_or(0);
    Ok(now.saturating_sub(last) >= u64::from(tempo))
}

/// `current_epoch` (§4.2): the epoch index, plus one if a slot is due in this block.
pub fn current_epoch(s: &dyn StorageRead, netuid: NetUid, now: u64) -> Result<u64, StorageError> {
    let idx = SUBNET_EPOCH_INDEX.get(s, &netuid)?.unwrap_or(0);
    Ok(idx + u64::from(is_due(s, netuid, now)?))
}
