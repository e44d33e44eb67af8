//! `DelegateInfoRuntimeApi`: delegates (hotkeys with a take), their nominators and returns.
//!
//! As subtensor: a delegate is a key of `Delegates`; its nominators are the coldkeys with
//! shares in its pools (value per subnet), its registrations the subnets it holds a uid on,
//! and its daily return Σ uid emission × 7200 / tempo over those subnets, in U64F64.

use super::{common, method, Api, ApiContext, ApiResult};
use parity_scale_codec::{Compact, Decode, Encode};
use scale_info::TypeInfo;
use std::collections::BTreeMap;
use substrate_fixed::types::U64F64;
use yuma_primitives::{AccountId, NetUid};
use yuma_runtime::{
    delegation::DELEGATES,
    hyperparams::items::TEMPO,
    stake::{self, pool::ALPHA_V2},
    subtensor::{
        ownership,
        storage::{EMISSION, UIDS, VALIDATOR_PERMIT},
    },
    swap::balancer::safe_div,
};

/// `DelegateInfo<AccountId32>`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct DelegateInfo {
    pub delegate_ss58: AccountId,
    pub take: Compact<u16>,
    pub nominators: Vec<(AccountId, Vec<(Compact<u16>, Compact<u64>)>)>,
    pub owner_ss58: AccountId,
    pub registrations: Vec<Compact<u16>>,
    pub validator_permits: Vec<Compact<u16>>,
    pub return_per_1000: Compact<u64>,
    pub total_daily_return: Compact<u64>,
}

/// Blocks per day, as subtensor counts epochs per day (`7200 / tempo`).
const BLOCKS_PER_DAY: u64 = 7_200;
/// 1000 TAO in rao.
const THOUSAND_TAO: u64 = 1_000_000_000_000;

fn delegate(ctx: &ApiContext<'_>, d: AccountId, skip_nominators: bool) -> ApiResult<DelegateInfo> {
    let s = ctx.state;
    let mut nominators = Vec::new();
    if !skip_nominators {
        let mut by_coldkey: BTreeMap<AccountId, Vec<(Compact<u16>, Compact<u64>)>> =
            BTreeMap::new();
        for ((_, cold, n), shares) in ALPHA_V2.iter_prefix(s, &[d.encode()])? {
            if shares.is_zero() {
                continue;
            }
            let value = stake::pool::value_of_shares(s, &d, n, &shares)?;
            by_coldkey
                .entry(cold)
                .or_default()
                .push((Compact(n.0), Compact(value)));
        }
        nominators = by_coldkey.into_iter().collect();
    }
    let mut registrations = Vec::new();
    let mut validator_permits = Vec::new();
    let mut per_day = U64F64::from_num(0);
    let mut subnets = common::all_subnets(ctx)?;
    subnets.sort_unstable();
    for n in subnets {
        let Some(uid) = UIDS.get(s, &n, &d)? else {
            continue;
        };
        registrations.push(Compact(n.0));
        let i = usize::from(uid);
        let permits = VALIDATOR_PERMIT.get(s, &n)?.unwrap_or_default();
        if permits.get(i).copied().unwrap_or(false) {
            validator_permits.push(Compact(n.0));
        }
        let emissions = EMISSION.get(s, &n)?.unwrap_or_default();
        let emission = U64F64::from_num(emissions.get(i).copied().unwrap_or(0));
        let tempo = TEMPO.get(s, n)?;
        if tempo > 0 {
            let epochs = safe_div(U64F64::from_num(BLOCKS_PER_DAY), U64F64::from_num(tempo));
            per_day = per_day.saturating_add(emission.saturating_mul(epochs));
        }
    }
    let take = yuma_runtime::delegation::take(s, &d)?;
    let total_stake = U64F64::from_num(stake::hotkey_alpha(s, &d, NetUid::ROOT)?);
    let return_per_1000 = if total_stake > U64F64::from_num(0) {
        let keep = U64F64::from_num(1)
            .saturating_sub(safe_div(U64F64::from_num(take), U64F64::from_num(u16::MAX)));
        safe_div(
            per_day.saturating_mul(keep),
            safe_div(total_stake, U64F64::from_num(THOUSAND_TAO)),
        )
    } else {
        U64F64::from_num(0)
    };
    Ok(DelegateInfo {
        delegate_ss58: d,
        take: Compact(take),
        nominators,
        owner_ss58: ownership::owner(s, &d)?.unwrap_or_default(),
        registrations,
        validator_permits,
        return_per_1000: Compact(return_per_1000.saturating_to_num::<u64>()),
        total_daily_return: Compact(per_day.saturating_to_num::<u64>()),
    })
}

fn get_delegates(ctx: &ApiContext<'_>) -> ApiResult<Vec<DelegateInfo>> {
    DELEGATES
        .iter(ctx.state)?
        .into_iter()
        .map(|(d, _)| delegate(ctx, d, false))
        .collect()
}

fn get_delegate(
    ctx: &ApiContext<'_>,
    delegate_account: AccountId,
) -> ApiResult<Option<DelegateInfo>> {
    if DELEGATES.get(ctx.state, &delegate_account)?.is_none() {
        return Ok(None);
    }
    Ok(Some(delegate(ctx, delegate_account, false)?))
}

/// Every (delegate, (netuid, alpha)) where `delegatee_account` holds shares with a delegate.
fn get_delegated(
    ctx: &ApiContext<'_>,
    delegatee_account: AccountId,
) -> ApiResult<Vec<(DelegateInfo, (Compact<u16>, Compact<u64>))>> {
    let mut out = Vec::new();
    for (d, _) in DELEGATES.iter(ctx.state)? {
        for ((_, _, n), _) in
            ALPHA_V2.iter_prefix(ctx.state, &[d.encode(), delegatee_account.encode()])?
        {
            let alpha = stake::alpha_stake(ctx.state, &d, &delegatee_account, n)?;
            out.push((delegate(ctx, d, true)?, (Compact(n.0), Compact(alpha))));
        }
    }
    Ok(out)
}

/// `DelegateInfoRuntimeApi`.
pub(super) const API: Api = Api {
    version: 1,
    name: "DelegateInfoRuntimeApi",
    docs: "Delegates and their nominators (pallet_subtensor).",
    methods: &[
        method!("get_delegates"() -> Vec<DelegateInfo> = get_delegates),
        method!("get_delegate"(delegate_account: AccountId) -> Option<DelegateInfo> = get_delegate),
        method!("get_delegated"(delegatee_account: AccountId) -> Vec<(DelegateInfo, (Compact<u16>, Compact<u64>))> = get_delegated),
    ],
};
