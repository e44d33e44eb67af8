//! `StakeInfoRuntimeApi`: a coldkey's positions, what it may unstake, and the conviction-lock
//! queries.
//!
//! yuma has no stake locks: every lock query answers as subtensor does for a coldkey or hotkey
//! without one (`get_coldkey_lock` → `None`, conviction 0, no king), `locked` is 0 and all of a
//! position is available.

use super::{common, method, Api, ApiContext, ApiResult};
use parity_scale_codec::{Compact, Decode, Encode};
use scale_info::TypeInfo;
use std::collections::BTreeMap;
use substrate_fixed::types::U64F64;
use yuma_primitives::{AccountId, NetUid};
use yuma_runtime::{
    emission::distribute::ALPHA_DIVIDENDS_PER_SUBNET,
    stake,
    subtensor::storage::{STAKING_HOTKEYS, UIDS},
    swap,
};

/// `StakeInfo<AccountId32>`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct StakeInfo {
    pub hotkey: AccountId,
    pub coldkey: AccountId,
    pub netuid: Compact<u16>,
    pub stake: Compact<u64>,
    pub locked: Compact<u64>,
    pub emission: Compact<u64>,
    pub tao_emission: Compact<u64>,
    pub drain: Compact<u64>,
    pub is_registered: bool,
}

/// `StakeAvailability`: a coldkey's alpha on one subnet, locked and free.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct StakeAvailability {
    pub total: Compact<u64>,
    pub locked: Compact<u64>,
    pub available: Compact<u64>,
}

/// `pallet_subtensor::staking::lock::LockState` (declared for `get_coldkey_lock`; never
/// produced, yuma has no locks).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct LockState {
    pub locked_mass: u64,
    pub conviction: U64F64,
    pub last_update: u64,
}

/// One position, as subtensor reports it (dividends of the hotkey on the subnet as emission;
/// TAO dividends were removed upstream, so 0).
fn position(
    ctx: &ApiContext<'_>,
    hotkey: AccountId,
    coldkey: AccountId,
    n: NetUid,
    alpha: u64,
) -> ApiResult<StakeInfo> {
    Ok(StakeInfo {
        hotkey,
        coldkey,
        netuid: Compact(n.0),
        stake: Compact(alpha),
        locked: Compact(0),
        emission: Compact(
            ALPHA_DIVIDENDS_PER_SUBNET
                .get(ctx.state, &n, &hotkey)?
                .unwrap_or(0),
        ),
        tao_emission: Compact(0),
        drain: Compact(0),
        is_registered: UIDS.get(ctx.state, &n, &hotkey)?.is_some(),
    })
}

/// Every non-zero position of `coldkey`: subnets outer, `StakingHotkeys` order inner.
fn positions(ctx: &ApiContext<'_>, coldkey: AccountId) -> ApiResult<Vec<StakeInfo>> {
    let hotkeys = STAKING_HOTKEYS
        .get(ctx.state, &coldkey)?
        .unwrap_or_default();
    let mut out = Vec::new();
    for n in common::all_subnets(ctx)? {
        for h in &hotkeys {
            let alpha = stake::alpha_stake(ctx.state, h, &coldkey, n)?;
            if alpha != 0 {
                out.push(position(ctx, *h, coldkey, n, alpha)?);
            }
        }
    }
    Ok(out)
}

fn get_stake_info_for_coldkey(
    ctx: &ApiContext<'_>,
    coldkey_account: AccountId,
) -> ApiResult<Vec<StakeInfo>> {
    positions(ctx, coldkey_account)
}

fn get_stake_info_for_coldkeys(
    ctx: &ApiContext<'_>,
    coldkey_accounts: Vec<AccountId>,
) -> ApiResult<Vec<(AccountId, Vec<StakeInfo>)>> {
    coldkey_accounts
        .into_iter()
        .map(|c| Ok((c, positions(ctx, c)?)))
        .collect()
}

fn get_stake_info_for_hotkey_coldkey_netuid(
    ctx: &ApiContext<'_>,
    hotkey_account: AccountId,
    coldkey_account: AccountId,
    netuid: u16,
) -> ApiResult<Option<StakeInfo>> {
    let n = NetUid(netuid);
    let alpha = stake::alpha_stake(ctx.state, &hotkey_account, &coldkey_account, n)?;
    Ok(Some(position(
        ctx,
        hotkey_account,
        coldkey_account,
        n,
        alpha,
    )?))
}

/// Per coldkey and subnet: all of its alpha there, none locked. Subnets with nothing staked
/// are left out; an empty or over-long `netuids` list gives every coldkey an empty map and
/// netuids that do not exist are dropped, as in subtensor.
fn get_stake_availability_for_coldkeys(
    ctx: &ApiContext<'_>,
    coldkey_accounts: Vec<AccountId>,
    netuids: Option<Vec<u16>>,
) -> ApiResult<BTreeMap<AccountId, BTreeMap<u16, StakeAvailability>>> {
    let existing = common::all_subnets(ctx)?;
    let netuids: Vec<NetUid> = match netuids {
        None => existing,
        Some(mut req) => {
            req.sort_unstable();
            req.dedup();
            if req.is_empty() || req.len() > existing.len() {
                return Ok(coldkey_accounts
                    .into_iter()
                    .map(|c| (c, BTreeMap::new()))
                    .collect());
            }
            req.into_iter()
                .map(NetUid)
                .filter(|n| existing.contains(n))
                .collect()
        }
    };
    let mut out = BTreeMap::new();
    for c in coldkey_accounts {
        let hotkeys = STAKING_HOTKEYS.get(ctx.state, &c)?.unwrap_or_default();
        let mut per = BTreeMap::new();
        for &n in &netuids {
            let mut total = 0u64;
            for h in &hotkeys {
                total = total.saturating_add(stake::alpha_stake(ctx.state, h, &c, n)?);
            }
            if total != 0 {
                per.insert(
                    n.0,
                    StakeAvailability {
                        total: Compact(total),
                        locked: Compact(0),
                        available: Compact(total),
                    },
                );
            }
        }
        out.insert(c, per);
    }
    Ok(out)
}

/// The swap fee a stake move would pay: 0 when origin and destination are the same, else the
/// pool fee on `amount` on the destination subnet (the origin's when there is none).
fn get_stake_fee(
    ctx: &ApiContext<'_>,
    origin: Option<(AccountId, u16)>,
    _origin_coldkey_account: AccountId,
    destination: Option<(AccountId, u16)>,
    _destination_coldkey_account: AccountId,
    amount: u64,
) -> ApiResult<u64> {
    if destination == origin {
        return Ok(0);
    }
    let n = NetUid(destination.or(origin).map(|(_, n)| n).unwrap_or(0));
    swap::engine::fee_amount(ctx.state, n, amount, false)
        .map_err(|e| super::ApiError::State(e.to_string()))
}

fn get_coldkey_lock(
    _: &ApiContext<'_>,
    _coldkey: AccountId,
    _netuid: u16,
) -> ApiResult<Option<LockState>> {
    Ok(None)
}

fn get_hotkey_conviction(
    _: &ApiContext<'_>,
    _hotkey: AccountId,
    _netuid: u16,
) -> ApiResult<U64F64> {
    Ok(U64F64::from_num(0))
}

fn get_most_convicted_hotkey_on_subnet(
    _: &ApiContext<'_>,
    _netuid: u16,
) -> ApiResult<Option<AccountId>> {
    Ok(None)
}

/// `StakeInfoRuntimeApi`.
pub(super) const API: Api = Api {
    version: 1,
    name: "StakeInfoRuntimeApi",
    docs: "Stake positions and availability (pallet_subtensor).",
    methods: &[
        method!("get_stake_info_for_coldkey"(coldkey_account: AccountId) -> Vec<StakeInfo> = get_stake_info_for_coldkey),
        method!("get_stake_info_for_coldkeys"(coldkey_accounts: Vec<AccountId>) -> Vec<(AccountId, Vec<StakeInfo>)> = get_stake_info_for_coldkeys),
        method!("get_stake_info_for_hotkey_coldkey_netuid"(hotkey_account: AccountId, coldkey_account: AccountId, netuid: u16) -> Option<StakeInfo> = get_stake_info_for_hotkey_coldkey_netuid),
        method!("get_stake_availability_for_coldkeys"(coldkey_accounts: Vec<AccountId>, netuids: Option<Vec<u16>>) -> BTreeMap<AccountId, BTreeMap<u16, StakeAvailability>> = get_stake_availability_for_coldkeys),
        method!("get_stake_fee"(origin: Option<(AccountId, u16)>, origin_coldkey_account: AccountId, destination: Option<(AccountId, u16)>, destination_coldkey_account: AccountId, amount: u64) -> u64 = get_stake_fee),
        method!("get_coldkey_lock"(coldkey: AccountId, netuid: u16) -> Option<LockState> = get_coldkey_lock),
        method!("get_hotkey_conviction"(hotkey: AccountId, netuid: u16) -> U64F64 = get_hotkey_conviction),
        method!("get_most_convicted_hotkey_on_subnet"(netuid: u16) -> Option<AccountId> = get_most_convicted_hotkey_on_subnet),
    ],
};
