//! `do_swap` (spec-staking-swap §1.4): what one buy or sell on a dynamic pool pays in and out,
//! fee and limit price included. The engine never writes reserves — the caller applies the
//! deltas (§1.6, [`super::reserves`]); executing a swap only fixes the pool's weights on
//! first use (`PalSwapInitialized`). [`quote`] is the pure dry run behind `sim_swap`.

use super::{
    balancer::{fx, safe_div, Balancer},
    storage::*,
    SwapError,
};
use crate::{
    storage::{Overlay, StorageRead},
    subtensor::storage::SUBNET_MECHANISM,
};
use substrate_fixed::types::U64F64;
use yuma_primitives::NetUid;

/// An input may be at most this many times the input-side reserve.
pub const MAX_SWAP_INPUT_RESERVE_MULTIPLIER: u64 = 1_000;
/// The output-side reserve must hold at least this much before a swap (`MinimumReserve`).
pub const MINIMUM_RESERVE: u64 = 1_000_000;
/// The lowest limit price, rao per alpha (10^-6 TAO/α): plain sells use it.
pub const MIN_PRICE_RAO: u64 = 1_000;
/// The highest limit price, rao per alpha (10^6 TAO/α): plain buys use it.
pub const MAX_PRICE_RAO: u64 = 1_000_000_000_000_000;

/// Which side is paid in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// `GetAlphaForTao`: pay TAO, receive alpha.
    Buy,
    /// `GetTaoForAlpha`: pay alpha, receive TAO.
    Sell,
}

impl Order {
    /// The default limit of a plain order (max price for buys, min price for sells), rao.
    pub fn default_limit(self) -> u64 {
        match self {
            Self::Buy => MAX_PRICE_RAO,
            Self::Sell => MIN_PRICE_RAO,
        }
    }
}

/// The outcome of a swap, in the input token except `paid_out`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SwapResult {
    /// Net input that enters the reserve (fee excluded).
    pub paid_in: u64,
    /// Output leaving the other reserve.
    pub paid_out: u64,
    /// Fee charged, in the input token.
    pub fee_paid: u64,
    /// The part of the fee due to the block author (the whole fee when anything swapped).
    pub fee_to_block_author: u64,
}

/// A limit price in rao per alpha as `U64F64` TAO per alpha (truncating division).
pub fn limit_from_rao(rao: u64) -> U64F64 {
    safe_div(fx(rao), fx(1_000_000_000))
}

/// The spot price (§1.2): the balancer price on dynamic subnets, 0 with an empty alpha
/// reserve, exactly 1 elsewhere (root, stable).
pub fn current_price(
    s: &dyn StorageRead,
    n: NetUid,
) -> Result<U64F64, crate::storage::StorageError> {
    if SUBNET_MECHANISM.get(s, &n)?.unwrap_or(0) != 1 {
        return Ok(U64F64::from_num(1));
    }
    let x = subnet_alpha_in(s, n)?;
    if x == 0 {
        return Ok(U64F64::from_num(0));
    }
    Ok(balancer(s, n)?.price(x, subnet_tao(s, n)?))
}

/// The fee on `amount`: `floor(amount · rate/65535)`, 0 with `drop_fees` or off dynamic pools.
pub fn fee_amount(
    s: &dyn StorageRead,
    n: NetUid,
    amount: u64,
    drop_fees: bool,
) -> Result<u64, SwapError> {
    if drop_fees || SUBNET_MECHANISM.get(s, &n)?.unwrap_or(0) != 1 {
        return Ok(0);
    }
    let rate = safe_div(fx(u64::from(fee_rate(s, n)?)), fx(u64::from(u16::MAX)));
    Ok(fx(amount).saturating_mul(rate).saturating_to_num::<u64>())
}

/// Reserves and weights a swap sees.
struct Pool {
    x: u64,
    y: u64,
    b: Balancer,
}

impl Pool {
    fn out(&self, order: Order, d: u64) -> u64 {
        match order {
            Order::Buy => self.b.alpha_out_for_tao(self.x, self.y, d),
            Order::Sell => self.b.tao_out_for_alpha(self.x, self.y, d),
        }
    }

    fn price_after(&self, order: Order, d: u64) -> U64F64 {
        let out = self.out(order, d);
        match order {
            Order::Buy => self
                .b
                .price(self.x.saturating_sub(out), self.y.saturating_add(d)),
            Order::Sell => self
                .b
                .price(self.x.saturating_add(d), self.y.saturating_sub(out)),
        }
    }
}

/// Computes a swap of `amount` (gross) at `limit` without writing anything (§1.4 steps 1–7;
/// the liquidity check of step 7 is applied too since it only compares numbers).
pub fn quote(
    s: &dyn StorageRead,
    n: NetUid,
    order: Order,
    amount: u64,
    limit: U64F64,
    drop_fees: bool,
) -> Result<SwapResult, SwapError> {
    let (reserve_in, reserve_out) = match order {
        Order::Buy => (subnet_tao(s, n)?, subnet_alpha_in(s, n)?),
        Order::Sell => (subnet_alpha_in(s, n)?, subnet_tao(s, n)?),
    };
    // 1. input size.
    let fee0 = fee_amount(s, n, amount, drop_fees)?;
    let net = amount.saturating_sub(fee0);
    if net > reserve_in.saturating_mul(MAX_SWAP_INPUT_RESERVE_MULTIPLIER) {
        return Err(SwapError::SwapInputTooLarge);
    }
    // 2. output reserve.
    if reserve_out < MINIMUM_RESERVE {
        return Err(SwapError::ReservesTooLow);
    }
    // 3. weights: a pool not yet initialised starts at 0.5/0.5.
    let b = if PAL_SWAP_INITIALIZED.get(s, &n)?.unwrap_or(false) {
        balancer(s, n)?
    } else {
        Balancer::default()
    };
    let pool = Pool {
        x: subnet_alpha_in(s, n)?,
        y: subnet_tao(s, n)?,
        b,
    };
    // 4. the limit must be strictly better than the current price.
    let p = if pool.x == 0 {
        U64F64::from_num(0)
    } else {
        pool.b.price(pool.x, pool.y)
    };
    let ok = match order {
        Order::Buy => p < limit,
        Order::Sell => p > limit,
    };
    if !ok {
        return Err(SwapError::PriceLimitExceeded);
    }
    // 5. full fill if the price after swapping `net` stays within the limit.
    let target = pool.price_after(order, net);
    let full = match order {
        Order::Buy => target <= limit,
        Order::Sell => target >= limit,
    };
    let (delta_in, fee) = if full {
        (net, fee0)
    } else {
        let d = match order {
            Order::Buy => pool.b.quote_delta_in(p, limit, pool.y),
            Order::Sell => pool.b.base_delta_in(p, limit, pool.x),
        };
        let rate = if drop_fees {
            fx(0)
        } else {
            fx(u64::from(fee_rate(s, n)?))
        };
        let f = fx(d)
            .saturating_mul(safe_div(rate, fx(u64::from(u16::MAX)).saturating_sub(rate)))
            .saturating_to_num::<u64>();
        (d, f)
    };
    // 6. output.
    let delta_out = pool.out(order, delta_in);
    let mut to_author = 0;
    if delta_in > 0 {
        if delta_out == 0 {
            return Err(SwapError::ReservesTooLow);
        }
        to_author = fee;
    }
    // 7. the pool cannot pay more than it holds.
    if reserve_out < delta_out {
        return Err(SwapError::InsufficientLiquidity);
    }
    Ok(SwapResult {
        paid_in: delta_in,
        paid_out: delta_out,
        fee_paid: fee,
        fee_to_block_author: to_author,
    })
}

/// Executes the engine part of a swap: [`quote`], then marks the pool initialised (fixing
/// w2 = 0.5 if it was not). Reserves are the caller's to update.
pub fn do_swap(
    st: &mut Overlay<'_>,
    n: NetUid,
    order: Order,
    amount: u64,
    limit: U64F64,
    drop_fees: bool,
) -> Result<SwapResult, SwapError> {
    let r = quote(st, n, order, amount, limit, drop_fees)?;
    if !PAL_SWAP_INITIALIZED.get(st, &n)?.unwrap_or(false) {
        SWAP_BALANCER.insert(st, &n, &Balancer::default());
        PAL_SWAP_INITIALIZED.insert(st, &n, &true);
    }
    Ok(r)
}

/// `sim_swap` (§1.4): a plain swap's outcome with fees at the default limit; 1:1 without fee
/// off dynamic pools, and zero amounts for a subnet that does not exist.
pub fn sim_swap(
    s: &dyn StorageRead,
    n: NetUid,
    order: Order,
    amount: u64,
) -> Result<SwapResult, SwapError> {
    if SUBNET_MECHANISM.get(s, &n)?.unwrap_or(0) == 1 {
        return quote(
            s,
            n,
            order,
            amount,
            limit_from_rao(order.default_limit()),
            false,
        );
    }
    let amt = if crate::subnets::exists(s, n)? {
        amount
    } else {
        0
    };
    Ok(SwapResult {
        paid_in: amt,
        paid_out: amt,
        fee_paid: 0,
        fee_to_block_author: 0,
    })
}
