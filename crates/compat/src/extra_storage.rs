//! Storage items the runtime does not store but that the pinned clients read in their flows
//! (`substrate-compat.md` §4, §9), with subtensor's hashers and types. A client's read finds
//! nothing and gets the declared default, which is the truth for yuma's state: yuma has no stake
//! locks (`Lock`, `DecayingLock`, `HotkeyLock`, `DecayingHotkeyLock`, `OwnerLock`,
//! `DecayingOwnerLock`, all `OptionQuery`; `UnlockRate`/`MaturityRate` read as subtensor's
//! defaults — btcli `subnets show` reads them all), no chain identities (`IdentitiesV2`, `OptionQuery`), no
//! weight-count limit (`MaxWeightsLimit`, subtensor's default `u16::MAX`), and every subnet runs
//! Yuma consensus (`SubnetEpochConsensus`, newer than 14bc6f9f: bittensor 11.3.0's
//! `set_weights` preflight reads it; default `Yuma`).
//!
//! Only items whose absent reading is correct for yuma belong here; an item yuma could hold a
//! value for must be a runtime item instead.

use parity_scale_codec::{Decode, Encode};
use scale_info::TypeInfo;
use yuma_primitives::{hashing::StorageHasher, AccountId, NetUid};
use yuma_runtime::storage::{ItemMeta, StorageDoubleMap, StorageMap, StorageNMap, StorageValue};

const PALLET: &str = "SubtensorModule";

/// `pallet_subtensor::staking::lock::LockState` (subtensor @14bc6f9f).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct LockState {
    /// Exponentially decaying locked amount (alpha).
    pub locked_mass: u64,
    /// Matured decaying score.
    pub conviction: substrate_fixed::types::U64F64,
    /// Block of the last roll-forward.
    pub last_update: u64,
}

/// `pallet_subtensor::ChainIdentityV2` (subtensor @14bc6f9f).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct ChainIdentityV2 {
    /// Name.
    pub name: Vec<u8>,
    /// URL.
    pub url: Vec<u8>,
    /// GitHub repository.
    pub github_repo: Vec<u8>,
    /// Image.
    pub image: Vec<u8>,
    /// Discord.
    pub discord: Vec<u8>,
    /// Description.
    pub description: Vec<u8>,
    /// Anything else.
    pub additional: Vec<u8>,
}

/// `EpochConsensus` (bittensor 11.3.0's runtime): how a subnet's epoch is computed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub enum EpochConsensus {
    /// Yuma consensus (yuma's only mode).
    #[default]
    #[codec(index = 0)]
    Yuma,
    /// No consensus: the sole validator's weights are taken as is.
    #[codec(index = 1)]
    Null,
}

/// `SubnetEpochConsensus`: netuid → consensus mode.
const SUBNET_EPOCH_CONSENSUS: StorageMap<NetUid, EpochConsensus> =
    StorageMap::new(PALLET, "SubnetEpochConsensus", StorageHasher::Identity);

/// `MaxWeightsLimit`: netuid → most weights per row.
const MAX_WEIGHTS_LIMIT: StorageMap<NetUid, u16> =
    StorageMap::new(PALLET, "MaxWeightsLimit", StorageHasher::Identity);

/// `HotkeyLock`: (netuid, hotkey) → total lock (btcli `subnets show`).
const HOTKEY_LOCK: StorageDoubleMap<NetUid, AccountId, LockState> = StorageDoubleMap::new(
    PALLET,
    "HotkeyLock",
    StorageHasher::Identity,
    StorageHasher::Blake2_128Concat,
);

/// `DecayingHotkeyLock`: (netuid, hotkey) → total decaying lock.
const DECAYING_HOTKEY_LOCK: StorageDoubleMap<NetUid, AccountId, LockState> = StorageDoubleMap::new(
    PALLET,
    "DecayingHotkeyLock",
    StorageHasher::Identity,
    StorageHasher::Blake2_128Concat,
);

/// `OwnerLock`: netuid → the owner's lock.
const OWNER_LOCK: StorageMap<NetUid, LockState> =
    StorageMap::new(PALLET, "OwnerLock", StorageHasher::Identity);

/// `DecayingOwnerLock`: netuid → the owner's decaying lock.
const DECAYING_OWNER_LOCK: StorageMap<NetUid, LockState> =
    StorageMap::new(PALLET, "DecayingOwnerLock", StorageHasher::Identity);

/// `Lock`: (coldkey, netuid, hotkey) → lock.
const LOCK: StorageNMap<(AccountId, NetUid, AccountId), LockState> = StorageNMap::new(
    PALLET,
    "Lock",
    &[
        StorageHasher::Blake2_128Concat,
        StorageHasher::Identity,
        StorageHasher::Blake2_128Concat,
    ],
);

/// `DecayingLock`: (coldkey, netuid) → whether the coldkey's lock decays.
const DECAYING_LOCK: StorageDoubleMap<AccountId, NetUid, bool> = StorageDoubleMap::new(
    PALLET,
    "DecayingLock",
    StorageHasher::Blake2_128Concat,
    StorageHasher::Identity,
);

/// `UnlockRate` and `MaturityRate`: lock decay half-lives in blocks (subtensor's default
/// 934 866 for both).
const UNLOCK_RATE: StorageValue<u64> = StorageValue::new(PALLET, "UnlockRate");
const MATURITY_RATE: StorageValue<u64> = StorageValue::new(PALLET, "MaturityRate");
const DEFAULT_LOCK_RATE: u64 = 934_866;

/// `IdentitiesV2`: coldkey → identity (btcli `stake list`, `subnets show`).
const IDENTITIES_V2: StorageMap<AccountId, ChainIdentityV2> =
    StorageMap::new(PALLET, "IdentitiesV2", StorageHasher::Blake2_128Concat);

/// The declared-but-absent items.
pub fn items() -> Vec<ItemMeta> {
    vec![
        HOTKEY_LOCK.meta(),
        DECAYING_HOTKEY_LOCK.meta(),
        OWNER_LOCK.meta(),
        DECAYING_OWNER_LOCK.meta(),
        LOCK.meta(),
        DECAYING_LOCK.meta(),
        UNLOCK_RATE.meta_or(&DEFAULT_LOCK_RATE),
        MATURITY_RATE.meta_or(&DEFAULT_LOCK_RATE),
        IDENTITIES_V2.meta(),
        SUBNET_EPOCH_CONSENSUS.meta_or(&EpochConsensus::Yuma),
        MAX_WEIGHTS_LIMIT.meta_or(&u16::MAX),
    ]
}
