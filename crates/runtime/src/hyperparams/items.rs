//! The per-subnet hyperparameters (spec-subnets §6.2) and global parameters (§6.3) as storage
//! items with subtensor's names and storage defaults (`ValueQuery`: an absent entry reads as
//! the default).

use crate::{
    storage::{Overlay, StorageError, StorageMap, StorageRead, StorageValue},
    subtensor::storage::PALLET,
};
use parity_scale_codec::{Decode, Encode};
use yuma_primitives::{hashing::StorageHasher, NetUid, RAO_PER_TAO};

/// A per-subnet item with a storage default.
pub struct Param<V> {
    /// The underlying map.
    pub map: StorageMap<NetUid, V>,
    /// What an absent entry reads as.
    pub default: V,
}

impl<V: Encode + Decode + Copy + scale_info::TypeInfo + 'static> Param<V> {
    /// Its metadata entry (absent reads as the default).
    pub fn meta(&self) -> crate::storage::ItemMeta {
        self.map.meta_or(&self.default)
    }
}

impl<V: Encode + Decode + Copy> Param<V> {
    /// The item `SubtensorModule.<item>` keyed by netuid (Identity).
    pub const fn new(item: &'static str, default: V) -> Self {
        Self {
            map: StorageMap::new(PALLET, item, StorageHasher::Identity),
            default,
        }
    }

    /// The item `SubtensorModule.<item>` keyed by netuid with `hasher` (a few items are not
    /// Identity-keyed in subtensor).
    pub const fn with_hasher(item: &'static str, default: V, hasher: StorageHasher) -> Self {
        Self {
            map: StorageMap::new(PALLET, item, hasher),
            default,
        }
    }

    /// The value for `netuid`.
    pub fn get(&self, s: &dyn StorageRead, netuid: NetUid) -> Result<V, StorageError> {
        Ok(self.map.get(s, &netuid)?.unwrap_or(self.default))
    }

    /// Sets it.
    pub fn set(&self, s: &mut Overlay<'_>, netuid: NetUid, v: V) {
        self.map.insert(s, &netuid, &v);
    }

    /// Removes it (reads as the default again).
    pub fn remove(&self, s: &mut Overlay<'_>, netuid: NetUid) {
        self.map.remove(s, &netuid);
    }
}

/// A global item with a storage default.
pub struct Global<V> {
    /// The underlying value.
    pub item: StorageValue<V>,
    /// What an absent value reads as.
    pub default: V,
}

impl<V: Encode + Decode + Copy + scale_info::TypeInfo + 'static> Global<V> {
    /// Its metadata entry (absent reads as the default).
    pub fn meta(&self) -> crate::storage::ItemMeta {
        self.item.meta_or(&self.default)
    }
}

impl<V: Encode + Decode + Copy> Global<V> {
    /// The item `SubtensorModule.<item>`.
    pub const fn new(item: &'static str, default: V) -> Self {
        Self {
            item: StorageValue::new(PALLET, item),
            default,
        }
    }

    /// The value.
    pub fn get(&self, s: &dyn StorageRead) -> Result<V, StorageError> {
        Ok(self.item.get(s)?.unwrap_or(self.default))
    }

    /// Sets it.
    pub fn set(&self, s: &mut Overlay<'_>, v: V) {
        self.item.put(s, &v);
    }
}

/// `floor(1.26 × 2^64)`, U64F64 raw bits of the default burn increase multiplier.
pub const BURN_INCREASE_MULT_DEFAULT: u128 = (126u128 << 64) / 100;

/// `Tempo`.
pub const TEMPO: Param<u16> = Param::new("Tempo", 360);
/// `ActivityCutoffFactorMilli`.
pub const ACTIVITY_CUTOFF_FACTOR_MILLI: Param<u32> =
    Param::new("ActivityCutoffFactorMilli", 13_889);
/// `ActivityCutoff` (legacy, reported only).
pub const ACTIVITY_CUTOFF: Param<u16> = Param::new("ActivityCutoff", 5_000);
/// `Rho`.
pub const RHO: Param<u16> = Param::new("Rho", 10);
/// `Kappa`.
pub const KAPPA: Param<u16> = Param::new("Kappa", 32_767);
/// `ImmunityPeriod`.
pub const IMMUNITY_PERIOD: Param<u16> = Param::new("ImmunityPeriod", 4_096);
/// `MinAllowedWeights`.
pub const MIN_ALLOWED_WEIGHTS: Param<u16> = Param::new("MinAllowedWeights", 1_024);
/// `MaxAllowedUids`.
pub const MAX_ALLOWED_UIDS: Param<u16> = Param::new("MaxAllowedUids", 256);
/// `MinAllowedUids`.
pub const MIN_ALLOWED_UIDS: Param<u16> = Param::new("MinAllowedUids", 64);
/// `MaxAllowedValidators`.
pub const MAX_ALLOWED_VALIDATORS: Param<u16> = Param::new("MaxAllowedValidators", 128);
/// `WeightsVersionKey`.
pub const WEIGHTS_VERSION_KEY: Param<u64> = Param::new("WeightsVersionKey", 0);
/// `WeightsSetRateLimit`.
pub const WEIGHTS_SET_RATE_LIMIT: Param<u64> = Param::new("WeightsSetRateLimit", 100);
/// `CommitRevealWeightsEnabled`.
pub const COMMIT_REVEAL_WEIGHTS_ENABLED: Param<bool> =
    Param::new("CommitRevealWeightsEnabled", true);
/// `RevealPeriodEpochs`.
pub const REVEAL_PERIOD_EPOCHS: Param<u64> = Param::new("RevealPeriodEpochs", 1);
/// `ServingRateLimit`.
pub const SERVING_RATE_LIMIT: Param<u64> = Param::new("ServingRateLimit", 50);
/// `NetworkRegistrationAllowed`.
pub const NETWORK_REGISTRATION_ALLOWED: Param<bool> =
    Param::new("NetworkRegistrationAllowed", true);
/// `NetworkPowRegistrationAllowed` (reported only).
pub const NETWORK_POW_REGISTRATION_ALLOWED: Param<bool> =
    Param::new("NetworkPowRegistrationAllowed", true);
/// `Burn`: the current registration price.
pub const BURN: Param<u64> = Param::new("Burn", RAO_PER_TAO / 10);
/// `MinBurn`.
pub const MIN_BURN: Param<u64> = Param::new("MinBurn", 500_000);
/// `MaxBurn`.
pub const MAX_BURN: Param<u64> = Param::new("MaxBurn", 100 * RAO_PER_TAO);
/// `BurnHalfLife`.
pub const BURN_HALF_LIFE: Param<u16> = Param::new("BurnHalfLife", 360);
/// `BurnIncreaseMult` (U64F64 raw bits).
pub const BURN_INCREASE_MULT: Param<u128> =
    Param::new("BurnIncreaseMult", BURN_INCREASE_MULT_DEFAULT);
/// `Difficulty` (legacy).
pub const DIFFICULTY: Param<u64> = Param::new("Difficulty", 10_000_000);
/// `MinDifficulty` (legacy).
pub const MIN_DIFFICULTY: Param<u64> = Param::new("MinDifficulty", 10_000_000);
/// `MaxDifficulty` (legacy).
pub const MAX_DIFFICULTY: Param<u64> = Param::new("MaxDifficulty", u64::MAX / 4);
/// `AdjustmentInterval` (legacy).
pub const ADJUSTMENT_INTERVAL: Param<u16> = Param::new("AdjustmentInterval", 100);
/// `AdjustmentAlpha` (legacy).
pub const ADJUSTMENT_ALPHA: Param<u64> = Param::new("AdjustmentAlpha", 0);
/// `TargetRegistrationsPerInterval`.
pub const TARGET_REGISTRATIONS_PER_INTERVAL: Param<u16> =
    Param::new("TargetRegistrationsPerInterval", 2);
/// `MaxRegistrationsPerBlock`.
pub const MAX_REGISTRATIONS_PER_BLOCK: Param<u16> = Param::new("MaxRegistrationsPerBlock", 1);
/// `BondsMovingAverage`.
pub const BONDS_MOVING_AVERAGE: Param<u64> = Param::new("BondsMovingAverage", 900_000);
/// `BondsPenalty`.
pub const BONDS_PENALTY: Param<u16> = Param::new("BondsPenalty", 65_535);
/// `BondsResetOn`.
pub const BONDS_RESET_ON: Param<bool> = Param::new("BondsResetOn", false);
/// `LiquidAlphaOn`.
pub const LIQUID_ALPHA_ON: Param<bool> = Param::new("LiquidAlphaOn", false);
/// `AlphaValues` (low, high).
pub const ALPHA_VALUES: Param<(u16, u16)> = Param::new("AlphaValues", (45_875, 58_982));
/// `AlphaSigmoidSteepness`.
pub const ALPHA_SIGMOID_STEEPNESS: Param<i16> = Param::new("AlphaSigmoidSteepness", 1_000);
/// `RecycleOrBurn`: what happens to miner emission sent to the owner's uids.
pub const RECYCLE_OR_BURN: Param<yuma_primitives::RecycleOrBurnEnum> =
    Param::new("RecycleOrBurn", yuma_primitives::RecycleOrBurnEnum::Burn);
/// `OwnerCutAutoLockEnabled`: whether the owner cut is locked automatically (default on).
pub const OWNER_CUT_AUTO_LOCK_ENABLED: Param<bool> = Param::new("OwnerCutAutoLockEnabled", true);
/// `Yuma3On`.
pub const YUMA3_ON: Param<bool> = Param::new("Yuma3On", false);
/// `TransferToggle`.
pub const TRANSFER_TOGGLE: Param<bool> = Param::new("TransferToggle", true);
/// `ImmuneOwnerUidsLimit`.
pub const IMMUNE_OWNER_UIDS_LIMIT: Param<u16> = Param::new("ImmuneOwnerUidsLimit", 1);
/// `MinNonImmuneUids`.
pub const MIN_NON_IMMUNE_UIDS: Param<u16> = Param::new("MinNonImmuneUids", 10);
/// `MechanismCountCurrent` (Twox64Concat-keyed, as in subtensor).
pub const MECHANISM_COUNT_CURRENT: Param<u8> =
    Param::with_hasher("MechanismCountCurrent", 1, StorageHasher::Twox64Concat);
/// `SubtokenEnabled`.
pub const SUBTOKEN_ENABLED: Param<bool> = Param::new("SubtokenEnabled", false);
/// `SubnetEmissionEnabled`.
pub const SUBNET_EMISSION_ENABLED: Param<bool> = Param::new("SubnetEmissionEnabled", true);
/// `OwnerCutEnabled`.
pub const OWNER_CUT_ENABLED: Param<bool> = Param::new("OwnerCutEnabled", true);
/// `EMAPriceHalvingBlocks`.
pub const EMA_PRICE_HALVING_BLOCKS: Param<u64> = Param::new("EMAPriceHalvingBlocks", 201_600);

/// `NetworkImmunityPeriod`.
pub const NETWORK_IMMUNITY_PERIOD: Global<u64> = Global::new("NetworkImmunityPeriod", 1_296_000);
/// `NetworkMinLockCost`.
pub const NETWORK_MIN_LOCK_COST: Global<u64> =
    Global::new("NetworkMinLockCost", 1_000 * RAO_PER_TAO);
/// `NetworkLastLockCost`.
pub const NETWORK_LAST_LOCK_COST: Global<u64> =
    Global::new("NetworkLastLockCost", 1_000 * RAO_PER_TAO);
/// `NetworkLockReductionInterval`.
pub const NETWORK_LOCK_REDUCTION_INTERVAL: Global<u64> =
    Global::new("NetworkLockReductionInterval", 100_800);
/// `NetworkRateLimit`.
pub const NETWORK_RATE_LIMIT: Global<u64> = Global::new("NetworkRateLimit", 7_200);
/// `NetworkRegistrationStartBlock`.
pub const NETWORK_REGISTRATION_START_BLOCK: Global<u64> =
    Global::new("NetworkRegistrationStartBlock", 0);
/// `StartCallDelay`.
pub const START_CALL_DELAY: Global<u64> = Global::new("StartCallDelay", 0);
/// `StakeThreshold`.
pub const STAKE_THRESHOLD: Global<u64> = Global::new("StakeThreshold", 0);
/// `AdminFreezeWindow`.
pub const ADMIN_FREEZE_WINDOW: Global<u16> = Global::new("AdminFreezeWindow", 10);
/// `OwnerHyperparamRateLimit` (in tempos).
pub const OWNER_HYPERPARAM_RATE_LIMIT: Global<u16> = Global::new("OwnerHyperparamRateLimit", 2);
/// `WeightsVersionKeyRateLimit`: tempos between an owner's `sudo_set_weights_version_key`.
pub const WEIGHTS_VERSION_KEY_RATE_LIMIT: Global<u64> =
    Global::new("WeightsVersionKeyRateLimit", 5);
/// `SubnetLimit`.
pub const SUBNET_LIMIT: Global<u16> = Global::new("SubnetLimit", 128);
/// `TaoWeight` (fraction of u64::MAX).
pub const TAO_WEIGHT: Global<u64> = Global::new("TaoWeight", 971_718_665_099_567_868);
/// `ColdkeySwapAnnouncementDelay`, blocks.
pub const COLDKEY_SWAP_ANNOUNCEMENT_DELAY: Global<u64> =
    Global::new("ColdkeySwapAnnouncementDelay", 36_000);
/// `ColdkeySwapReannouncementDelay`, blocks.
pub const COLDKEY_SWAP_REANNOUNCEMENT_DELAY: Global<u64> =
    Global::new("ColdkeySwapReannouncementDelay", 7_200);
/// `MinActivityCutoff`: the lowest legacy `ActivityCutoff`, blocks.
pub const MIN_ACTIVITY_CUTOFF: u16 = 360;
