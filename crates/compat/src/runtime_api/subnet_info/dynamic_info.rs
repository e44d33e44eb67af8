//! `DynamicInfo` (spec-subnets §9.5; subtensor `rpc_info/dynamic_info.rs`): a subnet's pool,
//! emission and schedule figures, from yuma's `subnet` view.

use super::{moving_price, now};
use crate::runtime_api::{
    common::{self, compact_bytes, SubnetIdentityV3},
    ApiContext, ApiResult,
};
use parity_scale_codec::{Compact, Decode, Encode};
use scale_info::TypeInfo;
use substrate_fixed::types::I96F32;
use yuma_primitives::{AccountId, NetUid};
use yuma_runtime::subnets::info;

/// `DynamicInfo<AccountId32>`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct DynamicInfo {
    pub netuid: Compact<u16>,
    pub owner_hotkey: AccountId,
    pub owner_coldkey: AccountId,
    pub subnet_name: Vec<Compact<u8>>,
    pub token_symbol: Vec<Compact<u8>>,
    pub tempo: Compact<u16>,
    pub last_step: Compact<u64>,
    pub blocks_since_last_step: Compact<u64>,
    pub emission: Compact<u64>,
    pub alpha_in: Compact<u64>,
    pub alpha_out: Compact<u64>,
    pub tao_in: Compact<u64>,
    pub alpha_out_emission: Compact<u64>,
    pub alpha_in_emission: Compact<u64>,
    pub tao_in_emission: Compact<u64>,
    pub pending_alpha_emission: Compact<u64>,
    pub pending_root_emission: Compact<u64>,
    pub subnet_volume: Compact<u128>,
    pub network_registered_at: Compact<u64>,
    pub subnet_identity: Option<SubnetIdentityV3>,
    pub moving_price: I96F32,
}

pub(super) fn get_dynamic_info(
    ctx: &ApiContext<'_>,
    netuid: u16,
) -> ApiResult<Option<DynamicInfo>> {
    let n = NetUid(netuid);
    let Some(v) = info::subnet(ctx.state, n, now(ctx))? else {
        return Ok(None);
    };
    Ok(Some(DynamicInfo {
        netuid: Compact(v.netuid),
        owner_hotkey: v.owner_hotkey.unwrap_or_default(),
        owner_coldkey: v.owner_coldkey.unwrap_or_default(),
        subnet_name: compact_bytes(&common::subnet_name(ctx, n)?),
        token_symbol: compact_bytes(&common::token_symbol(ctx, n)?),
        tempo: Compact(v.tempo),
        last_step: Compact(v.last_step),
        blocks_since_last_step: Compact(v.blocks_since_last_step),
        emission: Compact(v.emission),
        alpha_in: Compact(v.alpha_in),
        alpha_out: Compact(v.alpha_out),
        tao_in: Compact(v.tao_in),
        alpha_out_emission: Compact(v.alpha_out_emission),
        alpha_in_emission: Compact(v.alpha_in_emission),
        tao_in_emission: Compact(v.tao_in_emission),
        pending_alpha_emission: Compact(v.pending_alpha_emission),
        pending_root_emission: Compact(v.pending_root_emission),
        subnet_volume: Compact(v.subnet_volume),
        network_registered_at: Compact(v.network_registered_at),
        subnet_identity: common::subnet_identity(ctx, n)?,
        moving_price: moving_price(ctx, n)?,
    }))
}

pub(super) fn get_all_dynamic_info(ctx: &ApiContext<'_>) -> ApiResult<Vec<Option<DynamicInfo>>> {
    common::all_subnets(ctx)?
        .into_iter()
        .map(|n| get_dynamic_info(ctx, n.0))
        .collect()
}
