//! Shrinking a subnet, `sudo_trim_to_max_allowed_uids(netuid, max_n)` (spec-subnets §3.7),
//! as subtensor's `trim_to_max_allowed_uids` does it:
//!
//! 1. `MinAllowedUids ≤ max_n ≤ MaxAllowedUids` (else `InvalidValue`); `MaxAllowedUids := max_n`.
//! 2. If more than `max_n` uids are registered: the immune ones (the owner's immortal uids and
//!    those inside `ImmunityPeriod`) must be under 80 % of `max_n`, the percentage rounded down
//!    as `Percent::from_rational` does (else `TrimmingWouldExceedMaxImmunePercentage`).
//! 3. Uids are ranked by `Emission`, highest first, ties in uid order (a stable sort); walking
//!    from the bottom of that ranking, non-immune uids are removed until `max_n` remain: their
//!    hotkey's `Uids`, `IsNetworkMember`, `AlphaDividendsPerSubnet`, axon, certificate and
//!    prometheus entries, and the uid's `Keys`, `BlockAtRegistration`, `Weights` and `Bonds`.
//! 4. The kept uids are compacted to `0..max_n` in their old order: every per-uid vector,
//!    `Keys`, `BlockAtRegistration`, the rows of `Weights`/`Bonds` (targets remapped, targets
//!    pointing to removed uids dropped) and the `Uids` map move with them.
//!
//! Like subtensor (whose `mutate` on a `ValueQuery` map writes the default), every kept uid
//! ends with a `Weights` and a `Bonds` row in each mechanism, possibly empty.

use super::prune::immune_owner_hotkeys;
use crate::{
    dispatch::DispatchResult,
    emission::distribute::ALPHA_DIVIDENDS_PER_SUBNET,
    ext::Ext,
    hyperparams::items::{IMMUNITY_PERIOD, MAX_ALLOWED_UIDS, MIN_ALLOWED_UIDS},
    storage::{StorageError, StorageMap},
    subnets,
    subtensor::{storage::*, Error},
};
use parity_scale_codec::{Decode, Encode};
use yuma_primitives::NetUid;

/// `MaxImmuneUidsPercentage`: immune uids must stay under this share of `max_n`.
const MAX_IMMUNE_UIDS_PERCENT: u32 = 80;

/// `Percent::from_rational(part, whole)` in whole percent: rounded down, 100 when `whole` is 0
/// or `part > whole`.
fn percent_floor(part: u16, whole: u16) -> u32 {
    if whole == 0 || part > whole {
        return 100;
    }
    u32::from(part) * 100 / u32::from(whole)
}

/// `v` restricted to the positions `keep`, in that order (missing entries read as default).
fn pick<V: Clone + Default>(v: &[V], keep: &[usize]) -> Vec<V> {
    keep.iter()
        .map(|&i| v.get(i).cloned().unwrap_or_default())
        .collect()
}

fn compact_vec<K: Encode + Decode, V: Encode + Decode + Clone + Default>(
    ext: &mut Ext<'_>,
    m: &StorageMap<K, Vec<V>>,
    key: &K,
    keep: &[usize],
) -> Result<(), StorageError> {
    let v = m.get(&ext.state, key)?.unwrap_or_default();
    m.insert(&mut ext.state, key, &pick(&v, keep));
    Ok(())
}

/// `trim_to_max_allowed_uids(netuid, max_n)` (origin and freeze window checked by the caller).
pub fn trim_to_max_allowed_uids(ext: &mut Ext<'_>, n: NetUid, max_n: u16) -> DispatchResult {
    if !subnets::exists(&ext.state, n)? {
        return Err(Error::SubnetNotExists.into());
    }
    if max_n < MIN_ALLOWED_UIDS.get(&ext.state, n)?
        || max_n > MAX_ALLOWED_UIDS.get(&ext.state, n)?
    {
        return Err(Error::InvalidValue.into());
    }
    MAX_ALLOWED_UIDS.set(&mut ext.state, n, max_n);
    let current = SUBNETWORK_N.get(&ext.state, &n)?.unwrap_or(0);
    if current <= max_n {
        return Ok(());
    }
    let now = ext.block;
    let immunity = u64::from(IMMUNITY_PERIOD.get(&ext.state, n)?);
    let mut owner_uids = Vec::new();
    for h in immune_owner_hotkeys(&ext.state, n)? {
        if let Some(uid) = UIDS.get(&ext.state, &n, &h)? {
            owner_uids.push(uid);
        }
    }
    let mut immune = Vec::with_capacity(usize::from(current));
    for uid in 0..current {
        let reg = BLOCK_AT_REGISTRATION
            .get(&ext.state, &n, &uid)?
            .unwrap_or(0);
        immune.push(owner_uids.contains(&uid) || now.saturating_sub(reg) < immunity);
    }
    let immune_count = immune.iter().filter(|i| **i).count() as u16;
    if percent_floor(immune_count, max_n) >= MAX_IMMUNE_UIDS_PERCENT {
        return Err(Error::TrimmingWouldExceedMaxImmunePercentage.into());
    }

    // Rank by emission, highest first (stable: equal emissions stay in uid order).
    let mut ranked: Vec<(usize, u64)> = EMISSION
        .get(&ext.state, &n)?
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .collect();
    ranked.sort_by_key(|(_, e)| core::cmp::Reverse(*e));
    let indices = super::slots::mechanism_indices(ext, n)?;
    let mut left = current;
    for i in (0..usize::from(current)).rev() {
        if left == max_n {
            break;
        }
        let Some(&(uid, _)) = ranked.get(i) else {
            continue;
        };
        let uid16 = uid as u16;
        if immune.get(uid).copied().unwrap_or(false) {
            continue;
        }
        if let Some(hotkey) = KEYS.get(&ext.state, &n, &uid16)? {
            UIDS.remove(&mut ext.state, &n, &hotkey);
            IS_NETWORK_MEMBER.remove(&mut ext.state, &hotkey, &n);
            ALPHA_DIVIDENDS_PER_SUBNET.remove(&mut ext.state, &n, &hotkey);
            AXONS.remove(&mut ext.state, &n, &hotkey);
            NEURON_CERTIFICATES.remove(&mut ext.state, &n, &hotkey);
            PROMETHEUS.remove(&mut ext.state, &n, &hotkey);
        }
        KEYS.remove(&mut ext.state, &n, &uid16);
        BLOCK_AT_REGISTRATION.remove(&mut ext.state, &n, &uid16);
        for idx in &indices {
            WEIGHTS.remove(&mut ext.state, idx, &uid16);
            BONDS.remove(&mut ext.state, idx, &uid16);
        }
        ranked.remove(i);
        left -= 1;
    }

    // Compact the kept uids to the left, in uid order.
    ranked.sort_by_key(|(uid, _)| *uid);
    let keep: Vec<usize> = ranked.iter().map(|(uid, _)| *uid).collect();
    let emissions: Vec<u64> = ranked.iter().map(|(_, e)| *e).collect();
    EMISSION.insert(&mut ext.state, &n, &emissions);
    compact_vec(ext, &ACTIVE, &n, &keep)?;
    compact_vec(ext, &CONSENSUS, &n, &keep)?;
    compact_vec(ext, &DIVIDENDS, &n, &keep)?;
    compact_vec(ext, &VALIDATOR_TRUST, &n, &keep)?;
    compact_vec(ext, &VALIDATOR_PERMIT, &n, &keep)?;
    compact_vec(ext, &STAKE_WEIGHT, &n, &keep)?;
    for idx in &indices {
        compact_vec(ext, &INCENTIVE, idx, &keep)?;
        compact_vec(ext, &LAST_UPDATE, idx, &keep)?;
    }
    let new_of = |old: u16| keep.iter().position(|k| *k == usize::from(old));
    let remap = |row: Vec<(u16, u16)>| -> Vec<(u16, u16)> {
        row.into_iter()
            .filter_map(|(t, w)| new_of(t).map(|nt| (nt as u16, w)))
            .collect()
    };
    // Read every kept uid's items first, then rewrite them at the new uids (new ≤ old, so
    // writing in place in ascending order would read already-moved entries).
    let mut moved = Vec::with_capacity(keep.len());
    for &old in &keep {
        let old = old as u16;
        let mut rows = Vec::with_capacity(indices.len());
        for idx in &indices {
            let w = WEIGHTS.get(&ext.state, idx, &old)?.unwrap_or_default();
            let b = BONDS.get(&ext.state, idx, &old)?.unwrap_or_default();
            rows.push((remap(w), remap(b)));
        }
        let key = KEYS.get(&ext.state, &n, &old)?;
        let reg = BLOCK_AT_REGISTRATION.get(&ext.state, &n, &old)?;
        moved.push((old, key, reg, rows));
    }
    for &(old, _, _, _) in &moved {
        KEYS.remove(&mut ext.state, &n, &old);
        BLOCK_AT_REGISTRATION.remove(&mut ext.state, &n, &old);
        for idx in &indices {
            WEIGHTS.remove(&mut ext.state, idx, &old);
            BONDS.remove(&mut ext.state, idx, &old);
        }
    }
    for (hotkey, _) in UIDS.iter_prefix(&ext.state, &n)? {
        UIDS.remove(&mut ext.state, &n, &hotkey);
    }
    for (new, (_, key, reg, rows)) in moved.into_iter().enumerate() {
        let new = new as u16;
        if let Some(k) = key {
            KEYS.insert(&mut ext.state, &n, &new, &k);
            UIDS.insert(&mut ext.state, &n, &k, &new);
        }
        if let Some(r) = reg {
            BLOCK_AT_REGISTRATION.insert(&mut ext.state, &n, &new, &r);
        }
        for (idx, (w, b)) in indices.iter().zip(rows) {
            WEIGHTS.insert(&mut ext.state, idx, &new, &w);
            BONDS.insert(&mut ext.state, idx, &new, &b);
        }
    }
    SUBNETWORK_N.insert(&mut ext.state, &n, &max_n);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::percent_floor;

    #[test]
    fn immune_share_rounds_down_like_percent_from_rational() {
        // 4 of 5 is exactly 80 % (refused); 7 of 9 = 77.7 % rounds down to 77 (allowed);
        // 79 of 99 = 79.79 % rounds down to 79, not up to 80.
        assert_eq!(percent_floor(4, 5), 80);
        assert_eq!(percent_floor(7, 9), 77);
        assert_eq!(percent_floor(79, 99), 79);
        // Zero or a smaller whole saturate to 100 %.
        assert_eq!(percent_floor(0, 0), 100);
        assert_eq!(percent_floor(3, 2), 100);
        assert_eq!(percent_floor(0, 3), 0);
    }
}
