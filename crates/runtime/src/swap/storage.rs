//! Pool state (spec-staking-swap §1.1): the reserves the subtensor pallet keeps
//! (`SubnetTAO`, `SubnetAlphaIn`, `SubnetAlphaOut`, `SubnetProtocolAlpha`, `TotalStake`) and
//! the swap pallet's own items (`FeeRate`, `SwapBalancer`, `PalSwapInitialized`), with
//! subtensor's names, hashers and value types.

use super::balancer::Balancer;
use crate::{
    storage::{Overlay, StorageError, StorageMap, StorageRead, StorageValue},
    subtensor::storage::PALLET,
};
use yuma_primitives::{hashing::StorageHasher, NetUid};

const ID: StorageHasher = StorageHasher::Identity;
const TX: StorageHasher = StorageHasher::Twox64Concat;

/// The swap pallet's storage prefix.
pub const SWAP_PALLET: &str = "Swap";

/// `SubnetTAO`: the pool's TAO reserve (`y`); on root, the total root stake.
pub const SUBNET_TAO: StorageMap<NetUid, u64> = StorageMap::new(PALLET, "SubnetTAO", ID);
/// `SubnetAlphaIn`: the pool's alpha reserve (`x`).
pub const SUBNET_ALPHA_IN: StorageMap<NetUid, u64> = StorageMap::new(PALLET, "SubnetAlphaIn", ID);
/// `SubnetAlphaOut`: alpha outside the pool (stake, pending emission, burned alpha, …).
pub const SUBNET_ALPHA_OUT: StorageMap<NetUid, u64> = StorageMap::new(PALLET, "SubnetAlphaOut", ID);
/// `SubnetProtocolAlpha`: alpha bought by the protocol's chain buys.
pub const SUBNET_PROTOCOL_ALPHA: StorageMap<NetUid, u64> =
    StorageMap::new(PALLET, "SubnetProtocolAlpha", ID);
/// `TotalStake`: TAO in all pools (plus the buy-side fee drift of §3.6).
pub const TOTAL_STAKE: StorageValue<u64> = StorageValue::new(PALLET, "TotalStake");

/// `Swap.FeeRate`: the swap fee in 65535ths (default 33).
pub const FEE_RATE: StorageMap<NetUid, u16> = StorageMap::new(SWAP_PALLET, "FeeRate", TX);
/// `Swap.SwapBalancer`: the pool weights (default w2 = 0.5).
pub const SWAP_BALANCER: StorageMap<NetUid, Balancer> =
    StorageMap::new(SWAP_PALLET, "SwapBalancer", TX);
/// `Swap.PalSwapInitialized`: whether the first swap has fixed the weights.
pub const PAL_SWAP_INITIALIZED: StorageMap<NetUid, bool> =
    StorageMap::new(SWAP_PALLET, "PalSwapInitialized", TX);

/// The default swap fee, 33/65535 ≈ 0.05 %.
pub const DEFAULT_FEE_RATE: u16 = 33;
/// The largest fee rate `set_fee_rate` accepts (`MaxFeeRate`).
pub const MAX_FEE_RATE: u16 = 10_000;

fn get(m: &StorageMap<NetUid, u64>, s: &dyn StorageRead, n: NetUid) -> Result<u64, StorageError> {
    Ok(m.get(s, &n)?.unwrap_or(0))
}

fn put(m: &StorageMap<NetUid, u64>, st: &mut Overlay<'_>, n: NetUid, v: u64) {
    m.insert(st, &n, &v);
}

/// The pool's TAO reserve.
pub fn subnet_tao(s: &dyn StorageRead, n: NetUid) -> Result<u64, StorageError> {
    get(&SUBNET_TAO, s, n)
}

/// The pool's alpha reserve.
pub fn subnet_alpha_in(s: &dyn StorageRead, n: NetUid) -> Result<u64, StorageError> {
    get(&SUBNET_ALPHA_IN, s, n)
}

/// Alpha outstanding.
pub fn subnet_alpha_out(s: &dyn StorageRead, n: NetUid) -> Result<u64, StorageError> {
    get(&SUBNET_ALPHA_OUT, s, n)
}

/// Alpha bought by the protocol.
pub fn subnet_protocol_alpha(s: &dyn StorageRead, n: NetUid) -> Result<u64, StorageError> {
    get(&SUBNET_PROTOCOL_ALPHA, s, n)
}

/// `TotalStake`.
pub fn total_stake(s: &dyn StorageRead) -> Result<u64, StorageError> {
    Ok(TOTAL_STAKE.get(s)?.unwrap_or(0))
}

/// The fee rate of a subnet's pool.
pub fn fee_rate(s: &dyn StorageRead, n: NetUid) -> Result<u16, StorageError> {
    Ok(FEE_RATE.get(s, &n)?.unwrap_or(DEFAULT_FEE_RATE))
}

/// The stored weights (default 0.5/0.5).
pub fn balancer(s: &dyn StorageRead, n: NetUid) -> Result<Balancer, StorageError> {
    Ok(SWAP_BALANCER.get(s, &n)?.unwrap_or_default())
}

/// Adds `d` to `SubnetTAO` (saturating).
pub fn add_tao(st: &mut Overlay<'_>, n: NetUid, d: u64) -> Result<(), StorageError> {
    let v = subnet_tao(st, n)?.saturating_add(d);
    put(&SUBNET_TAO, st, n, v);
    Ok(())
}

/// Subtracts `d` from `SubnetTAO` (saturating).
pub fn sub_tao(st: &mut Overlay<'_>, n: NetUid, d: u64) -> Result<(), StorageError> {
    let v = subnet_tao(st, n)?.saturating_sub(d);
    put(&SUBNET_TAO, st, n, v);
    Ok(())
}

/// Adds `d` to `SubnetAlphaIn` (saturating).
pub fn add_alpha_in(st: &mut Overlay<'_>, n: NetUid, d: u64) -> Result<(), StorageError> {
    let v = subnet_alpha_in(st, n)?.saturating_add(d);
    put(&SUBNET_ALPHA_IN, st, n, v);
    Ok(())
}

/// Subtracts `d` from `SubnetAlphaIn` (saturating).
pub fn sub_alpha_in(st: &mut Overlay<'_>, n: NetUid, d: u64) -> Result<(), StorageError> {
    let v = subnet_alpha_in(st, n)?.saturating_sub(d);
    put(&SUBNET_ALPHA_IN, st, n, v);
    Ok(())
}

/// Adds `d` to `SubnetAlphaOut` (saturating).
pub fn add_alpha_out(st: &mut Overlay<'_>, n: NetUid, d: u64) -> Result<(), StorageError> {
    let v = subnet_alpha_out(st, n)?.saturating_add(d);
    put(&SUBNET_ALPHA_OUT, st, n, v);
    Ok(())
}

/// Subtracts `d` from `SubnetAlphaOut` (saturating).
pub fn sub_alpha_out(st: &mut Overlay<'_>, n: NetUid, d: u64) -> Result<(), StorageError> {
    let v = subnet_alpha_out(st, n)?.saturating_sub(d);
    put(&SUBNET_ALPHA_OUT, st, n, v);
    Ok(())
}

/// Adds `d` to `SubnetProtocolAlpha` (saturating).
pub fn add_protocol_alpha(st: &mut Overlay<'_>, n: NetUid, d: u64) -> Result<(), StorageError> {
    let v = subnet_protocol_alpha(st, n)?.saturating_add(d);
    put(&SUBNET_PROTOCOL_ALPHA, st, n, v);
    Ok(())
}

/// `TotalStake += d` (saturating).
pub fn add_total_stake(st: &mut Overlay<'_>, d: u64) -> Result<(), StorageError> {
    let v = total_stake(st)?.saturating_add(d);
    TOTAL_STAKE.put(st, &v);
    Ok(())
}

/// `TotalStake −= d` (saturating).
pub fn sub_total_stake(st: &mut Overlay<'_>, d: u64) -> Result<(), StorageError> {
    let v = total_stake(st)?.saturating_sub(d);
    TOTAL_STAKE.put(st, &v);
    Ok(())
}
