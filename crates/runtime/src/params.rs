//! Chain parameters set at genesis (scenario `params`, chain spec): each is stored in state
//! under its subtensor storage name where subtensor has one, so the running chain reads it
//! from one place. Later modules add theirs here.

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
}

impl Default for ChainParams {
    fn default() -> Self {
        Self {
            emission_split: EmissionSplit::Taoflow,
            subnet_limit: 128,
            tempo: 360,
        }
    }
}

/// `SubtensorModule.SubnetLimit`.
pub const SUBNET_LIMIT: StorageValue<u16> = StorageValue::new("SubtensorModule", "SubnetLimit");
/// `Yuma.DefaultTempo`: tempo given to new subnets.
pub const DEFAULT_TEMPO: StorageValue<u16> = StorageValue::new("Yuma", "DefaultTempo");
/// `Yuma.EmissionSplit`: 0 = Taoflow, 1 = price EMA.
pub const EMISSION_SPLIT: StorageValue<u8> = StorageValue::new("Yuma", "EmissionSplit");

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
    }

    /// Reads them back.
    pub fn load(s: &dyn StorageRead) -> Result<Self, StorageError> {
        let d = Self::default();
        Ok(Self {
            emission_split: match EMISSION_SPLIT.get(s)? {
                Some(1) => EmissionSplit::PriceEma,
                _ => EmissionSplit::Taoflow,
            },
            subnet_limit: SUBNET_LIMIT.get(s)?.unwrap_or(d.subnet_limit),
            tempo: DEFAULT_TEMPO.get(s)?.unwrap_or(d.tempo),
        })
    }
}
