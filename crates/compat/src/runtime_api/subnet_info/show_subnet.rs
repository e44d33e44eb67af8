//! `SubnetState` (subtensor `rpc_info/show_subnet.rs`): the per-uid columns `btcli subnets
//! show` reads, with the emission history.

use super::metagraph::{neurons, stake_weights};
use crate::runtime_api::{
    common::{self, compacts},
    ApiContext, ApiResult,
};
use parity_scale_codec::{Compact, Decode, Encode};
use scale_info::TypeInfo;
use yuma_primitives::{AccountId, NetUid};
use yuma_runtime::subtensor::storage::{self as st, storage_index};

/// `SubnetState<AccountId32>` (`get_subnet_state`).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct SubnetState {
    pub netuid: Compact<u16>,
    pub hotkeys: Vec<AccountId>,
    pub coldkeys: Vec<AccountId>,
    pub active: Vec<bool>,
    pub validator_permit: Vec<bool>,
    pub pruning_score: Vec<Compact<u16>>,
    pub last_update: Vec<Compact<u64>>,
    pub emission: Vec<Compact<u64>>,
    pub dividends: Vec<Compact<u16>>,
    pub incentives: Vec<Compact<u16>>,
    pub consensus: Vec<Compact<u16>>,
    pub trust: Vec<Compact<u16>>,
    pub rank: Vec<Compact<u16>>,
    pub block_at_registration: Vec<Compact<u64>>,
    pub alpha_stake: Vec<Compact<u64>>,
    pub tao_stake: Vec<Compact<u64>>,
    pub total_stake: Vec<Compact<u64>>,
    pub emission_history: Vec<Vec<Compact<u64>>>,
}

pub(super) fn get_subnet_state(
    ctx: &ApiContext<'_>,
    netuid: u16,
) -> ApiResult<Option<SubnetState>> {
    let n = NetUid(netuid);
    if !common::exists(ctx, n)? {
        return Ok(None);
    }
    let s = ctx.state;
    let idx = storage_index(n, 0);
    let u = neurons(ctx, n)?;
    let (total, alpha, tao) = stake_weights(ctx, n, &u.hotkeys)?;
    // `LastHotkeyEmissionOnNetuid` is not kept by yuma: every entry reads as subtensor's
    // default, 0, one row per subnet and one column per hotkey.
    let subnets = common::all_subnets(ctx)?.len();
    let emission_history = vec![vec![Compact(0u64); u.hotkeys.len()]; subnets];
    Ok(Some(SubnetState {
        netuid: Compact(netuid),
        active: st::ACTIVE.get(s, &n)?.unwrap_or_default(),
        validator_permit: st::VALIDATOR_PERMIT.get(s, &n)?.unwrap_or_default(),
        pruning_score: Vec::new(),
        last_update: compacts(&st::LAST_UPDATE.get(s, &idx)?.unwrap_or_default()),
        emission: compacts(&st::EMISSION.get(s, &n)?.unwrap_or_default()),
        dividends: compacts(&st::DIVIDENDS.get(s, &n)?.unwrap_or_default()),
        incentives: compacts(&st::INCENTIVE.get(s, &idx)?.unwrap_or_default()),
        consensus: compacts(&st::CONSENSUS.get(s, &n)?.unwrap_or_default()),
        trust: Vec::new(),
        rank: Vec::new(),
        block_at_registration: compacts(&u.block_at_registration),
        alpha_stake: compacts(&alpha),
        tao_stake: compacts(&tao),
        total_stake: compacts(&total),
        emission_history,
        hotkeys: u.hotkeys,
        coldkeys: u.coldkeys,
    }))
}
