//! The epoch adapter (spec-epoch §3, §4.12): reads a subnet's mechanisms from state into
//! `yuma_epoch::EpochInput`s, runs `yuma_epoch::mechanism::run_mechanisms`, and writes the
//! results back — `Consensus`, `Incentive[mechanism]`, `Dividends`, `ValidatorTrust`,
//! `StakeWeight`, `Active`, `Emission`, `ValidatorPermit`, `Bonds[mechanism]` rows and
//! `LastMechansimStepBlock`. The emission is split between mechanisms by
//! `MechanismEmissionSplit` (even when unset, [`crate::subnets::mechanisms`]). Ranks, trust and pruning scores are not written (deprecated).
//!
//! The coinbase (emission issue) calls [`run_epoch`] when a subnet's slot fires, with the
//! pending emission to distribute; it then pays out the returned per-uid server and validator
//! emissions. Each uid's stake is subtensor's `get_stake_weights_for_network` input: the
//! hotkey's alpha on the subnet and its root TAO, each after child-key lending and borrowing
//! ([`crate::childkeys::inherited_alpha`], [`crate::childkeys::inherited_tao`]); the epoch
//! combines them as `alpha + tao × TaoWeight` in I64F64 (spec-epoch §4.3). A uid without a
//! hotkey has stake 0.

use crate::{
    childkeys,
    ext::Ext,
    hyperparams::items::*,
    storage::{StorageDoubleMap, StorageError, StorageRead},
    subnets::schedule::current_epoch,
    subtensor::storage::*,
};
use yuma_epoch::{
    mechanism::{run_mechanisms, MechanismsOutput},
    types::{EpochInput, Hyperparams, NeuronInput},
};
use yuma_primitives::{AccountId, NetUid};

/// Why an epoch could not run.
#[derive(Debug, thiserror::Error)]
pub enum AdapterError {
    /// State does not decode.
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// The epoch rejected its input.
    #[error("epoch failed on subnet {netuid}: {source}")]
    Epoch {
        /// The subnet.
        netuid: u16,
        /// The epoch's error.
        source: yuma_epoch::error::EpochError,
    },
}

fn at<T: Copy + Default>(v: &[T], i: usize) -> T {
    v.get(i).copied().unwrap_or_default()
}

/// The epoch hyperparameters of a subnet.
pub fn hyperparams(s: &dyn StorageRead, n: NetUid) -> Result<Hyperparams, StorageError> {
    let (alpha_low, alpha_high) = ALPHA_VALUES.get(s, n)?;
    Ok(Hyperparams {
        tempo: TEMPO.get(s, n)?,
        activity_cutoff_factor_milli: ACTIVITY_CUTOFF_FACTOR_MILLI.get(s, n)?,
        kappa: KAPPA.get(s, n)?,
        bonds_penalty: BONDS_PENALTY.get(s, n)?,
        bonds_moving_average: BONDS_MOVING_AVERAGE.get(s, n)?,
        liquid_alpha_enabled: LIQUID_ALPHA_ON.get(s, n)?,
        alpha_low,
        alpha_high,
        alpha_sigmoid_steepness: ALPHA_SIGMOID_STEEPNESS.get(s, n)?,
        yuma3_enabled: YUMA3_ON.get(s, n)?,
        max_allowed_validators: MAX_ALLOWED_VALIDATORS.get(s, n)?,
        stake_threshold: STAKE_THRESHOLD.get(s)?,
        tao_weight: TAO_WEIGHT.get(s)?,
        commit_reveal_enabled: COMMIT_REVEAL_WEIGHTS_ENABLED.get(s, n)?,
    })
}

/// The hotkey (`Keys`) of each uid below `SubnetworkN`, `None` where it has none.
pub fn hotkeys(s: &dyn StorageRead, n: NetUid) -> Result<Vec<Option<AccountId>>, StorageError> {
    let count = SUBNETWORK_N.get(s, &n)?.unwrap_or(0);
    (0..count).map(|uid| KEYS.get(s, &n, &uid)).collect()
}

/// The input of mechanism `mecid` of `netuid` at block `now`, handed `emission` rao.
pub fn read_input(
    s: &dyn StorageRead,
    n: NetUid,
    mecid: u8,
    now: u64,
    emission: u64,
) -> Result<EpochInput, StorageError> {
    read_input_with(s, n, &hotkeys(s, n)?, mecid, now, emission)
}

/// [`read_input`] with the uids' [`hotkeys`] already read.
fn read_input_with(
    s: &dyn StorageRead,
    n: NetUid,
    hotkeys: &[Option<AccountId>],
    mecid: u8,
    now: u64,
    emission: u64,
) -> Result<EpochInput, StorageError> {
    let idx = storage_index(n, mecid);
    let count = u16::try_from(hotkeys.len()).unwrap_or(u16::MAX);
    let last_update = LAST_UPDATE.get(s, &idx)?.unwrap_or_default();
    let permits = VALIDATOR_PERMIT.get(s, &n)?.unwrap_or_default();
    let hp = hyperparams(s, n)?;
    let epoch = current_epoch(s, n, now)?;
    let period = REVEAL_PERIOD_EPOCHS.get(s, n)?;
    let owner_uid = match SUBNET_OWNER_HOTKEY.get(s, &n)? {
        Some(h) => UIDS.get(s, &n, &h)?,
        None => None,
    };
    let mut neurons = Vec::with_capacity(usize::from(count));
    for (uid, &key) in (0..count).zip(hotkeys) {
        let hotkey = key.unwrap_or_default();
        let commit_block = if hp.commit_reveal_enabled {
            WEIGHT_COMMITS
                .get(s, &idx, &hotkey)?
                .unwrap_or_default()
                .iter()
                .filter(|c| epoch <= c.1.saturating_add(period))
                .map(|c| c.2)
                .min()
        } else {
            None
        };
        let (alpha_stake, tao_stake) = match key {
            Some(h) => childkeys::inherited_stakes(s, &h, n)?,
            None => (0, 0),
        };
        neurons.push(NeuronInput {
            alpha_stake,
            tao_stake,
            last_update: at(&last_update, usize::from(uid)),
            registered_at: BLOCK_AT_REGISTRATION.get(s, &n, &uid)?.unwrap_or(0),
            validator_permit: at(&permits, usize::from(uid)),
            commit_block,
            weights: sparse_row(s, &WEIGHTS, idx, uid)?,
            bonds: sparse_row(s, &BONDS, idx, uid)?,
        });
    }
    Ok(EpochInput {
        hyperparams: hp,
        block: now,
        last_mechanism_step_block: LAST_MECHANISM_STEP_BLOCK.get(s, &n)?.unwrap_or(0),
        owner_uid,
        emission,
        neurons,
    })
}

/// A `Weights`/`Bonds` row (empty when unset), decoded straight from the stored bytes: rows
/// are the bulk of an epoch's input and the generic decoder reads them two bytes at a time.
/// Anything but a plain row goes through the generic decoder, so results and errors are the
/// same.
fn sparse_row(
    s: &dyn StorageRead,
    map: &StorageDoubleMap<NetUidStorageIndex, u16, Vec<(u16, u16)>>,
    idx: NetUidStorageIndex,
    uid: u16,
) -> Result<Vec<(u16, u16)>, StorageError> {
    let key = map.key(&idx, &uid);
    let mut fast = None;
    s.read_with(&key, &mut |b| {
        fast = match b {
            None => Some(Vec::new()),
            Some(b) => parse_row(b),
        }
    });
    match fast {
        Some(row) => Ok(row),
        None => Ok(map.get_at(s, &key)?.unwrap_or_default()),
    }
}

/// SCALE `Vec<(u16, u16)>` with a one- or two-byte (canonical) length prefix; `None` for
/// anything else (longer prefixes, non-canonical or short input).
fn parse_row(b: &[u8]) -> Option<Vec<(u16, u16)>> {
    let first = *b.first()?;
    let (len, rest) = match first & 3 {
        0 => (usize::from(first >> 2), &b[1..]),
        1 => {
            let v = u16::from_le_bytes([first, *b.get(1)?]) >> 2;
            if v < 64 {
                return None;
            }
            (usize::from(v), &b[2..])
        }
        _ => return None,
    };
    let body = rest.get(..len.checked_mul(4)?)?;
    Some(
        body.chunks_exact(4)
            .map(|c| {
                (
                    u16::from_le_bytes([c[0], c[1]]),
                    u16::from_le_bytes([c[2], c[3]]),
                )
            })
            .collect(),
    )
}

/// A finished epoch: its outputs and the uids' [`hotkeys`] it read (unchanged by the epoch,
/// so the payouts reuse them).
pub struct EpochRun {
    /// The outputs of every mechanism.
    pub out: MechanismsOutput,
    /// The hotkey of each uid.
    pub hotkeys: Vec<Option<AccountId>>,
}

/// Runs the epoch of every mechanism of `netuid` on `emission` rao and writes the results
/// back (spec-epoch §4.12); returns the outputs for the coinbase to pay out.
pub fn run_epoch(ext: &mut Ext<'_>, n: NetUid, emission: u64) -> Result<EpochRun, AdapterError> {
    let now = ext.block;
    let count = MECHANISM_COUNT_CURRENT.get(&ext.state, n)?.max(1);
    let hotkeys = hotkeys(&ext.state, n)?;
    let inputs = (0..count)
        .map(|m| read_input_with(&ext.state, n, &hotkeys, m, now, emission))
        .collect::<Result<Vec<_>, _>>()?;
    let split = crate::subnets::mechanisms::emission_split(&ext.state, n)?;
    let out = run_mechanisms(&inputs, emission, split.as_deref()).map_err(|source| {
        AdapterError::Epoch {
            netuid: n.0,
            source,
        }
    })?;
    write_output(ext, n, &out)?;
    Ok(EpochRun { out, hotkeys })
}

/// Writes a finished epoch's outputs into state.
pub fn write_output(
    ext: &mut Ext<'_>,
    n: NetUid,
    out: &MechanismsOutput,
) -> Result<(), StorageError> {
    let old_permits = VALIDATOR_PERMIT.get(&ext.state, &n)?.unwrap_or_default();
    let st = &mut ext.state;
    let m = &out.merged;
    ACTIVE.insert(st, &n, &m.active);
    STAKE_WEIGHT.insert(st, &n, &m.stake_weight);
    CONSENSUS.insert(st, &n, &m.consensus);
    VALIDATOR_TRUST.insert(st, &n, &m.validator_trust);
    DIVIDENDS.insert(st, &n, &m.dividends);
    EMISSION.insert(st, &n, &m.emission);
    VALIDATOR_PERMIT.insert(st, &n, &m.new_validator_permits);
    for (k, mech) in out.mechanisms.iter().enumerate() {
        let idx = storage_index(n, u8::try_from(k).unwrap_or(u8::MAX));
        INCENTIVE.insert(st, &idx, &mech.incentive);
        for (i, row) in mech.new_bonds.iter().enumerate() {
            let Ok(uid) = u16::try_from(i) else { break };
            if at(&mech.new_validator_permits, i) {
                BONDS.insert(st, &idx, &uid, row);
            } else if at(&old_permits, i) {
                BONDS.remove(st, &idx, &uid);
            }
        }
    }
    LAST_MECHANISM_STEP_BLOCK.insert(st, &n, &ext.block);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        childkeys::{CHILD_KEYS, PARENT_KEYS},
        stake::pool::TOTAL_HOTKEY_ALPHA,
        storage::{MemoryStore, Overlay},
    };
    use yuma_primitives::AccountId;

    #[test]
    fn stake_input_is_inherited_alpha_and_root_tao() {
        let base = MemoryStore::default();
        let mut st = Overlay::new(&base);
        let n = NetUid(1);
        let (p, c) = (AccountId([1; 32]), AccountId([2; 32]));
        SUBNETWORK_N.insert(&mut st, &n, &3);
        KEYS.insert(&mut st, &n, &0, &p);
        KEYS.insert(&mut st, &n, &1, &c);
        TOTAL_HOTKEY_ALPHA.insert(&mut st, &p, &n, &1_000);
        TOTAL_HOTKEY_ALPHA.insert(&mut st, &p, &NetUid::ROOT, &2_000);
        TOTAL_HOTKEY_ALPHA.insert(&mut st, &c, &n, &10);
        // Stake of the zero account must not leak into a uid without a hotkey.
        TOTAL_HOTKEY_ALPHA.insert(&mut st, &AccountId::default(), &n, &77);
        let half = u64::MAX / 2;
        CHILD_KEYS.insert(&mut st, &p, &n, &vec![(half, c)]);
        PARENT_KEYS.insert(&mut st, &c, &n, &vec![(half, p)]);
        let input = read_input(&st, n, 0, 100, 0).unwrap();
        let stakes: Vec<(u64, u64)> = input
            .neurons
            .iter()
            .map(|x| (x.alpha_stake, x.tao_stake))
            .collect();
        // Half of (2^64−1) is (2^31 − 1)/2^32 in U96F32: the parent keeps floor(500.0000002)
        // alpha and floor(1000.0000005) TAO, the child gets floor(10 + 499.9999998) and
        // floor(999.9999995).
        assert_eq!(stakes, vec![(500, 1_000), (509, 999), (0, 0)]);
    }

    proptest::proptest! {
        /// The fast row decoder agrees with SCALE wherever it answers, and answers for every
        /// encoded row (up to 2^14 − 1 entries).
        #[test]
        fn fast_row_decoding_equals_scale(
            row in proptest::collection::vec((0u16..300, proptest::prelude::any::<u16>()), 0..300),
            noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..12),
            cut in 0usize..8,
        ) {
            use parity_scale_codec::{Decode, Encode};
            let enc = row.encode();
            proptest::prop_assert_eq!(parse_row(&enc), Some(row.clone()));
            let mut long = enc.clone();
            long.extend_from_slice(&noise);
            proptest::prop_assert_eq!(parse_row(&long), Some(row));
            for b in [&enc[..enc.len().saturating_sub(cut)], &noise[..]] {
                if let Some(r) = parse_row(b) {
                    proptest::prop_assert_eq!(Vec::<(u16, u16)>::decode(&mut &b[..]).ok(), Some(r));
                }
            }
        }
    }
}
