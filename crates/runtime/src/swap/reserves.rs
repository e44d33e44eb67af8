//! What subtensor does around the engine: applying a swap's deltas to the reserves (§1.6),
//! seeding a new subnet's pool (§1.8), emission injection (§1.9) and clearing a dissolved
//! pool (§1.10).

use super::{
    engine::{self, limit_from_rao, Order, SwapResult},
    storage::*,
    SwapError,
};
use crate::{
    storage::{Overlay, StorageError},
    subtensor::storage::{SUBNET_MECHANISM, SUBNET_VOLUME},
};
use yuma_primitives::NetUid;

fn is_dynamic(st: &Overlay<'_>, n: NetUid) -> Result<bool, StorageError> {
    Ok(SUBNET_MECHANISM.get(st, &n)?.unwrap_or(0) == 1)
}

fn add_volume(st: &mut Overlay<'_>, n: NetUid, v: u64) -> Result<(), StorageError> {
    let vol = SUBNET_VOLUME
        .get(st, &n)?
        .unwrap_or(0)
        .saturating_add(u128::from(v));
    SUBNET_VOLUME.insert(st, &n, &vol);
    Ok(())
}

/// `swap_tao_for_alpha` (§1.6): buys with `tao` (gross) at `limit_rao`; on stable subnets 1:1.
/// `SubnetTAO` grows by the net input, `TotalStake` and `SubnetVolume` by the gross input.
pub fn swap_tao_for_alpha(
    st: &mut Overlay<'_>,
    n: NetUid,
    tao: u64,
    limit_rao: u64,
    drop_fees: bool,
) -> Result<SwapResult, SwapError> {
    let r = if is_dynamic(st, n)? {
        engine::do_swap(st, n, Order::Buy, tao, limit_from_rao(limit_rao), drop_fees)?
    } else {
        SwapResult {
            paid_in: tao,
            paid_out: tao,
            fee_paid: 0,
            fee_to_block_author: 0,
        }
    };
    sub_alpha_in(st, n, r.paid_out)?;
    add_alpha_out(st, n, r.paid_out)?;
    add_tao(st, n, r.paid_in)?;
    add_total_stake(st, tao)?;
    add_volume(st, n, tao)?;
    Ok(r)
}

/// `swap_alpha_for_tao` (§1.6): sells `alpha` (gross) at `limit_rao`; on stable subnets 1:1.
pub fn swap_alpha_for_tao(
    st: &mut Overlay<'_>,
    n: NetUid,
    alpha: u64,
    limit_rao: u64,
    drop_fees: bool,
) -> Result<SwapResult, SwapError> {
    let r = if is_dynamic(st, n)? {
        engine::do_swap(
            st,
            n,
            Order::Sell,
            alpha,
            limit_from_rao(limit_rao),
            drop_fees,
        )?
    } else {
        SwapResult {
            paid_in: alpha,
            paid_out: alpha,
            fee_paid: 0,
            fee_to_block_author: 0,
        }
    };
    add_alpha_in(st, n, r.paid_in)?;
    sub_alpha_out(st, n, r.paid_in)?;
    sub_tao(st, n, r.paid_out)?;
    sub_total_stake(st, r.paid_out)?;
    add_volume(st, n, r.paid_out)?;
    Ok(r)
}

/// Seeds a new subnet's pool at registration (§1.8): `pool_tao` TAO and `pool_alpha` alpha,
/// nothing outstanding, `TotalStake += pool_tao`. The weights stay unset until the first swap.
pub fn init_pool(
    st: &mut Overlay<'_>,
    n: NetUid,
    pool_tao: u64,
    pool_alpha: u64,
) -> Result<(), StorageError> {
    SUBNET_TAO.insert(st, &n, &pool_tao);
    SUBNET_ALPHA_IN.insert(st, &n, &pool_alpha);
    SUBNET_ALPHA_OUT.insert(st, &n, &0);
    SUBNET_VOLUME.insert(st, &n, &0);
    add_total_stake(st, pool_tao)
}

/// `adjust_protocol_liquidity` (§1.9 step 1): re-weights the pool so adding `tao` and
/// `alpha` to the current (pre-injection) reserves keeps the price, and returns the amounts
/// to inject — `(0, 0)` when the new weight would leave [0.01, 0.99]. Writes only the weights.
pub fn adjust_protocol_liquidity(
    st: &mut Overlay<'_>,
    n: NetUid,
    tao: u64,
    alpha: u64,
) -> Result<(u64, u64), StorageError> {
    let mut b = balancer(st, n)?;
    let (y, x) = (subnet_tao(st, n)?, subnet_alpha_in(st, n)?);
    if b.update_weights_for_added_liquidity(y, x, tao, alpha)
        .is_err()
    {
        return Ok((0, 0));
    }
    SWAP_BALANCER.insert(st, &n, &b);
    Ok((tao, alpha))
}

/// The emission injection hook (§1.9 steps 1, 3, 4): re-weights the pool, then adds the
/// accepted `alpha_in` to `SubnetAlphaIn` and `tao_in` to `SubnetTAO` and `TotalStake`.
/// Returns the injected `(tao, alpha)`. The caller mints the TAO into the subnet account,
/// records the protocol flow ([`crate::stake::flow::record_protocol_flow`]) and recycles
/// what was refused; the chain buy of step 2 is [`swap_tao_for_alpha`] with `drop_fees`.
pub fn inject_reserves(
    st: &mut Overlay<'_>,
    n: NetUid,
    tao_in: u64,
    alpha_in: u64,
) -> Result<(u64, u64), StorageError> {
    let (tao, alpha) = adjust_protocol_liquidity(st, n, tao_in, alpha_in)?;
    add_alpha_in(st, n, alpha)?;
    add_tao(st, n, tao)?;
    add_total_stake(st, tao)?;
    Ok((tao, alpha))
}

/// `clear_protocol_liquidity` (§1.10): zeroes the reserves and forgets the pool's fee rate
/// and weights. Idempotent.
pub fn clear_protocol_liquidity(st: &mut Overlay<'_>, n: NetUid) -> Result<(), StorageError> {
    SUBNET_TAO.remove(st, &n);
    SUBNET_ALPHA_IN.remove(st, &n);
    PAL_SWAP_INITIALIZED.remove(st, &n);
    FEE_RATE.remove(st, &n);
    SWAP_BALANCER.remove(st, &n);
    Ok(())
}
