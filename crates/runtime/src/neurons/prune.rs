//! Which uid a registration on a full subnet replaces (§3.5): the lowest emission, then the
//! oldest registration, then the lowest uid; owner hotkeys are immortal, and at least
//! `MinNonImmuneUids` non-immune uids are kept (an immune one is evicted instead).

use crate::{
    hyperparams::items::{IMMUNE_OWNER_UIDS_LIMIT, IMMUNITY_PERIOD, MIN_NON_IMMUNE_UIDS},
    storage::{StorageError, StorageRead},
    subtensor::{ownership, storage::*},
};
use yuma_primitives::{AccountId, NetUid};

/// `immune_owner_hotkeys`: the owner's hotkeys that cannot be pruned.
pub(super) fn immune_owner_hotkeys(
    s: &dyn StorageRead,
    netuid: NetUid,
) -> Result<Vec<AccountId>, StorageError> {
    let limit = usize::from(IMMUNE_OWNER_UIDS_LIMIT.get(s, netuid)?);
    let Some(owner) = SUBNET_OWNER.get(s, &netuid)? else {
        return Ok(Vec::new());
    };
    let mut list = Vec::new();
    for h in ownership::owned_hotkeys(s, &owner)? {
        if let Some(uid) = UIDS.get(s, &netuid, &h)? {
            let reg = BLOCK_AT_REGISTRATION.get(s, &netuid, &uid)?.unwrap_or(0);
            list.push((reg, uid, h));
        }
    }
    list.sort_by_key(|(reg, uid, _)| (*reg, *uid));
    list.truncate(limit);
    let mut keys: Vec<AccountId> = list.into_iter().map(|(_, _, h)| h).collect();
    if let Some(oh) = SUBNET_OWNER_HOTKEY.get(s, &netuid)? {
        if UIDS.get(s, &netuid, &oh)?.is_some() && !keys.contains(&oh) {
            keys.insert(0, oh);
            keys.truncate(limit);
        }
    }
    Ok(keys)
}

/// `neuron_to_prune(netuid)` at block `now`.
pub fn neuron_to_prune(
    s: &dyn StorageRead,
    netuid: NetUid,
    now: u64,
) -> Result<Option<u16>, StorageError> {
    let n = SUBNETWORK_N.get(s, &netuid)?.unwrap_or(0);
    if n == 0 {
        return Ok(None);
    }
    let immortal = immune_owner_hotkeys(s, netuid)?;
    let immunity = u64::from(IMMUNITY_PERIOD.get(s, netuid)?);
    let emission = EMISSION.get(s, &netuid)?.unwrap_or_default();
    let mut best_immune: Option<(u64, u64, u16)> = None;
    let mut best_free: Option<(u64, u64, u16)> = None;
    let mut free_count: u32 = 0;
    for uid in 0..n {
        let Some(h) = KEYS.get(s, &netuid, &uid)? else {
            continue;
        };
        if immortal.contains(&h) {
            continue;
        }
        let reg = BLOCK_AT_REGISTRATION.get(s, &netuid, &uid)?.unwrap_or(0);
        let key = (
            emission.get(usize::from(uid)).copied().unwrap_or(0),
            reg,
            uid,
        );
        let immune = now.saturating_sub(reg) < immunity;
        let slot = if immune {
            &mut best_immune
        } else {
            free_count += 1;
            &mut best_free
        };
        if slot.is_none_or(|b| key < b) {
            *slot = Some(key);
        }
    }
    if free_count > u32::from(MIN_NON_IMMUNE_UIDS.get(s, netuid)?) {
        if let Some((_, _, uid)) = best_free {
            return Ok(Some(uid));
        }
    }
    Ok(best_immune.map(|(_, _, uid)| uid))
}
