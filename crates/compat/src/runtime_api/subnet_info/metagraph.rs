//! `Metagraph` (spec-subnets §9.6; subtensor `rpc_info/metagraph.rs`): the subnet's scalars,
//! hyperparameters and per-uid columns, and its per-mechanism variant.

use super::{moving_price, now};
use crate::runtime_api::{
    common::{self, compact_bytes, compacts, AxonInfo, ChainIdentityV2, SubnetIdentityV3},
    ApiContext, ApiResult,
};
use parity_scale_codec::{Compact, Decode, Encode};
use scale_info::TypeInfo;
use substrate_fixed::types::I96F32;
use yuma_primitives::{AccountId, NetUid};
use yuma_runtime::{
    childkeys,
    emission::distribute::ALPHA_DIVIDENDS_PER_SUBNET,
    hyperparams::items as hp,
    subnets::info,
    subtensor::storage::{self as st, storage_index},
};

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

/// Per-uid `(total, alpha, tao)` stake weights (`get_stake_weights_for_network`): inherited
/// alpha, inherited root TAO, and alpha + TaoWeight × TAO, floored to rao.
pub(super) fn stake_weights(
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
pub(super) struct Neurons {
    pub(super) hotkeys: Vec<AccountId>,
    pub(super) coldkeys: Vec<AccountId>,
    pub(super) block_at_registration: Vec<u64>,
    pub(super) axons: Vec<AxonInfo>,
}

pub(super) fn neurons(ctx: &ApiContext<'_>, n: NetUid) -> ApiResult<Neurons> {
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
            .push(st::AXONS.get(ctx.state, &n, &h)?.unwrap_or_default());
        out.hotkeys.push(h);
    }
    Ok(out)
}

pub(crate) fn get_metagraph(ctx: &ApiContext<'_>, netuid: u16) -> ApiResult<Option<Metagraph>> {
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

pub(super) fn get_all_metagraphs(ctx: &ApiContext<'_>) -> ApiResult<Vec<Option<Metagraph>>> {
    common::all_subnets(ctx)?
        .into_iter()
        .map(|n| get_metagraph(ctx, n.0))
        .collect()
}

/// `get_mechagraph`: the metagraph with the mechanism's storage index as netuid and that
/// mechanism's `LastUpdate` and `Incentive`.
pub(crate) fn get_mechagraph(
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

pub(super) fn get_all_mechagraphs(ctx: &ApiContext<'_>) -> ApiResult<Vec<Option<Metagraph>>> {
    let mut out = Vec::new();
    for n in common::all_subnets(ctx)? {
        for mecid in 0..hp::MECHANISM_COUNT_CURRENT.get(ctx.state, n)? {
            out.push(get_mechagraph(ctx, n.0, mecid)?);
        }
    }
    Ok(out)
}
