//! The stake and pool state that subnets, neurons and weights read and write, under the
//! storage names and types of spec-staking-swap §1–§3 (`SubnetTAO`, `SubnetAlphaIn`,
//! `SubnetAlphaOut`, `TotalStake`, `TotalHotkeyAlpha`, `Alpha`, `TotalHotkeyShares`).
//!
//! Issue 6 (staking and the AMM) owns the full staking logic and replaces this module: here
//! are only what spec-subnets needs — the pool seeding of `register_network` (§2.3.3 step 18),
//! the buy-and-burn of `burned_register` (§3.2 step 8) as a fee-free constant-product buy
//! (the balancer with its default weights 0.5/0.5, spec-staking-swap §1.3, without the
//! 33/65535 swap fee), the spot price (§1.2) and a hotkey's alpha stake.

use crate::{
    storage::{
        Overlay, StorageDoubleMap, StorageError, StorageMap, StorageNMap, StorageRead, StorageValue,
    },
    subtensor::storage::{PALLET, SUBNET_MECHANISM},
};
use yuma_primitives::{hashing::StorageHasher, AccountId, NetUid};

const B2: StorageHasher = StorageHasher::Blake2_128Concat;
const ID: StorageHasher = StorageHasher::Identity;

/// `SubnetTAO`: the pool's TAO reserve.
pub const SUBNET_TAO: StorageMap<NetUid, u64> = StorageMap::new(PALLET, "SubnetTAO", ID);
/// `SubnetAlphaIn`: the pool's alpha reserve.
pub const SUBNET_ALPHA_IN: StorageMap<NetUid, u64> = StorageMap::new(PALLET, "SubnetAlphaIn", ID);
/// `SubnetAlphaOut`: alpha outstanding.
pub const SUBNET_ALPHA_OUT: StorageMap<NetUid, u64> = StorageMap::new(PALLET, "SubnetAlphaOut", ID);
/// `TotalStake`: TAO in all pools.
pub const TOTAL_STAKE: StorageValue<u64> = StorageValue::new(PALLET, "TotalStake");
/// `TotalHotkeyAlpha`: (hotkey, netuid) → alpha.
pub const TOTAL_HOTKEY_ALPHA: StorageDoubleMap<AccountId, NetUid, u64> =
    StorageDoubleMap::new(PALLET, "TotalHotkeyAlpha", B2, ID);
/// `TotalHotkeyShares`: (hotkey, netuid) → shares (U64F64 raw bits).
pub const TOTAL_HOTKEY_SHARES: StorageDoubleMap<AccountId, NetUid, u128> =
    StorageDoubleMap::new(PALLET, "TotalHotkeyShares", B2, ID);
/// `Alpha`: (hotkey, coldkey, netuid) → shares (U64F64 raw bits).
pub const ALPHA: StorageNMap<(AccountId, AccountId, NetUid), u128> =
    StorageNMap::new(PALLET, "Alpha", &[B2, B2, ID]);

fn get(m: &StorageMap<NetUid, u64>, s: &dyn StorageRead, n: NetUid) -> Result<u64, StorageError> {
    Ok(m.get(s, &n)?.unwrap_or(0))
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

/// `TotalStake`.
pub fn total_stake(s: &dyn StorageRead) -> Result<u64, StorageError> {
    Ok(TOTAL_STAKE.get(s)?.unwrap_or(0))
}

/// The spot price as U64F64 raw bits: `SubnetTAO / SubnetAlphaIn` (truncating) on dynamic
/// subnets, 0 when the alpha reserve is empty, exactly 1 on the root (stable) subnet.
pub fn price_bits(s: &dyn StorageRead, n: NetUid) -> Result<u128, StorageError> {
    if SUBNET_MECHANISM.get(s, &n)?.unwrap_or(0) != 1 {
        return Ok(1u128 << 64);
    }
    let x = subnet_alpha_in(s, n)?;
    if x == 0 {
        return Ok(0);
    }
    let y = subnet_tao(s, n)?;
    Ok((u128::from(y) << 64) / u128::from(x))
}

/// A hotkey's alpha stake on a subnet.
pub fn hotkey_alpha(
    s: &dyn StorageRead,
    hotkey: &AccountId,
    n: NetUid,
) -> Result<u64, StorageError> {
    Ok(TOTAL_HOTKEY_ALPHA.get(s, hotkey, &n)?.unwrap_or(0))
}

/// Seeds a new subnet's pool (spec-subnets §2.3.3 step 18).
pub fn seed_pool(
    st: &mut Overlay<'_>,
    n: NetUid,
    tao: u64,
    alpha: u64,
) -> Result<(), StorageError> {
    SUBNET_TAO.insert(st, &n, &tao);
    SUBNET_ALPHA_IN.insert(st, &n, &alpha);
    SUBNET_ALPHA_OUT.insert(st, &n, &0);
    let total = total_stake(st)?.saturating_add(tao);
    TOTAL_STAKE.put(st, &total);
    Ok(())
}

/// Buys alpha with `tao` and burns it (spec-subnets §3.2 step 8): `SubnetTAO += tao`,
/// `SubnetAlphaIn −= out` with `out = floor(x·tao / (y + tao))`, `SubnetAlphaOut` unchanged
/// (raised by the buy, lowered by the burn), `TotalStake += tao`. Returns the alpha burned.
pub fn buy_and_burn(st: &mut Overlay<'_>, n: NetUid, tao: u64) -> Result<u64, StorageError> {
    let x = subnet_alpha_in(st, n)?;
    let y = subnet_tao(st, n)?;
    let denom = u128::from(y) + u128::from(tao);
    let out = (u128::from(x) * u128::from(tao))
        .checked_div(denom)
        .map_or(0, |o| u64::try_from(o).unwrap_or(u64::MAX));
    SUBNET_TAO.insert(st, &n, &y.saturating_add(tao));
    SUBNET_ALPHA_IN.insert(st, &n, &x.saturating_sub(out));
    let total = total_stake(st)?.saturating_add(tao);
    TOTAL_STAKE.put(st, &total);
    Ok(out)
}

/// The coinbase's chain buy (spec-emission §6.3 step 4) until the staking issue's
/// `swap_tao_for_alpha` replaces it: a fee-free buy of alpha with `tao` (constant product on
/// dynamic subnets, 1:1 on stable ones) that keeps the alpha outstanding:
/// `SubnetTAO += tao`, `SubnetAlphaIn −= out`, `SubnetAlphaOut += out`, `TotalStake += tao`,
/// `SubnetVolume += tao`. Returns the alpha bought.
pub fn buy(st: &mut Overlay<'_>, n: NetUid, tao: u64) -> Result<u64, StorageError> {
    let out = if SUBNET_MECHANISM.get(st, &n)?.unwrap_or(0) == 1 {
        buy_and_burn(st, n, tao)?
    } else {
        let x = subnet_alpha_in(st, n)?;
        SUBNET_ALPHA_IN.insert(st, &n, &x.saturating_sub(tao));
        SUBNET_TAO.insert(st, &n, &subnet_tao(st, n)?.saturating_add(tao));
        let total = total_stake(st)?.saturating_add(tao);
        TOTAL_STAKE.put(st, &total);
        tao
    };
    SUBNET_ALPHA_OUT.insert(st, &n, &subnet_alpha_out(st, n)?.saturating_add(out));
    let vol = crate::subtensor::storage::SUBNET_VOLUME.get(st, &n)?.unwrap_or(0);
    crate::subtensor::storage::SUBNET_VOLUME.insert(st, &n, &vol.saturating_add(u128::from(tao)));
    Ok(out)
}

/// Removes a subnet's pool, returning its TAO reserve (dissolution, spec-subnets §2.7).
pub fn destroy_pool(st: &mut Overlay<'_>, n: NetUid) -> Result<u64, StorageError> {
    let pot = subnet_tao(st, n)?;
    SUBNET_TAO.remove(st, &n);
    SUBNET_ALPHA_IN.remove(st, &n);
    SUBNET_ALPHA_OUT.remove(st, &n);
    let total = total_stake(st)?.saturating_sub(pot);
    TOTAL_STAKE.put(st, &total);
    Ok(pot)
}
