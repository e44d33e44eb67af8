//! `SubnetInfoRuntimeApi`: dynamic info, metagraphs, subnet state, hyperparameters and the
//! subnet schedule (spec-subnets §9.3–§9.6).
//!
//! Every figure is read through yuma's own views ([`yuma_runtime::subnets::info`]) or the
//! storage items and module functions behind them; the structs are subtensor's, field for field
//! (`pallets/subtensor/src/rpc_info/{dynamic_info,metagraph,subnet_info,show_subnet}.rs`).
//! Deprecated fields carry the constants subtensor fills them with.

use super::{
    common::{self, compact_bytes, compacts, AxonInfo, ChainIdentityV2, SubnetIdentityV3},
    method,
    selective::{self, SelectiveMetagraph},
    Api, ApiContext, ApiResult,
};
use parity_scale_codec::{Compact, Decode, Encode};
use scale_info::TypeInfo;
use substrate_fixed::types::{I32F32, I96F32, U64F64};
use yuma_primitives::{AccountId, NetUid};
use yuma_runtime::{
    childkeys,
    emission::distribute::{ALPHA_DIVIDENDS_PER_SUBNET, AUTO_STAKE_DESTINATION},
    hyperparams::items as hp,
    subnets::{self, info},
    subtensor::storage::{self as st, storage_index},
};

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

/// `Metagraph<AccountId32>` (§9.6; indexes in the comments are `SelectiveMetagraph`'s).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct Metagraph {
    pub netuid: Compact<u16>,
    pub name: Vec<Compact<u8>>,
    pub symbol: Vec<Compact<u8>>,
    pub identity: Option<SubnetIdentityV3>,
    pub network_registered_at: Compact<u64>,
    pub owner_hotkey: AccountId,
    pub owner_coldkey: AccountId,
    pub block: Compact<u64>,
    pub tempo: Compact<u16>,
    pub last_step: Compact<u64>,
    pub blocks_since_last_step: Compact<u64>,
    pub subnet_emission: Compact<u64>,
    pub alpha_in: Compact<u64>,
    pub alpha_out: Compact<u64>,
    pub tao_in: Compact<u64>,
    pub alpha_out_emission: Compact<u64>,
    pub alpha_in_emission: Compact<u64>,
    pub tao_in_emission: Compact<u64>,
    pub pending_alpha_emission: Compact<u64>,
    pub pending_root_emission: Compact<u64>,
    pub subnet_volume: Compact<u128>,
    pub moving_price: I96F32,
    pub rho: Compact<u16>,
    pub kappa: Compact<u16>,
    pub min_allowed_weights: Compact<u16>,
    pub max_weights_limit: Compact<u16>,
    pub weights_version: Compact<u64>,
    pub weights_rate_limit: Compact<u64>,
    pub activity_cutoff: Compact<u64>,
    pub max_validators: Compact<u16>,
    pub num_uids: Compact<u16>,
    pub max_uids: Compact<u16>,
    pub burn: Compact<u64>,
    pub difficulty: Compact<u64>,
    pub registration_allowed: bool,
    pub pow_registration_allowed: bool,
    pub immunity_period: Compact<u16>,
    pub min_difficulty: Compact<u64>,
    pub max_difficulty: Compact<u64>,
    pub min_burn: Compact<u64>,
    pub max_burn: Compact<u64>,
    pub adjustment_alpha: Compact<u64>,
    pub adjustment_interval: Compact<u16>,
    pub target_regs_per_interval: Compact<u16>,
    pub max_regs_per_block: Compact<u16>,
    pub serving_rate_limit: Compact<u64>,
    pub commit_reveal_weights_enabled: bool,
    pub commit_reveal_period: Compact<u64>,
    pub liquid_alpha_enabled: bool,
    pub alpha_high: Compact<u16>,
    pub alpha_low: Compact<u16>,
    pub bonds_moving_avg: Compact<u64>,
    pub hotkeys: Vec<AccountId>,
    pub coldkeys: Vec<AccountId>,
    pub identities: Vec<Option<ChainIdentityV2>>,
    pub axons: Vec<AxonInfo>,
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
    pub tao_dividends_per_hotkey: Vec<(AccountId, Compact<u64>)>,
    pub alpha_dividends_per_hotkey: Vec<(AccountId, Compact<u64>)>,
}

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

/// What "now" is for a call: the block it was asked at.
fn now(ctx: &ApiContext<'_>) -> u64 {
    ctx.block_number
}

fn moving_price(ctx: &ApiContext<'_>, n: NetUid) -> ApiResult<I96F32> {
    Ok(I96F32::from_bits(
        st::SUBNET_MOVING_PRICE.get(ctx.state, &n)?.unwrap_or(0),
    ))
}

fn get_dynamic_info(ctx: &ApiContext<'_>, netuid: u16) -> ApiResult<Option<DynamicInfo>> {
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

fn get_all_dynamic_info(ctx: &ApiContext<'_>) -> ApiResult<Vec<Option<DynamicInfo>>> {
    common::all_subnets(ctx)?
        .into_iter()
        .map(|n| get_dynamic_info(ctx, n.0))
        .collect()
}

/// Per-uid `(total, alpha, tao)` stake weights (`get_stake_weights_for_network`): inherited
/// alpha, inherited root TAO, and alpha + TaoWeight × TAO, floored to rao.
pub(crate) fn stake_weights(
    ctx: &ApiContext<'_>,
    n: NetUid,
    hotkeys: &[AccountId],
) -> ApiResult<(Vec<u64>, Vec<u64>, Vec<u64>)> {
    let (mut total, mut alpha, mut tao) = (Vec::new(), Vec::new(), Vec::new());
    for h in hotkeys {
        let (a, t) = childkeys::inherited_stakes(ctx.state, h, n)?;
        alpha.push(a);
        tao.push(t);
        total.push(childkeys::stake_weight(ctx.state, h, n)?.saturating_to_num::<u64>());
    }
    Ok((total, alpha, tao))
}

/// The per-uid part every metagraph-like view shares.
struct Neurons {
    hotkeys: Vec<AccountId>,
    coldkeys: Vec<AccountId>,
    block_at_registration: Vec<u64>,
    axons: Vec<AxonInfo>,
}

fn neurons(ctx: &ApiContext<'_>, n: NetUid) -> ApiResult<Neurons> {
    let count = st::SUBNETWORK_N.get(ctx.state, &n)?.unwrap_or(0);
    let mut out = Neurons {
        hotkeys: Vec::new(),
        coldkeys: Vec::new(),
        block_at_registration: Vec::new(),
        axons: Vec::new(),
    };
    for uid in 0..count {
        let h = st::KEYS.get(ctx.state, &n, &uid)?.unwrap_or_default();
        out.coldkeys
            .push(yuma_runtime::subtensor::ownership::owner(ctx.state, &h)?.unwrap_or_default());
        out.block_at_registration.push(
            st::BLOCK_AT_REGISTRATION
                .get(ctx.state, &n, &uid)?
                .unwrap_or(0),
        );
        out.axons
            .push(st::AXONS.get(ctx.state, &n, &h)?.unwrap_or_default().into());
        out.hotkeys.push(h);
    }
    Ok(out)
}

pub(super) fn get_metagraph(ctx: &ApiContext<'_>, netuid: u16) -> ApiResult<Option<Metagraph>> {
    let n = NetUid(netuid);
    let (Some(v), Some(p)) = (
        info::subnet(ctx.state, n, now(ctx))?,
        info::hyperparams(ctx.state, n)?,
    ) else {
        return Ok(None);
    };
    let s = ctx.state;
    let idx = storage_index(n, 0);
    let u = neurons(ctx, n)?;
    let (total, alpha, tao) = stake_weights(ctx, n, &u.hotkeys)?;
    let mut alpha_divs = Vec::with_capacity(u.hotkeys.len());
    for h in &u.hotkeys {
        alpha_divs.push((
            *h,
            Compact(ALPHA_DIVIDENDS_PER_SUBNET.get(s, &n, h)?.unwrap_or(0)),
        ));
    }
    Ok(Some(Metagraph {
        netuid: Compact(netuid),
        name: compact_bytes(&common::subnet_name(ctx, n)?),
        symbol: compact_bytes(&common::token_symbol(ctx, n)?),
        identity: common::subnet_identity(ctx, n)?,
        network_registered_at: Compact(v.network_registered_at),
        owner_hotkey: v.owner_hotkey.unwrap_or_default(),
        owner_coldkey: v.owner_coldkey.unwrap_or_default(),
        block: Compact(now(ctx)),
        tempo: Compact(v.tempo),
        last_step: Compact(v.last_step),
        blocks_since_last_step: Compact(v.blocks_since_last_step),
        subnet_emission: Compact(0),
        alpha_in: Compact(v.alpha_in),
        alpha_out: Compact(v.alpha_out),
        tao_in: Compact(v.tao_in),
        alpha_out_emission: Compact(v.alpha_out_emission),
        alpha_in_emission: Compact(v.alpha_in_emission),
        tao_in_emission: Compact(v.tao_in_emission),
        pending_alpha_emission: Compact(v.pending_alpha_emission),
        pending_root_emission: Compact(v.pending_root_emission),
        subnet_volume: Compact(v.subnet_volume),
        moving_price: moving_price(ctx, n)?,
        rho: Compact(p.rho),
        kappa: Compact(p.kappa),
        min_allowed_weights: Compact(p.min_allowed_weights),
        max_weights_limit: Compact(p.max_weights_limit),
        weights_version: Compact(p.weights_version),
        weights_rate_limit: Compact(p.weights_rate_limit),
        activity_cutoff: Compact(p.activity_cutoff),
        max_validators: Compact(p.max_validators),
        num_uids: Compact(v.subnetwork_n),
        max_uids: Compact(p.max_allowed_uids),
        burn: Compact(p.burn),
        difficulty: Compact(p.difficulty),
        registration_allowed: p.registration_allowed,
        pow_registration_allowed: hp::NETWORK_POW_REGISTRATION_ALLOWED.get(s, n)?,
        immunity_period: Compact(p.immunity_period),
        min_difficulty: Compact(p.min_difficulty),
        max_difficulty: Compact(p.max_difficulty),
        min_burn: Compact(p.min_burn),
        max_burn: Compact(p.max_burn),
        adjustment_alpha: Compact(p.adjustment_alpha),
        adjustment_interval: Compact(p.adjustment_interval),
        target_regs_per_interval: Compact(p.target_regs_per_interval),
        max_regs_per_block: Compact(p.max_regs_per_block),
        serving_rate_limit: Compact(p.serving_rate_limit),
        commit_reveal_weights_enabled: p.commit_reveal_weights_enabled,
        commit_reveal_period: Compact(p.commit_reveal_period),
        liquid_alpha_enabled: p.liquid_alpha_enabled,
        alpha_high: Compact(p.alpha_high),
        alpha_low: Compact(p.alpha_low),
        bonds_moving_avg: Compact(p.bonds_moving_avg),
        identities: vec![None; u.hotkeys.len()],
        axons: u.axons,
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
        tao_dividends_per_hotkey: u.hotkeys.iter().map(|h| (*h, Compact(0))).collect(),
        alpha_dividends_per_hotkey: alpha_divs,
        hotkeys: u.hotkeys,
        coldkeys: u.coldkeys,
    }))
}

fn get_all_metagraphs(ctx: &ApiContext<'_>) -> ApiResult<Vec<Option<Metagraph>>> {
    common::all_subnets(ctx)?
        .into_iter()
        .map(|n| get_metagraph(ctx, n.0))
        .collect()
}

/// `get_mechagraph`: the metagraph with the mechanism's storage index as netuid and that
/// mechanism's `LastUpdate` and `Incentive`.
pub(super) fn get_mechagraph(
    ctx: &ApiContext<'_>,
    netuid: u16,
    mecid: u8,
) -> ApiResult<Option<Metagraph>> {
    let n = NetUid(netuid);
    if !common::exists(ctx, n)? || mecid >= hp::MECHANISM_COUNT_CURRENT.get(ctx.state, n)? {
        return Ok(None);
    }
    let Some(mut m) = get_metagraph(ctx, netuid)? else {
        return Ok(None);
    };
    let idx = storage_index(n, mecid);
    m.netuid = Compact(idx);
    m.last_update = compacts(&st::LAST_UPDATE.get(ctx.state, &idx)?.unwrap_or_default());
    m.incentives = compacts(&st::INCENTIVE.get(ctx.state, &idx)?.unwrap_or_default());
    Ok(Some(m))
}

fn get_all_mechagraphs(ctx: &ApiContext<'_>) -> ApiResult<Vec<Option<Metagraph>>> {
    let mut out = Vec::new();
    for n in common::all_subnets(ctx)? {
        for mecid in 0..hp::MECHANISM_COUNT_CURRENT.get(ctx.state, n)? {
            out.push(get_mechagraph(ctx, n.0, mecid)?);
        }
    }
    Ok(out)
}

fn get_subnet_state(ctx: &ApiContext<'_>, netuid: u16) -> ApiResult<Option<SubnetState>> {
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

/// `ScalingLawPower` (deprecated, never set): subtensor's default.
const SCALING_LAW_POWER: u16 = 50;

fn get_subnet_info(ctx: &ApiContext<'_>, netuid: u16) -> ApiResult<Option<SubnetInfo>> {
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

fn get_subnet_info_v2(ctx: &ApiContext<'_>, netuid: u16) -> ApiResult<Option<SubnetInfov2>> {
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

fn get_subnets_info(ctx: &ApiContext<'_>) -> ApiResult<Vec<Option<SubnetInfo>>> {
    ascending(ctx)?
        .into_iter()
        .map(|n| get_subnet_info(ctx, n.0))
        .collect()
}

fn get_subnets_info_v2(ctx: &ApiContext<'_>) -> ApiResult<Vec<Option<SubnetInfov2>>> {
    ascending(ctx)?
        .into_iter()
        .map(|n| get_subnet_info_v2(ctx, n.0))
        .collect()
}

fn get_subnet_hyperparams_v2(
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

fn get_subnet_hyperparams(
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
fn get_subnet_hyperparams_v3(
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
