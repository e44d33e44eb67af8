//! Mechanisms (sub-subnets, spec-subnets §2.12): how many independent weight matrices a subnet
//! runs and how its emission is split between them.
//!
//! `MechanismCountCurrent[netuid]` (default 1) is set by the owner or Root, between 1 and the
//! global `MaxMechanismCount` (default 2, never above 16), and only while
//! `MaxAllowedUids × count ≤ 256`. Lowering the count deletes every per-mechanism item of the
//! dropped mechanisms (`Weights`, `Incentive`, `LastUpdate`, `Bonds`, `WeightCommits`,
//! `TimelockedWeightCommits` at their storage index); raising it creates nothing (rows appear
//! as neurons register or set weights). Any change of the count resets the split to even.
//! `MechanismEmissionSplit[netuid]` holds u16 parts summing to 65 535 (at most one per
//! mechanism; missing parts are 0); the epoch adapter hands it to
//! `yuma_epoch::mechanism::run_mechanisms`. Subtensor emits no event for these setters.

use crate::{
    dispatch::DispatchResult,
    ext::Ext,
    hyperparams::items::{Global, MAX_ALLOWED_UIDS, MECHANISM_COUNT_CURRENT},
    storage::{StorageError, StorageMap, StorageRead},
    subtensor::{
        storage::{storage_index, BONDS, INCENTIVE, LAST_UPDATE, PALLET, WEIGHTS, WEIGHT_COMMITS},
        Error,
    },
    weights::timelocked::TIMELOCKED_WEIGHT_COMMITS,
};
use yuma_primitives::{hashing::StorageHasher, NetUid};

/// The hard cap on mechanisms per subnet: 4096 subnets × 16 mechanisms fill the u16 index.
pub const MAX_MECHANISM_COUNT_PER_SUBNET: u8 = 16;
/// `DefaultMaxAllowedUids`: the cap on `MaxAllowedUids × mechanism count`.
pub const MAX_UIDS_OVER_ALL_MECHANISMS: u16 = 256;

/// `MaxMechanismCount`: the global ceiling of `MechanismCountCurrent`.
pub const MAX_MECHANISM_COUNT: Global<u8> = Global::new("MaxMechanismCount", 2);
/// `MechanismEmissionSplit`: netuid → parts of 65 535 per mechanism (absent: even split).
pub const MECHANISM_EMISSION_SPLIT: StorageMap<NetUid, Vec<u16>> = StorageMap::new(
    PALLET,
    "MechanismEmissionSplit",
    StorageHasher::Twox64Concat,
);

/// The split the epoch uses for `netuid` (`None`: even).
pub fn emission_split(s: &dyn StorageRead, n: NetUid) -> Result<Option<Vec<u16>>, StorageError> {
    MECHANISM_EMISSION_SPLIT.get(s, &n)
}

/// `ensure_max_uids_over_all_mechanisms`.
pub fn ensure_max_uids_over_all_mechanisms(max_uids: u16, count: u8) -> DispatchResult {
    if max_uids.saturating_mul(u16::from(count)) > MAX_UIDS_OVER_ALL_MECHANISMS {
        return Err(Error::TooManyUIDsPerMechanism.into());
    }
    Ok(())
}

/// `do_set_mechanism_count`: checks in subtensor's order, then resizes.
pub fn set_mechanism_count(ext: &mut Ext<'_>, n: NetUid, count: u8) -> DispatchResult {
    if !super::exists(&ext.state, n)? {
        return Err(Error::MechanismDoesNotExist.into());
    }
    if count == 0 || count > MAX_MECHANISM_COUNT.get(&ext.state)? {
        return Err(Error::InvalidValue.into());
    }
    ensure_max_uids_over_all_mechanisms(MAX_ALLOWED_UIDS.get(&ext.state, n)?, count)?;
    if count > MAX_MECHANISM_COUNT_PER_SUBNET {
        return Err(Error::InvalidValue.into());
    }
    update_mechanism_count(ext, n, count)
}

/// `update_mechanism_counts_if_needed`: on a change, clears the dropped mechanisms' items,
/// stores the count and resets the split.
fn update_mechanism_count(ext: &mut Ext<'_>, n: NetUid, count: u8) -> DispatchResult {
    let old = MECHANISM_COUNT_CURRENT.get(&ext.state, n)?;
    if old == count {
        return Ok(());
    }
    for mecid in count..old {
        let idx = storage_index(n, mecid);
        for (uid, _) in WEIGHTS.iter_prefix(&ext.state, &idx)? {
            WEIGHTS.remove(&mut ext.state, &idx, &uid);
        }
        INCENTIVE.remove(&mut ext.state, &idx);
        LAST_UPDATE.remove(&mut ext.state, &idx);
        for (uid, _) in BONDS.iter_prefix(&ext.state, &idx)? {
            BONDS.remove(&mut ext.state, &idx, &uid);
        }
        for (hotkey, _) in WEIGHT_COMMITS.iter_prefix(&ext.state, &idx)? {
            WEIGHT_COMMITS.remove(&mut ext.state, &idx, &hotkey);
        }
        for (epoch, _) in TIMELOCKED_WEIGHT_COMMITS.iter_prefix(&ext.state, &idx)? {
            TIMELOCKED_WEIGHT_COMMITS.remove(&mut ext.state, &idx, &epoch);
        }
    }
    MECHANISM_COUNT_CURRENT.set(&mut ext.state, n, count);
    MECHANISM_EMISSION_SPLIT.remove(&mut ext.state, &n);
    Ok(())
}

/// `do_set_max_mechanism_count` (Root): 1…16.
pub fn set_max_mechanism_count(ext: &mut Ext<'_>, max: u8) -> DispatchResult {
    if max == 0 || max > MAX_MECHANISM_COUNT_PER_SUBNET {
        return Err(Error::InvalidValue.into());
    }
    MAX_MECHANISM_COUNT.set(&mut ext.state, max);
    Ok(())
}

/// `do_set_emission_split`: `None` resets to even; a split must be non-empty, have at most
/// one part per current mechanism and sum to exactly 65 535.
pub fn set_emission_split(ext: &mut Ext<'_>, n: NetUid, split: Option<&[u16]>) -> DispatchResult {
    if !super::exists(&ext.state, n)? {
        return Err(Error::MechanismDoesNotExist.into());
    }
    let Some(split) = split else {
        MECHANISM_EMISSION_SPLIT.remove(&mut ext.state, &n);
        return Ok(());
    };
    let count = MECHANISM_COUNT_CURRENT.get(&ext.state, n)?;
    if split.is_empty() || split.len() > usize::from(count) {
        return Err(Error::InvalidValue.into());
    }
    let total: u64 = split.iter().map(|p| u64::from(*p)).sum();
    if total != u64::from(u16::MAX) {
        return Err(Error::InvalidValue.into());
    }
    MECHANISM_EMISSION_SPLIT.insert(&mut ext.state, &n, &split.to_vec());
    Ok(())
}
