//! Runtime-API views of subnets and neurons (spec-subnets §9) as typed, serde-serialisable
//! structs: `subnet` (DynamicInfo fields, §9.5), `hyperparams` (§6.2 names), `metagraph`
//! (§9.6) and `neuron_info` (§9.2). A later node issue serves them over RPC; the scenario
//! runner prints them as JSON. Prices are U64F64 rendered as decimal strings with 9 digits.

use crate::{
    hyperparams::items::*,
    stake,
    storage::{StorageError, StorageRead},
    subtensor::{ownership, storage::*},
    swap,
};
use serde::Serialize;
use yuma_primitives::{AccountId, NetUid};

/// A U64F64 value as a decimal string with 9 fractional digits (truncated).
pub fn fixed_string(bits: u128) -> String {
    let int = bits >> 64;
    let frac = ((bits & u128::from(u64::MAX)) * 1_000_000_000) >> 64;
    format!("{int}.{frac:09}")
}

/// `subnet`: DynamicInfo (§9.5) plus the spot price.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SubnetView {
    /// Netuid.
    pub netuid: u16,
    /// Owner hotkey.
    pub owner_hotkey: Option<AccountId>,
    /// Owner coldkey.
    pub owner_coldkey: Option<AccountId>,
    /// Token symbol, UTF-8.
    pub token_symbol: String,
    /// Tempo.
    pub tempo: u16,
    /// Block of the last epoch step.
    pub last_step: u64,
    /// Blocks since then.
    pub blocks_since_last_step: u64,
    /// Always 0.
    pub emission: u64,
    /// `SubnetAlphaIn`.
    pub alpha_in: u64,
    /// `SubnetAlphaOut`.
    pub alpha_out: u64,
    /// `SubnetTAO`.
    pub tao_in: u64,
    /// `SubnetVolume`.
    pub subnet_volume: u128,
    /// `SubnetMovingPrice` (I96F32 bits, as a decimal string).
    pub moving_price: String,
    /// Spot price.
    pub price: String,
    /// `NetworkRegisteredAt`.
    pub network_registered_at: u64,
    /// `SubnetworkN`.
    pub subnetwork_n: u16,
    /// `SubnetLocked`.
    pub locked: u64,
    /// `FirstEmissionBlockNumber`.
    pub first_emission_block: Option<u64>,
    /// `SubtokenEnabled`.
    pub subtoken_enabled: bool,
    /// `SubnetEpochIndex`.
    pub epoch_index: u64,
    /// `RegisteredSubnetCounter`.
    pub registered_subnet_counter: u64,
}

/// `subnet(netuid)`, `None` if it does not exist.
pub fn subnet(
    s: &dyn StorageRead,
    n: NetUid,
    now: u64,
) -> Result<Option<SubnetView>, StorageError> {
    if !super::exists(s, n)? {
        return Ok(None);
    }
    let last_step = LAST_MECHANISM_STEP_BLOCK.get(s, &n)?.unwrap_or(0);
    let moving = SUBNET_MOVING_PRICE.get(s, &n)?.unwrap_or(0);
    Ok(Some(SubnetView {
        netuid: n.0,
        owner_hotkey: SUBNET_OWNER_HOTKEY.get(s, &n)?,
        owner_coldkey: SUBNET_OWNER.get(s, &n)?,
        token_symbol: String::from_utf8_lossy(&TOKEN_SYMBOL.get(s, &n)?.unwrap_or_default())
            .into_owned(),
        tempo: TEMPO.get(s, n)?,
        last_step,
        blocks_since_last_step: now.saturating_sub(last_step),
        emission: 0,
        alpha_in: swap::storage::subnet_alpha_in(s, n)?,
        alpha_out: swap::storage::subnet_alpha_out(s, n)?,
        tao_in: swap::storage::subnet_tao(s, n)?,
        subnet_volume: SUBNET_VOLUME.get(s, &n)?.unwrap_or(0),
        moving_price: fixed_string(u128::try_from(moving.max(0)).unwrap_or(0) << 32),
        price: fixed_string(swap::current_price(s, n)?.to_bits()),
        network_registered_at: NETWORK_REGISTERED_AT.get(s, &n)?.unwrap_or(0),
        subnetwork_n: SUBNETWORK_N.get(s, &n)?.unwrap_or(0),
        locked: SUBNET_LOCKED.get(s, &n)?.unwrap_or(0),
        first_emission_block: FIRST_EMISSION_BLOCK_NUMBER.get(s, &n)?,
        subtoken_enabled: SUBTOKEN_ENABLED.get(s, n)?,
        epoch_index: SUBNET_EPOCH_INDEX.get(s, &n)?.unwrap_or(0),
        registered_subnet_counter: REGISTERED_SUBNET_COUNTER.get(s, &n)?.unwrap_or(0),
    }))
}

/// `hyperparams`: the §6.2 table of one subnet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[allow(missing_docs)]
pub struct Hyperparams {
    pub rho: u16,
    pub kappa: u16,
    pub immunity_period: u16,
    pub min_allowed_weights: u16,
    pub max_weights_limit: u16,
    pub tempo: u16,
    pub min_difficulty: u64,
    pub max_difficulty: u64,
    pub weights_version: u64,
    pub weights_rate_limit: u64,
    pub adjustment_interval: u16,
    pub activity_cutoff: u64,
    pub activity_cutoff_factor_milli: u32,
    pub registration_allowed: bool,
    pub target_regs_per_interval: u16,
    pub min_burn: u64,
    pub max_burn: u64,
    pub burn: u64,
    pub burn_half_life: u16,
    pub burn_increase_mult: String,
    pub bonds_moving_avg: u64,
    pub bonds_penalty: u16,
    pub max_regs_per_block: u16,
    pub serving_rate_limit: u64,
    pub max_validators: u16,
    pub max_allowed_uids: u16,
    pub min_allowed_uids: u16,
    pub adjustment_alpha: u64,
    pub difficulty: u64,
    pub commit_reveal_period: u64,
    pub commit_reveal_weights_enabled: bool,
    pub alpha_high: u16,
    pub alpha_low: u16,
    pub liquid_alpha_enabled: bool,
    pub alpha_sigmoid_steepness: i16,
    pub yuma_version: u16,
    pub subnet_is_active: bool,
    pub transfers_enabled: bool,
    pub bonds_reset_enabled: bool,
    pub immune_owner_uids_limit: u16,
    pub min_non_immune_uids: u16,
    pub mechanism_count: u8,
    pub subnet_emission_enabled: bool,
}

/// `hyperparams(netuid)`, `None` if the subnet does not exist.
pub fn hyperparams(s: &dyn StorageRead, n: NetUid) -> Result<Option<Hyperparams>, StorageError> {
    if !super::exists(s, n)? {
        return Ok(None);
    }
    let tempo = TEMPO.get(s, n)?;
    let factor = ACTIVITY_CUTOFF_FACTOR_MILLI.get(s, n)?;
    let (alpha_low, alpha_high) = ALPHA_VALUES.get(s, n)?;
    Ok(Some(Hyperparams {
        rho: RHO.get(s, n)?,
        kappa: KAPPA.get(s, n)?,
        immunity_period: IMMUNITY_PERIOD.get(s, n)?,
        min_allowed_weights: MIN_ALLOWED_WEIGHTS.get(s, n)?,
        max_weights_limit: u16::MAX,
        tempo,
        min_difficulty: MIN_DIFFICULTY.get(s, n)?,
        max_difficulty: MAX_DIFFICULTY.get(s, n)?,
        weights_version: WEIGHTS_VERSION_KEY.get(s, n)?,
        weights_rate_limit: WEIGHTS_SET_RATE_LIMIT.get(s, n)?,
        adjustment_interval: ADJUSTMENT_INTERVAL.get(s, n)?,
        activity_cutoff: (u64::from(factor) * u64::from(tempo) / 1000).max(1),
        activity_cutoff_factor_milli: factor,
        registration_allowed: NETWORK_REGISTRATION_ALLOWED.get(s, n)?,
        target_regs_per_interval: TARGET_REGISTRATIONS_PER_INTERVAL.get(s, n)?,
        min_burn: MIN_BURN.get(s, n)?,
        max_burn: MAX_BURN.get(s, n)?,
        burn: BURN.get(s, n)?,
        burn_half_life: BURN_HALF_LIFE.get(s, n)?,
        burn_increase_mult: fixed_string(BURN_INCREASE_MULT.get(s, n)?),
        bonds_moving_avg: BONDS_MOVING_AVERAGE.get(s, n)?,
        bonds_penalty: BONDS_PENALTY.get(s, n)?,
        max_regs_per_block: MAX_REGISTRATIONS_PER_BLOCK.get(s, n)?,
        serving_rate_limit: SERVING_RATE_LIMIT.get(s, n)?,
        max_validators: MAX_ALLOWED_VALIDATORS.get(s, n)?,
        max_allowed_uids: MAX_ALLOWED_UIDS.get(s, n)?,
        min_allowed_uids: MIN_ALLOWED_UIDS.get(s, n)?,
        adjustment_alpha: ADJUSTMENT_ALPHA.get(s, n)?,
        difficulty: DIFFICULTY.get(s, n)?,
        commit_reveal_period: REVEAL_PERIOD_EPOCHS.get(s, n)?,
        commit_reveal_weights_enabled: COMMIT_REVEAL_WEIGHTS_ENABLED.get(s, n)?,
        alpha_high,
        alpha_low,
        liquid_alpha_enabled: LIQUID_ALPHA_ON.get(s, n)?,
        alpha_sigmoid_steepness: ALPHA_SIGMOID_STEEPNESS.get(s, n)?,
        yuma_version: if YUMA3_ON.get(s, n)? { 3 } else { 2 },
        subnet_is_active: SUBTOKEN_ENABLED.get(s, n)?,
        transfers_enabled: TRANSFER_TOGGLE.get(s, n)?,
        bonds_reset_enabled: BONDS_RESET_ON.get(s, n)?,
        immune_owner_uids_limit: IMMUNE_OWNER_UIDS_LIMIT.get(s, n)?,
        min_non_immune_uids: MIN_NON_IMMUNE_UIDS.get(s, n)?,
        mechanism_count: MECHANISM_COUNT_CURRENT.get(s, n)?,
        subnet_emission_enabled: SUBNET_EMISSION_ENABLED.get(s, n)?,
    }))
}

/// `neuron_info` (§9.2): one uid with its weights and bonds (mechanism 0, zeros omitted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NeuronInfo {
    /// Hotkey.
    pub hotkey: AccountId,
    /// Owner coldkey of the hotkey.
    pub coldkey: Option<AccountId>,
    /// Uid.
    pub uid: u16,
    /// Netuid.
    pub netuid: u16,
    /// Active.
    pub active: bool,
    /// Axon.
    pub axon_info: AxonInfo,
    /// Prometheus.
    pub prometheus_info: PrometheusInfo,
    /// Alpha stake of the hotkey on the subnet.
    pub stake: u64,
    /// Always 0.
    pub rank: u16,
    /// Emission.
    pub emission: u64,
    /// Incentive (mechanism 0).
    pub incentive: u16,
    /// Consensus.
    pub consensus: u16,
    /// Always 0.
    pub trust: u16,
    /// Validator trust.
    pub validator_trust: u16,
    /// Dividends.
    pub dividends: u16,
    /// Last update (mechanism 0).
    pub last_update: u64,
    /// Validator permit.
    pub validator_permit: bool,
    /// Weights row, zeros omitted.
    pub weights: Vec<(u16, u16)>,
    /// Bonds row, zeros omitted.
    pub bonds: Vec<(u16, u16)>,
    /// Always 65535.
    pub pruning_score: u16,
    /// Registration block.
    pub block_at_registration: u64,
}

fn at<T: Copy + Default>(v: &[T], uid: u16) -> T {
    v.get(usize::from(uid)).copied().unwrap_or_default()
}

/// `neuron_info(netuid, uid)`, `None` if no hotkey holds the uid.
pub fn neuron_info(
    s: &dyn StorageRead,
    n: NetUid,
    uid: u16,
) -> Result<Option<NeuronInfo>, StorageError> {
    let Some(hotkey) = KEYS.get(s, &n, &uid)? else {
        return Ok(None);
    };
    let idx = storage_index(n, 0);
    let nonzero = |row: Vec<(u16, u16)>| row.into_iter().filter(|(_, w)| *w != 0).collect();
    Ok(Some(NeuronInfo {
        coldkey: ownership::owner(s, &hotkey)?,
        uid,
        netuid: n.0,
        active: at(&ACTIVE.get(s, &n)?.unwrap_or_default(), uid),
        axon_info: AXONS.get(s, &n, &hotkey)?.unwrap_or_default(),
        prometheus_info: PROMETHEUS.get(s, &n, &hotkey)?.unwrap_or_default(),
        stake: stake::hotkey_alpha(s, &hotkey, n)?,
        rank: 0,
        emission: at(&EMISSION.get(s, &n)?.unwrap_or_default(), uid),
        incentive: at(&INCENTIVE.get(s, &idx)?.unwrap_or_default(), uid),
        consensus: at(&CONSENSUS.get(s, &n)?.unwrap_or_default(), uid),
        trust: 0,
        validator_trust: at(&VALIDATOR_TRUST.get(s, &n)?.unwrap_or_default(), uid),
        dividends: at(&DIVIDENDS.get(s, &n)?.unwrap_or_default(), uid),
        last_update: at(&LAST_UPDATE.get(s, &idx)?.unwrap_or_default(), uid),
        validator_permit: at(&VALIDATOR_PERMIT.get(s, &n)?.unwrap_or_default(), uid),
        weights: nonzero(WEIGHTS.get(s, &idx, &uid)?.unwrap_or_default()),
        bonds: nonzero(BONDS.get(s, &idx, &uid)?.unwrap_or_default()),
        pruning_score: u16::MAX,
        block_at_registration: BLOCK_AT_REGISTRATION.get(s, &n, &uid)?.unwrap_or(0),
        hotkey,
    }))
}

/// `neurons_lite(netuid)`: every uid 0..N without weights and bonds, stopping at the first
/// missing uid.
pub fn neurons_lite(s: &dyn StorageRead, n: NetUid) -> Result<Vec<NeuronInfo>, StorageError> {
    let count = SUBNETWORK_N.get(s, &n)?.unwrap_or(0);
    let mut out = Vec::new();
    for uid in 0..count {
        let Some(mut info) = neuron_info(s, n, uid)? else {
            break;
        };
        info.weights.clear();
        info.bonds.clear();
        out.push(info);
    }
    Ok(out)
}

/// `metagraph(netuid, mechid)` (§9.6): subnet scalars and per-uid vectors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Metagraph {
    /// Netuid (the mechanism storage index for mechid > 0).
    pub netuid: u16,
    /// Token symbol.
    pub symbol: String,
    /// `NetworkRegisteredAt`.
    pub network_registered_at: u64,
    /// Owner hotkey.
    pub owner_hotkey: Option<AccountId>,
    /// Owner coldkey.
    pub owner_coldkey: Option<AccountId>,
    /// Current block.
    pub block: u64,
    /// Tempo.
    pub tempo: u16,
    /// Last step.
    pub last_step: u64,
    /// Blocks since last step.
    pub blocks_since_last_step: u64,
    /// `SubnetAlphaIn`.
    pub alpha_in: u64,
    /// `SubnetAlphaOut`.
    pub alpha_out: u64,
    /// `SubnetTAO`.
    pub tao_in: u64,
    /// Number of uids.
    pub num_uids: u16,
    /// Max uids.
    pub max_uids: u16,
    /// Current burn.
    pub burn: u64,
    /// Hyperparameters.
    pub hyperparams: Hyperparams,
    /// Hotkey per uid.
    pub hotkeys: Vec<AccountId>,
    /// Coldkey per uid.
    pub coldkeys: Vec<Option<AccountId>>,
    /// Axon per uid.
    pub axons: Vec<AxonInfo>,
    /// Active per uid.
    pub active: Vec<bool>,
    /// Validator permit per uid.
    pub validator_permit: Vec<bool>,
    /// Last update per uid (this mechanism).
    pub last_update: Vec<u64>,
    /// Emission per uid.
    pub emission: Vec<u64>,
    /// Dividends per uid.
    pub dividends: Vec<u16>,
    /// Incentive per uid (this mechanism).
    pub incentives: Vec<u16>,
    /// Consensus per uid.
    pub consensus: Vec<u16>,
    /// Registration block per uid.
    pub block_at_registration: Vec<u64>,
    /// Alpha stake per uid.
    pub alpha_stake: Vec<u64>,
}

/// `metagraph(netuid, mechid)`, `None` if the subnet or mechanism does not exist.
pub fn metagraph(
    s: &dyn StorageRead,
    n: NetUid,
    mechid: u8,
    now: u64,
) -> Result<Option<Metagraph>, StorageError> {
    let (Some(view), Some(hp)) = (subnet(s, n, now)?, hyperparams(s, n)?) else {
        return Ok(None);
    };
    if mechid >= MECHANISM_COUNT_CURRENT.get(s, n)? {
        return Ok(None);
    }
    let idx = storage_index(n, mechid);
    let count = SUBNETWORK_N.get(s, &n)?.unwrap_or(0);
    let mut hotkeys = Vec::new();
    let mut coldkeys = Vec::new();
    let mut axons = Vec::new();
    let mut regs = Vec::new();
    let mut alpha = Vec::new();
    for uid in 0..count {
        let h = KEYS.get(s, &n, &uid)?.unwrap_or_default();
        coldkeys.push(ownership::owner(s, &h)?);
        axons.push(AXONS.get(s, &n, &h)?.unwrap_or_default());
        regs.push(BLOCK_AT_REGISTRATION.get(s, &n, &uid)?.unwrap_or(0));
        alpha.push(stake::hotkey_alpha(s, &h, n)?);
        hotkeys.push(h);
    }
    Ok(Some(Metagraph {
        netuid: idx,
        symbol: view.token_symbol,
        network_registered_at: view.network_registered_at,
        owner_hotkey: view.owner_hotkey,
        owner_coldkey: view.owner_coldkey,
        block: now,
        tempo: view.tempo,
        last_step: view.last_step,
        blocks_since_last_step: view.blocks_since_last_step,
        alpha_in: view.alpha_in,
        alpha_out: view.alpha_out,
        tao_in: view.tao_in,
        num_uids: count,
        max_uids: hp.max_allowed_uids,
        burn: hp.burn,
        hyperparams: hp,
        hotkeys,
        coldkeys,
        axons,
        active: ACTIVE.get(s, &n)?.unwrap_or_default(),
        validator_permit: VALIDATOR_PERMIT.get(s, &n)?.unwrap_or_default(),
        last_update: LAST_UPDATE.get(s, &idx)?.unwrap_or_default(),
        emission: EMISSION.get(s, &n)?.unwrap_or_default(),
        dividends: DIVIDENDS.get(s, &n)?.unwrap_or_default(),
        incentives: INCENTIVE.get(s, &idx)?.unwrap_or_default(),
        consensus: CONSENSUS.get(s, &n)?.unwrap_or_default(),
        block_at_registration: regs,
        alpha_stake: alpha,
    }))
}
