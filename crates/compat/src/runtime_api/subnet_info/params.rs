//! `SubnetInfo` (v1, v2) and `SubnetHyperparams` (v1, v2, v3) (spec-subnets §9.3–§9.4;
//! subtensor `rpc_info/subnet_info.rs`), from yuma's `hyperparams` view.

use crate::runtime_api::{
    common::{self, SubnetIdentityV3},
    ApiContext, ApiResult,
};
use parity_scale_codec::{Compact, Decode, Encode};
use scale_info::TypeInfo;
use substrate_fixed::types::{I32F32, U64F64};
use yuma_primitives::{AccountId, NetUid};
use yuma_runtime::{
    childkeys,
    hyperparams::items as hp,
    subnets::{self, info},
    subtensor::storage as st,
};

/// `SubnetInfo<AccountId32>` (v1, §9.3).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct SubnetInfo {
    pub netuid: Compact<u16>,
    pub rho: Compact<u16>,
    pub kappa: Compact<u16>,
    pub difficulty: Compact<u64>,
    pub immunity_period: Compact<u16>,
    pub max_allowed_validators: Compact<u16>,
    pub min_allowed_weights: Compact<u16>,
    pub max_weights_limit: Compact<u16>,
    pub scaling_law_power: Compact<u16>,
    pub subnetwork_n: Compact<u16>,
    pub max_allowed_uids: Compact<u16>,
    pub blocks_since_last_step: Compact<u64>,
    pub tempo: Compact<u16>,
    pub network_modality: Compact<u16>,
    pub network_connect: Vec<[u16; 2]>,
    pub emission_values: Compact<u64>,
    pub burn: Compact<u64>,
    pub owner: AccountId,
}

/// `SubnetInfov2<AccountId32>`: v1 (with `emission_value`) plus the identity.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct SubnetInfov2 {
    pub netuid: Compact<u16>,
    pub rho: Compact<u16>,
    pub kappa: Compact<u16>,
    pub difficulty: Compact<u64>,
    pub immunity_period: Compact<u16>,
    pub max_allowed_validators: Compact<u16>,
    pub min_allowed_weights: Compact<u16>,
    pub max_weights_limit: Compact<u16>,
    pub scaling_law_power: Compact<u16>,
    pub subnetwork_n: Compact<u16>,
    pub max_allowed_uids: Compact<u16>,
    pub blocks_since_last_step: Compact<u64>,
    pub tempo: Compact<u16>,
    pub network_modality: Compact<u16>,
    pub network_connect: Vec<[u16; 2]>,
    pub emission_value: Compact<u64>,
    pub burn: Compact<u64>,
    pub owner: AccountId,
    pub identity: Option<SubnetIdentityV3>,
}

/// `SubnetHyperparams` (v1, §9.4).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct SubnetHyperparams {
    pub rho: Compact<u16>,
    pub kappa: Compact<u16>,
    pub immunity_period: Compact<u16>,
    pub min_allowed_weights: Compact<u16>,
    pub max_weights_limit: Compact<u16>,
    pub tempo: Compact<u16>,
    pub min_difficulty: Compact<u64>,
    pub max_difficulty: Compact<u64>,
    pub weights_version: Compact<u64>,
    pub weights_rate_limit: Compact<u64>,
    pub adjustment_interval: Compact<u16>,
    pub activity_cutoff: Compact<u64>,
    pub registration_allowed: bool,
    pub target_regs_per_interval: Compact<u16>,
    pub min_burn: Compact<u64>,
    pub max_burn: Compact<u64>,
    pub bonds_moving_avg: Compact<u64>,
    pub max_regs_per_block: Compact<u16>,
    pub serving_rate_limit: Compact<u64>,
    pub max_validators: Compact<u16>,
    pub adjustment_alpha: Compact<u64>,
    pub difficulty: Compact<u64>,
    pub commit_reveal_period: Compact<u64>,
    pub commit_reveal_weights_enabled: bool,
    pub alpha_high: Compact<u16>,
    pub alpha_low: Compact<u16>,
    pub liquid_alpha_enabled: bool,
}

/// `SubnetHyperparamsV2`: v1 plus six fields.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct SubnetHyperparamsV2 {
    pub rho: Compact<u16>,
    pub kappa: Compact<u16>,
    pub immunity_period: Compact<u16>,
    pub min_allowed_weights: Compact<u16>,
    pub max_weights_limit: Compact<u16>,
    pub tempo: Compact<u16>,
    pub min_difficulty: Compact<u64>,
    pub max_difficulty: Compact<u64>,
    pub weights_version: Compact<u64>,
    pub weights_rate_limit: Compact<u64>,
    pub adjustment_interval: Compact<u16>,
    pub activity_cutoff: Compact<u64>,
    pub registration_allowed: bool,
    pub target_regs_per_interval: Compact<u16>,
    pub min_burn: Compact<u64>,
    pub max_burn: Compact<u64>,
    pub bonds_moving_avg: Compact<u64>,
    pub max_regs_per_block: Compact<u16>,
    pub serving_rate_limit: Compact<u64>,
    pub max_validators: Compact<u16>,
    pub adjustment_alpha: Compact<u64>,
    pub difficulty: Compact<u64>,
    pub commit_reveal_period: Compact<u64>,
    pub commit_reveal_weights_enabled: bool,
    pub alpha_high: Compact<u16>,
    pub alpha_low: Compact<u16>,
    pub liquid_alpha_enabled: bool,
    pub alpha_sigmoid_steepness: I32F32,
    pub yuma_version: Compact<u16>,
    pub subnet_is_active: bool,
    pub transfers_enabled: bool,
    pub bonds_reset_enabled: bool,
    pub user_liquidity_enabled: bool,
}

/// `HyperparamValue`: one typed hyperparameter of v3.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub enum HyperparamValue {
    Bool(bool),
    U16(Compact<u16>),
    U32(Compact<u32>),
    U64(Compact<u64>),
    U128(Compact<u128>),
    TaoBalance(Compact<u64>),
    I32F32(I32F32),
    U64F64(U64F64),
}

/// `HyperparamEntry`: a name (ASCII) and its value.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct HyperparamEntry {
    pub name: Vec<u8>,
    pub value: HyperparamValue,
}

/// `ScalingLawPower` (deprecated, never set): subtensor's default.
const SCALING_LAW_POWER: u16 = 50;

pub(super) fn get_subnet_info(ctx: &ApiContext<'_>, netuid: u16) -> ApiResult<Option<SubnetInfo>> {
    Ok(get_subnet_info_v2(ctx, netuid)?.map(|v| SubnetInfo {
        netuid: v.netuid,
        rho: v.rho,
        kappa: v.kappa,
        difficulty: v.difficulty,
        immunity_period: v.immunity_period,
        max_allowed_validators: v.max_allowed_validators,
        min_allowed_weights: v.min_allowed_weights,
        max_weights_limit: v.max_weights_limit,
        scaling_law_power: v.scaling_law_power,
        subnetwork_n: v.subnetwork_n,
        max_allowed_uids: v.max_allowed_uids,
        blocks_since_last_step: v.blocks_since_last_step,
        tempo: v.tempo,
        network_modality: v.network_modality,
        network_connect: v.network_connect,
        emission_values: v.emission_value,
        burn: v.burn,
        owner: v.owner,
    }))
}

pub(super) fn get_subnet_info_v2(
    ctx: &ApiContext<'_>,
    netuid: u16,
) -> ApiResult<Option<SubnetInfov2>> {
    let n = NetUid(netuid);
    let Some(p) = info::hyperparams(ctx.state, n)? else {
        return Ok(None);
    };
    Ok(Some(SubnetInfov2 {
        netuid: Compact(netuid),
        rho: Compact(p.rho),
        kappa: Compact(p.kappa),
        difficulty: Compact(p.difficulty),
        immunity_period: Compact(p.immunity_period),
        max_allowed_validators: Compact(p.max_validators),
        min_allowed_weights: Compact(p.min_allowed_weights),
        max_weights_limit: Compact(p.max_weights_limit),
        scaling_law_power: Compact(SCALING_LAW_POWER),
        subnetwork_n: Compact(st::SUBNETWORK_N.get(ctx.state, &n)?.unwrap_or(0)),
        max_allowed_uids: Compact(p.max_allowed_uids),
        blocks_since_last_step: Compact(
            st::BLOCKS_SINCE_LAST_STEP.get(ctx.state, &n)?.unwrap_or(0),
        ),
        tempo: Compact(p.tempo),
        network_modality: Compact(0),
        network_connect: Vec::new(),
        emission_value: Compact(0),
        burn: Compact(p.burn),
        owner: subnets::owner(ctx.state, n)?.unwrap_or_default(),
        identity: common::subnet_identity(ctx, n)?,
    }))
}

/// Existing netuids in ascending order (`get_subnets_info` walks 0..=max).
fn ascending(ctx: &ApiContext<'_>) -> ApiResult<Vec<NetUid>> {
    let mut all = common::all_subnets(ctx)?;
    all.sort_unstable();
    Ok(all)
}

pub(super) fn get_subnets_info(ctx: &ApiContext<'_>) -> ApiResult<Vec<Option<SubnetInfo>>> {
    ascending(ctx)?
        .into_iter()
        .map(|n| get_subnet_info(ctx, n.0))
        .collect()
}

pub(super) fn get_subnets_info_v2(ctx: &ApiContext<'_>) -> ApiResult<Vec<Option<SubnetInfov2>>> {
    ascending(ctx)?
        .into_iter()
        .map(|n| get_subnet_info_v2(ctx, n.0))
        .collect()
}

pub(super) fn get_subnet_hyperparams_v2(
    ctx: &ApiContext<'_>,
    netuid: u16,
) -> ApiResult<Option<SubnetHyperparamsV2>> {
    let Some(p) = info::hyperparams(ctx.state, NetUid(netuid))? else {
        return Ok(None);
    };
    Ok(Some(SubnetHyperparamsV2 {
        rho: Compact(p.rho),
        kappa: Compact(p.kappa),
        immunity_period: Compact(p.immunity_period),
        min_allowed_weights: Compact(p.min_allowed_weights),
        max_weights_limit: Compact(p.max_weights_limit),
        tempo: Compact(p.tempo),
        min_difficulty: Compact(p.min_difficulty),
        max_difficulty: Compact(p.max_difficulty),
        weights_version: Compact(p.weights_version),
        weights_rate_limit: Compact(p.weights_rate_limit),
        adjustment_interval: Compact(p.adjustment_interval),
        activity_cutoff: Compact(p.activity_cutoff),
        registration_allowed: p.registration_allowed,
        target_regs_per_interval: Compact(p.target_regs_per_interval),
        min_burn: Compact(p.min_burn),
        max_burn: Compact(p.max_burn),
        bonds_moving_avg: Compact(p.bonds_moving_avg),
        max_regs_per_block: Compact(p.max_regs_per_block),
        serving_rate_limit: Compact(p.serving_rate_limit),
        max_validators: Compact(p.max_validators),
        adjustment_alpha: Compact(p.adjustment_alpha),
        difficulty: Compact(p.difficulty),
        commit_reveal_period: Compact(p.commit_reveal_period),
        commit_reveal_weights_enabled: p.commit_reveal_weights_enabled,
        alpha_high: Compact(p.alpha_high),
        alpha_low: Compact(p.alpha_low),
        liquid_alpha_enabled: p.liquid_alpha_enabled,
        alpha_sigmoid_steepness: I32F32::saturating_from_num(p.alpha_sigmoid_steepness),
        yuma_version: Compact(p.yuma_version),
        subnet_is_active: p.subnet_is_active,
        transfers_enabled: p.transfers_enabled,
        bonds_reset_enabled: p.bonds_reset_enabled,
        user_liquidity_enabled: false,
    }))
}

pub(super) fn get_subnet_hyperparams(
    ctx: &ApiContext<'_>,
    netuid: u16,
) -> ApiResult<Option<SubnetHyperparams>> {
    Ok(
        get_subnet_hyperparams_v2(ctx, netuid)?.map(|v| SubnetHyperparams {
            rho: v.rho,
            kappa: v.kappa,
            immunity_period: v.immunity_period,
            min_allowed_weights: v.min_allowed_weights,
            max_weights_limit: v.max_weights_limit,
            tempo: v.tempo,
            min_difficulty: v.min_difficulty,
            max_difficulty: v.max_difficulty,
            weights_version: v.weights_version,
            weights_rate_limit: v.weights_rate_limit,
            adjustment_interval: v.adjustment_interval,
            activity_cutoff: v.activity_cutoff,
            registration_allowed: v.registration_allowed,
            target_regs_per_interval: v.target_regs_per_interval,
            min_burn: v.min_burn,
            max_burn: v.max_burn,
            bonds_moving_avg: v.bonds_moving_avg,
            max_regs_per_block: v.max_regs_per_block,
            serving_rate_limit: v.serving_rate_limit,
            max_validators: v.max_validators,
            adjustment_alpha: v.adjustment_alpha,
            difficulty: v.difficulty,
            commit_reveal_period: v.commit_reveal_period,
            commit_reveal_weights_enabled: v.commit_reveal_weights_enabled,
            alpha_high: v.alpha_high,
            alpha_low: v.alpha_low,
            liquid_alpha_enabled: v.liquid_alpha_enabled,
        }),
    )
}

/// v3 (§9.4): every hyperparameter by name, in subtensor's order (v3 has no `rho`).
pub(super) fn get_subnet_hyperparams_v3(
    ctx: &ApiContext<'_>,
    netuid: u16,
) -> ApiResult<Option<Vec<HyperparamEntry>>> {
    use HyperparamValue as V;
    let n = NetUid(netuid);
    let s = ctx.state;
    let Some(p) = info::hyperparams(s, n)? else {
        return Ok(None);
    };
    let min_childkey_take = childkeys::effective_min_childkey_take(s, n)?;
    let entries = [
        ("kappa", V::U16(Compact(p.kappa))),
        ("immunity_period", V::U16(Compact(p.immunity_period))),
        (
            "min_allowed_weights",
            V::U16(Compact(p.min_allowed_weights)),
        ),
        ("max_weights_limit", V::U16(Compact(p.max_weights_limit))),
        ("tempo", V::U16(Compact(p.tempo))),
        ("weights_version", V::U64(Compact(p.weights_version))),
        ("weights_rate_limit", V::U64(Compact(p.weights_rate_limit))),
        ("activity_cutoff", V::U64(Compact(p.activity_cutoff))),
        (
            "activity_cutoff_factor",
            V::U32(Compact(p.activity_cutoff_factor_milli)),
        ),
        ("registration_allowed", V::Bool(p.registration_allowed)),
        (
            "target_regs_per_interval",
            V::U16(Compact(p.target_regs_per_interval)),
        ),
        ("min_burn", V::TaoBalance(Compact(p.min_burn))),
        ("max_burn", V::TaoBalance(Compact(p.max_burn))),
        ("burn_half_life", V::U16(Compact(p.burn_half_life))),
        (
            "burn_increase_mult",
            V::U64F64(substrate_fixed::types::U64F64::from_bits(
                hp::BURN_INCREASE_MULT.get(s, n)?,
            )),
        ),
        ("bonds_moving_avg", V::U64(Compact(p.bonds_moving_avg))),
        ("max_regs_per_block", V::U16(Compact(p.max_regs_per_block))),
        ("serving_rate_limit", V::U64(Compact(p.serving_rate_limit))),
        ("max_validators", V::U16(Compact(p.max_validators))),
        (
            "commit_reveal_period",
            V::U64(Compact(p.commit_reveal_period)),
        ),
        (
            "commit_reveal_weights_enabled",
            V::Bool(p.commit_reveal_weights_enabled),
        ),
        ("alpha_high", V::U16(Compact(p.alpha_high))),
        ("alpha_low", V::U16(Compact(p.alpha_low))),
        ("liquid_alpha_enabled", V::Bool(p.liquid_alpha_enabled)),
        (
            "alpha_sigmoid_steepness",
            V::I32F32(substrate_fixed::types::I32F32::saturating_from_num(
                p.alpha_sigmoid_steepness,
            )),
        ),
        ("yuma_version", V::U16(Compact(p.yuma_version))),
        ("subnet_is_active", V::Bool(p.subnet_is_active)),
        ("transfers_enabled", V::Bool(p.transfers_enabled)),
        ("bonds_reset_enabled", V::Bool(p.bonds_reset_enabled)),
        ("user_liquidity_enabled", V::Bool(false)),
        (
            "owner_cut_enabled",
            V::Bool(hp::OWNER_CUT_ENABLED.get(s, n)?),
        ),
        (
            "owner_cut_auto_lock_enabled",
            V::Bool(hp::OWNER_CUT_AUTO_LOCK_ENABLED.get(s, n)?),
        ),
        ("min_childkey_take", V::U16(Compact(min_childkey_take))),
    ];
    Ok(Some(
        entries
            .into_iter()
            .map(|(name, value)| HyperparamEntry {
                name: name.as_bytes().to_vec(),
                value,
            })
            .collect(),
    ))
}
