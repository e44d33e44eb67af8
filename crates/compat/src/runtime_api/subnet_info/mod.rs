//! `SubnetInfoRuntimeApi`: dynamic info, metagraphs, subnet state, hyperparameters and the
//! subnet schedule (spec-subnets §9.3–§9.6).
//!
//! Every figure is read through yuma's own views ([`yuma_runtime::subnets::info`]) or the
//! storage items and module functions behind them; the structs are subtensor's, field for field
//! (`pallets/subtensor/src/rpc_info/{dynamic_info,metagraph,subnet_info,show_subnet}.rs`).
//! Deprecated fields carry the constants subtensor fills them with.

mod dynamic_info;
mod metagraph;
mod params;
mod selective;
mod show_subnet;

pub use dynamic_info::DynamicInfo;
pub use metagraph::Metagraph;
pub use params::{
    HyperparamEntry, HyperparamValue, SubnetHyperparams, SubnetHyperparamsV2, SubnetInfo,
    SubnetInfov2,
};
pub use selective::SelectiveMetagraph;
pub use show_subnet::SubnetState;

use crate::runtime_api::{common, method, Api, ApiContext, ApiResult};
use dynamic_info::*;
use metagraph::*;
use params::*;
use show_subnet::*;
use substrate_fixed::types::I96F32;
use yuma_primitives::{AccountId, NetUid};
use yuma_runtime::{
    emission::distribute::AUTO_STAKE_DESTINATION, hyperparams::items as hp, subnets,
    subtensor::storage as st,
};

/// What "now" is for a call: the block it was asked at.
pub(super) fn now(ctx: &ApiContext<'_>) -> u64 {
    ctx.block_number
}

pub(super) fn moving_price(ctx: &ApiContext<'_>, n: NetUid) -> ApiResult<I96F32> {
    Ok(I96F32::from_bits(
        st::SUBNET_MOVING_PRICE.get(ctx.state, &n)?.unwrap_or(0),
    ))
}

fn get_coldkey_auto_stake_hotkey(
    ctx: &ApiContext<'_>,
    coldkey: AccountId,
    netuid: u16,
) -> ApiResult<Option<AccountId>> {
    Ok(AUTO_STAKE_DESTINATION.get(ctx.state, &coldkey, &NetUid(netuid))?)
}

fn get_subnet_to_prune(ctx: &ApiContext<'_>) -> ApiResult<Option<u16>> {
    Ok(subnets::network_to_prune(ctx.state, now(ctx))?.map(|n| n.0))
}

fn get_subnet_account_id(ctx: &ApiContext<'_>, netuid: u16) -> ApiResult<Option<AccountId>> {
    let n = NetUid(netuid);
    Ok((n == NetUid::ROOT || common::exists(ctx, n)?).then(|| subnets::subnet_account(n)))
}

/// The block the next epoch is expected at: `LastEpochBlock + tempo`, or an earlier
/// owner-triggered `PendingEpochAt`; `None` when tempo is 0.
fn get_next_epoch_start_block(ctx: &ApiContext<'_>, netuid: u16) -> ApiResult<Option<u64>> {
    let n = NetUid(netuid);
    let tempo = hp::TEMPO.get(ctx.state, n)?;
    if tempo == 0 {
        return Ok(None);
    }
    let auto = st::LAST_EPOCH_BLOCK
        .get(ctx.state, &n)?
        .unwrap_or(0)
        .saturating_add(u64::from(tempo));
    let pending = st::PENDING_EPOCH_AT.get(ctx.state, &n)?.unwrap_or(0);
    Ok(Some(if pending > 0 { auto.min(pending) } else { auto }))
}

/// `SubnetInfoRuntimeApi` (subtensor declares it at api_version 2).
pub(super) const API: Api = Api {
    version: 2,
    name: "SubnetInfoRuntimeApi",
    docs: "Subnets: dynamic info, metagraphs, hyperparameters and schedule (pallet_subtensor).",
    methods: &[
        method!("get_subnet_info"(netuid: u16) -> Option<SubnetInfo> = get_subnet_info),
        method!("get_subnets_info"() -> Vec<Option<SubnetInfo>> = get_subnets_info),
        method!("get_subnet_info_v2"(netuid: u16) -> Option<SubnetInfov2> = get_subnet_info_v2),
        method!("get_subnets_info_v2"() -> Vec<Option<SubnetInfov2>> = get_subnets_info_v2),
        method!("get_subnet_hyperparams"(netuid: u16) -> Option<SubnetHyperparams> = get_subnet_hyperparams),
        method!("get_subnet_hyperparams_v2"(netuid: u16) -> Option<SubnetHyperparamsV2> = get_subnet_hyperparams_v2),
        method!("get_subnet_hyperparams_v3"(netuid: u16) -> Option<Vec<HyperparamEntry>> = get_subnet_hyperparams_v3),
        method!("get_all_dynamic_info"() -> Vec<Option<DynamicInfo>> = get_all_dynamic_info),
        method!("get_all_metagraphs"() -> Vec<Option<Metagraph>> = get_all_metagraphs),
        method!("get_metagraph"(netuid: u16) -> Option<Metagraph> = get_metagraph),
        method!("get_all_mechagraphs"() -> Vec<Option<Metagraph>> = get_all_mechagraphs),
        method!("get_mechagraph"(netuid: u16, mecid: u8) -> Option<Metagraph> = get_mechagraph),
        method!("get_dynamic_info"(netuid: u16) -> Option<DynamicInfo> = get_dynamic_info),
        method!("get_subnet_state"(netuid: u16) -> Option<SubnetState> = get_subnet_state),
        method!("get_selective_metagraph"(netuid: u16, metagraph_indexes: Vec<u16>) -> Option<SelectiveMetagraph> = selective::get_selective_metagraph),
        method!("get_coldkey_auto_stake_hotkey"(coldkey: AccountId, netuid: u16) -> Option<AccountId> = get_coldkey_auto_stake_hotkey),
        method!("get_selective_mechagraph"(netuid: u16, subid: u8, metagraph_indexes: Vec<u16>) -> Option<SelectiveMetagraph> = selective::get_selective_mechagraph),
        method!("get_subnet_to_prune"() -> Option<u16> = get_subnet_to_prune),
        method!("get_subnet_account_id"(netuid: u16) -> Option<AccountId> = get_subnet_account_id),
        method!("get_next_epoch_start_block"(netuid: u16) -> Option<u64> = get_next_epoch_start_block),
    ],
};
