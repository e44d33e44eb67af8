//! The stateful epoch scheduler's per-block drain (spec-emission §8.3): every non-root subnet
//! counts the block; due subnets fire up to `MaxEpochsPerBlock` (the rest are deferred to the
//! next block through `PendingEpochAt`) and hand their four pending accumulators to the
//! distribution. When a slot is due is [`crate::subnets::schedule::is_due`] (§8.1).

use super::storage::*;
use crate::{
    ext::Ext,
    storage::{StorageError, StorageRead},
    subnets::schedule::is_due,
    subtensor::{storage::*, SubtensorEvent},
};
use std::collections::BTreeSet;
use yuma_primitives::NetUid;

/// The alpha a fired subnet distributes (§9): miners', validators', root stakers', owner's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pending {
    /// `PendingServerEmission`.
    pub server: u64,
    /// `PendingValidatorEmission`.
    pub validator: u64,
    /// `PendingRootAlphaDivs`.
    pub root: u64,
    /// `PendingOwnerCut`.
    pub owner_cut: u64,
}

/// `is_epoch_input_state_consistent`: no hotkey holds two uids of the subnet.
pub fn input_consistent(s: &dyn StorageRead, n: NetUid) -> Result<bool, StorageError> {
    let mut seen = BTreeSet::new();
    for (_, hotkey) in KEYS.iter_prefix(s, &n)? {
        if !seen.insert(hotkey) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The subnets a block's cap defers: due ones beyond the first `MaxEpochsPerBlock` that can
/// run (`epochs_deferred_this_block`, used to skip their commit–reveal step).
pub fn deferred_this_block(
    s: &dyn StorageRead,
    subnets: &[NetUid],
    now: u64,
) -> Result<BTreeSet<NetUid>, StorageError> {
    let cap = u32::from(MAX_EPOCHS_PER_BLOCK.get(s)?);
    let mut fired = 0u32;
    let mut deferred = BTreeSet::new();
    for &n in subnets {
        if !is_due(s, n, now)? {
            continue;
        }
        if fired >= cap {
            deferred.insert(n);
        } else if input_consistent(s, n)? {
            fired += 1;
        }
    }
    Ok(deferred)
}

fn take(
    p: &crate::hyperparams::items::Param<u64>,
    ext: &mut Ext<'_>,
    n: NetUid,
) -> Result<u64, StorageError> {
    let v = p.get(&ext.state, n)?;
    p.set(&mut ext.state, n, 0);
    Ok(v)
}

/// `drain_pending(subnets, now)`: advances the scheduler of every subnet in `subnets` (root
/// excluded by the caller) and returns the fired subnets with their pending alpha, in order.
/// An epoch whose input is inconsistent is skipped (its accumulators keep growing) but its
/// slot is consumed.
pub fn drain_pending(
    ext: &mut Ext<'_>,
    subnets: &[NetUid],
) -> Result<Vec<(NetUid, Pending)>, StorageError> {
    let now = ext.block;
    let cap = u32::from(MAX_EPOCHS_PER_BLOCK.get(&ext.state)?);
    let mut fired = 0u32;
    let mut out = Vec::new();
    for &n in subnets {
        let since = BLOCKS_SINCE_LAST_STEP
            .get(&ext.state, &n)?
            .unwrap_or(0)
            .saturating_add(1);
        BLOCKS_SINCE_LAST_STEP.insert(&mut ext.state, &n, &since);
        if !is_due(&ext.state, n, now)? {
            continue;
        }
        if fired >= cap {
            let next = now.saturating_add(1);
            PENDING_EPOCH_AT.insert(&mut ext.state, &n, &next);
            ext.deposit_event(SubtensorEvent::EpochDeferred {
                netuid: n,
                from_block: now,
                to_block: next,
            });
            continue;
        }
        if input_consistent(&ext.state, n)? {
            BLOCKS_SINCE_LAST_STEP.insert(&mut ext.state, &n, &0);
            let pending = Pending {
                server: take(&PENDING_SERVER_EMISSION, ext, n)?,
                validator: take(&PENDING_VALIDATOR_EMISSION, ext, n)?,
                root: take(&PENDING_ROOT_ALPHA_DIVS, ext, n)?,
                owner_cut: take(&PENDING_OWNER_CUT, ext, n)?,
            };
            out.push((n, pending));
            fired += 1;
        } else {
            ext.deposit_event(SubtensorEvent::EpochSkipped {
                netuid: n,
                block: now,
            });
        }
        LAST_EPOCH_BLOCK.insert(&mut ext.state, &n, &now);
        PENDING_EPOCH_AT.insert(&mut ext.state, &n, &0);
        let idx = SUBNET_EPOCH_INDEX
            .get(&ext.state, &n)?
            .unwrap_or(0)
            .saturating_add(1);
        SUBNET_EPOCH_INDEX.insert(&mut ext.state, &n, &idx);
    }
    Ok(out)
}
