//! The storage registry: every storage item the runtime stores, as the metadata declares it.
//!
//! Each entry comes from the typed item itself (`StorageMap::meta`, `Param::meta`, …), which
//! knows its prefix, hashers, key and value types; this list only names the items and says how
//! an absent entry reads. `ValueQuery` items (`d*` helpers: absent reads as the type's default,
//! `Param`/`Global`: absent reads as their declared default) follow subtensor's declarations;
//! items subtensor declares `OptionQuery` use `meta()` (absent reads as nothing). Tests check
//! every entry against the runtime's key layout and that its default decodes.
//!
//! Where the runtime stores a fixed-point number as its raw bits, the entry declares
//! subtensor's `substrate_fixed` type (`value_as`, same bytes), so clients read the `bits` field
//! they expect.
//!
//! Add a line here when the runtime gains a storage item.

use parity_scale_codec::{Decode, Encode};
use scale_info::TypeInfo;
use std::collections::BTreeMap;
use substrate_fixed::types::{I64F64, I96F32, U64F64, U96F32};
use yuma_primitives::NetUid;
use yuma_runtime::{
    storage::{ItemMeta, KeyTuple, StorageDoubleMap, StorageMap, StorageNMap, StorageValue},
    *,
};

fn dv<V: Encode + Decode + TypeInfo + Default + 'static>(i: &StorageValue<V>) -> ItemMeta {
    i.meta_or(&V::default())
}

fn dm<K, V>(i: &StorageMap<K, V>) -> ItemMeta
where
    K: Encode + Decode + TypeInfo + 'static,
    V: Encode + Decode + TypeInfo + Default + 'static,
{
    i.meta_or(&V::default())
}

fn dd<K1, K2, V>(i: &StorageDoubleMap<K1, K2, V>) -> ItemMeta
where
    K1: Encode + Decode + TypeInfo + 'static,
    K2: Encode + Decode + TypeInfo + 'static,
    V: Encode + Decode + TypeInfo + Default + 'static,
{
    i.meta_or(&V::default())
}

fn dn<K, V>(i: &StorageNMap<K, V>) -> ItemMeta
where
    K: KeyTuple + Encode + Decode + TypeInfo + 'static,
    V: Encode + Decode + TypeInfo + Default + 'static,
{
    i.meta_or(&V::default())
}

/// `System.Events`: written whole by the block executor (not a typed item); empty by default.
fn system_events() -> ItemMeta {
    let (pallet, item) = system::EVENTS_KEY;
    ItemMeta {
        pallet,
        item,
        hashers: Vec::new(),
        key: None,
        value: scale_info::meta_type::<Vec<event::EventRecord>>(),
        default: Some(Vec::<u8>::new().encode()),
        key_of: Box::new(move |b| {
            b.is_empty()
                .then(|| yuma_primitives::hashing::storage_prefix(pallet, item).to_vec())
        }),
        // An empty vector is the only `Vec<EventRecord>` a test can check without a decoder
        // (`EventRecord` is encode-only); real event bytes are checked against the registry.
        value_decodes: |b| b == [0],
    }
}

/// Every storage item of the runtime, in no particular order; the first of two entries for the
/// same `(pallet, item)` wins (a few items have two typed handles, checked equal by a test).
pub fn items() -> Vec<ItemMeta> {
    let mut all = vec![
        system_events(),
        dv(&balances::TOTAL_ISSUANCE),
        balances::BURNED.meta(),
        balances::MINTED.meta(),
        dd(&childkeys::CHILD_KEYS),
        dd(&childkeys::PARENT_KEYS),
        dd(&childkeys::PENDING_CHILD_KEYS),
        dd(&childkeys::CHILDKEY_TAKE),
        childkeys::MIN_CHILDKEY_TAKE.meta(),
        childkeys::MAX_CHILDKEY_TAKE.meta(),
        childkeys::MIN_CHILDKEY_TAKE_PER_SUBNET.meta(),
        childkeys::TX_CHILDKEY_TAKE_RATE_LIMIT.meta(),
        childkeys::PENDING_CHILD_KEY_COOLDOWN.meta(),
        delegation::DELEGATES.meta_or(&delegation::DEFAULT_DELEGATE_TAKE),
        delegation::MIN_DELEGATE_TAKE.meta(),
        delegation::MAX_DELEGATE_TAKE.meta(),
        delegation::TX_DELEGATE_TAKE_RATE_LIMIT.meta(),
        emission::distribute::AUTO_STAKE_DESTINATION.meta(),
        dd(&emission::distribute::ALPHA_DIVIDENDS_PER_SUBNET),
        dd(&emission::distribute::ROOT_ALPHA_DIVIDENDS_PER_SUBNET),
        dm(&emission::distribute::ROOT_CLAIMABLE).value_as::<BTreeMap<NetUid, I96F32>>(),
        emission::storage::BLOCK_EMISSION.meta(),
        emission::storage::SUBNET_OWNER_CUT.meta(),
        emission::storage::SUBNET_MOVING_ALPHA
            .meta()
            .value_as::<I96F32>(),
        emission::storage::CK_BURN.meta(),
        emission::storage::MAX_EPOCHS_PER_BLOCK.meta(),
        emission::storage::SUBNET_EMA_TAO_FLOW
            .meta()
            .value_as::<(u64, I64F64)>(),
        emission::storage::SUBNET_EMA_PROTOCOL_FLOW
            .meta()
            .value_as::<(u64, I64F64)>(),
        emission::storage::FLOW_EMA_SMOOTHING_FACTOR.meta(),
        emission::storage::FLOW_NORM_EXPONENT
            .meta()
            .value_as::<U64F64>(),
        emission::storage::TAO_FLOW_CUTOFF
            .meta()
            .value_as::<I64F64>(),
        emission::storage::NET_TAO_FLOW_ENABLED.meta(),
        emission::storage::PENDING_SERVER_EMISSION.meta(),
        emission::storage::PENDING_VALIDATOR_EMISSION.meta(),
        emission::storage::PENDING_ROOT_ALPHA_DIVS.meta(),
        emission::storage::PENDING_OWNER_CUT.meta(),
        emission::storage::SUBNET_PROTOCOL_ALPHA.meta(),
        emission::storage::SUBNET_ALPHA_IN_EMISSION.meta(),
        emission::storage::SUBNET_ALPHA_OUT_EMISSION.meta(),
        emission::storage::SUBNET_TAO_IN_EMISSION.meta(),
        emission::storage::SUBNET_EXCESS_TAO.meta(),
        emission::storage::MINER_BURNED.meta().value_as::<U96F32>(),
        emission::storage::ROOT_PROP.meta().value_as::<U96F32>(),
        genesis::SUDO_KEY.meta(),
        hyperparams::items::TEMPO.meta(),
        hyperparams::items::ACTIVITY_CUTOFF_FACTOR_MILLI.meta(),
        hyperparams::items::ACTIVITY_CUTOFF.meta(),
        hyperparams::items::RHO.meta(),
        hyperparams::items::KAPPA.meta(),
        hyperparams::items::IMMUNITY_PERIOD.meta(),
        hyperparams::items::MIN_ALLOWED_WEIGHTS.meta(),
        hyperparams::items::MAX_ALLOWED_UIDS.meta(),
        hyperparams::items::MIN_ALLOWED_UIDS.meta(),
        hyperparams::items::MAX_ALLOWED_VALIDATORS.meta(),
        hyperparams::items::WEIGHTS_VERSION_KEY.meta(),
        hyperparams::items::WEIGHTS_SET_RATE_LIMIT.meta(),
        hyperparams::items::COMMIT_REVEAL_WEIGHTS_ENABLED.meta(),
        hyperparams::items::REVEAL_PERIOD_EPOCHS.meta(),
        hyperparams::items::SERVING_RATE_LIMIT.meta(),
        hyperparams::items::NETWORK_REGISTRATION_ALLOWED.meta(),
        hyperparams::items::NETWORK_POW_REGISTRATION_ALLOWED.meta(),
        hyperparams::items::BURN.meta(),
        hyperparams::items::MIN_BURN.meta(),
        hyperparams::items::MAX_BURN.meta(),
        hyperparams::items::BURN_HALF_LIFE.meta(),
        hyperparams::items::BURN_INCREASE_MULT
            .meta()
            .value_as::<U64F64>(),
        hyperparams::items::DIFFICULTY.meta(),
        hyperparams::items::MIN_DIFFICULTY.meta(),
        hyperparams::items::MAX_DIFFICULTY.meta(),
        hyperparams::items::ADJUSTMENT_INTERVAL.meta(),
        hyperparams::items::ADJUSTMENT_ALPHA.meta(),
        hyperparams::items::TARGET_REGISTRATIONS_PER_INTERVAL.meta(),
        hyperparams::items::MAX_REGISTRATIONS_PER_BLOCK.meta(),
        hyperparams::items::BONDS_MOVING_AVERAGE.meta(),
        hyperparams::items::BONDS_PENALTY.meta(),
        hyperparams::items::BONDS_RESET_ON.meta(),
        hyperparams::items::LIQUID_ALPHA_ON.meta(),
        hyperparams::items::ALPHA_VALUES.meta(),
        hyperparams::items::ALPHA_SIGMOID_STEEPNESS.meta(),
        hyperparams::items::RECYCLE_OR_BURN.meta(),
        hyperparams::items::OWNER_CUT_AUTO_LOCK_ENABLED.meta(),
        hyperparams::items::YUMA3_ON.meta(),
        hyperparams::items::TRANSFER_TOGGLE.meta(),
        hyperparams::items::IMMUNE_OWNER_UIDS_LIMIT.meta(),
        hyperparams::items::MIN_NON_IMMUNE_UIDS.meta(),
        hyperparams::items::MECHANISM_COUNT_CURRENT.meta(),
        hyperparams::items::SUBTOKEN_ENABLED.meta(),
        hyperparams::items::SUBNET_EMISSION_ENABLED.meta(),
        hyperparams::items::OWNER_CUT_ENABLED.meta(),
        hyperparams::items::EMA_PRICE_HALVING_BLOCKS.meta(),
        hyperparams::items::NETWORK_IMMUNITY_PERIOD.meta(),
        hyperparams::items::NETWORK_MIN_LOCK_COST.meta(),
        hyperparams::items::NETWORK_LAST_LOCK_COST.meta(),
        hyperparams::items::NETWORK_LOCK_REDUCTION_INTERVAL.meta(),
        hyperparams::items::NETWORK_RATE_LIMIT.meta(),
        hyperparams::items::NETWORK_REGISTRATION_START_BLOCK.meta(),
        hyperparams::items::START_CALL_DELAY.meta(),
        hyperparams::items::STAKE_THRESHOLD.meta(),
        hyperparams::items::ADMIN_FREEZE_WINDOW.meta(),
        hyperparams::items::OWNER_HYPERPARAM_RATE_LIMIT.meta(),
        hyperparams::items::WEIGHTS_VERSION_KEY_RATE_LIMIT.meta(),
        hyperparams::items::SUBNET_LIMIT.meta(),
        hyperparams::items::TAO_WEIGHT.meta(),
        hyperparams::items::COLDKEY_SWAP_ANNOUNCEMENT_DELAY.meta(),
        hyperparams::items::COLDKEY_SWAP_REANNOUNCEMENT_DELAY.meta(),
        params::SUBNET_LIMIT.meta_or(&params::ChainParams::default().subnet_limit),
        params::DEFAULT_TEMPO.meta(),
        params::EMISSION_SPLIT.meta(),
        dn(&root_claim::storage::ROOT_CLAIMED),
        dm(&root_claim::storage::ROOT_CLAIM_TYPE),
        dm(&root_claim::storage::ROOT_CLAIMABLE_THRESHOLD).value_as::<I96F32>(),
        root_claim::storage::STAKING_COLDKEYS_BY_INDEX.meta(),
        root_claim::storage::STAKING_COLDKEYS.meta(),
        dv(&root_claim::storage::NUM_STAKING_COLDKEYS),
        root_claim::storage::NUM_ROOT_CLAIM.meta(),
        dm(&root_claim::storage::SUBNET_ROOT_SELL_TAO),
        dm(&stake::flow::SUBNET_PROTOCOL_FLOW),
        stake::LAST_COLDKEY_HOTKEY_STAKE_BLOCK.meta(),
        dv(&stake::NOMINATOR_MIN_REQUIRED_STAKE),
        dd(&stake::pool::TOTAL_HOTKEY_ALPHA),
        dd(&stake::pool::TOTAL_HOTKEY_SHARES_V2),
        dn(&stake::pool::ALPHA_V2),
        subnets::identity::SUBNET_IDENTITIES_V3.meta(),
        subnets::mechanisms::MAX_MECHANISM_COUNT.meta(),
        subnets::mechanisms::MECHANISM_EMISSION_SPLIT.meta(),
        dm(&subtensor::storage::OWNER),
        dm(&subtensor::storage::OWNED_HOTKEYS),
        dm(&subtensor::storage::STAKING_HOTKEYS),
        dm(&subtensor::storage::NETWORKS_ADDED),
        dv(&subtensor::storage::TOTAL_NETWORKS),
        dm(&subtensor::storage::SUBNETWORK_N),
        dm(&subtensor::storage::SUBNET_MECHANISM),
        dm(&subtensor::storage::NETWORK_REGISTERED_AT),
        dm(&subtensor::storage::REGISTERED_SUBNET_COUNTER),
        dm(&subtensor::storage::SUBNET_OWNER),
        dm(&subtensor::storage::SUBNET_OWNER_HOTKEY),
        dm(&subtensor::storage::SUBNET_LOCKED),
        dm(&subtensor::storage::TOKEN_SYMBOL),
        subtensor::storage::FIRST_EMISSION_BLOCK_NUMBER.meta(),
        dm(&subtensor::storage::SUBNET_MOVING_PRICE).value_as::<I96F32>(),
        dm(&subtensor::storage::SUBNET_VOLUME),
        dm(&subtensor::storage::RAO_RECYCLED_FOR_REGISTRATION),
        dm(&subtensor::storage::SUBNET_TAO_FLOW),
        dm(&subtensor::storage::REGISTRATIONS_THIS_BLOCK),
        dm(&subtensor::storage::REGISTRATIONS_THIS_INTERVAL),
        dm(&subtensor::storage::LAST_RATE_LIMITED_BLOCK),
        dn(&subtensor::storage::TRANSACTION_KEY_LAST_BLOCK),
        dm(&subtensor::storage::LAST_EPOCH_BLOCK),
        dm(&subtensor::storage::PENDING_EPOCH_AT),
        dm(&subtensor::storage::SUBNET_EPOCH_INDEX),
        dm(&subtensor::storage::BLOCKS_SINCE_LAST_STEP),
        dm(&subtensor::storage::LAST_MECHANISM_STEP_BLOCK),
        subtensor::storage::UIDS.meta(),
        dd(&subtensor::storage::KEYS),
        dd(&subtensor::storage::IS_NETWORK_MEMBER),
        dd(&subtensor::storage::BLOCK_AT_REGISTRATION),
        dm(&subtensor::storage::ACTIVE),
        dm(&subtensor::storage::EMISSION),
        dm(&subtensor::storage::CONSENSUS),
        dm(&subtensor::storage::DIVIDENDS),
        dm(&subtensor::storage::VALIDATOR_TRUST),
        dm(&subtensor::storage::VALIDATOR_PERMIT),
        dm(&subtensor::storage::STAKE_WEIGHT),
        dm(&subtensor::storage::INCENTIVE),
        dm(&subtensor::storage::LAST_UPDATE),
        dd(&subtensor::storage::WEIGHTS),
        dd(&subtensor::storage::BONDS),
        subtensor::storage::WEIGHT_COMMITS.meta(),
        subtensor::storage::AXONS.meta(),
        subtensor::storage::PROMETHEUS.meta(),
        subtensor::storage::NEURON_CERTIFICATES.meta(),
        dm(&swap::storage::SUBNET_TAO),
        dm(&swap::storage::SUBNET_ALPHA_IN),
        dm(&swap::storage::SUBNET_ALPHA_OUT),
        dm(&swap::storage::SUBNET_PROTOCOL_ALPHA),
        dv(&swap::storage::TOTAL_STAKE),
        swap::storage::FEE_RATE.meta_or(&swap::storage::DEFAULT_FEE_RATE),
        dm(&swap::storage::SWAP_BALANCER),
        dm(&swap::storage::PAL_SWAP_INITIALIZED),
        swap_keys::ANNOUNCEMENTS.meta(),
        swap_keys::DISPUTES.meta(),
        dd(&swap_keys::LAST_HOTKEY_SWAP_ON_NETUID),
        dm(&system::ACCOUNT),
        dv(&system::NUMBER),
        dv(&system::PARENT_HASH),
        dm(&system::BLOCK_HASH),
        dv(&system::EVENT_COUNT),
        dv(&system::TIMESTAMP_NOW),
        dd(&weights::timelocked::TIMELOCKED_WEIGHT_COMMITS),
        weights::timelocked::LAST_STORED_ROUND.meta(),
    ];
    all.extend(crate::extra_storage::items());
    all
}
