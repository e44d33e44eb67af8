//! TAO flow counters (spec-staking-swap §2.11): `SubnetTaoFlow` is the net TAO users moved
//! into a pool (stake `+paid_in`, unstake `−(paid_out + author fee re-sale)`),
//! `SubnetProtocolFlow` what the protocol injected. Both accumulate until the emission code
//! folds them into its EMA and resets them.

use crate::{
    storage::{Overlay, StorageError, StorageMap, StorageRead},
    subtensor::storage::{PALLET, SUBNET_TAO_FLOW},
};
use yuma_primitives::{hashing::StorageHasher, NetUid};

/// `SubnetProtocolFlow`: net protocol TAO flow per subnet.
pub const SUBNET_PROTOCOL_FLOW: StorageMap<NetUid, i64> =
    StorageMap::new(PALLET, "SubnetProtocolFlow", StorageHasher::Identity);

fn bump(
    m: &StorageMap<NetUid, i64>,
    st: &mut Overlay<'_>,
    n: NetUid,
    delta: i64,
) -> Result<(), StorageError> {
    let v = m.get(st, &n)?.unwrap_or(0).saturating_add(delta);
    m.insert(st, &n, &v);
    Ok(())
}

/// `SubnetTaoFlow[n] += delta`.
pub fn record_tao_flow(st: &mut Overlay<'_>, n: NetUid, delta: i64) -> Result<(), StorageError> {
    bump(&SUBNET_TAO_FLOW, st, n, delta)
}

/// `SubnetProtocolFlow[n] += delta`.
pub fn record_protocol_flow(
    st: &mut Overlay<'_>,
    n: NetUid,
    delta: i64,
) -> Result<(), StorageError> {
    bump(&SUBNET_PROTOCOL_FLOW, st, n, delta)
}

/// The accumulated user flow of a subnet.
pub fn tao_flow(s: &dyn StorageRead, n: NetUid) -> Result<i64, StorageError> {
    Ok(SUBNET_TAO_FLOW.get(s, &n)?.unwrap_or(0))
}

/// Saturating u64 → i64 for flow deltas.
pub fn signed(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}
