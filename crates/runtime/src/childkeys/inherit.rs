//! Inherited stake (`get_inherited_for_hotkey_on_subnet`,
//! `get_tao_inherited_for_hotkey_on_subnet`): the stake a hotkey validates with on a subnet
//! after lending to its children and borrowing from its parents, one level deep:
//!
//! ```text
//! inherited = own − Σ_children own × p/(2^64−1) + Σ_parents parent_own × p/(2^64−1)
//! ```
//!
//! in U96F32 (each fraction `p safe_div (2^64−1)` truncated to 32 fractional bits, each
//! product truncated, subtraction saturating at 0), floored to u64 at the end. "own" is the
//! hotkey's `TotalHotkeyAlpha` on the subnet for the alpha part and on root for the TAO part;
//! on root itself the alpha part is the own stake unchanged.
//!
//! The own-stake and price reads go through [`own_alpha`] and [`alpha_price`], the only two
//! places that know where stake lives.

use super::Link;
use crate::{
    hyperparams::items::TAO_WEIGHT,
    stake,
    storage::{StorageError, StorageRead},
    subnets, swap,
};
use yuma_epoch::math::fixed::{SafeDiv, I64F64, U64F64, U96F32};
use yuma_primitives::{AccountId, NetUid};

/// A hotkey's own alpha on a subnet (`TotalHotkeyAlpha`, `get_stake_for_hotkey_on_subnet`).
pub fn own_alpha(
    s: &dyn StorageRead,
    hotkey: &AccountId,
    netuid: NetUid,
) -> Result<u64, StorageError> {
    stake::hotkey_alpha(s, hotkey, netuid)
}

/// A hotkey's own root stake (TAO).
pub fn own_root_stake(s: &dyn StorageRead, hotkey: &AccountId) -> Result<u64, StorageError> {
    own_alpha(s, hotkey, NetUid::ROOT)
}

/// The subnet's current alpha price in TAO (`current_alpha_price`, 1 on stable subnets).
fn alpha_price(s: &dyn StorageRead, netuid: NetUid) -> Result<U64F64, StorageError> {
    swap::spot_price(s, netuid)
}

/// `p / (2^64 − 1)` in U96F32.
fn fraction(p: u64) -> U96F32 {
    U96F32::saturating_from_num(p).safe_div(U96F32::saturating_from_num(u64::MAX))
}

/// The inheritance formula over already-read stakes: `own` lent to `children`, plus each
/// `(parent_own, proportion)` borrowed.
pub fn inherit(own: u64, children: &[Link], parents: &[(u64, u64)]) -> u64 {
    let own = U96F32::saturating_from_num(own);
    let to_children = children.iter().fold(U96F32::from_num(0), |acc, (p, _)| {
        acc.saturating_add(own.saturating_mul(fraction(*p)))
    });
    let from_parents = parents.iter().fold(U96F32::from_num(0), |acc, (stake, p)| {
        acc.saturating_add(U96F32::saturating_from_num(*stake).saturating_mul(fraction(*p)))
    });
    own.saturating_sub(to_children)
        .saturating_add(from_parents)
        .saturating_to_num::<u64>()
}

/// Inherited stake of `hotkey` over already-read `children` and `parents` links on `netuid`,
/// with own stakes (its and its parents') read on `stake_netuid`.
fn inherited_over(
    s: &dyn StorageRead,
    hotkey: &AccountId,
    children: &[Link],
    parents: &[Link],
    stake_netuid: NetUid,
) -> Result<u64, StorageError> {
    let own = own_alpha(s, hotkey, stake_netuid)?;
    let parents = parents
        .iter()
        .map(|(p, parent)| Ok((own_alpha(s, parent, stake_netuid)?, *p)))
        .collect::<Result<Vec<_>, StorageError>>()?;
    Ok(inherit(own, children, &parents))
}

/// Inherited stake of `hotkey` on `netuid`, with parents' own stakes read on `stake_netuid`.
fn inherited(
    s: &dyn StorageRead,
    hotkey: &AccountId,
    netuid: NetUid,
    stake_netuid: NetUid,
) -> Result<u64, StorageError> {
    let children = super::children(s, hotkey, netuid)?;
    let parents = super::parents(s, hotkey, netuid)?;
    inherited_over(s, hotkey, &children, &parents, stake_netuid)
}

/// `(inherited_alpha, inherited_tao)` of `hotkey` on `netuid`, reading its child and parent
/// links once (the epoch adapter's per-uid input).
pub fn inherited_stakes(
    s: &dyn StorageRead,
    hotkey: &AccountId,
    netuid: NetUid,
) -> Result<(u64, u64), StorageError> {
    if netuid == NetUid::ROOT {
        return Ok((
            own_alpha(s, hotkey, netuid)?,
            inherited_tao(s, hotkey, netuid)?,
        ));
    }
    let children = super::children(s, hotkey, netuid)?;
    let parents = super::parents(s, hotkey, netuid)?;
    Ok((
        inherited_over(s, hotkey, &children, &parents, netuid)?,
        inherited_over(s, hotkey, &children, &parents, NetUid::ROOT)?,
    ))
}

/// The alpha `hotkey` validates with on `netuid` (its own on root).
pub fn inherited_alpha(
    s: &dyn StorageRead,
    hotkey: &AccountId,
    netuid: NetUid,
) -> Result<u64, StorageError> {
    if netuid == NetUid::ROOT {
        return own_alpha(s, hotkey, netuid);
    }
    inherited(s, hotkey, netuid, netuid)
}

/// The root TAO `hotkey` validates with on `netuid`, lent and borrowed through the subnet's
/// child keys.
pub fn inherited_tao(
    s: &dyn StorageRead,
    hotkey: &AccountId,
    netuid: NetUid,
) -> Result<u64, StorageError> {
    inherited(s, hotkey, netuid, NetUid::ROOT)
}

/// `get_total_stake_for_hotkey`: the TAO value of a hotkey's own stake on every subnet, root
/// included, `Σ alpha × price` in U64F64, floored.
pub fn total_stake_for_hotkey(
    s: &dyn StorageRead,
    hotkey: &AccountId,
) -> Result<u64, StorageError> {
    let mut total = U64F64::from_num(0);
    for netuid in subnets::all(s)? {
        let alpha = U64F64::saturating_from_num(own_alpha(s, hotkey, netuid)?);
        total = total.saturating_add(alpha.saturating_mul(alpha_price(s, netuid)?));
    }
    Ok(total.saturating_to_num::<u64>())
}

/// `get_stake_weights_for_hotkey_on_subnet`'s total: inherited alpha plus inherited root TAO
/// times `TaoWeight` (`U96F32(TaoWeight) safe_div U96F32(2^64−1)`, then I64F64), the stake
/// the weights' stake threshold and the epoch (spec-epoch §4.3) use.
pub fn stake_weight(
    s: &dyn StorageRead,
    hotkey: &AccountId,
    netuid: NetUid,
) -> Result<I64F64, StorageError> {
    let tw = U96F32::saturating_from_num(TAO_WEIGHT.get(s)?)
        .safe_div(U96F32::saturating_from_num(u64::MAX));
    let tw = I64F64::saturating_from_num(tw);
    let alpha = I64F64::saturating_from_num(inherited_alpha(s, hotkey, netuid)?);
    let tao = I64F64::saturating_from_num(inherited_tao(s, hotkey, netuid)?);
    Ok(alpha.saturating_add(tao.saturating_mul(tw)))
}
