//! Hand-written `scale_info::TypeInfo` for the runtime types whose registry path clients
//! special-case (`substrate-compat.md` §6.3: `frame_system::EventRecord`, `frame_system::Phase`,
//! `sp_runtime::DispatchError`, the dispatch-info types) and for the subtensor event enum, whose
//! hand-written encoding (one `ParamSet` variant standing for every `<Name>Set` event) has no
//! derivable shape. Every description states exactly the bytes the runtime writes; `yuma-compat`
//! decodes real `System.Events` values with it in its tests.

use crate::{
    dispatch::{ArithmeticError, DispatchError, ModuleError, TokenError},
    event::{DispatchClass, DispatchInfo, EventRecord, Phase, RuntimeEvent, Weight},
    subtensor::{ParamValue, SubtensorEvent},
    system::{AccountData, AccountInfo},
};
use parity_scale_codec::Compact;
use scale_info::{
    build::{Fields, Variants},
    meta_type, Field, MetaType, Path, Type, TypeDefVariant, TypeInfo, TypeParameter, Variant,
};
use yuma_primitives::{AccountId, NetUid, RootClaimTypeEnum, H256};

impl TypeInfo for Phase {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("Phase", "frame_system"))
            .variant(
                Variants::new()
                    .variant("ApplyExtrinsic", |v| {
                        v.index(0)
                            .fields(Fields::unnamed().field(|f| f.ty::<u32>().type_name("u32")))
                    })
                    .variant_unit("Finalization", 1)
                    .variant_unit("Initialization", 2),
            )
    }
}

impl TypeInfo for EventRecord {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("EventRecord", "frame_system"))
            .type_params(vec![
                TypeParameter::new("E", Some(meta_type::<RuntimeEvent>())),
                TypeParameter::new("T", Some(meta_type::<H256>())),
            ])
            .composite(
                Fields::named()
                    .field(|f| f.ty::<Phase>().name("phase").type_name("Phase"))
                    .field(|f| f.ty::<RuntimeEvent>().name("event").type_name("E"))
                    .field(|f| f.ty::<Vec<H256>>().name("topics").type_name("Vec<T>")),
            )
    }
}

impl TypeInfo for Weight {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("Weight", "sp_weights::weight_v2"))
            .composite(
                Fields::named()
                    .field(|f| f.compact::<u64>().name("ref_time").type_name("u64"))
                    .field(|f| f.compact::<u64>().name("proof_size").type_name("u64")),
            )
    }
}

impl TypeInfo for DispatchClass {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("DispatchClass", "frame_support::dispatch"))
            .variant(
                Variants::new()
                    .variant_unit("Normal", 0)
                    .variant_unit("Operational", 1)
                    .variant_unit("Mandatory", 2),
            )
    }
}

impl TypeInfo for crate::event::Pays {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("Pays", "frame_support::dispatch"))
            .variant(Variants::new().variant_unit("Yes", 0).variant_unit("No", 1))
    }
}

/// The info `ExtrinsicSuccess`/`ExtrinsicFailed` carry: `frame_system::DispatchEventInfo`
/// (weight, class, pays_fee), the shape of subtensor's polkadot-sdk.
impl TypeInfo for DispatchInfo {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("DispatchEventInfo", "frame_system"))
            .composite(
                Fields::named()
                    .field(|f| f.ty::<Weight>().name("weight").type_name("Weight"))
                    .field(|f| {
                        f.ty::<DispatchClass>()
                            .name("class")
                            .type_name("DispatchClass")
                    })
                    .field(|f| {
                        f.ty::<crate::event::Pays>()
                            .name("pays_fee")
                            .type_name("Pays")
                    }),
            )
    }
}

/// `sp_runtime::ModuleError { index, error: [u8; 4] }` as `DispatchError::Module` encodes it.
impl TypeInfo for ModuleError {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("ModuleError", "sp_runtime"))
            .composite(
                Fields::named()
                    .field(|f| f.ty::<u8>().name("index").type_name("u8"))
                    .field(|f| {
                        f.ty::<[u8; 4]>()
                            .name("error")
                            .type_name("[u8; MAX_MODULE_ERROR_ENCODED_SIZE]")
                    }),
            )
    }
}

/// `sp_runtime::DispatchError` with Substrate's indices (the variants carrying types yuma never
/// produces — `Transactional`, `Trie` — are left out).
impl TypeInfo for DispatchError {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("DispatchError", "sp_runtime"))
            .variant(
                Variants::new()
                    .variant_unit("Other", 0)
                    .variant_unit("CannotLookup", 1)
                    .variant_unit("BadOrigin", 2)
                    .variant("Module", |v| {
                        v.index(3).fields(
                            Fields::unnamed()
                                .field(|f| f.ty::<ModuleError>().type_name("ModuleError")),
                        )
                    })
                    .variant_unit("ConsumerRemaining", 4)
                    .variant_unit("NoProviders", 5)
                    .variant_unit("TooManyConsumers", 6)
                    .variant("Token", |v| {
                        v.index(7).fields(
                            Fields::unnamed()
                                .field(|f| f.ty::<TokenError>().type_name("TokenError")),
                        )
                    })
                    .variant("Arithmetic", |v| {
                        v.index(8).fields(
                            Fields::unnamed()
                                .field(|f| f.ty::<ArithmeticError>().type_name("ArithmeticError")),
                        )
                    })
                    .variant_unit("Exhausted", 10)
                    .variant_unit("Corruption", 11)
                    .variant_unit("Unavailable", 12)
                    .variant_unit("RootNotAllowed", 13),
            )
    }
}

impl ParamValue {
    /// The registry type of this value's kind.
    pub fn meta_type(self) -> MetaType {
        match self {
            Self::U16(_) => meta_type::<u16>(),
            Self::U64(_) => meta_type::<u64>(),
            Self::Bool(_) => meta_type::<bool>(),
        }
    }
}

/// A field: `(name or None, type, type name)`.
type F = (Option<&'static str>, MetaType, &'static str);

/// A registry variant: `(index, name, fields)`.
pub(crate) type RegistryVariant = (u8, &'static str, Vec<F>);

fn acc() -> MetaType {
    meta_type::<AccountId>()
}
fn net() -> MetaType {
    meta_type::<NetUid>()
}
fn u(n: &'static str) -> MetaType {
    match n {
        "u16" => meta_type::<u16>(),
        "u32" => meta_type::<u32>(),
        _ => meta_type::<u64>(),
    }
}

/// The explicitly modelled variants of [`SubtensorEvent`]: `(index, name, fields)`, fields in
/// the order `Encode` writes them.
fn explicit_variants() -> Vec<RegistryVariant> {
    let a = |n: Option<&'static str>| (n, acc(), "T::AccountId");
    let nu = |n: Option<&'static str>| (n, net(), "NetUid");
    let int = |n: Option<&'static str>, t: &'static str| (n, u(t), t);
    let h = |n: Option<&'static str>| (n, meta_type::<H256>(), "H256");
    let children = || {
        (
            None,
            meta_type::<Vec<(u64, AccountId)>>(),
            "Vec<(u64, T::AccountId)>",
        )
    };
    vec![
        (0, "NetworkAdded", vec![nu(None), int(None, "u16")]),
        (1, "NetworkRemoved", vec![nu(None)]),
        (
            2,
            "StakeAdded",
            vec![
                a(None),
                a(None),
                int(None, "u64"),
                int(None, "u64"),
                nu(None),
                int(None, "u64"),
            ],
        ),
        (
            3,
            "StakeRemoved",
            vec![
                a(None),
                a(None),
                int(None, "u64"),
                int(None, "u64"),
                nu(None),
                int(None, "u64"),
            ],
        ),
        (
            4,
            "StakeMoved",
            vec![
                a(None),
                a(None),
                nu(None),
                a(None),
                nu(None),
                int(None, "u64"),
            ],
        ),
        (5, "WeightsSet", vec![int(None, "u16"), int(None, "u16")]),
        (
            6,
            "NeuronRegistered",
            vec![nu(None), int(None, "u16"), a(None)],
        ),
        (28, "AxonServed", vec![nu(None), a(None)]),
        (29, "PrometheusServed", vec![nu(None), a(None)]),
        (48, "ChildKeyTakeSet", vec![a(None), int(None, "u16")]),
        (
            64,
            "TakeDecreased",
            vec![a(None), a(None), int(None, "u16")],
        ),
        (
            65,
            "TakeIncreased",
            vec![a(None), a(None), int(None, "u16")],
        ),
        (
            66,
            "HotkeySwapped",
            vec![
                a(Some("coldkey")),
                a(Some("old_hotkey")),
                a(Some("new_hotkey")),
            ],
        ),
        (
            69,
            "ColdkeySwapAnnounced",
            vec![a(Some("who")), h(Some("new_coldkey_hash"))],
        ),
        (70, "ColdkeySwapReset", vec![a(Some("who"))]),
        (
            71,
            "ColdkeySwapped",
            vec![a(Some("old_coldkey")), a(Some("new_coldkey"))],
        ),
        (72, "ColdkeySwapDisputed", vec![a(Some("coldkey"))]),
        (
            75,
            "SetChildrenScheduled",
            vec![a(None), nu(None), int(None, "u64"), children()],
        ),
        (76, "SetChildren", vec![a(None), nu(None), children()]),
        (78, "SubnetIdentitySet", vec![nu(None)]),
        (79, "SubnetIdentityRemoved", vec![nu(None)]),
        (
            85,
            "WeightsCommitted",
            vec![a(None), int(None, "u16"), h(None)],
        ),
        (
            86,
            "WeightsRevealed",
            vec![a(None), int(None, "u16"), h(None)],
        ),
        (
            87,
            "WeightsBatchRevealed",
            vec![
                a(None),
                nu(None),
                (None, meta_type::<Vec<H256>>(), "Vec<H256>"),
            ],
        ),
        (
            88,
            "BatchWeightsCompleted",
            vec![
                (
                    None,
                    meta_type::<Vec<Compact<u16>>>(),
                    "Vec<Compact<NetUid>>",
                ),
                a(None),
            ],
        ),
        (89, "BatchCompletedWithErrors", vec![]),
        (
            90,
            "BatchWeightItemFailed",
            vec![
                nu(None),
                (None, meta_type::<DispatchError>(), "DispatchError"),
            ],
        ),
        (
            91,
            "StakeTransferred",
            vec![
                a(None),
                a(None),
                a(None),
                nu(None),
                nu(None),
                int(None, "u64"),
            ],
        ),
        (
            92,
            "StakeSwapped",
            vec![a(None), a(None), nu(None), nu(None), int(None, "u64")],
        ),
        (94, "SubnetOwnerHotkeySet", vec![nu(None), a(None)]),
        (
            95,
            "FirstEmissionBlockNumberSet",
            vec![nu(None), int(None, "u64")],
        ),
        (
            96,
            "AlphaRecycled",
            vec![a(None), a(None), int(None, "u64"), nu(None)],
        ),
        (
            97,
            "AlphaBurned",
            vec![a(None), a(None), int(None, "u64"), nu(None)],
        ),
        (
            102,
            "HotkeySwappedOnSubnet",
            vec![
                a(Some("coldkey")),
                a(Some("old_hotkey")),
                a(Some("new_hotkey")),
                nu(Some("netuid")),
            ],
        ),
        (
            105,
            "SymbolUpdated",
            vec![
                nu(Some("netuid")),
                (Some("symbol"), meta_type::<Vec<u8>>(), "Vec<u8>"),
            ],
        ),
        (
            107,
            "TimelockedWeightsCommitted",
            vec![a(None), int(None, "u16"), h(None), int(None, "u64")],
        ),
        (114, "RootClaimed", vec![a(Some("coldkey"))]),
        (
            115,
            "RootClaimTypeSet",
            vec![
                a(Some("coldkey")),
                (
                    Some("root_claim_type"),
                    meta_type::<RootClaimTypeEnum>(),
                    "RootClaimTypeEnum",
                ),
            ],
        ),
        (
            121,
            "AddStakeBurn",
            vec![
                nu(Some("netuid")),
                a(Some("hotkey")),
                int(Some("amount"), "u64"),
                int(Some("alpha"), "u64"),
            ],
        ),
        (122, "ColdkeySwapCleared", vec![a(Some("who"))]),
        (
            130,
            "ActivityCutoffFactorMilliSet",
            vec![nu(Some("netuid")), int(Some("factor_milli"), "u32")],
        ),
        (
            131,
            "EpochTriggered",
            vec![
                nu(Some("netuid")),
                a(Some("by")),
                int(Some("fires_at"), "u64"),
            ],
        ),
        (
            132,
            "EpochDeferred",
            vec![
                nu(Some("netuid")),
                int(Some("from_block"), "u64"),
                int(Some("to_block"), "u64"),
            ],
        ),
        (
            133,
            "EpochSkipped",
            vec![nu(Some("netuid")), int(Some("block"), "u64")],
        ),
    ]
}

impl SubtensorEvent {
    /// Every variant the registry declares: the explicit ones and one per `<Name>Set` event the
    /// runtime can emit (`(index, name, fields)`, sorted by index).
    pub fn registry_variants() -> Vec<RegistryVariant> {
        let mut all = explicit_variants();
        for p in crate::subtensor::param_set_events() {
            if all.iter().any(|(i, ..)| *i == p.index) {
                continue;
            }
            let mut fields = Vec::new();
            if p.per_subnet {
                fields.push((None, net(), "NetUid"));
            }
            fields.push((None, p.kind.meta_type(), "T"));
            all.push((p.index, p.name, fields));
        }
        all.sort_by_key(|(i, ..)| *i);
        all
    }
}

/// `pallet_subtensor::Event` as the runtime encodes it.
impl TypeInfo for SubtensorEvent {
    type Identity = Self;
    fn type_info() -> Type {
        let variants = Self::registry_variants()
            .into_iter()
            .map(|(index, name, fields)| {
                let fields = fields
                    .into_iter()
                    .map(|(n, ty, tn)| Field::new(n, ty, Some(tn), Vec::new()))
                    .collect();
                Variant::new(name, fields, index, Vec::new())
            })
            .collect::<Vec<_>>();
        Type::new(
            Path::new("Event", "pallet_subtensor::pallet"),
            Vec::new(),
            TypeDefVariant::new(variants),
            Vec::new(),
        )
    }
}

/// `pallet_balances::types::ExtraFlags` (registry description of `AccountData::flags`).
struct ExtraFlags;

impl TypeInfo for ExtraFlags {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("ExtraFlags", "pallet_balances::types"))
            .composite(Fields::unnamed().field(|f| f.ty::<u128>().type_name("u128")))
    }
}

/// `pallet_balances::types::AccountData<u64>`.
impl TypeInfo for AccountData {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("AccountData", "pallet_balances::types"))
            .type_params(vec![TypeParameter::new(
                "Balance",
                Some(meta_type::<u64>()),
            )])
            .composite(
                Fields::named()
                    .field(|f| f.ty::<u64>().name("free").type_name("Balance"))
                    .field(|f| f.ty::<u64>().name("reserved").type_name("Balance"))
                    .field(|f| f.ty::<u64>().name("frozen").type_name("Balance"))
                    .field(|f| f.ty::<ExtraFlags>().name("flags").type_name("ExtraFlags")),
            )
    }
}

/// `frame_system::AccountInfo<u32, AccountData<u64>>`, the value of `System.Account`.
impl TypeInfo for AccountInfo {
    type Identity = Self;
    fn type_info() -> Type {
        Type::builder()
            .path(Path::new("AccountInfo", "frame_system"))
            .type_params(vec![
                TypeParameter::new("Nonce", Some(meta_type::<u32>())),
                TypeParameter::new("AccountData", Some(meta_type::<AccountData>())),
            ])
            .composite(
                Fields::named()
                    .field(|f| f.ty::<u32>().name("nonce").type_name("Nonce"))
                    .field(|f| f.ty::<u32>().name("consumers").type_name("RefCount"))
                    .field(|f| f.ty::<u32>().name("providers").type_name("RefCount"))
                    .field(|f| f.ty::<u32>().name("sufficients").type_name("RefCount"))
                    .field(|f| f.ty::<AccountData>().name("data").type_name("AccountData")),
            )
    }
}
