//! Root-claim storage items (subtensor's names, hashers and defaults) and their readers.

use crate::{
    hyperparams::items::Global,
    storage::{Overlay, StorageError, StorageMap, StorageNMap, StorageRead, StorageValue},
    subtensor::storage::PALLET,
};
use serde_json::{json, Value};
use substrate_fixed::types::I96F32;
use yuma_primitives::{hashing::StorageHasher, AccountId, NetUid, RootClaimTypeEnum};

const B2: StorageHasher = StorageHasher::Blake2_128Concat;
const ID: StorageHasher = StorageHasher::Identity;

/// `MAX_NUM_ROOT_CLAIMS`: the largest `NumRootClaim` root may set.
pub const MAX_NUM_ROOT_CLAIMS: u64 = 50;
/// `MAX_SUBNET_CLAIMS`: subnets one `claim_root` may name.
pub const MAX_SUBNET_CLAIMS: usize = 5;
/// `MAX_ROOT_CLAIM_THRESHOLD`: the largest `RootClaimableThreshold`, rao of alpha.
pub const MAX_ROOT_CLAIM_THRESHOLD: u64 = 10_000_000;
/// `DefaultMinRootClaimAmount`: 0.0005 alpha.
pub const DEFAULT_ROOT_CLAIM_THRESHOLD: u64 = 500_000;

/// `RootClaimable`: hotkey → per subnet, claimable alpha per unit of root stake.
pub use crate::emission::distribute::ROOT_CLAIMABLE;

/// `RootClaimed`: (netuid, hotkey, coldkey) → alpha already claimed (or credited to stake
/// added after the rate grew).
pub const ROOT_CLAIMED: StorageNMap<(NetUid, AccountId, AccountId), u128> =
    StorageNMap::new(PALLET, "RootClaimed", &[ID, B2, B2]);
/// `RootClaimType`: coldkey → what its claims become (absent = Swap).
pub const ROOT_CLAIM_TYPE: StorageMap<AccountId, RootClaimTypeEnum> =
    StorageMap::new(PALLET, "RootClaimType", B2);
/// `RootClaimableThreshold`: netuid → least owed alpha a (non-forced) claim pays, I96F32 bits.
pub const ROOT_CLAIMABLE_THRESHOLD: StorageMap<NetUid, i128> =
    StorageMap::new(PALLET, "RootClaimableThreshold", B2);
/// `StakingColdkeysByIndex`: dense index → coldkey holding root stake.
pub const STAKING_COLDKEYS_BY_INDEX: StorageMap<u64, AccountId> =
    StorageMap::new(PALLET, "StakingColdkeysByIndex", ID);
/// `StakingColdkeys`: coldkey → its index.
pub const STAKING_COLDKEYS: StorageMap<AccountId, u64> =
    StorageMap::new(PALLET, "StakingColdkeys", ID);
/// `NumStakingColdkeys`: size of the index.
pub const NUM_STAKING_COLDKEYS: StorageValue<u64> = StorageValue::new(PALLET, "NumStakingColdkeys");
/// `NumRootClaim`: coldkeys auto-claimed per block.
pub const NUM_ROOT_CLAIM: Global<u64> = Global::new("NumRootClaim", 5);
/// `SubnetRootSellTao`: netuid → TAO this block's root claims sold on it (telemetry, cleared
/// at the start of each coinbase).
pub const SUBNET_ROOT_SELL_TAO: StorageMap<NetUid, u64> =
    StorageMap::new(PALLET, "SubnetRootSellTao", ID);

/// The claim threshold of subnet `n` (default 500_000 alpha).
pub fn threshold(s: &dyn StorageRead, n: NetUid) -> Result<I96F32, StorageError> {
    Ok(match ROOT_CLAIMABLE_THRESHOLD.get(s, &n)? {
        Some(bits) => I96F32::from_bits(bits),
        None => I96F32::saturating_from_num(DEFAULT_ROOT_CLAIM_THRESHOLD),
    })
}

/// The claim type of `coldkey` (default Swap).
pub fn claim_type(
    s: &dyn StorageRead,
    coldkey: &AccountId,
) -> Result<RootClaimTypeEnum, StorageError> {
    Ok(ROOT_CLAIM_TYPE.get(s, coldkey)?.unwrap_or_default())
}

/// `"Swap"`, `"Keep"` or `{"KeepSubnets": [netuids]}`.
pub fn claim_type_json(t: &RootClaimTypeEnum) -> Value {
    match t {
        RootClaimTypeEnum::Swap => "Swap".into(),
        RootClaimTypeEnum::Keep => "Keep".into(),
        RootClaimTypeEnum::KeepSubnets { subnets } => {
            json!({"KeepSubnets": subnets.iter().map(|n| n.0).collect::<Vec<_>>()})
        }
    }
}

/// The claimable rate of `hotkey` on every subnet.
pub fn claimable_rates(
    s: &dyn StorageRead,
    hotkey: &AccountId,
) -> Result<std::collections::BTreeMap<NetUid, I96F32>, StorageError> {
    Ok(ROOT_CLAIMABLE
        .get(s, hotkey)?
        .unwrap_or_default()
        .into_iter()
        .map(|(n, bits)| (n, I96F32::from_bits(bits)))
        .collect())
}

/// Clears every subnet's `SubnetRootSellTao` (coinbase step 1).
pub fn clear_root_sell_tao(st: &mut Overlay<'_>) -> Result<(), StorageError> {
    for (n, _) in SUBNET_ROOT_SELL_TAO.iter(st)? {
        SUBNET_ROOT_SELL_TAO.remove(st, &n);
    }
    Ok(())
}

/// `finalize_all_subnet_root_dividends`: a dissolved subnet's claimable rates and watermarks
/// go (unclaimed alpha is lost with the subnet).
pub fn remove_subnet(st: &mut Overlay<'_>, n: NetUid) -> Result<(), StorageError> {
    for (hk, mut map) in ROOT_CLAIMABLE.iter(st)? {
        if map.remove(&n).is_some() {
            ROOT_CLAIMABLE.insert(st, &hk, &map);
        }
    }
    use parity_scale_codec::Encode;
    for (k, _) in ROOT_CLAIMED.iter_prefix(st, &[n.encode()])? {
        ROOT_CLAIMED.remove(st, &k);
    }
    SUBNET_ROOT_SELL_TAO.remove(st, &n);
    Ok(())
}
