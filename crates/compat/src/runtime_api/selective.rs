//! `get_selective_metagraph` / `get_selective_mechagraph`: the metagraph fields a client
//! asks for by index (spec-subnets §9.6), every other field `None`.
//!
//! Fields 0–71 are the [`Metagraph`]'s, in its order; 72 lists the validators (uids with a
//! permit whose stake weight exceeds `StakeThreshold`, ascending by stake) and 73 the
//! commitments (yuma has no commitments pallet: always an empty list). As in subtensor, the
//! metagraph's `netuid` is set only when index 0 is asked for (the mechagraph always sets it)
//! and unknown indexes are ignored.

use super::{
    common::{AxonInfo, ChainIdentityV2, SubnetIdentityV3},
    subnet_info::{self, Metagraph},
    ApiContext, ApiResult,
};
use parity_scale_codec::{Compact, Decode, Encode};
use scale_info::TypeInfo;
use substrate_fixed::types::{I64F64, I96F32};
use yuma_primitives::{AccountId, NetUid};
use yuma_runtime::{childkeys, hyperparams::items::STAKE_THRESHOLD, subtensor::storage as st};

/// `SelectiveMetagraph<AccountId32>`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(missing_docs)]
pub struct SelectiveMetagraph {
    pub netuid: Compact<u16>,
    pub name: Option<Vec<Compact<u8>>>,
    pub symbol: Option<Vec<Compact<u8>>>,
    pub identity: Option<Option<SubnetIdentityV3>>,
    pub network_registered_at: Option<Compact<u64>>,
    pub owner_hotkey: Option<AccountId>,
    pub owner_coldkey: Option<AccountId>,
    pub block: Option<Compact<u64>>,
    pub tempo: Option<Compact<u16>>,
    pub last_step: Option<Compact<u64>>,
    pub blocks_since_last_step: Option<Compact<u64>>,
    pub subnet_emission: Option<Compact<u64>>,
    pub alpha_in: Option<Compact<u64>>,
    pub alpha_out: Option<Compact<u64>>,
    pub tao_in: Option<Compact<u64>>,
    pub alpha_out_emission: Option<Compact<u64>>,
    pub alpha_in_emission: Option<Compact<u64>>,
    pub tao_in_emission: Option<Compact<u64>>,
    pub pending_alpha_emission: Option<Compact<u64>>,
    pub pending_root_emission: Option<Compact<u64>>,
    pub subnet_volume: Option<Compact<u128>>,
    pub moving_price: Option<I96F32>,
    pub rho: Option<Compact<u16>>,
    pub kappa: Option<Compact<u16>>,
    pub min_allowed_weights: Option<Compact<u16>>,
    pub max_weights_limit: Option<Compact<u16>>,
    pub weights_version: Option<Compact<u64>>,
    pub weights_rate_limit: Option<Compact<u64>>,
    pub activity_cutoff: Option<Compact<u64>>,
    pub max_validators: Option<Compact<u16>>,
    pub num_uids: Option<Compact<u16>>,
    pub max_uids: Option<Compact<u16>>,
    pub burn: Option<Compact<u64>>,
    pub difficulty: Option<Compact<u64>>,
    pub registration_allowed: Option<bool>,
    pub pow_registration_allowed: Option<bool>,
    pub immunity_period: Option<Compact<u16>>,
    pub min_difficulty: Option<Compact<u64>>,
    pub max_difficulty: Option<Compact<u64>>,
    pub min_burn: Option<Compact<u64>>,
    pub max_burn: Option<Compact<u64>>,
    pub adjustment_alpha: Option<Compact<u64>>,
    pub adjustment_interval: Option<Compact<u16>>,
    pub target_regs_per_interval: Option<Compact<u16>>,
    pub max_regs_per_block: Option<Compact<u16>>,
    pub serving_rate_limit: Option<Compact<u64>>,
    pub commit_reveal_weights_enabled: Option<bool>,
    pub commit_reveal_period: Option<Compact<u64>>,
    pub liquid_alpha_enabled: Option<bool>,
    pub alpha_high: Option<Compact<u16>>,
    pub alpha_low: Option<Compact<u16>>,
    pub bonds_moving_avg: Option<Compact<u64>>,
    pub hotkeys: Option<Vec<AccountId>>,
    pub coldkeys: Option<Vec<AccountId>>,
    pub identities: Option<Vec<Option<ChainIdentityV2>>>,
    pub axons: Option<Vec<AxonInfo>>,
    pub active: Option<Vec<bool>>,
    pub validator_permit: Option<Vec<bool>>,
    pub pruning_score: Option<Vec<Compact<u16>>>,
    pub last_update: Option<Vec<Compact<u64>>>,
    pub emission: Option<Vec<Compact<u64>>>,
    pub dividends: Option<Vec<Compact<u16>>>,
    pub incentives: Option<Vec<Compact<u16>>>,
    pub consensus: Option<Vec<Compact<u16>>>,
    pub trust: Option<Vec<Compact<u16>>>,
    pub rank: Option<Vec<Compact<u16>>>,
    pub block_at_registration: Option<Vec<Compact<u64>>>,
    pub alpha_stake: Option<Vec<Compact<u64>>>,
    pub tao_stake: Option<Vec<Compact<u64>>>,
    pub total_stake: Option<Vec<Compact<u64>>>,
    pub tao_dividends_per_hotkey: Option<Vec<(AccountId, Compact<u64>)>>,
    pub alpha_dividends_per_hotkey: Option<Vec<(AccountId, Compact<u64>)>>,
    pub validators: Option<Vec<Compact<u16>>>,
    pub commitments: Option<Vec<(AccountId, Vec<Compact<u8>>)>>,
}

/// Everything absent, netuid 0 (upstream's default).
impl Default for SelectiveMetagraph {
    fn default() -> Self {
        Self {
            netuid: Compact(0),
            name: None,
            symbol: None,
            identity: None,
            network_registered_at: None,
            owner_hotkey: None,
            owner_coldkey: None,
            block: None,
            tempo: None,
            last_step: None,
            blocks_since_last_step: None,
            subnet_emission: None,
            alpha_in: None,
            alpha_out: None,
            tao_in: None,
            alpha_out_emission: None,
            alpha_in_emission: None,
            tao_in_emission: None,
            pending_alpha_emission: None,
            pending_root_emission: None,
            subnet_volume: None,
            moving_price: None,
            rho: None,
            kappa: None,
            min_allowed_weights: None,
            max_weights_limit: None,
            weights_version: None,
            weights_rate_limit: None,
            activity_cutoff: None,
            max_validators: None,
            num_uids: None,
            max_uids: None,
            burn: None,
            difficulty: None,
            registration_allowed: None,
            pow_registration_allowed: None,
            immunity_period: None,
            min_difficulty: None,
            max_difficulty: None,
            min_burn: None,
            max_burn: None,
            adjustment_alpha: None,
            adjustment_interval: None,
            target_regs_per_interval: None,
            max_regs_per_block: None,
            serving_rate_limit: None,
            commit_reveal_weights_enabled: None,
            commit_reveal_period: None,
            liquid_alpha_enabled: None,
            alpha_high: None,
            alpha_low: None,
            bonds_moving_avg: None,
            hotkeys: None,
            coldkeys: None,
            identities: None,
            axons: None,
            active: None,
            validator_permit: None,
            pruning_score: None,
            last_update: None,
            emission: None,
            dividends: None,
            incentives: None,
            consensus: None,
            trust: None,
            rank: None,
            block_at_registration: None,
            alpha_stake: None,
            tao_stake: None,
            total_stake: None,
            tao_dividends_per_hotkey: None,
            alpha_dividends_per_hotkey: None,
            validators: None,
            commitments: None,
        }
    }
}

/// Copies field `index` (1–71) of `m` into `out`.
fn pick(m: &Metagraph, out: &mut SelectiveMetagraph, index: u16) {
    match index {
        1 => out.name = Some(m.name.clone()),
        2 => out.symbol = Some(m.symbol.clone()),
        3 => out.identity = Some(m.identity.clone()),
        4 => out.network_registered_at = Some(m.network_registered_at.clone()),
        5 => out.owner_hotkey = Some(m.owner_hotkey.clone()),
        6 => out.owner_coldkey = Some(m.owner_coldkey.clone()),
        7 => out.block = Some(m.block.clone()),
        8 => out.tempo = Some(m.tempo.clone()),
        9 => out.last_step = Some(m.last_step.clone()),
        10 => out.blocks_since_last_step = Some(m.blocks_since_last_step.clone()),
        11 => out.subnet_emission = Some(m.subnet_emission.clone()),
        12 => out.alpha_in = Some(m.alpha_in.clone()),
        13 => out.alpha_out = Some(m.alpha_out.clone()),
        14 => out.tao_in = Some(m.tao_in.clone()),
        15 => out.alpha_out_emission = Some(m.alpha_out_emission.clone()),
        16 => out.alpha_in_emission = Some(m.alpha_in_emission.clone()),
        17 => out.tao_in_emission = Some(m.tao_in_emission.clone()),
        18 => out.pending_alpha_emission = Some(m.pending_alpha_emission.clone()),
        19 => out.pending_root_emission = Some(m.pending_root_emission.clone()),
        20 => out.subnet_volume = Some(m.subnet_volume.clone()),
        21 => out.moving_price = Some(m.moving_price.clone()),
        22 => out.rho = Some(m.rho.clone()),
        23 => out.kappa = Some(m.kappa.clone()),
        24 => out.min_allowed_weights = Some(m.min_allowed_weights.clone()),
        25 => out.max_weights_limit = Some(m.max_weights_limit.clone()),
        26 => out.weights_version = Some(m.weights_version.clone()),
        27 => out.weights_rate_limit = Some(m.weights_rate_limit.clone()),
        28 => out.activity_cutoff = Some(m.activity_cutoff.clone()),
        29 => out.max_validators = Some(m.max_validators.clone()),
        30 => out.num_uids = Some(m.num_uids.clone()),
        31 => out.max_uids = Some(m.max_uids.clone()),
        32 => out.burn = Some(m.burn.clone()),
        33 => out.difficulty = Some(m.difficulty.clone()),
        34 => out.registration_allowed = Some(m.registration_allowed.clone()),
        35 => out.pow_registration_allowed = Some(m.pow_registration_allowed.clone()),
        36 => out.immunity_period = Some(m.immunity_period.clone()),
        37 => out.min_difficulty = Some(m.min_difficulty.clone()),
        38 => out.max_difficulty = Some(m.max_difficulty.clone()),
        39 => out.min_burn = Some(m.min_burn.clone()),
        40 => out.max_burn = Some(m.max_burn.clone()),
        41 => out.adjustment_alpha = Some(m.adjustment_alpha.clone()),
        42 => out.adjustment_interval = Some(m.adjustment_interval.clone()),
        43 => out.target_regs_per_interval = Some(m.target_regs_per_interval.clone()),
        44 => out.max_regs_per_block = Some(m.max_regs_per_block.clone()),
        45 => out.serving_rate_limit = Some(m.serving_rate_limit.clone()),
        46 => out.commit_reveal_weights_enabled = Some(m.commit_reveal_weights_enabled.clone()),
        47 => out.commit_reveal_period = Some(m.commit_reveal_period.clone()),
        48 => out.liquid_alpha_enabled = Some(m.liquid_alpha_enabled.clone()),
        49 => out.alpha_high = Some(m.alpha_high.clone()),
        50 => out.alpha_low = Some(m.alpha_low.clone()),
        51 => out.bonds_moving_avg = Some(m.bonds_moving_avg.clone()),
        52 => out.hotkeys = Some(m.hotkeys.clone()),
        53 => out.coldkeys = Some(m.coldkeys.clone()),
        54 => out.identities = Some(m.identities.clone()),
        55 => out.axons = Some(m.axons.clone()),
        56 => out.active = Some(m.active.clone()),
        57 => out.validator_permit = Some(m.validator_permit.clone()),
        58 => out.pruning_score = Some(m.pruning_score.clone()),
        59 => out.last_update = Some(m.last_update.clone()),
        60 => out.emission = Some(m.emission.clone()),
        61 => out.dividends = Some(m.dividends.clone()),
        62 => out.incentives = Some(m.incentives.clone()),
        63 => out.consensus = Some(m.consensus.clone()),
        64 => out.trust = Some(m.trust.clone()),
        65 => out.rank = Some(m.rank.clone()),
        66 => out.block_at_registration = Some(m.block_at_registration.clone()),
        67 => out.alpha_stake = Some(m.alpha_stake.clone()),
        68 => out.tao_stake = Some(m.tao_stake.clone()),
        69 => out.total_stake = Some(m.total_stake.clone()),
        70 => out.tao_dividends_per_hotkey = Some(m.tao_dividends_per_hotkey.clone()),
        71 => out.alpha_dividends_per_hotkey = Some(m.alpha_dividends_per_hotkey.clone()),
        _ => {}
    }
}

/// Index 72: permitted uids whose stake weight exceeds `StakeThreshold`, ascending by stake
/// (ties in uid order).
fn validators(ctx: &ApiContext<'_>, n: NetUid) -> ApiResult<Vec<Compact<u16>>> {
    let threshold = I64F64::saturating_from_num(STAKE_THRESHOLD.get(ctx.state)?);
    let permits = st::VALIDATOR_PERMIT.get(ctx.state, &n)?.unwrap_or_default();
    let mut found: Vec<(u16, I64F64)> = Vec::new();
    // Storage order of `Keys`, as upstream iterates it (the stable sort keeps it for ties).
    let uids: Vec<(u16, AccountId)> = st::KEYS.iter_prefix(ctx.state, &n)?;
    for (uid, hotkey) in uids {
        if permits.get(usize::from(uid)).copied().unwrap_or(false) {
            found.push((uid, childkeys::stake_weight(ctx.state, &hotkey, n)?));
        }
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(found
        .into_iter()
        .filter(|(_, s)| *s > threshold)
        .map(|(uid, _)| Compact(uid))
        .collect())
}

fn select(
    ctx: &ApiContext<'_>,
    n: NetUid,
    m: &Metagraph,
    indexes: &[u16],
) -> ApiResult<SelectiveMetagraph> {
    let mut out = SelectiveMetagraph::default();
    for &i in indexes {
        match i {
            0 => out.netuid = m.netuid,
            72 => out.validators = Some(validators(ctx, n)?),
            73 => out.commitments = Some(Vec::new()),
            i => pick(m, &mut out, i),
        }
    }
    Ok(out)
}

pub(super) fn get_selective_metagraph(
    ctx: &ApiContext<'_>,
    netuid: u16,
    metagraph_indexes: Vec<u16>,
) -> ApiResult<Option<SelectiveMetagraph>> {
    let n = NetUid(netuid);
    let Some(m) = subnet_info::get_metagraph(ctx, netuid)? else {
        return Ok(None);
    };
    Ok(Some(select(ctx, n, &m, &metagraph_indexes)?))
}

pub(super) fn get_selective_mechagraph(
    ctx: &ApiContext<'_>,
    netuid: u16,
    mecid: u8,
    metagraph_indexes: Vec<u16>,
) -> ApiResult<Option<SelectiveMetagraph>> {
    let n = NetUid(netuid);
    if !super::common::exists(ctx, n)? {
        return Ok(None);
    }
    // A mechanism that does not exist leaves every field empty, as upstream's per-index
    // reads of a missing mechanism do.
    let mut out = match subnet_info::get_mechagraph(ctx, netuid, mecid)? {
        Some(m) => select(ctx, n, &m, &metagraph_indexes)?,
        None => SelectiveMetagraph::default(),
    };
    out.netuid = Compact(netuid);
    Ok(Some(out))
}
