//! Events of the subtensor pallet with subtensor's variant indices (spec-subnets §8.4), their
//! SCALE encoding and JSON rendering. Hyperparameter-set events share one variant,
//! [`SubtensorEvent::ParamSet`], that carries its own index, name and value.

use parity_scale_codec::{Encode, Output};
use serde_json::{json, Value};
use yuma_primitives::{AccountId, NetUid, RootClaimTypeEnum, H256};

/// A hyperparameter's new value, encoded with its own type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamValue {
    /// A u16.
    U16(u16),
    /// A u64.
    U64(u64),
    /// A bool.
    Bool(bool),
}

impl ParamValue {
    fn json(self) -> Value {
        match self {
            Self::U16(v) => v.into(),
            Self::U64(v) => v.into(),
            Self::Bool(v) => v.into(),
        }
    }
}

/// A `<Name>Set` event the runtime can emit through [`SubtensorEvent::ParamSet`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamSetEvent {
    /// Variant index.
    pub index: u8,
    /// Variant name.
    pub name: &'static str,
    /// Whether the netuid precedes the value.
    pub per_subnet: bool,
    /// The value's kind (its payload is irrelevant).
    pub kind: ParamValue,
}

/// The `<Name>Set` events emitted outside the admin-utils setters (root-only childkey
/// parameters, subnet registration defaults, `set_tempo`), as their call sites write them.
const OTHER_PARAM_SETS: [ParamSetEvent; 9] = [
    pse(42, "TxChildKeyTakeRateLimitSet", false, ParamValue::U64(0)),
    pse(45, "MinChildKeyTakeSet", false, ParamValue::U16(0)),
    pse(47, "MaxChildKeyTakeSet", false, ParamValue::U16(0)),
    pse(50, "RegistrationAllowed", true, ParamValue::Bool(false)),
    pse(9, "MaxAllowedUidsSet", true, ParamValue::U16(0)),
    pse(27, "MaxAllowedValidatorsSet", true, ParamValue::U16(0)),
    pse(19, "MinAllowedWeightSet", true, ParamValue::U16(0)),
    pse(23, "ImmunityPeriodSet", true, ParamValue::U16(0)),
    pse(52, "TempoSet", true, ParamValue::U16(0)),
];

const fn pse(index: u8, name: &'static str, per_subnet: bool, kind: ParamValue) -> ParamSetEvent {
    ParamSetEvent {
        index,
        name,
        per_subnet,
        kind,
    }
}

/// Every `<Name>Set` event the runtime can emit (admin-utils setters first), for the metadata.
pub fn param_set_events() -> Vec<ParamSetEvent> {
    let mut all = crate::hyperparams::param_set_events();
    all.extend(OTHER_PARAM_SETS);
    all
}

/// `pallet_subtensor::Event` (the variants yuma emits).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubtensorEvent {
    /// 0: a subnet was created with this mechanism.
    NetworkAdded(NetUid, u16),
    /// 1: a subnet was dissolved.
    NetworkRemoved(NetUid),
    /// 5: weights set for (storage index, uid).
    WeightsSet(u16, u16),
    /// 6: a neuron registered (netuid, uid, hotkey).
    NeuronRegistered(NetUid, u16, AccountId),
    /// 28: an axon was served.
    AxonServed(NetUid, AccountId),
    /// 29: a prometheus endpoint was served.
    PrometheusServed(NetUid, AccountId),
    /// 85: a weights hash was committed (hotkey, storage index, hash).
    WeightsCommitted(AccountId, u16, H256),
    /// 86: committed weights were revealed.
    WeightsRevealed(AccountId, u16, H256),
    /// 66: a hotkey was swapped on every subnet.
    HotkeySwapped {
        /// Owner.
        coldkey: AccountId,
        /// Old hotkey.
        old_hotkey: AccountId,
        /// New hotkey.
        new_hotkey: AccountId,
    },
    /// 69: a coldkey swap was announced.
    ColdkeySwapAnnounced {
        /// The coldkey.
        who: AccountId,
        /// Hash of the new coldkey.
        new_coldkey_hash: H256,
    },
    /// 71: a coldkey was swapped.
    ColdkeySwapped {
        /// Old coldkey.
        old_coldkey: AccountId,
        /// New coldkey.
        new_coldkey: AccountId,
    },
    /// 88: a batch of weight calls finished (netuids, hotkey).
    BatchWeightsCompleted(Vec<NetUid>, AccountId),
    /// 89: some items of a weight batch failed.
    BatchCompletedWithErrors(),
    /// 90: one item of a weight batch failed.
    BatchWeightItemFailed(NetUid, crate::dispatch::DispatchError),
    /// 130: a subnet's activity-cutoff factor changed.
    ActivityCutoffFactorMilliSet {
        /// Subnet.
        netuid: NetUid,
        /// Factor, per mille of a tempo.
        factor_milli: u32,
    },
    /// 131: the owner triggered an epoch.
    EpochTriggered {
        /// Subnet.
        netuid: NetUid,
        /// The owner.
        by: AccountId,
        /// The earliest block it fires.
        fires_at: u64,
    },
    /// 107: a timelocked commit (hotkey, storage index, blake2_256 of the ciphertext, round).
    TimelockedWeightsCommitted(AccountId, u16, H256, u64),
    /// 70: a coldkey swap was reset by root.
    ColdkeySwapReset {
        /// The coldkey.
        who: AccountId,
    },
    /// 72: a coldkey swap was disputed.
    ColdkeySwapDisputed {
        /// The coldkey.
        coldkey: AccountId,
    },
    /// 122: a coldkey swap announcement was cleared.
    ColdkeySwapCleared {
        /// The coldkey.
        who: AccountId,
    },
    /// 102: a hotkey was swapped on one subnet.
    HotkeySwappedOnSubnet {
        /// Owner.
        coldkey: AccountId,
        /// Old hotkey.
        old_hotkey: AccountId,
        /// New hotkey.
        new_hotkey: AccountId,
        /// The subnet.
        netuid: NetUid,
    },
    /// 87: several commits were revealed at once (hotkey, netuid, hashes).
    WeightsBatchRevealed(AccountId, NetUid, Vec<H256>),
    /// 105: a subnet's token symbol changed.
    SymbolUpdated {
        /// The subnet.
        netuid: NetUid,
        /// The new symbol, UTF-8.
        symbol: Vec<u8>,
    },
    /// 78: a subnet identity was set.
    SubnetIdentitySet(NetUid),
    /// 79: a subnet identity was removed.
    SubnetIdentityRemoved(NetUid),
    /// 94: the subnet owner hotkey was set.
    SubnetOwnerHotkeySet(NetUid, AccountId),
    /// 95: `start_call` set the first emission block.
    FirstEmissionBlockNumberSet(NetUid, u64),
    /// 64: a delegate take was lowered (coldkey, hotkey, take).
    TakeDecreased(AccountId, AccountId, u16),
    /// 65: a delegate take was raised (coldkey, hotkey, take).
    TakeIncreased(AccountId, AccountId, u16),
    /// 48: a childkey take was set (hotkey, take).
    ChildKeyTakeSet(AccountId, u16),
    /// 75: children were scheduled (hotkey, netuid, cooldown block, children).
    SetChildrenScheduled(AccountId, NetUid, u64, Vec<(u64, AccountId)>),
    /// 76: children were applied (hotkey, netuid, children).
    SetChildren(AccountId, NetUid, Vec<(u64, AccountId)>),
    /// 132: an epoch slot was deferred to the next block by `MaxEpochsPerBlock`.
    EpochDeferred {
        /// The subnet.
        netuid: NetUid,
        /// Block the epoch was due.
        from_block: u64,
        /// Block it was deferred to.
        to_block: u64,
    },
    /// 133: an epoch slot was consumed without running (inconsistent epoch input).
    EpochSkipped {
        /// The subnet.
        netuid: NetUid,
        /// The block.
        block: u64,
    },
    /// 2: stake added (coldkey, hotkey, TAO in gross, alpha out, netuid, fee).
    StakeAdded(AccountId, AccountId, u64, u64, NetUid, u64),
    /// 3: stake removed (coldkey, hotkey, TAO out, alpha in net, netuid, fee).
    StakeRemoved(AccountId, AccountId, u64, u64, NetUid, u64),
    /// 4: stake moved (coldkey, origin hotkey, origin netuid, destination hotkey,
    /// destination netuid, TAO).
    StakeMoved(AccountId, AccountId, NetUid, AccountId, NetUid, u64),
    /// 91: stake transferred (origin coldkey, destination coldkey, hotkey, origin netuid,
    /// destination netuid, TAO).
    StakeTransferred(AccountId, AccountId, AccountId, NetUid, NetUid, u64),
    /// 92: stake swapped between subnets (coldkey, hotkey, origin netuid, destination netuid,
    /// TAO).
    StakeSwapped(AccountId, AccountId, NetUid, NetUid, u64),
    /// 96: alpha recycled (coldkey, hotkey, amount, netuid).
    AlphaRecycled(AccountId, AccountId, u64, NetUid),
    /// 97: alpha burned (coldkey, hotkey, amount, netuid).
    AlphaBurned(AccountId, AccountId, u64, NetUid),
    /// 121: alpha bought with `amount` TAO and burned (`add_stake_burn`).
    AddStakeBurn {
        /// Subnet.
        netuid: NetUid,
        /// Hotkey.
        hotkey: AccountId,
        /// TAO provided, rao.
        amount: u64,
        /// Alpha burned.
        alpha: u64,
    },
    /// 114: a coldkey's root dividends were claimed on all its hotkeys.
    RootClaimed {
        /// The claiming coldkey.
        coldkey: AccountId,
    },
    /// 115: a coldkey chose what its root dividends become.
    RootClaimTypeSet {
        /// The coldkey.
        coldkey: AccountId,
        /// Its new claim type.
        root_claim_type: RootClaimTypeEnum,
    },
    /// A hyperparameter or global parameter was set: subtensor's `<Name>Set` variant `index`.
    ParamSet {
        /// Variant index.
        index: u8,
        /// Variant name.
        name: &'static str,
        /// The subnet, for per-subnet parameters.
        netuid: Option<NetUid>,
        /// The new value.
        value: ParamValue,
    },
}

impl SubtensorEvent {
    /// The variant index.
    pub fn index(&self) -> u8 {
        match self {
            Self::NetworkAdded(..) => 0,
            Self::NetworkRemoved(..) => 1,
            Self::WeightsSet(..) => 5,
            Self::NeuronRegistered(..) => 6,
            Self::AxonServed(..) => 28,
            Self::PrometheusServed(..) => 29,
            Self::WeightsCommitted(..) => 85,
            Self::WeightsRevealed(..) => 86,
            Self::SubnetOwnerHotkeySet(..) => 94,
            Self::HotkeySwapped { .. } => 66,
            Self::SubnetIdentitySet(..) => 78,
            Self::SubnetIdentityRemoved(..) => 79,
            Self::SymbolUpdated { .. } => 105,
            Self::WeightsBatchRevealed(..) => 87,
            Self::ColdkeySwapAnnounced { .. } => 69,
            Self::ColdkeySwapped { .. } => 71,
            Self::ColdkeySwapReset { .. } => 70,
            Self::TimelockedWeightsCommitted(..) => 107,
            Self::ActivityCutoffFactorMilliSet { .. } => 130,
            Self::EpochTriggered { .. } => 131,
            Self::BatchWeightsCompleted(..) => 88,
            Self::BatchCompletedWithErrors() => 89,
            Self::BatchWeightItemFailed(..) => 90,
            Self::ColdkeySwapDisputed { .. } => 72,
            Self::ColdkeySwapCleared { .. } => 122,
            Self::HotkeySwappedOnSubnet { .. } => 102,
            Self::FirstEmissionBlockNumberSet(..) => 95,
            Self::TakeDecreased(..) => 64,
            Self::TakeIncreased(..) => 65,
            Self::ChildKeyTakeSet(..) => 48,
            Self::SetChildrenScheduled(..) => 75,
            Self::SetChildren(..) => 76,
            Self::EpochDeferred { .. } => 132,
            Self::EpochSkipped { .. } => 133,
            Self::StakeAdded(..) => 2,
            Self::StakeRemoved(..) => 3,
            Self::StakeMoved(..) => 4,
            Self::StakeTransferred(..) => 91,
            Self::StakeSwapped(..) => 92,
            Self::AlphaRecycled(..) => 96,
            Self::AlphaBurned(..) => 97,
            Self::AddStakeBurn { .. } => 121,
            Self::RootClaimed { .. } => 114,
            Self::RootClaimTypeSet { .. } => 115,
            Self::ParamSet { index, .. } => *index,
        }
    }

    /// The variant name.
    pub fn name(&self) -> &'static str {
        match self {
            Self::NetworkAdded(..) => "NetworkAdded",
            Self::NetworkRemoved(..) => "NetworkRemoved",
            Self::WeightsSet(..) => "WeightsSet",
            Self::NeuronRegistered(..) => "NeuronRegistered",
            Self::AxonServed(..) => "AxonServed",
            Self::PrometheusServed(..) => "PrometheusServed",
            Self::WeightsCommitted(..) => "WeightsCommitted",
            Self::WeightsRevealed(..) => "WeightsRevealed",
            Self::SubnetOwnerHotkeySet(..) => "SubnetOwnerHotkeySet",
            Self::HotkeySwapped { .. } => "HotkeySwapped",
            Self::SubnetIdentitySet(..) => "SubnetIdentitySet",
            Self::SubnetIdentityRemoved(..) => "SubnetIdentityRemoved",
            Self::SymbolUpdated { .. } => "SymbolUpdated",
            Self::WeightsBatchRevealed(..) => "WeightsBatchRevealed",
            Self::ColdkeySwapAnnounced { .. } => "ColdkeySwapAnnounced",
            Self::ColdkeySwapped { .. } => "ColdkeySwapped",
            Self::ColdkeySwapReset { .. } => "ColdkeySwapReset",
            Self::TimelockedWeightsCommitted(..) => "TimelockedWeightsCommitted",
            Self::ActivityCutoffFactorMilliSet { .. } => "ActivityCutoffFactorMilliSet",
            Self::EpochTriggered { .. } => "EpochTriggered",
            Self::BatchWeightsCompleted(..) => "BatchWeightsCompleted",
            Self::BatchCompletedWithErrors() => "BatchCompletedWithErrors",
            Self::BatchWeightItemFailed(..) => "BatchWeightItemFailed",
            Self::ColdkeySwapDisputed { .. } => "ColdkeySwapDisputed",
            Self::ColdkeySwapCleared { .. } => "ColdkeySwapCleared",
            Self::HotkeySwappedOnSubnet { .. } => "HotkeySwappedOnSubnet",
            Self::FirstEmissionBlockNumberSet(..) => "FirstEmissionBlockNumberSet",
            Self::TakeDecreased(..) => "TakeDecreased",
            Self::TakeIncreased(..) => "TakeIncreased",
            Self::ChildKeyTakeSet(..) => "ChildKeyTakeSet",
            Self::SetChildrenScheduled(..) => "SetChildrenScheduled",
            Self::SetChildren(..) => "SetChildren",
            Self::EpochDeferred { .. } => "EpochDeferred",
            Self::EpochSkipped { .. } => "EpochSkipped",
            Self::StakeAdded(..) => "StakeAdded",
            Self::StakeRemoved(..) => "StakeRemoved",
            Self::StakeMoved(..) => "StakeMoved",
            Self::StakeTransferred(..) => "StakeTransferred",
            Self::StakeSwapped(..) => "StakeSwapped",
            Self::AlphaRecycled(..) => "AlphaRecycled",
            Self::AlphaBurned(..) => "AlphaBurned",
            Self::AddStakeBurn { .. } => "AddStakeBurn",
            Self::RootClaimed { .. } => "RootClaimed",
            Self::RootClaimTypeSet { .. } => "RootClaimTypeSet",
            Self::ParamSet { name, .. } => name,
        }
    }

    /// The fields as JSON (accounts SS58, hashes hex).
    pub fn fields_json(&self) -> Value {
        match self {
            Self::NetworkAdded(n, m) => json!({"netuid": n.0, "mechanism": m}),
            Self::NetworkRemoved(n)
            | Self::SubnetIdentitySet(n)
            | Self::SubnetIdentityRemoved(n) => {
                json!({"netuid": n.0})
            }
            Self::WeightsSet(i, u) => json!({"netuid_index": i, "uid": u}),
            Self::NeuronRegistered(n, u, h) => json!({"netuid": n.0, "uid": u, "hotkey": h}),
            Self::AxonServed(n, h) | Self::PrometheusServed(n, h) => {
                json!({"netuid": n.0, "hotkey": h})
            }
            Self::WeightsCommitted(h, i, c) | Self::WeightsRevealed(h, i, c) => {
                json!({"hotkey": h, "netuid_index": i, "hash": c})
            }
            Self::SubnetOwnerHotkeySet(n, h) => json!({"netuid": n.0, "hotkey": h}),
            Self::SymbolUpdated { netuid, symbol } => {
                json!({"netuid": netuid.0, "symbol": String::from_utf8_lossy(symbol)})
            }
            Self::WeightsBatchRevealed(h, n, hashes) => {
                json!({"hotkey": h, "netuid": n.0, "hashes": hashes})
            }
            Self::FirstEmissionBlockNumberSet(n, b) => json!({"netuid": n.0, "block": b}),
            Self::TakeDecreased(c, h, t) | Self::TakeIncreased(c, h, t) => {
                json!({"coldkey": c, "hotkey": h, "take": t})
            }
            Self::ChildKeyTakeSet(h, t) => json!({"hotkey": h, "take": t}),
            Self::SetChildrenScheduled(h, n, b, c) => {
                json!({"hotkey": h, "netuid": n.0, "cooldown_block": b, "children": c})
            }
            Self::SetChildren(h, n, c) => json!({"hotkey": h, "netuid": n.0, "children": c}),
            Self::HotkeySwapped {
                coldkey,
                old_hotkey,
                new_hotkey,
            } => {
                json!({"coldkey": coldkey, "old_hotkey": old_hotkey, "new_hotkey": new_hotkey})
            }
            Self::HotkeySwappedOnSubnet {
                coldkey,
                old_hotkey,
                new_hotkey,
                netuid,
            } => json!({
                "coldkey": coldkey, "old_hotkey": old_hotkey, "new_hotkey": new_hotkey, "netuid": netuid.0
            }),
            Self::ColdkeySwapAnnounced {
                who,
                new_coldkey_hash,
            } => {
                json!({"who": who, "new_coldkey_hash": new_coldkey_hash})
            }
            Self::ColdkeySwapped {
                old_coldkey,
                new_coldkey,
            } => {
                json!({"old_coldkey": old_coldkey, "new_coldkey": new_coldkey})
            }
            Self::EpochDeferred {
                netuid,
                from_block,
                to_block,
            } => json!({"netuid": netuid.0, "from_block": from_block, "to_block": to_block}),
            Self::EpochSkipped { netuid, block } => json!({"netuid": netuid.0, "block": block}),
            Self::StakeAdded(c, h, tao, alpha, n, fee) => json!({
                "coldkey": c, "hotkey": h, "tao": tao, "alpha": alpha, "netuid": n.0, "fee": fee
            }),
            Self::StakeRemoved(c, h, tao, alpha, n, fee) => json!({
                "coldkey": c, "hotkey": h, "tao": tao, "alpha": alpha, "netuid": n.0, "fee": fee
            }),
            Self::StakeMoved(c, oh, on, dh, dn, tao) => json!({
                "coldkey": c, "origin_hotkey": oh, "origin_netuid": on.0,
                "destination_hotkey": dh, "destination_netuid": dn.0, "tao": tao
            }),
            Self::StakeTransferred(oc, dc, h, on, dn, tao) => json!({
                "origin_coldkey": oc, "destination_coldkey": dc, "hotkey": h,
                "origin_netuid": on.0, "destination_netuid": dn.0, "tao": tao
            }),
            Self::StakeSwapped(c, h, on, dn, tao) => json!({
                "coldkey": c, "hotkey": h, "origin_netuid": on.0, "destination_netuid": dn.0,
                "tao": tao
            }),
            Self::AlphaRecycled(c, h, a, n) | Self::AlphaBurned(c, h, a, n) => {
                json!({"coldkey": c, "hotkey": h, "amount": a, "netuid": n.0})
            }
            Self::AddStakeBurn {
                netuid,
                hotkey,
                amount,
                alpha,
            } => json!({"netuid": netuid.0, "hotkey": hotkey, "amount": amount, "alpha": alpha}),
            Self::ColdkeySwapReset { who } | Self::ColdkeySwapCleared { who } => {
                json!({"who": who})
            }
            Self::ColdkeySwapDisputed { coldkey } => json!({"coldkey": coldkey}),
            Self::RootClaimed { coldkey } => json!({"coldkey": coldkey}),
            Self::RootClaimTypeSet {
                coldkey,
                root_claim_type,
            } => {
                json!({"coldkey": coldkey, "root_claim_type": crate::root_claim::claim_type_json(root_claim_type)})
            }
            Self::TimelockedWeightsCommitted(h, i, c, r) => {
                json!({"hotkey": h, "netuid_index": i, "hash": c, "reveal_round": r})
            }
            Self::ActivityCutoffFactorMilliSet {
                netuid,
                factor_milli,
            } => json!({"netuid": netuid.0, "factor_milli": factor_milli}),
            Self::EpochTriggered {
                netuid,
                by,
                fires_at,
            } => json!({"netuid": netuid.0, "by": by, "fires_at": fires_at}),
            Self::BatchWeightsCompleted(ns, h) => {
                json!({"netuids": ns.iter().map(|n| n.0).collect::<Vec<_>>(), "hotkey": h})
            }
            Self::BatchCompletedWithErrors() => json!({}),
            Self::BatchWeightItemFailed(n, e) => json!({"netuid": n.0, "error": e.name()}),
            Self::ParamSet { netuid, value, .. } => match netuid {
                Some(n) => json!({"netuid": n.0, "value": value.json()}),
                None => json!({"value": value.json()}),
            },
        }
    }
}

impl Encode for SubtensorEvent {
    fn encode_to<T: Output + ?Sized>(&self, dest: &mut T) {
        dest.push_byte(self.index());
        match self {
            Self::NetworkAdded(n, m) => (n, m).encode_to(dest),
            Self::NetworkRemoved(n)
            | Self::SubnetIdentitySet(n)
            | Self::SubnetIdentityRemoved(n) => n.encode_to(dest),
            Self::WeightsSet(i, u) => (i, u).encode_to(dest),
            Self::NeuronRegistered(n, u, h) => (n, u, h).encode_to(dest),
            Self::AxonServed(n, h) | Self::PrometheusServed(n, h) => (n, h).encode_to(dest),
            Self::WeightsCommitted(h, i, c) | Self::WeightsRevealed(h, i, c) => {
                (h, i, c).encode_to(dest)
            }
            Self::SubnetOwnerHotkeySet(n, h) => (n, h).encode_to(dest),
            Self::SymbolUpdated { netuid, symbol } => (netuid, symbol).encode_to(dest),
            Self::WeightsBatchRevealed(h, n, hashes) => (h, n, hashes).encode_to(dest),
            Self::FirstEmissionBlockNumberSet(n, b) => (n, b).encode_to(dest),
            Self::TakeDecreased(c, h, t) | Self::TakeIncreased(c, h, t) => {
                (c, h, t).encode_to(dest)
            }
            Self::ChildKeyTakeSet(h, t) => (h, t).encode_to(dest),
            Self::SetChildrenScheduled(h, n, b, c) => (h, n, b, c).encode_to(dest),
            Self::SetChildren(h, n, c) => (h, n, c).encode_to(dest),
            Self::HotkeySwapped {
                coldkey,
                old_hotkey,
                new_hotkey,
            } => (coldkey, old_hotkey, new_hotkey).encode_to(dest),
            Self::HotkeySwappedOnSubnet {
                coldkey,
                old_hotkey,
                new_hotkey,
                netuid,
            } => (coldkey, old_hotkey, new_hotkey, netuid).encode_to(dest),
            Self::ColdkeySwapAnnounced {
                who,
                new_coldkey_hash,
            } => (who, new_coldkey_hash).encode_to(dest),
            Self::ColdkeySwapped {
                old_coldkey,
                new_coldkey,
            } => (old_coldkey, new_coldkey).encode_to(dest),
            Self::EpochDeferred {
                netuid,
                from_block,
                to_block,
            } => (netuid, from_block, to_block).encode_to(dest),
            Self::EpochSkipped { netuid, block } => (netuid, block).encode_to(dest),
            Self::StakeAdded(c, h, t, al, n, f) | Self::StakeRemoved(c, h, t, al, n, f) => {
                (c, h, t, al, n, f).encode_to(dest)
            }
            Self::StakeMoved(c, oh, on, dh, dn, t) => (c, oh, on, dh, dn, t).encode_to(dest),
            Self::StakeTransferred(oc, dc, h, on, dn, t) => (oc, dc, h, on, dn, t).encode_to(dest),
            Self::StakeSwapped(c, h, on, dn, t) => (c, h, on, dn, t).encode_to(dest),
            Self::AlphaRecycled(c, h, a, n) | Self::AlphaBurned(c, h, a, n) => {
                (c, h, a, n).encode_to(dest)
            }
            Self::AddStakeBurn {
                netuid,
                hotkey,
                amount,
                alpha,
            } => (netuid, hotkey, amount, alpha).encode_to(dest),
            Self::ColdkeySwapReset { who } | Self::ColdkeySwapCleared { who } => {
                who.encode_to(dest)
            }
            Self::ColdkeySwapDisputed { coldkey } => coldkey.encode_to(dest),
            Self::RootClaimed { coldkey } => coldkey.encode_to(dest),
            Self::RootClaimTypeSet {
                coldkey,
                root_claim_type,
            } => (coldkey, root_claim_type).encode_to(dest),
            Self::TimelockedWeightsCommitted(h, i, c, r) => (h, i, c, r).encode_to(dest),
            Self::ActivityCutoffFactorMilliSet {
                netuid,
                factor_milli,
            } => (netuid, factor_milli).encode_to(dest),
            Self::EpochTriggered {
                netuid,
                by,
                fires_at,
            } => (netuid, by, fires_at).encode_to(dest),
            Self::BatchWeightsCompleted(ns, h) => {
                let ns: Vec<parity_scale_codec::Compact<u16>> = ns
                    .iter()
                    .map(|n| parity_scale_codec::Compact(n.0))
                    .collect();
                (ns, h).encode_to(dest)
            }
            Self::BatchCompletedWithErrors() => {}
            Self::BatchWeightItemFailed(n, e) => (n, e).encode_to(dest),
            Self::ParamSet { netuid, value, .. } => {
                if let Some(n) = netuid {
                    n.encode_to(dest);
                }
                match value {
                    ParamValue::U16(v) => v.encode_to(dest),
                    ParamValue::U64(v) => v.encode_to(dest),
                    ParamValue::Bool(v) => v.encode_to(dest),
                }
            }
        }
    }
}
