//! Validation with subtensor's error precedence (spec-staking-swap §2.7) and the max-amount
//! helpers of the limit orders (§2.6).

use super::{pool, primitives::DEFAULT_MIN_STAKE};
use crate::{
    balances,
    dispatch::DispatchError,
    hyperparams::items::{SUBTOKEN_ENABLED, TRANSFER_TOGGLE},
    storage::StorageRead,
    subnets,
    subtensor::{ownership, storage::SUBNET_MECHANISM, Error},
    swap::{
        self,
        balancer::{fx, safe_div},
        engine::{self, limit_from_rao, Order},
        storage::{subnet_alpha_in, subnet_tao},
    },
};
use substrate_fixed::types::U64F64;
use yuma_primitives::{AccountId, NetUid};

const RAO: u64 = 1_000_000_000;

fn stable(s: &dyn StorageRead, n: NetUid) -> Result<bool, DispatchError> {
    Ok(n == NetUid::ROOT || SUBNET_MECHANISM.get(s, &n)?.unwrap_or(0) == 0)
}

fn dynamic(s: &dyn StorageRead, n: NetUid) -> Result<bool, DispatchError> {
    Ok(SUBNET_MECHANISM.get(s, &n)?.unwrap_or(0) == 1)
}

/// `SubtokenEnabled[n]` else `SubtokenDisabled` (root is always enabled).
pub fn ensure_subtoken_enabled(s: &dyn StorageRead, n: NetUid) -> Result<(), DispatchError> {
    if n == NetUid::ROOT || SUBTOKEN_ENABLED.get(s, n)? {
        Ok(())
    } else {
        Err(Error::SubtokenDisabled.into())
    }
}

fn ensure_exists(s: &dyn StorageRead, n: NetUid) -> Result<(), DispatchError> {
    if subnets::exists(s, n)? {
        Ok(())
    } else {
        Err(Error::SubnetNotExists.into())
    }
}

fn ensure_hotkey(s: &dyn StorageRead, h: &AccountId) -> Result<(), DispatchError> {
    if ownership::owner(s, h)?.is_some() {
        Ok(())
    } else {
        Err(Error::HotKeyAccountNotExists.into())
    }
}

/// `validate_add_stake` (§2.7).
pub fn validate_add_stake(
    s: &dyn StorageRead,
    coldkey: &AccountId,
    hotkey: &AccountId,
    n: NetUid,
    amount: u64,
    max: u64,
    allow_partial: bool,
) -> Result<(), DispatchError> {
    ensure_exists(s, n)?;
    ensure_subtoken_enabled(s, n)?;
    let min_fee = match swap::sim_swap(s, n, Order::Buy, DEFAULT_MIN_STAKE) {
        Ok(r) => r.fee_paid,
        Err(_) => engine::fee_amount(s, n, DEFAULT_MIN_STAKE, false)?,
    };
    if amount < DEFAULT_MIN_STAKE.saturating_add(min_fee) {
        return Err(Error::AmountTooLow.into());
    }
    let amount = if allow_partial {
        amount.min(max)
    } else if amount > max {
        return Err(Error::SlippageTooHigh.into());
    } else {
        amount
    };
    if amount > balances::free(s, coldkey)? {
        return Err(Error::NotEnoughBalanceToStake.into());
    }
    ensure_hotkey(s, hotkey)?;
    let r = swap::sim_swap(s, n, Order::Buy, amount).map_err(|_| Error::InsufficientLiquidity)?;
    if r.paid_in < DEFAULT_MIN_STAKE {
        return Err(Error::AmountTooLow.into());
    }
    if r.paid_out == 0 || !pool::can_add(s, hotkey, n, r.paid_out)? {
        return Err(Error::InsufficientLiquidity.into());
    }
    Ok(())
}

/// `validate_remove_stake` (§2.7). Conviction locks are not modelled, so `StakeUnavailable`
/// never arises.
pub fn validate_remove_stake(
    s: &dyn StorageRead,
    coldkey: &AccountId,
    hotkey: &AccountId,
    n: NetUid,
    alpha: u64,
    max: u64,
    allow_partial: bool,
) -> Result<(), DispatchError> {
    ensure_exists(s, n)?;
    if alpha == 0 {
        return Err(Error::AmountTooLow.into());
    }
    let stake = pool::alpha_stake(s, hotkey, coldkey, n)?;
    let Some(remaining) = stake.checked_sub(alpha) else {
        return Err(Error::NotEnoughStakeToWithdraw.into());
    };
    let r = swap::sim_swap(s, n, Order::Sell, alpha).map_err(|_| Error::InsufficientLiquidity)?;
    if remaining != 0 && r.paid_out < DEFAULT_MIN_STAKE {
        return Err(Error::AmountTooLow.into());
    }
    if !allow_partial && alpha > max {
        return Err(Error::SlippageTooHigh.into());
    }
    ensure_hotkey(s, hotkey)
}

/// The four parties and two subnets of a move, transfer or swap of stake.
#[derive(Clone, Copy, Debug)]
pub struct Transition<'a> {
    /// Origin coldkey (the signer).
    pub oc: &'a AccountId,
    /// Destination coldkey.
    pub dc: &'a AccountId,
    /// Origin hotkey.
    pub oh: &'a AccountId,
    /// Destination hotkey.
    pub dh: &'a AccountId,
    /// Origin subnet.
    pub on: NetUid,
    /// Destination subnet.
    pub dn: NetUid,
}

/// `validate_stake_transition` (§2.7).
pub fn validate_stake_transition(
    s: &dyn StorageRead,
    t: &Transition<'_>,
    alpha: u64,
    max: u64,
    allow_partial: Option<bool>,
    check_toggle: bool,
) -> Result<(), DispatchError> {
    if t.oc == t.dc && t.oh == t.dh && t.on == t.dn {
        return Err(Error::SameNetuid.into());
    }
    ensure_exists(s, t.on)?;
    ensure_exists(s, t.dn)?;
    ensure_subtoken_enabled(s, t.on)?;
    ensure_subtoken_enabled(s, t.dn)?;
    ensure_hotkey(s, t.oh)?;
    ensure_hotkey(s, t.dh)?;
    if alpha > pool::alpha_stake(s, t.oh, t.oc, t.on)? {
        return Err(Error::NotEnoughStakeToWithdraw.into());
    }
    if t.on != t.dn {
        let r = swap::sim_swap(s, t.on, Order::Sell, alpha)
            .map_err(|_| Error::InsufficientLiquidity)?;
        if r.paid_out <= DEFAULT_MIN_STAKE {
            return Err(Error::AmountTooLow.into());
        }
        if allow_partial == Some(false) && alpha > max {
            return Err(Error::SlippageTooHigh.into());
        }
    }
    if check_toggle
        && (!TRANSFER_TOGGLE.get(s, t.on)? || (t.on != t.dn && !TRANSFER_TOGGLE.get(s, t.dn)?))
    {
        return Err(Error::TransferDisallowed.into());
    }
    Ok(())
}

/// `get_max_amount_add` (§2.6): the most TAO (gross) a buy can take before the price reaches
/// `limit_rao`.
pub fn max_amount_add(
    s: &dyn StorageRead,
    n: NetUid,
    limit_rao: u64,
) -> Result<u64, DispatchError> {
    if stable(s, n)? {
        return Ok(if limit_rao >= RAO { u64::MAX } else { 0 });
    }
    let input = subnet_tao(s, n)?.saturating_mul(1_000);
    let r = engine::quote(s, n, Order::Buy, input, limit_from_rao(limit_rao), false)?;
    Ok(r.paid_in.saturating_add(r.fee_paid))
}

/// `get_max_amount_remove` (§2.6): the most alpha (gross) a sell can take before the price
/// falls to `limit_rao`.
pub fn max_amount_remove(
    s: &dyn StorageRead,
    n: NetUid,
    limit_rao: u64,
) -> Result<u64, DispatchError> {
    if stable(s, n)? {
        return Ok(if limit_rao <= RAO { u64::MAX } else { 0 });
    }
    let input = subnet_alpha_in(s, n)?.saturating_mul(1_000);
    let r = engine::quote(s, n, Order::Sell, input, limit_from_rao(limit_rao), false)?;
    Ok(r.paid_in.saturating_add(r.fee_paid))
}

/// `get_max_amount_move` (§2.6), `limit_rao` the origin/destination price ratio in rao.
pub fn max_amount_move(
    s: &dyn StorageRead,
    on: NetUid,
    dn: NetUid,
    limit_rao: u64,
) -> Result<u64, DispatchError> {
    let tao = fx(RAO);
    match (stable(s, on)?, stable(s, dn)?) {
        (true, true) => return Ok(if limit_rao > RAO { 0 } else { u64::MAX }),
        (true, false) if dynamic(s, dn)? => {
            if limit_rao == 0 {
                return Ok(u64::MAX);
            }
            let inv = safe_div(tao, fx(limit_rao))
                .saturating_mul(tao)
                .saturating_to_num::<u64>();
            return max_amount_add(s, dn, inv);
        }
        (false, true) if dynamic(s, on)? => return max_amount_remove(s, on, limit_rao),
        _ => {}
    }
    let (t1, t2) = (subnet_tao(s, on)?, subnet_tao(s, dn)?);
    let (a1, a2) = (subnet_alpha_in(s, on)?, subnet_alpha_in(s, dn)?);
    if t1 == 0 || t2 == 0 || a1 == 0 || a2 == 0 {
        return Ok(0);
    }
    let limit = fx(limit_rao)
        .checked_div(tao)
        .unwrap_or(U64F64::from_num(0));
    let current = safe_div(swap::current_price(s, on)?, swap::current_price(s, dn)?);
    if limit > current {
        return Ok(0);
    }
    if limit_rao == 0 {
        return Ok(u64::MAX);
    }
    let sum = fx(t1).saturating_add(fx(t2));
    let r = safe_div(fx(a2).saturating_mul(safe_div(fx(t1), sum)), limit)
        .saturating_sub(fx(a1).saturating_mul(safe_div(fx(t2), sum)))
        .saturating_to_num::<u64>();
    Ok(r)
}
