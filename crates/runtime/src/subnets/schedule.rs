//! The epoch slot counter (spec-subnets §4.2, spec-emission §8.1/§8.3) that commit–reveal
//! reads: each block, for every non-root subnet, `BlocksSinceLastStep += 1`, and when a slot
//! is due `LastEpochBlock := now`, `PendingEpochAt := 0`, `SubnetEpochIndex += 1`,
//! `BlocksSinceLastStep := 0`.
//!
//! Deviation until the emission issue lands: no `MaxEpochsPerBlock` cap and no epoch is run
//! here; the coinbase extends [`drain`] with the cap, the pending-emission hand-off and the
//! call to [`crate::epoch_adapter`].

use crate::{
    ext::Ext,
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

/// Consumes due epoch slots at the start of a block; returns the subnets whose slot fired.
pub fn drain(ext: &mut Ext<'_>) -> Result<Vec<NetUid>, StorageError> {
    let now = ext.block;
    let mut fired = Vec::new();
    for n in super::all(&ext.state)? {
        if n == NetUid::ROOT {
            continue;
        }
        let since = BLOCKS_SINCE_LAST_STEP
            .get(&ext.state, &n)?
            .unwrap_or(0)
            .saturating_add(1);
        BLOCKS_SINCE_LAST_STEP.insert(&mut ext.state, &n, &since);
        if !is_due(&ext.state, n, now)? {
            continue;
        }
        BLOCKS_SINCE_LAST_STEP.insert(&mut ext.state, &n, &0);
        LAST_EPOCH_BLOCK.insert(&mut ext.state, &n, &now);
        PENDING_EPOCH_AT.insert(&mut ext.state, &n, &0);
        let idx = SUBNET_EPOCH_INDEX
            .get(&ext.state, &n)?
            .unwrap_or(0)
            .saturating_add(1);
        SUBNET_EPOCH_INDEX.insert(&mut ext.state, &n, &idx);
        fired.push(n);
    }
    Ok(fired)
}
