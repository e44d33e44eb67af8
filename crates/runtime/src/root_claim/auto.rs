//! Auto-claim (spec-emission §10.5): the dense index of coldkeys holding root stake, and the
//! per-block claim of `NumRootClaim` of them chosen from the parent block hash.
//!
//! subtensor seeds the choice with `frame_system::parent_hash()`; yuma uses the header's
//! parent hash (`System.ParentHash`, written before `on_initialize`), so every node picks the
//! same coldkeys.

use super::{
    claim, NUM_ROOT_CLAIM, NUM_STAKING_COLDKEYS, STAKING_COLDKEYS, STAKING_COLDKEYS_BY_INDEX,
};
use crate::{
    ext::Ext,
    stake,
    storage::{Overlay, StorageError, StorageRead},
    subtensor::storage::STAKING_HOTKEYS,
    system,
};
use std::collections::BTreeSet;
use yuma_primitives::{AccountId, NetUid};

fn be_u64(bytes: &[u8], at: usize) -> u64 {
    bytes
        .get(at..at.saturating_add(8))
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map(u64::from_be_bytes)
        .unwrap_or(0)
}

/// `block_hash_to_indices`: up to `k` distinct indices in `[0, n)` (all 0 when n = 0),
/// ascending. start = BE u64 of bytes 0..8; each step i adds BE u64 of bytes (8i mod 32)..+8
/// to the last index (saturating) and reduces mod n.
pub fn block_hash_to_indices(hash: &[u8], k: u64, n: u64) -> Vec<u64> {
    let mut out = BTreeSet::new();
    let mut last = be_u64(hash, 0);
    for i in 0..k {
        let at = (i.saturating_mul(8) % 32) as usize;
        let idx = last
            .saturating_add(be_u64(hash, at))
            .checked_rem(n)
            .unwrap_or(0);
        out.insert(idx);
        last = idx;
    }
    out.into_iter().collect()
}

/// `maybe_add_coldkey_index`: appends `coldkey` to the index if absent.
pub fn maybe_add_coldkey_index(
    st: &mut Overlay<'_>,
    coldkey: &AccountId,
) -> Result<(), StorageError> {
    if STAKING_COLDKEYS.get(st, coldkey)?.is_some() {
        return Ok(());
    }
    let n = NUM_STAKING_COLDKEYS.get(st)?.unwrap_or(0);
    STAKING_COLDKEYS_BY_INDEX.insert(st, &n, coldkey);
    STAKING_COLDKEYS.insert(st, coldkey, &n);
    NUM_STAKING_COLDKEYS.put(st, &n.saturating_add(1));
    Ok(())
}

/// `maybe_remove_coldkey_index`: removes `coldkey`, moving the last entry into its slot.
pub fn maybe_remove_coldkey_index(
    st: &mut Overlay<'_>,
    coldkey: &AccountId,
) -> Result<(), StorageError> {
    let Some(idx) = STAKING_COLDKEYS.get(st, coldkey)? else {
        return Ok(());
    };
    STAKING_COLDKEYS.remove(st, coldkey);
    let last = NUM_STAKING_COLDKEYS.get(st)?.unwrap_or(0).saturating_sub(1);
    let moved = if idx != last {
        STAKING_COLDKEYS_BY_INDEX.get(st, &last)?
    } else {
        None
    };
    match moved {
        Some(m) => {
            STAKING_COLDKEYS_BY_INDEX.remove(st, &last);
            STAKING_COLDKEYS_BY_INDEX.insert(st, &idx, &m);
            STAKING_COLDKEYS.insert(st, &m, &idx);
        }
        None => STAKING_COLDKEYS_BY_INDEX.remove(st, &idx),
    }
    NUM_STAKING_COLDKEYS.put(st, &last);
    Ok(())
}

/// `coldkey_has_root_stake`: any of the coldkey's staking hotkeys holds its root stake.
pub fn coldkey_has_root_stake(
    s: &dyn StorageRead,
    coldkey: &AccountId,
) -> Result<bool, StorageError> {
    for hk in STAKING_HOTKEYS.get(s, coldkey)?.unwrap_or_default() {
        if stake::alpha_stake(s, &hk, coldkey, NetUid::ROOT)? > 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `run_auto_claim_root_divs` (§3 step 8): claims, in index order, every coldkey at the
/// indices the parent hash picks; a failing claim is rolled back and skipped.
pub fn auto_claim(ext: &mut Ext<'_>) -> Result<(), StorageError> {
    let hash = system::PARENT_HASH.get(&ext.state)?.unwrap_or_default();
    let n = NUM_STAKING_COLDKEYS.get(&ext.state)?.unwrap_or(0);
    let k = NUM_ROOT_CLAIM.get(&ext.state)?;
    for i in block_hash_to_indices(&hash.0, k, n) {
        if let Some(coldkey) = STAKING_COLDKEYS_BY_INDEX.get(&ext.state, &i)? {
            // As in subtensor, a failed claim is rolled back (do_root_claim is atomic) and
            // only logged there; the block goes on.
            let _ = claim::do_root_claim(ext, &coldkey, None);
        }
    }
    Ok(())
}
