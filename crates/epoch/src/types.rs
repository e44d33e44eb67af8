//! The epoch's input and output (spec-epoch §12.1, §12.2), also the JSON case format.

use serde::{Deserialize, Serialize};

/// Subnet hyperparameters the epoch reads (spec §2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hyperparams {
    /// `Tempo`: blocks between epochs.
    pub tempo: u16,
    /// `ActivityCutoffFactorMilli`: activity cutoff in per-mille of tempo.
    pub activity_cutoff_factor_milli: u32,
    /// `Kappa`: consensus majority, fraction of 65535.
    pub kappa: u16,
    /// `BondsPenalty`: fraction of 65535.
    pub bonds_penalty: u16,
    /// `BondsMovingAverage`: parts per million.
    pub bonds_moving_average: u64,
    /// `LiquidAlphaOn`.
    pub liquid_alpha_enabled: bool,
    /// `AlphaValues.0`: fraction of 65535.
    pub alpha_low: u16,
    /// `AlphaValues.1`: fraction of 65535.
    pub alpha_high: u16,
    /// `AlphaSigmoidSteepness`.
    pub alpha_sigmoid_steepness: i16,
    /// `Yuma3On`.
    pub yuma3_enabled: bool,
    /// `MaxAllowedValidators`.
    pub max_allowed_validators: u16,
    /// `StakeThreshold`: stake units (rao).
    pub stake_threshold: u64,
    /// `TaoWeight`: raw value, fraction of 2^64 − 1.
    pub tao_weight: u64,
    /// `CommitRevealWeightsEnabled`.
    pub commit_reveal_enabled: bool,
}

/// One neuron's state as the epoch sees it; its index in [`EpochInput::neurons`] is its uid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeuronInput {
    /// Inherited alpha stake on the subnet (after child keys), rao.
    pub alpha_stake: u64,
    /// Inherited root stake (after child keys), rao.
    pub tao_stake: u64,
    /// `LastUpdate` for this mechanism (block).
    pub last_update: u64,
    /// `BlockAtRegistration`.
    pub registered_at: u64,
    /// `ValidatorPermit` before the epoch.
    pub validator_permit: bool,
    /// Earliest still-unexpired pending commit block, if any (read only with commit-reveal on).
    pub commit_block: Option<u64>,
    /// Stored `Weights` row: `(uid, value)` in stored order.
    pub weights: Vec<(u16, u16)>,
    /// Stored `Bonds` row: `(uid, value)` in stored order.
    pub bonds: Vec<(u16, u16)>,
}

/// Everything one mechanism epoch reads (spec §12.1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpochInput {
    /// Subnet hyperparameters.
    pub hyperparams: Hyperparams,
    /// Current block.
    pub block: u64,
    /// `LastMechansimStepBlock`: block of the previous successful epoch, 0 if none.
    pub last_mechanism_step_block: u64,
    /// Uid of the subnet owner's hotkey, if registered.
    pub owner_uid: Option<u16>,
    /// Rao handed to this mechanism's epoch.
    pub emission: u64,
    /// Neurons by uid.
    pub neurons: Vec<NeuronInput>,
}

/// What one mechanism epoch produces (spec §12.2); every vector is indexed by uid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EpochOutput {
    /// Not inactive (§4.1) -> `Active`.
    pub active: Vec<bool>,
    /// Normalised stake -> `StakeWeight`.
    pub stake_weight: Vec<u16>,
    /// Consensus -> `Consensus`.
    pub consensus: Vec<u16>,
    /// Validator trust -> `ValidatorTrust`.
    pub validator_trust: Vec<u16>,
    /// Incentive -> `Incentive[mechanism]`.
    pub incentive: Vec<u16>,
    /// Dividends -> `Dividends`.
    pub dividends: Vec<u16>,
    /// Combined emission in rao -> `Emission`.
    pub emission: Vec<u64>,
    /// Server (miner) emission in rao, returned to the coinbase.
    pub emission_incentive: Vec<u64>,
    /// Validator emission in rao, returned to the coinbase.
    pub emission_dividends: Vec<u64>,
    /// New permits -> `ValidatorPermit`.
    pub new_validator_permits: Vec<bool>,
    /// `Bonds[mechanism]` rows after the epoch (§4.12).
    pub new_bonds: Vec<Vec<(u16, u16)>>,
}
