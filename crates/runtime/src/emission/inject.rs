//! Per-subnet injection (spec-emission §6) and the per-block split of alpha_out into the
//! pending accumulators (§7), in the exact order of §6.3: all pools first (chain buy, alpha
//! reserve, TAO reserve), then each subnet's alpha_out mint and split.

use super::{
    issuance::{emission_for_issuance_recorded, Credit},
    price::{alpha_issuance, root_proportion_of, spot_price},
    storage::*,
};
use crate::{
    ext::Ext,
    hyperparams::items::OWNER_CUT_ENABLED,
    storage::{Overlay, StorageError},
    subnets::subnet_account,
    swap::{self, storage as pool},
};
use substrate_fixed::types::U96F32;
use yuma_primitives::NetUid;

/// A subnet's terms for one block (§6.2), unfloored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms {
    /// The subnet.
    pub netuid: NetUid,
    /// TAO added to the pool reserve.
    pub tao_in: U96F32,
    /// Alpha added to the pool reserve.
    pub alpha_in: U96F32,
    /// Alpha minted for owner, miners and validators.
    pub alpha_out: U96F32,
    /// TAO that buys alpha for the protocol (chain buy).
    pub excess: U96F32,
}

fn floor(x: U96F32) -> u64 {
    x.saturating_to_num()
}

/// `get_subnet_terms` (§6.2): alpha_in = T / price, capped at root_proportion × alpha emission
/// (then tao_in = cap × price); the rest of T is the chain buy. `root` is the block's
/// [`super::price::weighted_root_tao`].
pub fn subnet_terms(
    st: &mut Overlay<'_>,
    emissions: &[(NetUid, U96F32)],
    root: U96F32,
) -> Result<Vec<Terms>, StorageError> {
    let zero = U96F32::from_bits(0);
    let mut out = Vec::with_capacity(emissions.len());
    for &(n, t) in emissions {
        let issuance = alpha_issuance(st, n)?;
        let a = U96F32::saturating_from_num(emission_for_issuance_recorded(st, issuance)?);
        let price = U96F32::saturating_from_num(spot_price(st, n)?);
        let mut tao_in = t;
        let mut alpha_in = t.checked_div(price).unwrap_or(zero);
        let cap = root_proportion_of(root, issuance).saturating_mul(a);
        if alpha_in > cap {
            alpha_in = cap;
            tao_in = cap.saturating_mul(price);
        }
        out.push(Terms {
            netuid: n,
            tao_in,
            alpha_in,
            alpha_out: a,
            excess: t.saturating_sub(tao_in),
        });
    }
    Ok(out)
}

fn add(
    p: &crate::hyperparams::items::Param<u64>,
    st: &mut Overlay<'_>,
    n: NetUid,
    v: u64,
) -> Result<(), StorageError> {
    let cur = p.get(st, n)?;
    p.set(st, n, cur.saturating_add(v));
    Ok(())
}

fn add_flow(st: &mut Overlay<'_>, n: NetUid, tao: u64) -> Result<(), StorageError> {
    crate::stake::flow::record_protocol_flow(st, n, crate::stake::flow::signed(tao))
}

/// `inject_and_maybe_swap` (§6.3) for every subnet in order: re-weight the pool for the
/// pending deltas (refused deltas are not injected and their TAO is recycled), chain-buy with
/// the excess (fee-free, no price limit, against the pre-injection reserves), then alpha_in
/// into the alpha reserve and tao_in into the TAO reserve — each TAO amount moved from the
/// block's credit into the subnet account. Unspent credit is recycled by the caller.
pub fn inject(ext: &mut Ext<'_>, terms: &[Terms], credit: &mut Credit) -> Result<(), StorageError> {
    for t in terms {
        let n = t.netuid;
        let account = subnet_account(n);
        let excess = floor(t.excess);
        let (tao_in, alpha_in) =
            swap::adjust_protocol_liquidity(&mut ext.state, n, floor(t.tao_in), floor(t.alpha_in))?;
        SUBNET_EXCESS_TAO.set(&mut ext.state, n, 0);
        SUBNET_TAO_IN_EMISSION.set(&mut ext.state, n, 0);
        if excess > 0 && credit.spend(ext, &account, excess)? {
            // A failed buy leaves the TAO in the subnet account outside SubnetTAO (quirk §13.9).
            if let Ok(r) = swap::swap_tao_for_alpha(&mut ext.state, n, excess, u64::MAX, true) {
                add(&SUBNET_PROTOCOL_ALPHA, &mut ext.state, n, r.paid_out)?;
                SUBNET_EXCESS_TAO.set(&mut ext.state, n, r.paid_in);
                add_flow(&mut ext.state, n, r.paid_in)?;
            }
        }
        SUBNET_ALPHA_IN_EMISSION.set(&mut ext.state, n, alpha_in);
        let reserve = pool::subnet_alpha_in(&ext.state, n)?.saturating_add(alpha_in);
        pool::SUBNET_ALPHA_IN.insert(&mut ext.state, &n, &reserve);
        if tao_in > 0 && credit.spend(ext, &account, tao_in)? {
            SUBNET_TAO_IN_EMISSION.set(&mut ext.state, n, tao_in);
            let reserve = pool::subnet_tao(&ext.state, n)?.saturating_add(tao_in);
            pool::SUBNET_TAO.insert(&mut ext.state, &n, &reserve);
            let total = pool::total_stake(&ext.state)?.saturating_add(tao_in);
            pool::TOTAL_STAKE.put(&mut ext.state, &total);
            add_flow(&mut ext.state, n, tao_in)?;
        }
    }
    Ok(())
}

/// The alpha_out half of `emit_to_subnets` (§6.4, §7.1): mint floor(X) into `SubnetAlphaOut`,
/// take the owner cut, then split the rest 50/50 between miners and validators, with the
/// root proportion (recomputed now: injection and this mint changed the alpha issuance; `root`
/// is the block's [`super::price::weighted_root_tao`]) of the validators' half for root
/// stakers — pending if `root_sell` holds, else recycled.
pub fn split_alpha_out(
    st: &mut Overlay<'_>,
    terms: &[Terms],
    root_sell: bool,
    root: U96F32,
) -> Result<(), StorageError> {
    let cut = U96F32::saturating_from_num(SUBNET_OWNER_CUT.get(st)?)
        .checked_div(U96F32::saturating_from_num(u16::MAX))
        .unwrap_or(U96F32::from_bits(0));
    let half = U96F32::saturating_from_num(1) / U96F32::saturating_from_num(2);
    for t in terms {
        let n = t.netuid;
        let mut x = t.alpha_out;
        let created = floor(x);
        SUBNET_ALPHA_OUT_EMISSION.set(st, n, created);
        let out = pool::subnet_alpha_out(st, n)?.saturating_add(created);
        pool::SUBNET_ALPHA_OUT.insert(st, &n, &out);
        if OWNER_CUT_ENABLED.get(st, n)? {
            let owner = x.saturating_mul(cut);
            x = x.saturating_sub(owner);
            add(&PENDING_OWNER_CUT, st, n, floor(owner))?;
        }
        let r = root_proportion_of(root, alpha_issuance(st, n)?);
        let root_alpha = r.saturating_mul(x).saturating_mul(half);
        let server = x.saturating_mul(half);
        let validator = x.saturating_sub(server).saturating_sub(root_alpha);
        add(&PENDING_SERVER_EMISSION, st, n, floor(server))?;
        add(&PENDING_VALIDATOR_EMISSION, st, n, floor(validator))?;
        if root_sell {
            add(&PENDING_ROOT_ALPHA_DIVS, st, n, floor(root_alpha))?;
        } else {
            recycle_alpha(st, n, floor(root_alpha))?;
        }
    }
    Ok(())
}

/// `recycle_subnet_alpha`: alpha leaves issuance (`SubnetAlphaOut −= amount`).
pub fn recycle_alpha(st: &mut Overlay<'_>, n: NetUid, amount: u64) -> Result<(), StorageError> {
    let out = pool::subnet_alpha_out(st, n)?.saturating_sub(amount);
    pool::SUBNET_ALPHA_OUT.insert(st, &n, &out);
    Ok(())
}
