//! V15 and V14 metadata, built once from the runtime's calls, events, errors, storage items,
//! constants and runtime APIs.
//!
//! CONTRACT (used by `runtime_api` and the node's RPC; keep these signatures):
//! - [`metadata_at_version`]`(v)`: the `RuntimeMetadataPrefixed` bytes ("meta" ‖ version ‖
//!   metadata) for `v` in [`SUPPORTED_VERSIONS`], else `None`.
//! - [`set_block_time_ms`]`(ms)`: the node's block time for `Aura.SlotDuration`, set once at
//!   start-up before the first metadata request.
//!
//! Everything comes from the runtime's own types: the call enums of `yuma-primitives`, the
//! event and error enums of `yuma-runtime` (with hand-written `TypeInfo` where clients need
//! Substrate's exact paths, §6.3), the typed storage items ([`crate::storage`]), and the
//! runtime's constants. Pallet names and indices are subtensor's (`construct_runtime!` at
//! 14bc6f9f), so explorers and upstream test vectors keep working.

use crate::types::{RuntimeError, SudoError};
use frame_metadata::{v14, v15, RuntimeMetadata, RuntimeMetadataPrefixed};
use parity_scale_codec::Encode;
use scale_info::{meta_type, MetaType, TypeInfo};
use std::sync::OnceLock;
use yuma_primitives::{
    extrinsic::{MultiAddress, MultiSignature, SignedExtra, UncheckedExtrinsic, EXTRINSIC_VERSION},
    hashing::StorageHasher,
    type_info::extensions,
    AdminUtilsCall, BalancesCall, RuntimeCall, SubtensorCall, SudoCall,
};
use yuma_runtime::{
    event::{
        BalancesEvent, RuntimeEvent, SudoEvent, SwapEvent, SystemEvent, TransactionPaymentEvent,
    },
    storage::ItemMeta,
};

/// Metadata versions served (`Metadata_metadata_versions`).
pub const SUPPORTED_VERSIONS: [u32; 2] = [14, 15];

/// The encoded `RuntimeMetadataPrefixed` of version `version`, or `None` if not served.
pub fn metadata_at_version(version: u32) -> Option<&'static [u8]> {
    static V14: OnceLock<Vec<u8>> = OnceLock::new();
    static V15: OnceLock<Vec<u8>> = OnceLock::new();
    match version {
        14 => Some(V14.get_or_init(|| build(14)).as_slice()),
        15 => Some(V15.get_or_init(|| build(15)).as_slice()),
        _ => None,
    }
}

static BLOCK_TIME_MS: OnceLock<u64> = OnceLock::new();

/// Sets the block time the metadata reports as `Aura.SlotDuration` (bittensor reads it as the
/// block time and detects fast-block chains, 250 ms, by it); the node calls it at start-up with
/// its configured block time, before serving metadata. Without a call the runtime's nominal
/// `chain::BLOCK_TIME_MS` is reported. Returns `false` (and changes nothing) if the metadata
/// already reports another value.
pub fn set_block_time_ms(ms: u64) -> bool {
    BLOCK_TIME_MS.set(ms).is_ok() || BLOCK_TIME_MS.get() == Some(&ms)
}

fn block_time_ms() -> u64 {
    *BLOCK_TIME_MS.get_or_init(|| yuma_runtime::chain::BLOCK_TIME_MS)
}

/// A constant: name, type and SCALE value.
struct Constant {
    name: &'static str,
    ty: MetaType,
    value: Vec<u8>,
}

fn constant<T: TypeInfo + Encode + 'static>(name: &'static str, value: T) -> Constant {
    Constant {
        name,
        ty: meta_type::<T>(),
        value: value.encode(),
    }
}

/// One pallet of the metadata.
struct Pallet {
    name: &'static str,
    index: u8,
    calls: Option<MetaType>,
    event: Option<MetaType>,
    error: Option<MetaType>,
    constants: Vec<Constant>,
}

/// The runtime's pallets, with subtensor's names and indices. Pallets without calls, events or
/// errors are declared for their storage and constants (Aura for the block time clients read,
/// Timestamp for `Now`, Drand for its round, and `Yuma` for yuma's own bookkeeping items).
fn pallets() -> Vec<Pallet> {
    use yuma_runtime::{
        balances::EXISTENTIAL_DEPOSIT, hyperparams::items::START_CALL_DELAY,
        hyperparams::AdminError, subtensor::Error as SubtensorError, subtensor::SubtensorEvent,
        swap::SwapError, swap_keys::KEY_SWAP_COST, system::BLOCK_HASH_COUNT,
    };
    fn p(name: &'static str, index: u8) -> Pallet {
        Pallet {
            name,
            index,
            calls: None,
            event: None,
            error: None,
            constants: Vec::new(),
        }
    }
    vec![
        Pallet {
            calls: Some(meta_type::<yuma_primitives::call::SystemCall>()),
            event: Some(meta_type::<SystemEvent>()),
            constants: vec![
                // subtensor's BlockNumber is u32; yuma's block numbers never exceed it here.
                constant("BlockHashCount", BLOCK_HASH_COUNT as u32),
                constant("SS58Prefix", u16::from(yuma_primitives::SS58_PREFIX)),
            ],
            ..p("System", 0)
        },
        Pallet {
            constants: vec![constant("MinimumPeriod", block_time_ms() / 2)],
            ..p("Timestamp", 2)
        },
        Pallet {
            // Block time in milliseconds: bittensor reads it as the block time and detects
            // fast-block chains (250 ms) by it.
            constants: vec![constant("SlotDuration", block_time_ms())],
            ..p("Aura", 3)
        },
        Pallet {
            calls: Some(meta_type::<BalancesCall>()),
            event: Some(meta_type::<BalancesEvent>()),
            constants: vec![constant("ExistentialDeposit", EXISTENTIAL_DEPOSIT)],
            ..p("Balances", 5)
        },
        Pallet {
            event: Some(meta_type::<TransactionPaymentEvent>()),
            ..p("TransactionPayment", 6)
        },
        Pallet {
            calls: Some(meta_type::<SubtensorCall>()),
            event: Some(meta_type::<SubtensorEvent>()),
            error: Some(meta_type::<SubtensorError>()),
            constants: vec![
                constant("InitialStartCallDelay", START_CALL_DELAY.default),
                constant("KeySwapCost", KEY_SWAP_COST),
            ],
            ..p("SubtensorModule", 7)
        },
        Pallet {
            calls: Some(meta_type::<SudoCall>()),
            event: Some(meta_type::<SudoEvent>()),
            error: Some(meta_type::<SudoError>()),
            ..p("Sudo", 12)
        },
        Pallet {
            calls: Some(meta_type::<AdminUtilsCall>()),
            error: Some(meta_type::<AdminError>()),
            ..p("AdminUtils", 19)
        },
        p("Drand", 26),
        Pallet {
            calls: Some(meta_type::<yuma_primitives::call::SwapCall>()),
            event: Some(meta_type::<SwapEvent>()),
            error: Some(meta_type::<SwapError>()),
            ..p("Swap", 28)
        },
        p("Yuma", YUMA_PALLET_INDEX),
    ]
}

/// Index of the `Yuma` pallet (storage only; no subtensor pallet uses it).
pub const YUMA_PALLET_INDEX: u8 = 200;

/// The runtime type (`V15.ty`), `node_subtensor_runtime::Runtime`.
pub struct Runtime;

impl TypeInfo for Runtime {
    type Identity = Self;
    fn type_info() -> scale_info::Type {
        scale_info::Type::builder()
            .path(scale_info::Path::new("Runtime", "node_subtensor_runtime"))
            .composite(scale_info::build::Fields::unit())
    }
}

fn hasher(h: StorageHasher) -> v14::StorageHasher {
    match h {
        StorageHasher::Blake2_128Concat => v14::StorageHasher::Blake2_128Concat,
        StorageHasher::Twox64Concat => v14::StorageHasher::Twox64Concat,
        StorageHasher::Identity => v14::StorageHasher::Identity,
    }
}

fn entry(i: &ItemMeta) -> v14::StorageEntryMetadata {
    let ty = match &i.key {
        None => v14::StorageEntryType::Plain(i.value),
        Some(key) => v14::StorageEntryType::Map {
            hashers: i.hashers.iter().copied().map(hasher).collect(),
            key: *key,
            value: i.value,
        },
    };
    let (modifier, default) = match &i.default {
        Some(d) => (v14::StorageEntryModifier::Default, d.clone()),
        None => (v14::StorageEntryModifier::Optional, vec![0]),
    };
    v14::StorageEntryMetadata {
        name: i.item,
        modifier,
        ty,
        default,
        docs: Vec::new(),
    }
}

/// The storage registry, first entry per `(pallet, item)` kept, grouped by pallet.
fn storage_of(pallet: &'static str, items: &[ItemMeta]) -> Option<v14::PalletStorageMetadata> {
    let mut entries: Vec<v14::StorageEntryMetadata> = Vec::new();
    for i in items.iter().filter(|i| i.pallet == pallet) {
        if !entries.iter().any(|e| e.name == i.item) {
            entries.push(entry(i));
        }
    }
    if entries.is_empty() {
        return None;
    }
    entries.sort_by_key(|e| e.name);
    Some(v14::PalletStorageMetadata {
        prefix: pallet,
        entries,
    })
}

fn constants(p: &Pallet) -> Vec<v14::PalletConstantMetadata> {
    p.constants
        .iter()
        .map(|c| v14::PalletConstantMetadata {
            name: c.name,
            ty: c.ty,
            value: c.value.clone(),
            docs: Vec::new(),
        })
        .collect()
}

fn signed_extensions_v14() -> Vec<v14::SignedExtensionMetadata> {
    extensions::list()
        .into_iter()
        .map(|e| v14::SignedExtensionMetadata {
            identifier: e.identifier,
            ty: e.explicit,
            additional_signed: e.implicit,
        })
        .collect()
}

/// `TransferKeepAlive` → `transfer_keep_alive`: Substrate names call variants after the
/// dispatchable functions, and clients compose calls by those names.
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Renames the variants of the pallets' call enums (registry ids `calls`) to snake case; the
/// Rust enums keep Rust's variant naming.
fn snake_case_calls(types: &mut scale_info::PortableRegistry, calls: &[u32]) {
    for t in types.types.iter_mut().filter(|t| calls.contains(&t.id)) {
        if let scale_info::TypeDef::Variant(v) = &mut t.ty.type_def {
            for variant in &mut v.variants {
                variant.name = snake_case(&variant.name);
            }
        }
    }
}

/// The outer enums under the runtime crate's two-segment paths, as `construct_runtime!` names
/// them: py-scalecodec picks its call and event decoders by the catch-alls `*::RuntimeCall`
/// and `*::RuntimeEvent`, which match two-segment paths only.
fn runtime_paths(types: &mut scale_info::PortableRegistry) {
    for t in &mut types.types {
        let last = t.ty.path.segments.last().cloned();
        if let Some(name @ ("RuntimeCall" | "RuntimeEvent")) = last.as_deref() {
            t.ty.path = scale_info::Path::from_segments_unchecked([
                "node_subtensor_runtime".to_string(),
                name.to_string(),
            ]);
        }
    }
}

fn build(version: u32) -> Vec<u8> {
    let items = crate::storage::items();
    let metadata = if version == 14 {
        let pallets = pallets()
            .iter()
            .map(|p| v14::PalletMetadata {
                name: p.name,
                storage: storage_of(p.name, &items),
                calls: p.calls.map(|ty| v14::PalletCallMetadata { ty }),
                event: p.event.map(|ty| v14::PalletEventMetadata { ty }),
                constants: constants(p),
                error: p.error.map(|ty| v14::PalletErrorMetadata { ty }),
                index: p.index,
            })
            .collect();
        let extrinsic = v14::ExtrinsicMetadata {
            ty: meta_type::<UncheckedExtrinsic>(),
            version: EXTRINSIC_VERSION,
            signed_extensions: signed_extensions_v14(),
        };
        let mut m = v14::RuntimeMetadataV14::new(pallets, extrinsic, meta_type::<Runtime>());
        let calls: Vec<u32> = m
            .pallets
            .iter()
            .filter_map(|p| Some(p.calls.as_ref()?.ty.id))
            .collect();
        snake_case_calls(&mut m.types, &calls);
        runtime_paths(&mut m.types);
        RuntimeMetadata::V14(m)
    } else {
        let pallets = pallets()
            .iter()
            .map(|p| v15::PalletMetadata {
                name: p.name,
                storage: storage_of(p.name, &items),
                calls: p.calls.map(|ty| v14::PalletCallMetadata { ty }),
                event: p.event.map(|ty| v14::PalletEventMetadata { ty }),
                constants: constants(p),
                error: p.error.map(|ty| v14::PalletErrorMetadata { ty }),
                index: p.index,
                docs: Vec::new(),
            })
            .collect();
        let extrinsic = v15::ExtrinsicMetadata {
            version: EXTRINSIC_VERSION,
            address_ty: meta_type::<MultiAddress>(),
            call_ty: meta_type::<RuntimeCall>(),
            signature_ty: meta_type::<MultiSignature>(),
            extra_ty: meta_type::<SignedExtra>(),
            signed_extensions: extensions::list()
                .into_iter()
                .map(|e| v15::SignedExtensionMetadata {
                    identifier: e.identifier,
                    ty: e.explicit,
                    additional_signed: e.implicit,
                })
                .collect(),
        };
        // The envelope type `UncheckedExtrinsic` (which cyscale looks up by path) enters the V15
        // registry through `TransactionPaymentApi.query_info`'s first input, as in subtensor.
        let mut m = v15::RuntimeMetadataV15::new(
            pallets,
            extrinsic,
            meta_type::<Runtime>(),
            crate::runtime_api::declarations(),
            v15::OuterEnums {
                call_enum_ty: meta_type::<RuntimeCall>(),
                event_enum_ty: meta_type::<RuntimeEvent>(),
                error_enum_ty: meta_type::<RuntimeError>(),
            },
            v15::CustomMetadata {
                map: Default::default(),
            },
        );
        let calls: Vec<u32> = m
            .pallets
            .iter()
            .filter_map(|p| Some(p.calls.as_ref()?.ty.id))
            .collect();
        snake_case_calls(&mut m.types, &calls);
        runtime_paths(&mut m.types);
        RuntimeMetadata::V15(m)
    };
    RuntimeMetadataPrefixed(frame_metadata::META_RESERVED, metadata).encode()
}
