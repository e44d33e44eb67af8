//! Storage items the coinbase owns (spec-emission §2), with subtensor's names, hashers and
//! storage defaults. Fixed-point values are stored as their raw bits (`I96F32`/`U96F32`/`I64F64`
//! /`U64F64` encode as their inner integer), as subtensor stores them.

use crate::{
    hyperparams::items::{Global, Param},
    storage::StorageMap,
    subtensor::storage::PALLET,
};
use yuma_primitives::{hashing::StorageHasher, NetUid};

const ID: StorageHasher = StorageHasher::Identity;

/// `BlockEmission`: the last value `emission_for_issuance` computed (informational, §13.1).
pub const BLOCK_EMISSION: Global<u64> = Global::new("BlockEmission", 1_000_000_000);

/// `SubnetOwnerCut`: owner share of alpha_out, u16 / 65_535 (≈ 18 %).
pub const SUBNET_OWNER_CUT: Global<u16> = Global::new("SubnetOwnerCut", 11_796);
/// `SubnetMovingAlpha`: base EMA coefficient of the moving price, I96F32 bits of 0.000003
/// (`from_num(0.000003)` rounds 12_884.9… to nearest).
pub const SUBNET_MOVING_ALPHA: Global<i128> = Global::new("SubnetMovingAlpha", 12_885);
/// `CKBurn`: fraction (× u64::MAX) of dividends passed to parents that is recycled.
pub const CK_BURN: Global<u64> = Global::new("CKBurn", 0);
/// `MaxEpochsPerBlock`: how many epochs one block may run (§8.3).
pub const MAX_EPOCHS_PER_BLOCK: Global<u8> = Global::new("MaxEpochsPerBlock", 2);

// ---- Taoflow (§5.6) ----

/// `SubnetProtocolFlow`: per-block protocol TAO flow accumulator (injections, chain buys).
pub use crate::stake::flow::SUBNET_PROTOCOL_FLOW;
/// `SubnetEmaTaoFlow`: (block, I64F64 bits) of the user-flow EMA.
pub const SUBNET_EMA_TAO_FLOW: StorageMap<NetUid, (u64, i128)> =
    StorageMap::new(PALLET, "SubnetEmaTaoFlow", ID);
/// `SubnetEmaProtocolFlow`: (block, I64F64 bits) of the protocol-flow EMA.
pub const SUBNET_EMA_PROTOCOL_FLOW: StorageMap<NetUid, (u64, i128)> =
    StorageMap::new(PALLET, "SubnetEmaProtocolFlow", ID);
/// `FlowEmaSmoothingFactor`: EMA factor × (2^63 − 1) (half-life ≈ 216_000 blocks).
pub const FLOW_EMA_SMOOTHING_FACTOR: Global<u64> =
    Global::new("FlowEmaSmoothingFactor", 29_597_889_189_277);
/// `FlowNormExponent`: the exponent p of the power normalisation, U64F64 bits (1.0).
pub const FLOW_NORM_EXPONENT: Global<u128> = Global::new("FlowNormExponent", 1 << 64);
/// `TaoFlowCutoff`: the lower cutoff A, I64F64 bits (0).
pub const TAO_FLOW_CUTOFF: Global<i128> = Global::new("TaoFlowCutoff", 0);
/// `NetTaoFlowEnabled`: subtract the normalised protocol cost from the user flow.
pub const NET_TAO_FLOW_ENABLED: Global<bool> = Global::new("NetTaoFlowEnabled", true);

// ---- Pending emission, drained at the epoch (§7, §8.3) ----

/// `PendingServerEmission`: miners' alpha.
pub const PENDING_SERVER_EMISSION: Param<u64> = Param::new("PendingServerEmission", 0);
/// `PendingValidatorEmission`: subnet validators' alpha.
pub const PENDING_VALIDATOR_EMISSION: Param<u64> = Param::new("PendingValidatorEmission", 0);
/// `PendingRootAlphaDivs`: root stakers' alpha.
pub const PENDING_ROOT_ALPHA_DIVS: Param<u64> = Param::new("PendingRootAlphaDivs", 0);
/// `PendingOwnerCut`: the owner's alpha.
pub const PENDING_OWNER_CUT: Param<u64> = Param::new("PendingOwnerCut", 0);

// ---- Per-block telemetry and protocol alpha (§6.3, §7) ----

/// `SubnetProtocolAlpha`: alpha bought by chain buys (counted in `SubnetAlphaOut`).
pub const SUBNET_PROTOCOL_ALPHA: Param<u64> = Param::new("SubnetProtocolAlpha", 0);
/// `SubnetAlphaInEmission`: alpha injected into the pool this block.
pub const SUBNET_ALPHA_IN_EMISSION: Param<u64> = Param::new("SubnetAlphaInEmission", 0);
/// `SubnetAlphaOutEmission`: alpha_out minted this block.
pub const SUBNET_ALPHA_OUT_EMISSION: Param<u64> = Param::new("SubnetAlphaOutEmission", 0);
/// `SubnetTaoInEmission`: TAO injected into the pool this block.
pub const SUBNET_TAO_IN_EMISSION: Param<u64> = Param::new("SubnetTaoInEmission", 0);
/// `SubnetExcessTao`: TAO spent in this block's chain buy.
pub const SUBNET_EXCESS_TAO: Param<u64> = Param::new("SubnetExcessTao", 0);
/// `MinerBurned`: fraction of the last epoch's miner emission withheld, U96F32 bits.
pub const MINER_BURNED: Param<u128> = Param::new("MinerBurned", 0);
/// `RootProp`: telemetry copy of the root proportion, U96F32 bits.
pub const ROOT_PROP: Param<u128> = Param::new("RootProp", 0);

/// `SubnetTaoFlow` lives with the subnet items; re-exported so the coinbase names it here.
pub use crate::subtensor::storage::SUBNET_TAO_FLOW;

/// Clears a dissolved subnet's coinbase state (pending alpha is lost with the subnet).
pub fn remove_subnet(st: &mut crate::storage::Overlay<'_>, n: NetUid) {
    for p in [
        &PENDING_SERVER_EMISSION,
        &PENDING_VALIDATOR_EMISSION,
        &PENDING_ROOT_ALPHA_DIVS,
        &PENDING_OWNER_CUT,
        &SUBNET_PROTOCOL_ALPHA,
        &SUBNET_ALPHA_IN_EMISSION,
        &SUBNET_ALPHA_OUT_EMISSION,
        &SUBNET_TAO_IN_EMISSION,
        &SUBNET_EXCESS_TAO,
    ] {
        p.remove(st, n);
    }
    MINER_BURNED.remove(st, n);
    ROOT_PROP.remove(st, n);
    SUBNET_PROTOCOL_FLOW.remove(st, &n);
    SUBNET_EMA_TAO_FLOW.remove(st, &n);
    SUBNET_EMA_PROTOCOL_FLOW.remove(st, &n);
}
