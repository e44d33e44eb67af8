//! The staking extrinsics (spec-staking-swap §2.5), all signed by the coldkey.

use super::{
    pool,
    primitives::{
        stake_into_subnet, transfer_stake_within_subnet, transfer_tao, unstake_from_subnet,
        DEFAULT_MIN_STAKE,
    },
    validate::*,
    NOMINATOR_MIN_REQUIRED_STAKE,
};
use crate::{
    delegation,
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
    hyperparams::items::SUBTOKEN_ENABLED,
    subnets,
    subtensor::{ownership, storage::SUBNET_MECHANISM, Error, SubtensorEvent},
    swap::{
        self,
        balancer::{fx, safe_div},
        engine::{MAX_PRICE_RAO, MIN_PRICE_RAO},
        storage::{sub_alpha_out, subnet_alpha_in, subnet_alpha_out, subnet_tao},
    },
};
use yuma_primitives::{AccountId, NetUid};

fn dynamic_non_root(ext: &Ext<'_>, n: NetUid) -> Result<bool, DispatchError> {
    Ok(n != NetUid::ROOT && SUBNET_MECHANISM.get(&ext.state, &n)?.unwrap_or(0) == 1)
}

/// Input above 1000 × the TAO reserve is `InsufficientLiquidity` before any swap.
fn ensure_add_within_limit(ext: &Ext<'_>, n: NetUid, amount: u64) -> DispatchResult {
    if dynamic_non_root(ext, n)? && amount > subnet_tao(&ext.state, n)?.saturating_mul(1_000) {
        return Err(Error::InsufficientLiquidity.into());
    }
    Ok(())
}

/// Input above 1000 × the alpha reserve is `InsufficientLiquidity` before any swap.
fn ensure_remove_within_limit(ext: &Ext<'_>, n: NetUid, alpha: u64) -> DispatchResult {
    if dynamic_non_root(ext, n)? && alpha > subnet_alpha_in(&ext.state, n)?.saturating_mul(1_000) {
        return Err(Error::InsufficientLiquidity.into());
    }
    Ok(())
}

/// `add_stake(hotkey, netuid, amount_staked)` — call 2. Returns the alpha bought.
pub fn add_stake(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
    n: NetUid,
    amount: u64,
) -> Result<u64, DispatchError> {
    ensure_add_within_limit(ext, n, amount)?;
    validate_add_stake(&ext.state, coldkey, hotkey, n, amount, amount, false)?;
    stake_into_subnet(ext, hotkey, coldkey, n, amount, MAX_PRICE_RAO, false)
}

/// `add_stake_limit(hotkey, netuid, amount_staked, limit_price, allow_partial)` — call 88.
pub fn add_stake_limit(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
    n: NetUid,
    amount: u64,
    limit_rao: u64,
    allow_partial: bool,
) -> Result<u64, DispatchError> {
    ensure_add_within_limit(ext, n, amount)?;
    let max = max_amount_add(&ext.state, n, limit_rao)?;
    let possible = amount.min(max);
    validate_add_stake(&ext.state, coldkey, hotkey, n, amount, max, allow_partial)?;
    if ownership::owner(&ext.state, hotkey)? != Some(*coldkey) {
        delegation::maybe_become_delegate(&mut ext.state, hotkey)?;
    }
    stake_into_subnet(ext, hotkey, coldkey, n, possible, limit_rao, false)
}

/// `clear_small_nomination_if_required` (§2.10): a nominator (not the hotkey's owner) left
/// with less than the nominator minimum is unstaked entirely.
fn clear_small_nomination(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    coldkey: &AccountId,
    n: NetUid,
) -> DispatchResult {
    if ownership::owner(&ext.state, hotkey)? == Some(*coldkey) {
        return Ok(());
    }
    let stake = pool::alpha_stake(&ext.state, hotkey, coldkey, n)?;
    let factor = NOMINATOR_MIN_REQUIRED_STAKE.get(&ext.state)?.unwrap_or(0);
    let min_tao = DEFAULT_MIN_STAKE.saturating_mul(factor) / 1_000_000;
    let min_alpha =
        safe_div(fx(min_tao), swap::current_price(&ext.state, n)?).saturating_to_num::<u64>();
    if stake > 0 && stake < min_alpha {
        let r = ext.transactional(|ext| {
            unstake_from_subnet(
                ext,
                hotkey,
                coldkey,
                coldkey,
                n,
                stake,
                MIN_PRICE_RAO,
                false,
            )
        });
        if r.is_err() {
            let left = pool::alpha_stake(&ext.state, hotkey, coldkey, n)?;
            pool::decrease_stake_for_hotkey_and_coldkey_on_subnet(
                &mut ext.state,
                hotkey,
                coldkey,
                n,
                left,
            )?;
        }
    }
    Ok(())
}

/// `remove_stake(hotkey, netuid, amount_unstaked)` — call 3; the amount is capped at the stake.
pub fn remove_stake(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
    n: NetUid,
    amount: u64,
) -> DispatchResult {
    ensure_subtoken_enabled(&ext.state, n)?;
    let alpha = amount.min(pool::alpha_stake(&ext.state, hotkey, coldkey, n)?);
    ensure_remove_within_limit(ext, n, alpha)?;
    validate_remove_stake(&ext.state, coldkey, hotkey, n, alpha, alpha, false)?;
    unstake_from_subnet(
        ext,
        hotkey,
        coldkey,
        coldkey,
        n,
        alpha,
        MIN_PRICE_RAO,
        false,
    )?;
    clear_small_nomination(ext, hotkey, coldkey, n)?;
    Ok(crate::childkeys::drop_pending_if_below_threshold(
        &mut ext.state,
        hotkey,
    )?)
}

/// `remove_stake_limit(hotkey, netuid, amount_unstaked, limit_price, allow_partial)` — call 89.
pub fn remove_stake_limit(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
    n: NetUid,
    amount: u64,
    limit_rao: u64,
    allow_partial: bool,
) -> DispatchResult {
    ensure_remove_within_limit(ext, n, amount)?;
    let max = max_amount_remove(&ext.state, n, limit_rao)?;
    let possible = amount.min(max);
    validate_remove_stake(&ext.state, coldkey, hotkey, n, amount, max, allow_partial)?;
    unstake_from_subnet(ext, hotkey, coldkey, coldkey, n, possible, limit_rao, false)?;
    clear_small_nomination(ext, hotkey, coldkey, n)?;
    Ok(crate::childkeys::drop_pending_if_below_threshold(
        &mut ext.state,
        hotkey,
    )?)
}

/// `remove_stake_full_limit(hotkey, netuid, limit_price?)` — call 103.
pub fn remove_stake_full_limit(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
    n: NetUid,
    limit_rao: Option<u64>,
) -> DispatchResult {
    let all = pool::alpha_stake(&ext.state, hotkey, coldkey, n)?;
    match limit_rao {
        Some(l) => remove_stake_limit(ext, coldkey, hotkey, n, all, l, false),
        None => remove_stake(ext, coldkey, hotkey, n, all),
    }
}

/// Unstakes everything `coldkey` holds through `hotkey` on each enabled subnet (root too
/// unless `only_alpha`), skipping positions that would fail validation. Returns the TAO.
fn unstake_everywhere(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
    only_alpha: bool,
) -> Result<u64, DispatchError> {
    if ownership::owner(&ext.state, hotkey)?.is_none() {
        return Err(Error::HotKeyAccountNotExists.into());
    }
    let mut total = 0u64;
    for n in subnets::all(&ext.state)? {
        if only_alpha && n == NetUid::ROOT {
            continue;
        }
        if ensure_subtoken_enabled(&ext.state, n).is_err() {
            continue;
        }
        let a = pool::alpha_stake(&ext.state, hotkey, coldkey, n)?;
        if validate_remove_stake(&ext.state, coldkey, hotkey, n, a, a, false).is_err() {
            continue;
        }
        let tao = unstake_from_subnet(ext, hotkey, coldkey, coldkey, n, a, MIN_PRICE_RAO, false)?;
        total = total.saturating_add(tao);
        clear_small_nomination(ext, hotkey, coldkey, n)?;
    }
    Ok(total)
}

/// `unstake_all(hotkey)` — call 83.
pub fn unstake_all(ext: &mut Ext<'_>, coldkey: &AccountId, hotkey: &AccountId) -> DispatchResult {
    unstake_everywhere(ext, coldkey, hotkey, false).map(|_| ())
}

/// `unstake_all_alpha(hotkey)` — call 84: everything off alpha subnets, restaked on root.
pub fn unstake_all_alpha(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
) -> DispatchResult {
    let total = unstake_everywhere(ext, coldkey, hotkey, true)?;
    stake_into_subnet(
        ext,
        hotkey,
        coldkey,
        NetUid::ROOT,
        total,
        MAX_PRICE_RAO,
        false,
    )
    .map(|_| ())
}

/// The shared logic of move, transfer and swap (§2.5): returns the TAO moved.
fn transition(
    ext: &mut Ext<'_>,
    t: &Transition<'_>,
    alpha: u64,
    limit_rao: Option<u64>,
    allow_partial: Option<bool>,
    check_toggle: bool,
) -> Result<u64, DispatchError> {
    let alpha = alpha.min(pool::alpha_stake(&ext.state, t.oh, t.oc, t.on)?);
    let max = match limit_rao {
        Some(l) if t.on != t.dn => max_amount_move(&ext.state, t.on, t.dn, l)?,
        _ => alpha,
    };
    validate_stake_transition(&ext.state, t, alpha, max, allow_partial, check_toggle)?;
    let amount = alpha.min(max);
    if t.on == t.dn {
        return transfer_stake_within_subnet(ext, (t.oc, t.oh), (t.dc, t.dh), t.on, amount);
    }
    let drop_origin = t.on == NetUid::ROOT;
    let tao = unstake_from_subnet(
        ext,
        t.oh,
        t.oc,
        t.oc,
        t.on,
        amount,
        MIN_PRICE_RAO,
        drop_origin,
    )?;
    if t.oc != t.dc {
        transfer_tao(ext, t.oc, t.dc, tao)?;
    }
    if tao >= DEFAULT_MIN_STAKE {
        if ownership::owner(&ext.state, t.dh)? != Some(*t.dc) {
            delegation::maybe_become_delegate(&mut ext.state, t.dh)?;
        }
        stake_into_subnet(ext, t.dh, t.dc, t.dn, tao, MAX_PRICE_RAO, !drop_origin)?;
    }
    Ok(tao)
}

/// `move_stake(origin_hotkey, destination_hotkey, origin_netuid, destination_netuid,
/// alpha_amount)` — call 85.
pub fn move_stake(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    oh: &AccountId,
    dh: &AccountId,
    on: NetUid,
    dn: NetUid,
    alpha: u64,
) -> DispatchResult {
    let t = Transition {
        oc: coldkey,
        dc: coldkey,
        oh,
        dh,
        on,
        dn,
    };
    let tao = transition(ext, &t, alpha, None, None, false)?;
    ext.deposit_event(SubtensorEvent::StakeMoved(*coldkey, *oh, on, *dh, dn, tao));
    Ok(())
}

/// `transfer_stake(destination_coldkey, hotkey, origin_netuid, destination_netuid,
/// alpha_amount)` — call 86.
pub fn transfer_stake(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    dest: &AccountId,
    hotkey: &AccountId,
    on: NetUid,
    dn: NetUid,
    alpha: u64,
) -> DispatchResult {
    let t = Transition {
        oc: coldkey,
        dc: dest,
        oh: hotkey,
        dh: hotkey,
        on,
        dn,
    };
    let tao = transition(ext, &t, alpha, None, None, true)?;
    ext.deposit_event(SubtensorEvent::StakeTransferred(
        *coldkey, *dest, *hotkey, on, dn, tao,
    ));
    Ok(())
}

/// `swap_stake(hotkey, origin_netuid, destination_netuid, alpha_amount)` — call 87; with a
/// limit, `swap_stake_limit` — call 90.
#[allow(clippy::too_many_arguments)]
pub fn swap_stake(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
    on: NetUid,
    dn: NetUid,
    alpha: u64,
    limit: Option<(u64, bool)>,
) -> DispatchResult {
    let t = Transition {
        oc: coldkey,
        dc: coldkey,
        oh: hotkey,
        dh: hotkey,
        on,
        dn,
    };
    let tao = transition(
        ext,
        &t,
        alpha,
        limit.map(|l| l.0),
        limit.map(|l| l.1),
        false,
    )?;
    ext.deposit_event(SubtensorEvent::StakeSwapped(*coldkey, *hotkey, on, dn, tao));
    Ok(())
}

/// `recycle_alpha(hotkey, amount, netuid)` — call 101 (`recycle = true`): the alpha leaves
/// `SubnetAlphaOut`. `burn_alpha` — call 102 (`recycle = false`): `SubnetAlphaOut` keeps it.
/// The amount is capped at the stake; returns the alpha destroyed.
pub fn recycle_or_burn_alpha(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
    amount: u64,
    n: NetUid,
    recycle: bool,
) -> Result<u64, DispatchError> {
    if !subnets::exists(&ext.state, n)? {
        return Err(Error::SubnetNotExists.into());
    }
    if n == NetUid::ROOT {
        return Err(Error::CannotBurnOrRecycleOnRootSubnet.into());
    }
    if !SUBTOKEN_ENABLED.get(&ext.state, n)? {
        return Err(Error::SubtokenDisabled.into());
    }
    if ownership::owner(&ext.state, hotkey)?.is_none() {
        return Err(Error::HotKeyAccountNotExists.into());
    }
    let amount = amount.min(pool::alpha_stake(&ext.state, hotkey, coldkey, n)?);
    if subnet_alpha_out(&ext.state, n)? < amount {
        return Err(Error::InsufficientLiquidity.into());
    }
    pool::decrease_stake_for_hotkey_and_coldkey_on_subnet(
        &mut ext.state,
        hotkey,
        coldkey,
        n,
        amount,
    )?;
    if recycle {
        sub_alpha_out(&mut ext.state, n, amount)?;
        ext.deposit_event(SubtensorEvent::AlphaRecycled(*coldkey, *hotkey, amount, n));
    } else {
        ext.deposit_event(SubtensorEvent::AlphaBurned(*coldkey, *hotkey, amount, n));
    }
    Ok(amount)
}

/// `add_stake_burn(hotkey, netuid, amount, limit?)` — call 132, the "subnet buyback":
/// `add_stake` (or `add_stake_limit` without partial fills when a limit is given), then
/// `burn_alpha` of exactly the alpha bought, then `AddStakeBurn`. All or nothing: the
/// dispatch overlay undoes the stake if the burn fails. HEAD has no owner check and no rate
/// limit (the `AddStakeBurn` rate-limit key was removed by a migration), so neither is here.
pub fn add_stake_burn(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
    n: NetUid,
    amount: u64,
    limit_rao: Option<u64>,
) -> DispatchResult {
    ext.transactional(|ext| {
        let alpha = match limit_rao {
            Some(l) => add_stake_limit(ext, coldkey, hotkey, n, amount, l, false)?,
            None => add_stake(ext, coldkey, hotkey, n, amount)?,
        };
        recycle_or_burn_alpha(ext, coldkey, hotkey, alpha, n, false)?;
        ext.deposit_event(SubtensorEvent::AddStakeBurn {
            netuid: n,
            hotkey: *hotkey,
            amount,
            alpha,
        });
        Ok(())
    })
}

/// Routes a staking call signed by `coldkey`; other calls are not staking calls.
pub fn dispatch(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    call: &yuma_primitives::SubtensorCall,
) -> DispatchResult {
    use yuma_primitives::SubtensorCall as C;
    let c = coldkey;
    match call {
        C::AddStake {
            hotkey,
            netuid,
            amount_staked,
        } => add_stake(ext, c, hotkey, *netuid, *amount_staked).map(|_| ()),
        C::AddStakeLimit {
            hotkey,
            netuid,
            amount_staked,
            limit_price,
            allow_partial,
        } => add_stake_limit(
            ext,
            c,
            hotkey,
            *netuid,
            *amount_staked,
            *limit_price,
            *allow_partial,
        )
        .map(|_| ()),
        C::RemoveStake {
            hotkey,
            netuid,
            amount_unstaked,
        } => remove_stake(ext, c, hotkey, *netuid, *amount_unstaked),
        C::RemoveStakeLimit {
            hotkey,
            netuid,
            amount_unstaked,
            limit_price,
            allow_partial,
        } => remove_stake_limit(
            ext,
            c,
            hotkey,
            *netuid,
            *amount_unstaked,
            *limit_price,
            *allow_partial,
        ),
        C::RemoveStakeFullLimit {
            hotkey,
            netuid,
            limit_price,
        } => remove_stake_full_limit(ext, c, hotkey, *netuid, *limit_price),
        C::UnstakeAll { hotkey } => unstake_all(ext, c, hotkey),
        C::UnstakeAllAlpha { hotkey } => unstake_all_alpha(ext, c, hotkey),
        C::MoveStake {
            origin_hotkey,
            destination_hotkey,
            origin_netuid,
            destination_netuid,
            alpha_amount,
        } => move_stake(
            ext,
            c,
            origin_hotkey,
            destination_hotkey,
            *origin_netuid,
            *destination_netuid,
            *alpha_amount,
        ),
        C::TransferStake {
            destination_coldkey,
            hotkey,
            origin_netuid,
            destination_netuid,
            alpha_amount,
        } => transfer_stake(
            ext,
            c,
            destination_coldkey,
            hotkey,
            *origin_netuid,
            *destination_netuid,
            *alpha_amount,
        ),
        C::SwapStake {
            hotkey,
            origin_netuid,
            destination_netuid,
            alpha_amount,
        } => swap_stake(
            ext,
            c,
            hotkey,
            *origin_netuid,
            *destination_netuid,
            *alpha_amount,
            None,
        ),
        C::SwapStakeLimit {
            hotkey,
            origin_netuid,
            destination_netuid,
            alpha_amount,
            limit_price,
            allow_partial,
        } => swap_stake(
            ext,
            c,
            hotkey,
            *origin_netuid,
            *destination_netuid,
            *alpha_amount,
            Some((*limit_price, *allow_partial)),
        ),
        C::RecycleAlpha {
            hotkey,
            amount,
            netuid,
        } => recycle_or_burn_alpha(ext, c, hotkey, *amount, *netuid, true).map(|_| ()),
        C::BurnAlpha {
            hotkey,
            amount,
            netuid,
        } => recycle_or_burn_alpha(ext, c, hotkey, *amount, *netuid, false).map(|_| ()),
        C::AddStakeBurn {
            hotkey,
            netuid,
            amount,
            limit,
        } => add_stake_burn(ext, c, hotkey, *netuid, *amount, *limit),
        _ => Err(DispatchError::Other("not a staking call")),
    }
}
