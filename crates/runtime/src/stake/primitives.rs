//! The internal stake primitives every staking call is built from (spec-staking-swap §2.4):
//! [`stake_into_subnet`], [`unstake_from_subnet`] and [`transfer_stake_within_subnet`], with
//! the TAO movements between coldkeys, subnet accounts and the block author (§1.5).

use super::{flow, pool, LAST_COLDKEY_HOTKEY_STAKE_BLOCK};
use crate::{
    balances::{self, EXISTENTIAL_DEPOSIT},
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
    root_claim, subnets,
    subtensor::{Error, SubtensorEvent},
    swap::{self, engine::MIN_PRICE_RAO},
};
use yuma_primitives::{AccountId, NetUid};

/// `DefaultMinStake`: 0.002 TAO.
pub const DEFAULT_MIN_STAKE: u64 = 2_000_000;

/// The account burned TAO goes to (`PalletId(*b"burntao!")`): a transfer, issuance unchanged.
pub fn burn_account() -> AccountId {
    let mut a = [0u8; 32];
    a[..4].copy_from_slice(b"modl");
    a[4..12].copy_from_slice(b"burntao!");
    AccountId(a)
}

/// `transfer_tao`: moves `amount` (≤ the sender's free balance, else `InsufficientBalance`),
/// allowing the sender to be reaped. Zero is a no-op.
pub fn transfer_tao(
    ext: &mut Ext<'_>,
    from: &AccountId,
    to: &AccountId,
    amount: u64,
) -> DispatchResult {
    if amount == 0 {
        return Ok(());
    }
    if amount > balances::free(&ext.state, from)? {
        return Err(Error::InsufficientBalance.into());
    }
    balances::transfer(ext, from, to, amount, false)
}

/// `transfer_tao_to_subnet`: moves `min(amount, free − ED)` from `coldkey` to the subnet
/// account and returns it; 0 moved is `InsufficientBalance`.
pub fn transfer_tao_to_subnet(
    ext: &mut Ext<'_>,
    n: NetUid,
    coldkey: &AccountId,
    amount: u64,
) -> Result<u64, DispatchError> {
    if amount == 0 {
        return Ok(0);
    }
    if !subnets::exists(&ext.state, n)? {
        return Err(Error::SubnetNotExists.into());
    }
    let reducible = balances::free(&ext.state, coldkey)?.saturating_sub(EXISTENTIAL_DEPOSIT);
    let moved = amount.min(reducible);
    if moved == 0 {
        return Err(Error::InsufficientBalance.into());
    }
    balances::transfer(ext, coldkey, &subnets::subnet_account(n), moved, true)?;
    Ok(moved)
}

/// `transfer_tao_from_subnet`.
pub fn transfer_tao_from_subnet(
    ext: &mut Ext<'_>,
    n: NetUid,
    to: &AccountId,
    amount: u64,
) -> DispatchResult {
    transfer_tao(ext, &subnets::subnet_account(n), to, amount)
}

fn touch(ext: &mut Ext<'_>, coldkey: &AccountId, hotkey: &AccountId) {
    let now = ext.block;
    LAST_COLDKEY_HOTKEY_STAKE_BLOCK.insert(&mut ext.state, coldkey, hotkey, &now);
}

/// `stake_into_subnet` (§2.4): moves `tao` from `coldkey` into the pool, credits the alpha
/// bought to (hotkey, coldkey), pays the TAO fee to the block author (or the burn account)
/// and records the inflow. Returns the alpha credited.
pub fn stake_into_subnet(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    coldkey: &AccountId,
    n: NetUid,
    tao: u64,
    limit_rao: u64,
    drop_fees: bool,
) -> Result<u64, DispatchError> {
    let staked = transfer_tao_to_subnet(ext, n, coldkey, tao)?;
    let r = swap::swap_tao_for_alpha(&mut ext.state, n, staked, limit_rao, drop_fees)?;
    if r.paid_out == 0 {
        return Err(Error::AmountTooLow.into());
    }
    if !pool::can_add(&ext.state, hotkey, n, r.paid_out)? {
        return Err(Error::InsufficientLiquidity.into());
    }
    pool::increase_stake_for_hotkey_and_coldkey_on_subnet(
        &mut ext.state,
        hotkey,
        coldkey,
        n,
        r.paid_out,
    )?;
    match ext.author {
        Some(author) => transfer_tao_from_subnet(ext, n, &author, r.fee_to_block_author)?,
        None => {
            // subtensor ignores a failed burn (e.g. below the existential deposit).
            let fee = r.fee_to_block_author;
            let from = subnets::subnet_account(n);
            let _ = ext.transactional(|ext| transfer_tao(ext, &from, &burn_account(), fee));
        }
    }
    flow::record_tao_flow(&mut ext.state, n, flow::signed(r.paid_in))?;
    if n == NetUid::ROOT {
        root_claim::claim::on_root_stake_added(&mut ext.state, hotkey, coldkey, r.paid_out)?;
    }
    touch(ext, coldkey, hotkey);
    ext.deposit_event(SubtensorEvent::StakeAdded(
        *coldkey, *hotkey, staked, r.paid_out, n, r.fee_paid,
    ));
    Ok(r.paid_out)
}

/// `unstake_from_subnet` (§2.4): removes `alpha` from (hotkey, coldkey), sells it, pays the
/// TAO to `beneficiary`, re-sells the alpha fee fee-free for the block author (or burns it)
/// and records the outflow. Returns the TAO paid to the beneficiary.
#[allow(clippy::too_many_arguments)]
pub fn unstake_from_subnet(
    ext: &mut Ext<'_>,
    hotkey: &AccountId,
    coldkey: &AccountId,
    beneficiary: &AccountId,
    n: NetUid,
    alpha: u64,
    limit_rao: u64,
    drop_fees: bool,
) -> Result<u64, DispatchError> {
    pool::decrease_stake_for_hotkey_and_coldkey_on_subnet(
        &mut ext.state,
        hotkey,
        coldkey,
        n,
        alpha,
    )?;
    let r = swap::swap_alpha_for_tao(&mut ext.state, n, alpha, limit_rao, drop_fees)?;
    let refund = alpha.saturating_sub(r.paid_in.saturating_add(r.fee_paid));
    if refund > 0 {
        pool::increase_stake_for_hotkey_and_coldkey_on_subnet(
            &mut ext.state,
            hotkey,
            coldkey,
            n,
            refund,
        )?;
    }
    transfer_tao_from_subnet(ext, n, beneficiary, r.paid_out)?;
    let mut fee_outflow = 0;
    // Without an author the fee alpha is burned (`burn_subnet_alpha`): the stake is already
    // gone and `SubnetAlphaOut` keeps it.
    if let Some(author) = ext.author {
        let b = swap::swap_alpha_for_tao(
            &mut ext.state,
            n,
            r.fee_to_block_author,
            MIN_PRICE_RAO,
            true,
        )?;
        transfer_tao_from_subnet(ext, n, &author, b.paid_out)?;
        fee_outflow = b.paid_out;
    }
    if n == NetUid::ROOT {
        root_claim::claim::on_root_stake_removed(&mut ext.state, hotkey, coldkey, alpha)?;
    }
    flow::record_tao_flow(
        &mut ext.state,
        n,
        -flow::signed(r.paid_out.saturating_add(fee_outflow)),
    )?;
    touch(ext, coldkey, hotkey);
    ext.deposit_event(SubtensorEvent::StakeRemoved(
        *coldkey, *hotkey, r.paid_out, r.paid_in, n, r.fee_paid,
    ));
    Ok(r.paid_out)
}

/// `transfer_stake_within_subnet` (§2.4): moves `alpha` between positions on one subnet with
/// no swap and no fee; its spot TAO value must reach the minimum stake. Returns that value.
pub fn transfer_stake_within_subnet(
    ext: &mut Ext<'_>,
    origin: (&AccountId, &AccountId),
    dest: (&AccountId, &AccountId),
    n: NetUid,
    alpha: u64,
) -> Result<u64, DispatchError> {
    let ((oc, oh), (dc, dh)) = (origin, dest);
    pool::decrease_stake_for_hotkey_and_coldkey_on_subnet(&mut ext.state, oh, oc, n, alpha)?;
    if n == NetUid::ROOT {
        root_claim::claim::remove_stake_adjust_root_claimed(&mut ext.state, oh, oc, alpha)?;
    }
    pool::increase_stake_for_hotkey_and_coldkey_on_subnet(&mut ext.state, dh, dc, n, alpha)?;
    if n == NetUid::ROOT {
        root_claim::claim::add_stake_adjust_root_claimed(&mut ext.state, dh, dc, alpha)?;
    }
    let price = swap::current_price(&ext.state, n)?;
    let tao = price
        .saturating_mul(swap::balancer::fx(alpha))
        .saturating_to_num::<u64>();
    if tao < DEFAULT_MIN_STAKE {
        return Err(Error::AmountTooLow.into());
    }
    touch(ext, dc, dh);
    ext.deposit_event(SubtensorEvent::StakeRemoved(*oc, *oh, tao, alpha, n, 0));
    ext.deposit_event(SubtensorEvent::StakeAdded(*dc, *dh, tao, alpha, n, 0));
    Ok(tao)
}
