//! Chain parameters set at genesis (scenario `params`, chain spec): each is stored in state
//! under its subtensor storage name where subtensor has one, so the running chain reads it
//! from one place. Later modules add theirs here.

use crate::emission::storage::{FLOW_EMA_SMOOTHING_FACTOR, MAX_EPOCHS_PER_BLOCK, SUBNET_OWNER_CUT};
use crate::hyperparams::items::{
    ADMIN_FREEZE_WINDOW, NETWORK_IMMUNITY_PERIOD, NETWORK_LAST_LOCK_COST,
    NETWORK_LOCK_REDUCTION_INTERVAL, NETWORK_MIN_LOCK_COST, NETWORK_RATE_LIMIT,
    NETWORK_REGISTRATION_START_BLOCK, OWNER_HYPERPARAM_RATE_LIMIT, STAKE_THRESHOLD,
    START_CALL_DELAY, TAO_WEIGHT,
};
use crate::{
    ext::Ext,
    storage::{StorageError, StorageRead, StorageValue},
};
use serde::{Deserialize, Serialize};

/// How the block emission is split among subnets (spec-emission §5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmissionSplit {
    /// By net TAO staking inflow (Taoflow, the network today).
    #[default]
    Taoflow,
    /// By moving price × (1 − MinerBurned), as at subtensor HEAD.
    PriceEma,
}

/// Parameters a genesis may set; anything not given keeps subtensor's runtime default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ChainParams {
    /// Subnet emission split.
    pub emission_split: EmissionSplit,
    /// Maximum number of subnets (subtensor `SubnetLimit`, default 128).
    pub subnet_limit: u16,
    /// Tempo of newly registered subnets, blocks (subtensor `InitialTempo`, 360).
    pub tempo: u16,
    /// `NetworkImmunityPeriod`, blocks.
    pub network_immunity_period: u64,
    /// `NetworkMinLockCost`, rao.
    pub network_min_lock_cost: u64,
    /// `NetworkLockReductionInterval`, blocks.
    pub network_lock_reduction_interval: u64,
    /// `NetworkRateLimit`, blocks.
    pub network_rate_limit: u64,
    /// `NetworkRegistrationStartBlock`.
    pub network_registration_start_block: u64,
    /// `StartCallDelay`, blocks.
    pub start_call_delay: u64,
    /// `StakeThreshold`, rao.
    pub stake_threshold: u64,
    /// `AdminFreezeWindow`, blocks.
    pub admin_freeze_window: u16,
    /// `OwnerHyperparamRateLimit`, tempos.
    pub owner_hyperparam_rate_limit: u16,
    /// `TaoWeight`: weight of root TAO against alpha, × u64::MAX.
    pub tao_weight: u64,
    /// `SubnetOwnerCut`: owner share of alpha_out, × 65_535.
    pub subnet_owner_cut: u16,
    /// `MaxEpochsPerBlock`.
    pub max_epochs_per_block: u8,
    /// `FlowEmaSmoothingFactor`: Taoflow EMA factor × (2^63 − 1).
    pub flow_ema_smoothing_factor: u64,
}

impl Default for ChainParams {
    fn default() -> Self {
        Self {
            emission_split: EmissionSplit::Taoflow,
            subnet_limit: 128,
            tempo: 360,
            network_immunity_period: NETWORK_IMMUNITY_PERIOD.default,
            network_min_lock_cost: NETWORK_MIN_LOCK_COST.default,
            network_lock_reduction_interval: NETWORK_LOCK_REDUCTION_INTERVAL.default,
            network_rate_limit: NETWORK_RATE_LIMIT.default,
            network_registration_start_block: NETWORK_REGISTRATION_START_BLOCK.default,
            start_call_delay: START_CALL_DELAY.default,
            stake_threshold: STAKE_THRESHOLD.default,
            admin_freeze_window: ADMIN_FREEZE_WINDOW.default,
            owner_hyperparam_rate_limit: OWNER_HYPERPARAM_RATE_LIMIT.default,
            tao_weight: TAO_WEIGHT.default,
            subnet_owner_cut: SUBNET_OWNER_CUT.default,
            max_epochs_per_block: MAX_EPOCHS_PER_BLOCK.default,
            flow_ema_smoothing_factor: FLOW_EMA_SMOOTHING_FACTOR.default,
        }
    }
}

/// `SubtensorModule.SubnetLimit`.
pub const SUBNET_LIMIT: StorageValue<u16> = StorageValue::new("SubtensorModule", "SubnetLimit");
/// `Yuma.DefaultTempo`: tempo given to new subnets.
pub const DEFAULT_TEMPO: StorageValue<u16> = StorageValue::new("Yuma", "DefaultTempo");
/// `Yuma.EmissionSplit`: 0 = Taoflow, 1 = price EMA.
pub const EMISSION_SPLIT: StorageValue<u8> = StorageValue::new("Yuma", "EmissionSplit");

/// The split rule in force.
pub fn emission_split(s: &dyn StorageRead) -> Result<EmissionSplit, StorageError> {
    Ok(match EMISSION_SPLIT.get(s)? {
        Some(1) => EmissionSplit::PriceEma,
        _ => EmissionSplit::Taoflow,
    })
}

impl ChainParams {
    /// Writes the parameters into state.
    pub fn store(&self, ext: &mut Ext<'_>) {
        SUBNET_LIMIT.put(&mut ext.state, &self.subnet_limit);
        DEFAULT_TEMPO.put(&mut ext.state, &self.tempo);
        let split = match self.emission_split {
            EmissionSplit::Taoflow => 0u8,
            EmissionSplit::PriceEma => 1,
        };
        EMISSION_SPLIT.put(&mut ext.state, &split);
        let st = &mut ext.state;
        NETWORK_IMMUNITY_PERIOD.set(st, self.network_immunity_period);
        NETWORK_MIN_LOCK_COST.set(st, self.network_min_lock_cost);
        // The first registration's "last lock" is the minimum (subtensor's storage default).
        NETWORK_LAST_LOCK_COST.set(st, self.network_min_lock_cost);
        NETWORK_LOCK_REDUCTION_INTERVAL.set(st, self.network_lock_reduction_interval);
        NETWORK_RATE_LIMIT.set(st, self.network_rate_limit);
        NETWORK_REGISTRATION_START_BLOCK.set(st, self.network_registration_start_block);
        START_CALL_DELAY.set(st, self.start_call_delay);
        STAKE_THRESHOLD.set(st, self.stake_threshold);
        ADMIN_FREEZE_WINDOW.set(st, self.admin_freeze_window);
        OWNER_HYPERPARAM_RATE_LIMIT.set(st, self.owner_hyperparam_rate_limit);
        TAO_WEIGHT.set(st, self.tao_weight);
        SUBNET_OWNER_CUT.set(st, self.subnet_owner_cut);
        MAX_EPOCHS_PER_BLOCK.set(st, self.max_epochs_per_block);
        FLOW_EMA_SMOOTHING_FACTOR.set(st, self.flow_ema_smoothing_factor);
    }

    /// Reads them back.
    pub fn load(s: &dyn StorageRead) -> Result<Self, StorageError> {
        let d = Self::default();
        Ok(Self {
            emission_split: emission_split(s)?,
            subnet_limit: SUBNET_LIMIT.get(s)?.unwrap_or(d.subnet_limit),
            tempo: DEFAULT_TEMPO.get(s)?.unwrap_or(d.tempo),
            network_immunity_period: NETWORK_IMMUNITY_PERIOD.get(s)?,
            network_min_lock_cost: NETWORK_MIN_LOCK_COST.get(s)?,
            network_lock_reduction_interval: NETWORK_LOCK_REDUCTION_INTERVAL.get(s)?,
            network_rate_limit: NETWORK_RATE_LIMIT.get(s)?,
            network_registration_start_block: NETWORK_REGISTRATION_START_BLOCK.get(s)?,
            start_call_delay: START_CALL_DELAY.get(s)?,
            stake_threshold: STAKE_THRESHOLD.get(s)?,
            admin_freeze_window: ADMIN_FREEZE_WINDOW.get(s)?,
            owner_hyperparam_rate_limit: OWNER_HYPERPARAM_RATE_LIMIT.get(s)?,
            tao_weight: TAO_WEIGHT.get(s)?,
            subnet_owner_cut: SUBNET_OWNER_CUT.get(s)?,
            max_epochs_per_block: MAX_EPOCHS_PER_BLOCK.get(s)?,
            flow_ema_smoothing_factor: FLOW_EMA_SMOOTHING_FACTOR.get(s)?,
        })
    }
}
