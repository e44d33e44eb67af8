//! Prices the coinbase reads: the spot price, the moving price (EMA, §5.3) and its update,
//! the root proportion (§10.2) and the root-sell flag (§7.3).

use super::storage::SUBNET_MOVING_ALPHA;
use crate::{
    hyperparams::items::{EMA_PRICE_HALVING_BLOCKS, TAO_WEIGHT},
    storage::{Overlay, StorageError, StorageRead},
    subtensor::storage::{FIRST_EMISSION_BLOCK_NUMBER, SUBNET_MECHANISM, SUBNET_MOVING_PRICE},
    swap::{self, storage as pool},
};
use substrate_fixed::types::{I96F32, U64F64, U96F32};
use yuma_primitives::NetUid;

/// The pool's spot price (1 on root and stable subnets).
pub fn spot_price(s: &dyn StorageRead, n: NetUid) -> Result<U64F64, StorageError> {
    swap::spot_price(s, n)
}

/// `get_moving_alpha_price`: 1 for root and stable (mechanism 0) subnets, else
/// `SubnetMovingPrice`.
pub fn moving_alpha_price(s: &dyn StorageRead, n: NetUid) -> Result<U64F64, StorageError> {
    if n == NetUid::ROOT || SUBNET_MECHANISM.get(s, &n)?.unwrap_or(0) == 0 {
        return Ok(U64F64::saturating_from_num(1));
    }
    let m = I96F32::from_bits(SUBNET_MOVING_PRICE.get(s, &n)?.unwrap_or(0));
    Ok(U64F64::saturating_from_num(m))
}

/// `update_moving_price` (§5.3) at block `now`: α = SubnetMovingAlpha × b / (b + h) with
/// b = blocks since `start_call` and h = `EMAPriceHalvingBlocks`; the spot price enters
/// clipped at 1; new = α·min(p, 1) + (1 − α)·old, stored as I96F32.
pub fn update_moving_price(st: &mut Overlay<'_>, n: NetUid, now: u64) -> Result<(), StorageError> {
    let start = FIRST_EMISSION_BLOCK_NUMBER
        .get(st, &n)?
        .unwrap_or(0)
        .saturating_sub(1);
    let b = U64F64::saturating_from_num(now.saturating_sub(start));
    let h = U64F64::saturating_from_num(EMA_PRICE_HALVING_BLOCKS.get(st, n)?);
    let base = U64F64::saturating_from_num(I96F32::from_bits(SUBNET_MOVING_ALPHA.get(st)?));
    let ramp = b
        .checked_div(b.saturating_add(h))
        .unwrap_or(U64F64::from_bits(0));
    let alpha = base.saturating_mul(ramp);
    let one = U64F64::saturating_from_num(1);
    let price = spot_price(st, n)?.min(one);
    let new = alpha.saturating_mul(price).saturating_add(
        one.saturating_sub(alpha)
            .saturating_mul(moving_alpha_price(st, n)?),
    );
    SUBNET_MOVING_PRICE.insert(st, &n, &I96F32::saturating_from_num(new).to_bits());
    Ok(())
}

/// `SubnetAlphaIn + SubnetAlphaOut`: the subnet's alpha issuance (§6.1).
pub fn alpha_issuance(s: &dyn StorageRead, n: NetUid) -> Result<u64, StorageError> {
    Ok(pool::subnet_alpha_in(s, n)?.saturating_add(pool::subnet_alpha_out(s, n)?))
}

/// `root_proportion` (§10.2): w·R / (w·R + alpha issuance) with R = root's TAO and
/// w = TaoWeight / u64::MAX (U96F32; 0 if the denominator is 0).
pub fn root_proportion(s: &dyn StorageRead, n: NetUid) -> Result<U96F32, StorageError> {
    Ok(root_proportion_of(
        weighted_root_tao(s)?,
        alpha_issuance(s, n)?,
    ))
}

/// The w·R of [`root_proportion`]. The coinbase never changes root's TAO or `TaoWeight`, so
/// it reads this once per block and hands it to [`root_proportion_of`] for every subnet.
pub fn weighted_root_tao(s: &dyn StorageRead) -> Result<U96F32, StorageError> {
    let w = U96F32::saturating_from_num(TAO_WEIGHT.get(s)?)
        .checked_div(U96F32::saturating_from_num(u64::MAX))
        .unwrap_or(U96F32::from_bits(0));
    Ok(U96F32::saturating_from_num(pool::subnet_tao(s, NetUid::ROOT)?).saturating_mul(w))
}

/// [`root_proportion`] from `root` = [`weighted_root_tao`] and the subnet's alpha issuance.
pub fn root_proportion_of(root: U96F32, alpha_issuance: u64) -> U96F32 {
    let alpha = U96F32::saturating_from_num(alpha_issuance);
    root.checked_div(root.saturating_add(alpha))
        .unwrap_or(U96F32::from_bits(0))
}

/// `get_network_root_sell_flag` (§7.3): whether Σ moving prices of `to_emit` exceeds 1.
pub fn root_sell_flag(s: &dyn StorageRead, to_emit: &[NetUid]) -> Result<bool, StorageError> {
    let mut total = U64F64::from_bits(0);
    for &n in to_emit {
        total = total.saturating_add(moving_alpha_price(s, n)?);
    }
    Ok(total > U64F64::saturating_from_num(1))
}
