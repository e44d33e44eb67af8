//! Slot assignment (§3.4): append a uid while the subnet has room, otherwise replace one,
//! clearing everything the old neuron left on that uid.

use crate::{
    ext::Ext,
    hyperparams::items::MECHANISM_COUNT_CURRENT,
    storage::{StorageError, StorageMap},
    subtensor::storage::*,
};
use parity_scale_codec::{Decode, Encode};
use yuma_primitives::{AccountId, NetUid};

fn push<V: Encode + Decode + Clone>(
    ext: &mut Ext<'_>,
    m: &StorageMap<u16, Vec<V>>,
    key: u16,
    v: V,
) -> Result<(), StorageError> {
    let mut vec = m.get(&ext.state, &key)?.unwrap_or_default();
    vec.push(v);
    m.insert(&mut ext.state, &key, &vec);
    Ok(())
}

fn push_n<V: Encode + Decode + Clone>(
    ext: &mut Ext<'_>,
    m: &StorageMap<NetUid, Vec<V>>,
    netuid: NetUid,
    v: V,
) -> Result<(), StorageError> {
    let mut vec = m.get(&ext.state, &netuid)?.unwrap_or_default();
    vec.push(v);
    m.insert(&mut ext.state, &netuid, &vec);
    Ok(())
}

fn set_at<K: Encode + Decode, V: Encode + Decode + Clone>(
    ext: &mut Ext<'_>,
    m: &StorageMap<K, Vec<V>>,
    key: &K,
    uid: u16,
    v: V,
) -> Result<(), StorageError> {
    let mut vec = m.get(&ext.state, key)?.unwrap_or_default();
    if let Some(slot) = vec.get_mut(usize::from(uid)) {
        *slot = v;
        m.insert(&mut ext.state, key, &vec);
    }
    Ok(())
}

/// The mechanism storage indices of a subnet.
pub(crate) fn mechanism_indices(ext: &Ext<'_>, netuid: NetUid) -> Result<Vec<u16>, StorageError> {
    let count = MECHANISM_COUNT_CURRENT.get(&ext.state, netuid)?.max(1);
    Ok((0..count).map(|m| storage_index(netuid, m)).collect())
}

/// `append_neuron`: a new uid `n` with zeroed per-uid state.
pub fn append_neuron(
    ext: &mut Ext<'_>,
    netuid: NetUid,
    hotkey: &AccountId,
) -> Result<u16, StorageError> {
    let now = ext.block;
    let uid = SUBNETWORK_N.get(&ext.state, &netuid)?.unwrap_or(0);
    SUBNETWORK_N.insert(&mut ext.state, &netuid, &uid.saturating_add(1));
    push_n(ext, &ACTIVE, netuid, true)?;
    push_n(ext, &EMISSION, netuid, 0u64)?;
    push_n(ext, &CONSENSUS, netuid, 0u16)?;
    push_n(ext, &DIVIDENDS, netuid, 0u16)?;
    push_n(ext, &VALIDATOR_TRUST, netuid, 0u16)?;
    push_n(ext, &VALIDATOR_PERMIT, netuid, false)?;
    push_n(ext, &STAKE_WEIGHT, netuid, 0u16)?;
    for idx in mechanism_indices(ext, netuid)? {
        push(ext, &INCENTIVE, idx, 0u16)?;
        push(ext, &LAST_UPDATE, idx, now)?;
    }
    KEYS.insert(&mut ext.state, &netuid, &uid, hotkey);
    UIDS.insert(&mut ext.state, &netuid, hotkey, &uid);
    BLOCK_AT_REGISTRATION.insert(&mut ext.state, &netuid, &uid, &now);
    IS_NETWORK_MEMBER.insert(&mut ext.state, hotkey, &netuid, &true);
    Ok(uid)
}

/// `replace_neuron`: `new` takes over `uid`; the owner hotkey is never replaced.
pub fn replace_neuron(
    ext: &mut Ext<'_>,
    netuid: NetUid,
    uid: u16,
    new: &AccountId,
) -> Result<(), StorageError> {
    let now = ext.block;
    let Some(old) = KEYS.get(&ext.state, &netuid, &uid)? else {
        return Ok(());
    };
    if SUBNET_OWNER_HOTKEY.get(&ext.state, &netuid)? == Some(old) {
        return Ok(());
    }
    UIDS.remove(&mut ext.state, &netuid, &old);
    IS_NETWORK_MEMBER.remove(&mut ext.state, &old, &netuid);
    set_at(ext, &ACTIVE, &netuid, uid, true)?;
    KEYS.insert(&mut ext.state, &netuid, &uid, new);
    UIDS.insert(&mut ext.state, &netuid, new, &uid);
    BLOCK_AT_REGISTRATION.insert(&mut ext.state, &netuid, &uid, &now);
    IS_NETWORK_MEMBER.insert(&mut ext.state, new, &netuid, &true);
    AXONS.remove(&mut ext.state, &netuid, &old);
    PROMETHEUS.remove(&mut ext.state, &netuid, &old);
    NEURON_CERTIFICATES.remove(&mut ext.state, &netuid, &old);
    // clear_neuron.
    set_at(ext, &EMISSION, &netuid, uid, 0u64)?;
    set_at(ext, &CONSENSUS, &netuid, uid, 0u16)?;
    set_at(ext, &DIVIDENDS, &netuid, uid, 0u16)?;
    set_at(ext, &STAKE_WEIGHT, &netuid, uid, 0u16)?;
    set_at(ext, &VALIDATOR_TRUST, &netuid, uid, 0u16)?;
    set_at(ext, &VALIDATOR_PERMIT, &netuid, uid, false)?;
    for idx in mechanism_indices(ext, netuid)? {
        set_at(ext, &INCENTIVE, &idx, uid, 0u16)?;
        BONDS.remove(&mut ext.state, &idx, &uid);
        WEIGHTS.remove(&mut ext.state, &idx, &uid);
        for (row_uid, mut row) in WEIGHTS.iter_prefix(&ext.state, &idx)? {
            let mut changed = false;
            for entry in row.iter_mut().filter(|(t, _)| *t == uid) {
                entry.1 = 0;
                changed = true;
            }
            if changed {
                WEIGHTS.insert(&mut ext.state, &idx, &row_uid, &row);
            }
        }
        set_at(ext, &LAST_UPDATE, &idx, uid, now)?;
    }
    Ok(())
}
