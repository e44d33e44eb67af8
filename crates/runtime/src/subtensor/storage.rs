//! Storage items of the subtensor pallet used by subnets, neurons, weights and serving, with
//! subtensor's item names, key hashers and value types (spec-subnets §1.2, §2.1, §3.1, §4.1,
//! §5.1), so Substrate clients read them at the keys they expect. Per-subnet hyperparameters
//! with defaults live in [`crate::hyperparams`]; stake and pool items in
//! [`crate::swap::storage`] and [`crate::stake`].

use crate::storage::{StorageDoubleMap, StorageMap, StorageNMap, StorageValue};
use parity_scale_codec::{Decode, Encode};
use yuma_primitives::{hashing::StorageHasher, AccountId, NetUid, H256};

/// The pallet prefix.
pub const PALLET: &str = "SubtensorModule";

const B2: StorageHasher = StorageHasher::Blake2_128Concat;
const ID: StorageHasher = StorageHasher::Identity;
const TX: StorageHasher = StorageHasher::Twox64Concat;

/// A mechanism storage index, `mecid × 4096 + netuid` (subtensor's `NetUidStorageIndex`).
pub type NetUidStorageIndex = u16;

/// The storage index of mechanism `mecid` of `netuid`.
pub fn storage_index(netuid: NetUid, mecid: u8) -> NetUidStorageIndex {
    u16::from(mecid)
        .saturating_mul(4096)
        .saturating_add(netuid.0)
}

/// `RateLimitKey`: what a `LastRateLimitedBlock` entry records.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, scale_info::TypeInfo)]
pub enum RateLimitKey {
    /// Owner hotkey changes, per subnet.
    #[codec(index = 0)]
    SetSNOwnerHotkey(NetUid),
    /// Owner hyperparameter updates, per subnet and hyperparameter index.
    #[codec(index = 1)]
    OwnerHyperparamUpdate(NetUid, u8),
    /// The last subnet registration.
    #[codec(index = 2)]
    NetworkLastRegistered,
    /// A coldkey's last rate-limited transaction.
    #[codec(index = 3)]
    LastTxBlock(AccountId),
    /// A hotkey's last childkey-take change.
    #[codec(index = 4)]
    LastTxBlockChildKeyTake(AccountId),
    /// A hotkey's last delegate-take change.
    #[codec(index = 5)]
    LastTxBlockDelegateTake(AccountId),
}

// ---- Ownership (§1.2) ----

/// `Owner`: hotkey → coldkey.
pub const OWNER: StorageMap<AccountId, AccountId> = StorageMap::new(PALLET, "Owner", B2);
/// `OwnedHotkeys`: coldkey → hotkeys.
pub const OWNED_HOTKEYS: StorageMap<AccountId, Vec<AccountId>> =
    StorageMap::new(PALLET, "OwnedHotkeys", B2);
/// `StakingHotkeys`: coldkey → hotkeys it has staked on.
pub const STAKING_HOTKEYS: StorageMap<AccountId, Vec<AccountId>> =
    StorageMap::new(PALLET, "StakingHotkeys", B2);

// ---- Subnets (§2.1) ----

/// `NetworksAdded`.
pub const NETWORKS_ADDED: StorageMap<NetUid, bool> = StorageMap::new(PALLET, "NetworksAdded", ID);
/// `TotalNetworks`, root included.
pub const TOTAL_NETWORKS: StorageValue<u16> = StorageValue::new(PALLET, "TotalNetworks");
/// `SubnetworkN`: uids in use.
pub const SUBNETWORK_N: StorageMap<NetUid, u16> = StorageMap::new(PALLET, "SubnetworkN", ID);
/// `SubnetMechanism`: 0 stable (root), 1 dynamic.
pub const SUBNET_MECHANISM: StorageMap<NetUid, u16> =
    StorageMap::new(PALLET, "SubnetMechanism", ID);
/// `NetworkRegisteredAt`.
pub const NETWORK_REGISTERED_AT: StorageMap<NetUid, u64> =
    StorageMap::new(PALLET, "NetworkRegisteredAt", ID);
/// `RegisteredSubnetCounter`: never cleared.
pub const REGISTERED_SUBNET_COUNTER: StorageMap<NetUid, u64> =
    StorageMap::new(PALLET, "RegisteredSubnetCounter", ID);
/// `SubnetOwner`.
pub const SUBNET_OWNER: StorageMap<NetUid, AccountId> = StorageMap::new(PALLET, "SubnetOwner", ID);
/// `SubnetOwnerHotkey`.
pub const SUBNET_OWNER_HOTKEY: StorageMap<NetUid, AccountId> =
    StorageMap::new(PALLET, "SubnetOwnerHotkey", ID);
/// `SubnetLocked`: TAO locked at registration.
pub const SUBNET_LOCKED: StorageMap<NetUid, u64> = StorageMap::new(PALLET, "SubnetLocked", ID);
/// `TokenSymbol`.
pub const TOKEN_SYMBOL: StorageMap<NetUid, Vec<u8>> = StorageMap::new(PALLET, "TokenSymbol", ID);
/// `FirstEmissionBlockNumber`.
pub const FIRST_EMISSION_BLOCK_NUMBER: StorageMap<NetUid, u64> =
    StorageMap::new(PALLET, "FirstEmissionBlockNumber", ID);
/// `SubnetMovingPrice`: I96F32 raw bits.
pub const SUBNET_MOVING_PRICE: StorageMap<NetUid, i128> =
    StorageMap::new(PALLET, "SubnetMovingPrice", ID);
/// `SubnetVolume`.
pub const SUBNET_VOLUME: StorageMap<NetUid, u128> = StorageMap::new(PALLET, "SubnetVolume", ID);
/// `RAORecycledForRegistration`.
pub const RAO_RECYCLED_FOR_REGISTRATION: StorageMap<NetUid, u64> =
    StorageMap::new(PALLET, "RAORecycledForRegistration", ID);
/// `SubnetTaoFlow`: signed net TAO inflow.
pub const SUBNET_TAO_FLOW: StorageMap<NetUid, i64> = StorageMap::new(PALLET, "SubnetTaoFlow", ID);
/// `RegistrationsThisBlock`.
pub const REGISTRATIONS_THIS_BLOCK: StorageMap<NetUid, u16> =
    StorageMap::new(PALLET, "RegistrationsThisBlock", ID);
/// `RegistrationsThisInterval`.
pub const REGISTRATIONS_THIS_INTERVAL: StorageMap<NetUid, u16> =
    StorageMap::new(PALLET, "RegistrationsThisInterval", ID);
/// `LastRateLimitedBlock`.
pub const LAST_RATE_LIMITED_BLOCK: StorageMap<RateLimitKey, u64> =
    StorageMap::new(PALLET, "LastRateLimitedBlock", ID);
/// `TransactionKeyLastBlock`: (account, netuid, transaction type) → last block of that
/// transaction (subtensor's `TransactionType` codes, e.g. 4 = `SetWeightsVersionKey`).
pub const TRANSACTION_KEY_LAST_BLOCK: StorageNMap<(AccountId, NetUid, u16), u64> =
    StorageNMap::new(PALLET, "TransactionKeyLastBlock", &[B2, ID, ID]);

// ---- Epoch scheduling (§4.2, spec-emission §8) ----

/// `LastEpochBlock`.
pub const LAST_EPOCH_BLOCK: StorageMap<NetUid, u64> = StorageMap::new(PALLET, "LastEpochBlock", ID);
/// `PendingEpochAt`.
pub const PENDING_EPOCH_AT: StorageMap<NetUid, u64> = StorageMap::new(PALLET, "PendingEpochAt", ID);
/// `SubnetEpochIndex`.
pub const SUBNET_EPOCH_INDEX: StorageMap<NetUid, u64> =
    StorageMap::new(PALLET, "SubnetEpochIndex", ID);
/// `BlocksSinceLastStep`.
pub const BLOCKS_SINCE_LAST_STEP: StorageMap<NetUid, u64> =
    StorageMap::new(PALLET, "BlocksSinceLastStep", ID);
/// `LastMechansimStepBlock` (sic, subtensor's spelling).
pub const LAST_MECHANISM_STEP_BLOCK: StorageMap<NetUid, u64> =
    StorageMap::new(PALLET, "LastMechansimStepBlock", ID);

// ---- Neurons (§3.1) ----

/// `Uids`: (netuid, hotkey) → uid.
pub const UIDS: StorageDoubleMap<NetUid, AccountId, u16> =
    StorageDoubleMap::new(PALLET, "Uids", ID, B2);
/// `Keys`: (netuid, uid) → hotkey.
pub const KEYS: StorageDoubleMap<NetUid, u16, AccountId> =
    StorageDoubleMap::new(PALLET, "Keys", ID, ID);
/// `IsNetworkMember`: (hotkey, netuid) → bool.
pub const IS_NETWORK_MEMBER: StorageDoubleMap<AccountId, NetUid, bool> =
    StorageDoubleMap::new(PALLET, "IsNetworkMember", B2, ID);
/// `BlockAtRegistration`: (netuid, uid) → block.
pub const BLOCK_AT_REGISTRATION: StorageDoubleMap<NetUid, u16, u64> =
    StorageDoubleMap::new(PALLET, "BlockAtRegistration", ID, ID);
/// `Active` per uid.
pub const ACTIVE: StorageMap<NetUid, Vec<bool>> = StorageMap::new(PALLET, "Active", ID);
/// `Emission` per uid (alpha rao).
pub const EMISSION: StorageMap<NetUid, Vec<u64>> = StorageMap::new(PALLET, "Emission", ID);
/// `Consensus` per uid.
pub const CONSENSUS: StorageMap<NetUid, Vec<u16>> = StorageMap::new(PALLET, "Consensus", ID);
/// `Dividends` per uid.
pub const DIVIDENDS: StorageMap<NetUid, Vec<u16>> = StorageMap::new(PALLET, "Dividends", ID);
/// `ValidatorTrust` per uid.
pub const VALIDATOR_TRUST: StorageMap<NetUid, Vec<u16>> =
    StorageMap::new(PALLET, "ValidatorTrust", ID);
/// `ValidatorPermit` per uid.
pub const VALIDATOR_PERMIT: StorageMap<NetUid, Vec<bool>> =
    StorageMap::new(PALLET, "ValidatorPermit", ID);
/// `StakeWeight` per uid.
pub const STAKE_WEIGHT: StorageMap<NetUid, Vec<u16>> = StorageMap::new(PALLET, "StakeWeight", ID);
/// `Incentive` per uid, per mechanism index.
pub const INCENTIVE: StorageMap<NetUidStorageIndex, Vec<u16>> =
    StorageMap::new(PALLET, "Incentive", ID);
/// `LastUpdate` per uid, per mechanism index.
pub const LAST_UPDATE: StorageMap<NetUidStorageIndex, Vec<u64>> =
    StorageMap::new(PALLET, "LastUpdate", ID);

// ---- Weights (§4.1) ----

/// `Weights`: (index, uid) → sparse row.
pub const WEIGHTS: StorageDoubleMap<NetUidStorageIndex, u16, Vec<(u16, u16)>> =
    StorageDoubleMap::new(PALLET, "Weights", ID, ID);
/// `Bonds`: (index, uid) → sparse row.
pub const BONDS: StorageDoubleMap<NetUidStorageIndex, u16, Vec<(u16, u16)>> =
    StorageDoubleMap::new(PALLET, "Bonds", ID, ID);
/// A pending hash commit: (hash, commit epoch, commit block, 0).
pub type WeightCommit = (H256, u64, u64, u64);
/// `WeightCommits`: (index, hotkey) → queue of commits (a `VecDeque`, encoded as a `Vec`).
pub const WEIGHT_COMMITS: StorageDoubleMap<NetUidStorageIndex, AccountId, Vec<WeightCommit>> =
    StorageDoubleMap::new(PALLET, "WeightCommits", TX, TX);

// ---- Serving (§5.1) ----

/// IPs in JSON: a number when it fits in u64 (every IPv4), else a decimal string.
fn ip_json<S: serde::Serializer>(ip: &u128, s: S) -> Result<S::Ok, S::Error> {
    match u64::try_from(*ip) {
        Ok(v) => s.serialize_u64(v),
        Err(_) => s.serialize_str(&ip.to_string()),
    }
}

/// `AxonInfo`.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Encode,
    Decode,
    serde::Serialize,
    scale_info::TypeInfo,
)]
pub struct AxonInfo {
    /// Block served.
    pub block: u64,
    /// Client version.
    pub version: u32,
    /// IP.
    #[serde(serialize_with = "ip_json")]
    pub ip: u128,
    /// Port.
    pub port: u16,
    /// 4 or 6.
    pub ip_type: u8,
    /// Protocol.
    pub protocol: u8,
    /// Free.
    pub placeholder1: u8,
    /// Free.
    pub placeholder2: u8,
}

/// `PrometheusInfo`.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Encode,
    Decode,
    serde::Serialize,
    scale_info::TypeInfo,
)]
pub struct PrometheusInfo {
    /// Block served.
    pub block: u64,
    /// Client version.
    pub version: u32,
    /// IP.
    #[serde(serialize_with = "ip_json")]
    pub ip: u128,
    /// Port.
    pub port: u16,
    /// 4 or 6.
    pub ip_type: u8,
}

/// `Axons`: (netuid, hotkey) → axon.
pub const AXONS: StorageDoubleMap<NetUid, AccountId, AxonInfo> =
    StorageDoubleMap::new(PALLET, "Axons", ID, B2);
/// `Prometheus`: (netuid, hotkey) → prometheus endpoint.
pub const PROMETHEUS: StorageDoubleMap<NetUid, AccountId, PrometheusInfo> =
    StorageDoubleMap::new(PALLET, "Prometheus", ID, B2);

/// `NeuronCertificate`: a neuron's TLS public key.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Encode, Decode, serde::Serialize, scale_info::TypeInfo,
)]
pub struct NeuronCertificate {
    /// Public key (≤ 64 bytes).
    pub public_key: Vec<u8>,
    /// Key algorithm.
    pub algorithm: u8,
}

/// `NeuronCertificates`: (netuid, hotkey) → certificate.
pub const NEURON_CERTIFICATES: StorageDoubleMap<NetUid, AccountId, NeuronCertificate> =
    StorageDoubleMap::new(PALLET, "NeuronCertificates", ID, B2);
