//! Conformance tests of the metadata against the runtime's own encodings: every call variant
//! decodes with the runtime's decoder under its metadata name, every storage entry's key and
//! default match the runtime's, and real `System.Events` bytes decode with the registry.

use crate::metadata::metadata_at_version;
use frame_metadata::{v15::RuntimeMetadataV15, RuntimeMetadata, RuntimeMetadataPrefixed};
use parity_scale_codec::{Compact, Decode, Encode};
use scale_info::{form::PortableForm, PortableRegistry, TypeDef, TypeDefPrimitive};
use yuma_primitives::{hashing::StorageHasher, AccountId, Balance, RuntimeCall};

pub(crate) fn v15() -> RuntimeMetadataV15 {
    let bytes = metadata_at_version(15).expect("v15 served");
    let prefixed = RuntimeMetadataPrefixed::decode(&mut &bytes[..]).expect("v15 decodes");
    assert_eq!(prefixed.0, frame_metadata::META_RESERVED);
    match prefixed.1 {
        RuntimeMetadata::V15(m) => m,
        _ => panic!("not V15"),
    }
}

fn ty(reg: &PortableRegistry, id: u32) -> &scale_info::Type<PortableForm> {
    reg.resolve(id)
        .unwrap_or_else(|| panic!("type {id} missing"))
}

fn primitive_len(p: &TypeDefPrimitive) -> Option<usize> {
    Some(match p {
        TypeDefPrimitive::Bool | TypeDefPrimitive::U8 | TypeDefPrimitive::I8 => 1,
        TypeDefPrimitive::U16 | TypeDefPrimitive::I16 => 2,
        TypeDefPrimitive::U32 | TypeDefPrimitive::I32 | TypeDefPrimitive::Char => 4,
        TypeDefPrimitive::U64 | TypeDefPrimitive::I64 => 8,
        TypeDefPrimitive::U128 | TypeDefPrimitive::I128 => 16,
        TypeDefPrimitive::U256 | TypeDefPrimitive::I256 => 32,
        TypeDefPrimitive::Str => return None,
    })
}

/// The shortest value of type `id` as the registry describes it: zeros, empty sequences, the
/// first variant.
pub(crate) fn minimal(reg: &PortableRegistry, id: u32) -> Vec<u8> {
    match &ty(reg, id).type_def {
        TypeDef::Composite(c) => c
            .fields
            .iter()
            .flat_map(|f| minimal(reg, f.ty.id))
            .collect(),
        TypeDef::Variant(v) => {
            let first = v.variants.first().expect("enum without variants");
            let mut out = vec![first.index];
            for f in &first.fields {
                out.extend(minimal(reg, f.ty.id));
            }
            out
        }
        TypeDef::Sequence(_) | TypeDef::Compact(_) | TypeDef::BitSequence(_) => vec![0],
        TypeDef::Array(a) => (0..a.len)
            .flat_map(|_| minimal(reg, a.type_param.id))
            .collect(),
        TypeDef::Tuple(t) => t.fields.iter().flat_map(|f| minimal(reg, f.id)).collect(),
        TypeDef::Primitive(p) => vec![0; primitive_len(p).unwrap_or(1)],
    }
}

/// Walks `bytes` as a value of type `id`, returning the bytes consumed (an error if they do
/// not fit the type): a decoder that knows only the registry, as clients do.
pub(crate) fn walk(reg: &PortableRegistry, id: u32, bytes: &[u8]) -> Result<usize, String> {
    let take = |n: usize| {
        if bytes.len() >= n {
            Ok(n)
        } else {
            Err(format!("type {id}: need {n} bytes, have {}", bytes.len()))
        }
    };
    let compact = |b: &[u8]| -> Result<(u128, usize), String> {
        let mut input = b;
        let v = Compact::<u128>::decode(&mut input).map_err(|e| e.to_string())?;
        Ok((v.0, b.len() - input.len()))
    };
    match &ty(reg, id).type_def {
        TypeDef::Composite(c) => {
            let mut at = 0;
            for f in &c.fields {
                at += walk(reg, f.ty.id, &bytes[at..])?;
            }
            Ok(at)
        }
        TypeDef::Variant(v) => {
            let index = *bytes.first().ok_or("empty variant")?;
            let var = v
                .variants
                .iter()
                .find(|x| x.index == index)
                .ok_or_else(|| format!("type {id} ({:?}): no variant {index}", ty(reg, id).path))?;
            let mut at = 1;
            for f in &var.fields {
                at += walk(reg, f.ty.id, &bytes[at..])?;
            }
            Ok(at)
        }
        TypeDef::Sequence(s) => {
            let (n, mut at) = compact(bytes)?;
            for _ in 0..n {
                at += walk(reg, s.type_param.id, &bytes[at..])?;
            }
            Ok(at)
        }
        TypeDef::Array(a) => {
            let mut at = 0;
            for _ in 0..a.len {
                at += walk(reg, a.type_param.id, &bytes[at..])?;
            }
            Ok(at)
        }
        TypeDef::Tuple(t) => {
            let mut at = 0;
            for f in &t.fields {
                at += walk(reg, f.id, &bytes[at..])?;
            }
            Ok(at)
        }
        TypeDef::Primitive(p) => match primitive_len(p) {
            Some(n) => take(n),
            None => {
                let (n, at) = compact(bytes)?;
                take(at + n as usize)
            }
        },
        TypeDef::Compact(_) => Ok(compact(bytes)?.1),
        TypeDef::BitSequence(_) => Err("bit sequences are not used".into()),
    }
}

fn path_of(reg: &PortableRegistry, id: u32) -> String {
    ty(reg, id).path.segments.join("::")
}

fn all_paths(reg: &PortableRegistry) -> Vec<String> {
    reg.types
        .iter()
        .map(|t| t.ty.path.segments.join("::"))
        .collect()
}

#[test]
fn both_versions_decode_and_list_subtensor_pallets() {
    let m = v15();
    let names: Vec<(&str, u8)> = m
        .pallets
        .iter()
        .map(|p| (p.name.as_str(), p.index))
        .collect();
    for want in [
        ("System", 0),
        ("Timestamp", 2),
        ("Aura", 3),
        ("Balances", 5),
        ("TransactionPayment", 6),
        ("SubtensorModule", 7),
        ("Sudo", 12),
        ("AdminUtils", 19),
        ("Swap", 28),
    ] {
        assert!(names.contains(&want), "{want:?} missing from {names:?}");
    }
    assert_eq!(m.extrinsic.version, 4);
    assert!(m.custom.map.is_empty());
    let v14 = metadata_at_version(14).unwrap();
    let prefixed = RuntimeMetadataPrefixed::decode(&mut &v14[..]).unwrap();
    let RuntimeMetadata::V14(m14) = prefixed.1 else {
        panic!("not V14")
    };
    assert_eq!(m14.pallets.len(), m.pallets.len());
    assert_eq!(
        path_of(&m14.types, m14.extrinsic.ty.id),
        "sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic"
    );
    assert!(metadata_at_version(13).is_none());
}

#[test]
fn well_known_paths_are_exact() {
    let m = v15();
    let paths = all_paths(&m.types);
    for want in [
        "sp_core::crypto::AccountId32",
        "primitive_types::H256",
        "sp_runtime::multiaddress::MultiAddress",
        "sp_runtime::MultiSignature",
        "sp_core::sr25519::Signature",
        "sp_core::ed25519::Signature",
        "sp_core::ecdsa::Signature",
        "sp_runtime::generic::era::Era",
        "frame_system::EventRecord",
        "frame_system::Phase",
        "frame_system::AccountInfo",
        "pallet_balances::types::AccountData",
        "sp_runtime::DispatchError",
        "sp_runtime::ModuleError",
        "sp_weights::weight_v2::Weight",
        "frame_support::dispatch::DispatchClass",
        "frame_support::dispatch::Pays",
        "substrate_fixed::FixedU128",
        // Registered through `TransactionPaymentApi.query_info`'s first input; cyscale looks it
        // up by path to find the address and signature types.
        "sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic",
    ] {
        assert!(paths.iter().any(|p| p == want), "{want} missing");
    }
    let params = |path: &str| -> Vec<String> {
        let t = m
            .types
            .types
            .iter()
            .find(|t| t.ty.path.segments.join("::") == path)
            .unwrap();
        t.ty.type_params.iter().map(|p| p.name.clone()).collect()
    };
    assert_eq!(
        params("sp_runtime::multiaddress::MultiAddress"),
        ["AccountId", "AccountIndex"]
    );
    assert_eq!(
        params("sp_runtime::generic::unchecked_extrinsic::UncheckedExtrinsic"),
        ["Address", "Call", "Signature", "Extra"]
    );
    let ends = |id: u32, suffix: &str| assert!(path_of(&m.types, id).ends_with(suffix));
    // Two segments: py-scalecodec's catch-alls `*::RuntimeCall`/`*::RuntimeEvent` match no more.
    for (id, want) in [
        (
            m.outer_enums.call_enum_ty.id,
            "node_subtensor_runtime::RuntimeCall",
        ),
        (
            m.outer_enums.event_enum_ty.id,
            "node_subtensor_runtime::RuntimeEvent",
        ),
        (
            m.outer_enums.error_enum_ty.id,
            "node_subtensor_runtime::RuntimeError",
        ),
    ] {
        assert_eq!(path_of(&m.types, id), want);
    }
    ends(m.extrinsic.address_ty.id, "multiaddress::MultiAddress");
    ends(m.extrinsic.signature_ty.id, "sp_runtime::MultiSignature");
    // Era: Immortal at 0, then Mortal1..Mortal255 at their first byte.
    let era = m
        .types
        .types
        .iter()
        .find(|t| t.ty.path.segments.last().map(String::as_str) == Some("Era"))
        .unwrap();
    let TypeDef::Variant(v) = &era.ty.type_def else {
        panic!()
    };
    assert_eq!(v.variants.len(), 256);
    assert_eq!(
        (v.variants[0].name.as_str(), v.variants[0].index),
        ("Immortal", 0)
    );
    assert_eq!(
        (v.variants[255].name.as_str(), v.variants[255].index),
        ("Mortal255", 255)
    );
}

#[test]
fn signed_extensions_in_subtensor_order_with_bytes_only_where_yuma_encodes_them() {
    let m = v15();
    let ids: Vec<&str> = m
        .extrinsic
        .signed_extensions
        .iter()
        .map(|e| e.identifier.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "CheckNonZeroSender",
            "CheckSpecVersion",
            "CheckTxVersion",
            "CheckGenesis",
            "CheckMortality",
            "CheckNonce",
            "CheckWeight",
            "ChargeTransactionPayment",
            "SudoTransactionExtension",
            "CheckShieldedTxValidity",
            "SubtensorTransactionExtension",
            "DrandPriority",
            "CheckMetadataHash",
        ]
    );
    // The explicit parts, walked in order over yuma's own SignedExtra encoding, consume it
    // exactly: a mortal era (2 bytes), compact nonce 300, compact tip 10^9, mode 0.
    let extra = yuma_primitives::SignedExtra {
        era: yuma_primitives::Era::mortal(64, 1000),
        nonce: 300,
        tip: 1_000_000_000,
        metadata_hash_mode: 0,
    }
    .encode();
    let mut at = 0;
    for e in &m.extrinsic.signed_extensions {
        at += walk(&m.types, e.ty.id, &extra[at..]).unwrap();
    }
    assert_eq!(at, extra.len());
    // And `extra_ty` (the tuple of all of them) describes the same bytes.
    assert_eq!(
        walk(&m.types, m.extrinsic.extra_ty.id, &extra),
        Ok(extra.len())
    );
    // Implicit data: spec and tx versions (u32), genesis and birth hashes, Option<[u8; 32]>.
    let implicit: Vec<usize> = m
        .extrinsic
        .signed_extensions
        .iter()
        .map(|e| walk(&m.types, e.additional_signed.id, &[0u8; 40]).unwrap())
        .collect();
    assert_eq!(implicit, [0, 4, 4, 32, 32, 0, 0, 0, 0, 0, 0, 0, 1]);
}

/// Every call variant the metadata declares decodes, from its minimal encoding, with yuma's
/// own `RuntimeCall` decoder, consuming exactly those bytes, under the metadata's names.
#[test]
fn every_declared_call_decodes_with_the_runtime_decoder_under_its_name() {
    let m = v15();
    let mut checked = 0;
    for p in &m.pallets {
        let Some(calls) = &p.calls else { continue };
        let TypeDef::Variant(v) = &ty(&m.types, calls.ty.id).type_def else {
            panic!("{} calls not an enum", p.name)
        };
        for var in &v.variants {
            let mut bytes = vec![p.index, var.index];
            for f in &var.fields {
                bytes.extend(minimal(&m.types, f.ty.id));
            }
            let mut input = &bytes[..];
            let call = RuntimeCall::decode(&mut input)
                .unwrap_or_else(|e| panic!("{}.{} does not decode: {e}", p.name, var.name));
            assert!(input.is_empty(), "{}.{}: trailing bytes", p.name, var.name);
            assert_eq!(call.name(), (p.name.as_str(), var.name.as_str()));
            assert_eq!(call.encode(), bytes);
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} calls declared");
}

/// Composes a call from the metadata alone — pallet and call by name, arguments by field name —
/// as clients do.
fn compose(m: &RuntimeMetadataV15, pallet: &str, call: &str, args: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let p = m.pallets.iter().find(|p| p.name == pallet).unwrap();
    let TypeDef::Variant(v) = &ty(&m.types, p.calls.as_ref().unwrap().ty.id).type_def else {
        panic!()
    };
    let var = v.variants.iter().find(|x| x.name == call).unwrap();
    let mut out = vec![p.index, var.index];
    for f in &var.fields {
        let name = f.name.as_deref().unwrap();
        let (_, value) = args
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("no arg {name}"));
        // The argument's encoding must be exactly one value of the declared type.
        assert_eq!(
            walk(&m.types, f.ty.id, value),
            Ok(value.len()),
            "{call}.{name}"
        );
        out.extend_from_slice(value);
    }
    out
}

#[test]
fn composing_from_metadata_gives_yumas_call_bytes() {
    let m = v15();
    let dest = AccountId([7; 32]);
    let from_meta = compose(
        &m,
        "Balances",
        "transfer_keep_alive",
        &[
            ("dest", [vec![0u8], dest.0.to_vec()].concat()),
            ("value", Compact(1_000_000_000u64).encode()),
        ],
    );
    let own = RuntimeCall::Balances(yuma_primitives::BalancesCall::TransferKeepAlive {
        dest: dest.into(),
        value: Balance(1_000_000_000),
    });
    assert_eq!(from_meta, own.encode());
    let from_meta = compose(
        &m,
        "SubtensorModule",
        "add_stake",
        &[
            ("hotkey", dest.0.to_vec()),
            ("netuid", 3u16.encode()),
            ("amount_staked", 5_000_000_000u64.encode()),
        ],
    );
    let own = RuntimeCall::SubtensorModule(yuma_primitives::SubtensorCall::AddStake {
        hotkey: dest,
        netuid: yuma_primitives::NetUid(3),
        amount_staked: 5_000_000_000,
    });
    assert_eq!(from_meta, own.encode());
}

fn hash_key(h: &frame_metadata::v14::StorageHasher, part: &[u8], out: &mut Vec<u8>) {
    use frame_metadata::v14::StorageHasher as H;
    let ours = match h {
        H::Blake2_128Concat => StorageHasher::Blake2_128Concat,
        H::Twox64Concat => StorageHasher::Twox64Concat,
        H::Identity => StorageHasher::Identity,
        other => panic!("hasher {other:?} is not a concat hasher"),
    };
    ours.hash_into(part, out);
}

/// The key a client computes from the metadata: twox128(prefix) ‖ twox128(item) ‖ one hashed
/// part per key type (the parts of a tuple key, or the single key).
fn client_key(
    m: &RuntimeMetadataV15,
    prefix: &str,
    entry: &frame_metadata::v14::StorageEntryMetadata<PortableForm>,
    parts: &[Vec<u8>],
) -> Vec<u8> {
    let mut key = yuma_primitives::hashing::storage_prefix(prefix, &entry.name).to_vec();
    if let frame_metadata::v14::StorageEntryType::Map { hashers, .. } = &entry.ty {
        assert_eq!(hashers.len(), parts.len());
        for (h, part) in hashers.iter().zip(parts) {
            hash_key(h, part, &mut key);
        }
    }
    let _ = m;
    key
}

#[test]
fn every_storage_entry_matches_the_runtime_key_layout_and_default() {
    let m = v15();
    let items = crate::storage::items();
    let mut checked = 0;
    for p in &m.pallets {
        let Some(storage) = &p.storage else { continue };
        assert_eq!(storage.prefix, p.name);
        for e in &storage.entries {
            let item = items
                .iter()
                .find(|i| i.pallet == p.name && i.item == e.name)
                .unwrap();
            // Key parts: minimal values of each key type (a tuple key has one part per field).
            let parts: Vec<Vec<u8>> = match &e.ty {
                frame_metadata::v14::StorageEntryType::Plain(_) => Vec::new(),
                frame_metadata::v14::StorageEntryType::Map { hashers, key, .. } => {
                    if hashers.len() == 1 {
                        vec![minimal(&m.types, key.id)]
                    } else {
                        let TypeDef::Tuple(t) = &ty(&m.types, key.id).type_def else {
                            panic!("{}: multi-hasher key not a tuple", e.name)
                        };
                        assert_eq!(t.fields.len(), hashers.len(), "{}", e.name);
                        t.fields.iter().map(|f| minimal(&m.types, f.id)).collect()
                    }
                }
            };
            let runtime_key = (item.key_of)(&parts.concat())
                .unwrap_or_else(|| panic!("{}.{}: key does not decode", p.name, e.name));
            assert_eq!(
                client_key(&m, &storage.prefix, e, &parts),
                runtime_key,
                "{}.{}",
                p.name,
                e.name
            );
            // The value type describes the runtime's value bytes, and the default decodes.
            let value_ty = match &e.ty {
                frame_metadata::v14::StorageEntryType::Plain(v) => v.id,
                frame_metadata::v14::StorageEntryType::Map { value, .. } => value.id,
            };
            let sample = minimal(&m.types, value_ty);
            if e.name != "Events" {
                assert!(
                    (item.value_decodes)(&sample),
                    "{}.{}: minimal value",
                    p.name,
                    e.name
                );
            }
            if e.modifier == frame_metadata::v14::StorageEntryModifier::Default {
                assert!(
                    (item.value_decodes)(&e.default),
                    "{}.{}: default",
                    p.name,
                    e.name
                );
                assert_eq!(walk(&m.types, value_ty, &e.default), Ok(e.default.len()));
            }
            checked += 1;
        }
    }
    assert!(checked > 150, "only {checked} entries");
    // No registry item is dropped for want of its pallet.
    for i in &items {
        assert!(
            m.pallets.iter().any(|p| p.name == i.pallet),
            "{}.{}: pallet not declared",
            i.pallet,
            i.item
        );
    }
    // Items with two typed handles describe the same entry.
    for (i, a) in items.iter().enumerate() {
        for b in &items[i + 1..] {
            if (a.pallet, a.item) == (b.pallet, b.item) {
                assert_eq!(a.hashers, b.hashers, "{}.{}", a.pallet, a.item);
                assert_eq!(
                    a.value.type_id(),
                    b.value.type_id(),
                    "{}.{}",
                    a.pallet,
                    a.item
                );
                assert_eq!(a.default, b.default, "{}.{}", a.pallet, a.item);
            }
        }
    }
}

#[test]
fn system_account_key_of_alice_and_its_value_decode() {
    let m = v15();
    let system = m.pallets.iter().find(|p| p.name == "System").unwrap();
    let storage = system.storage.as_ref().unwrap();
    let account = storage
        .entries
        .iter()
        .find(|e| e.name == "Account")
        .unwrap();
    let alice = yuma_primitives::Pair::from_uri("//Alice").unwrap().public();
    assert_eq!(
        hex::encode(client_key(&m, "System", account, &[alice.0.to_vec()])),
        "26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9\
         de1e86a9a8c739864cf3cc5ec2bea59fd43593c715fdd31c61141abd04a99fd6\
         822c8558854ccde39a5684e7a56da27d"
    );
    let frame_metadata::v14::StorageEntryType::Map { value, .. } = &account.ty else {
        panic!()
    };
    let info = yuma_runtime::system::AccountInfo {
        nonce: 3,
        providers: 1,
        data: yuma_runtime::system::AccountData {
            free: 10,
            flags: yuma_runtime::system::NEW_LOGIC_FLAG,
            ..Default::default()
        },
        ..Default::default()
    }
    .encode();
    assert_eq!(info.len(), 16 + 24 + 16);
    assert_eq!(walk(&m.types, value.id, &info), Ok(info.len()));
}

#[test]
fn constants_carry_the_runtime_values() {
    let m = v15();
    let get = |pallet: &str, name: &str| {
        m.pallets
            .iter()
            .find(|p| p.name == pallet)
            .and_then(|p| p.constants.iter().find(|c| c.name == name))
            .unwrap_or_else(|| panic!("{pallet}.{name}"))
            .value
            .clone()
    };
    assert_eq!(get("Balances", "ExistentialDeposit"), 500u64.encode());
    assert_eq!(
        get("Aura", "SlotDuration"),
        yuma_runtime::chain::BLOCK_TIME_MS.encode()
    );
    assert_eq!(get("System", "SS58Prefix"), 42u16.encode());
    assert_eq!(get("System", "BlockHashCount"), 2400u32.encode());
    assert_eq!(
        get("SubtensorModule", "KeySwapCost"),
        100_000_000u64.encode()
    );
    assert_eq!(
        get("SubtensorModule", "InitialStartCallDelay"),
        0u64.encode()
    );
}

#[test]
fn module_errors_resolve_to_the_runtime_error_names() {
    let m = v15();
    let error_name = |pallet_index: u8, error: u8| {
        let p = m.pallets.iter().find(|p| p.index == pallet_index).unwrap();
        let TypeDef::Variant(v) = &ty(&m.types, p.error.as_ref().unwrap().ty.id).type_def else {
            panic!()
        };
        v.variants
            .iter()
            .find(|x| x.index == error)
            .map(|x| x.name.clone())
    };
    use yuma_runtime::dispatch::DispatchError;
    for e in [
        yuma_runtime::subtensor::Error::NotEnoughBalanceToStake,
        yuma_runtime::subtensor::Error::SubnetNotExists,
        yuma_runtime::subtensor::Error::InsufficientBalance,
    ] {
        let DispatchError::Module(me) = DispatchError::from(e) else {
            panic!()
        };
        assert_eq!(error_name(me.index, me.error).as_deref(), Some(me.name));
    }
    let DispatchError::Module(me) =
        DispatchError::from(yuma_runtime::hyperparams::AdminError::ValueNotInBounds)
    else {
        panic!()
    };
    assert_eq!(error_name(me.index, me.error).as_deref(), Some(me.name));
    assert_eq!(error_name(12, 0).as_deref(), Some("RequireSudo"));
}

#[test]
fn subtensor_event_variants_are_unique() {
    let vs = yuma_runtime::subtensor::SubtensorEvent::registry_variants();
    for (i, a) in vs.iter().enumerate() {
        for b in &vs[i + 1..] {
            assert_ne!(a.0, b.0, "index {} used by {} and {}", a.0, a.1, b.1);
            assert_ne!(a.1, b.1, "name {} used twice", a.1);
        }
    }
    assert!(vs.iter().any(|v| v.1 == "TempoSet"));
}

#[test]
fn real_system_events_and_account_decode_with_the_registry() {
    let m = v15();
    let s = crate::samples::samples();
    let system = m.pallets.iter().find(|p| p.name == "System").unwrap();
    let entries = &system.storage.as_ref().unwrap().entries;
    let value_of = |name: &str| match &entries.iter().find(|e| e.name == name).unwrap().ty {
        frame_metadata::v14::StorageEntryType::Plain(v) => v.id,
        frame_metadata::v14::StorageEntryType::Map { value, .. } => value.id,
    };
    assert_eq!(
        walk(&m.types, value_of("Events"), &s.events),
        Ok(s.events.len())
    );
    assert_eq!(
        walk(&m.types, value_of("Account"), &s.alice_account),
        Ok(s.alice_account.len())
    );
    // The records: Vec<EventRecord>; walk each and name its pallet and variant through the
    // outer event enum, as clients do.
    let TypeDef::Sequence(seq) = &ty(&m.types, value_of("Events")).type_def else {
        panic!()
    };
    let TypeDef::Composite(record) = &ty(&m.types, seq.type_param.id).type_def else {
        panic!()
    };
    let event_ty = record.fields[1].ty.id;
    let TypeDef::Variant(outer) = &ty(&m.types, event_ty).type_def else {
        panic!()
    };
    let mut input = &s.events[..];
    let n = Compact::<u32>::decode(&mut input).unwrap().0;
    let mut names = Vec::new();
    for _ in 0..n {
        let phase = walk(&m.types, record.fields[0].ty.id, input).unwrap();
        let ev = &input[phase..];
        let pallet = outer.variants.iter().find(|v| v.index == ev[0]).unwrap();
        let TypeDef::Variant(inner) = &ty(&m.types, pallet.fields[0].ty.id).type_def else {
            panic!()
        };
        let variant = inner.variants.iter().find(|v| v.index == ev[1]).unwrap();
        names.push(format!("{}.{}", pallet.name, variant.name));
        let used = walk(&m.types, seq.type_param.id, input).unwrap();
        input = &input[used..];
    }
    assert!(input.is_empty());
    for want in [
        "Balances.Transfer",
        "TransactionPayment.TransactionFeePaid",
        "System.ExtrinsicSuccess",
        "System.ExtrinsicFailed",
        "SubtensorModule.NetworkAdded",
        "SubtensorModule.RegistrationAllowed",
        "SubtensorModule.TxChildKeyTakeRateLimitSet",
        "SubtensorModule.MinChildKeyTakeSet",
        "SubtensorModule.MaxChildKeyTakeSet",
        "Sudo.Sudid",
        "SubtensorModule.FirstEmissionBlockNumberSet",
        "SubtensorModule.StakeAdded",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} not in {names:?}");
    }
    // Each block extrinsic's call decodes as the metadata's RuntimeCall.
    for xt in &s.extrinsics {
        let (uxt, offset) = yuma_primitives::UncheckedExtrinsic::from_bytes(xt).unwrap();
        let call = &xt[offset..];
        assert_eq!(walk(&m.types, m.extrinsic.call_ty.id, call), Ok(call.len()));
        assert!(uxt.signature.is_some());
    }
}

#[test]
fn metadata_digest_is_recorded_for_spec_version() {
    use yuma_runtime::version::{METADATA_DIGESTS, SPEC_VERSION};
    let digest = hex::encode(yuma_primitives::hashing::blake2_256(
        metadata_at_version(15).unwrap(),
    ));
    let recorded = METADATA_DIGESTS
        .iter()
        .find(|(v, _)| *v == SPEC_VERSION)
        .map(|(_, d)| *d);
    assert_eq!(
        recorded,
        Some(digest.as_str()),
        "the metadata changed under spec_version {SPEC_VERSION}: bump SPEC_VERSION in \
         crates/runtime/src/version.rs and record ({}, \"{digest}\") in METADATA_DIGESTS",
        SPEC_VERSION + 1
    );
    // Digests are recorded once per version, in increasing order, never reused.
    for w in METADATA_DIGESTS.windows(2) {
        assert!(w[0].0 < w[1].0 && w[0].1 != w[1].1);
    }
}

/// Every key of a real state (dev genesis plus the sample block) belongs to a declared storage
/// entry, its key parts decode with the entry's hashers and key types, and its value decodes
/// with the entry's value type: the metadata describes the whole state, bytes for bytes.
#[test]
fn every_stored_key_and_value_decodes_with_its_declared_entry() {
    use frame_metadata::v14::{StorageEntryType, StorageHasher as H};
    let m = v15();
    let s = crate::samples::samples();
    let mut entries = Vec::new();
    for p in &m.pallets {
        for e in p.storage.iter().flat_map(|st| &st.entries) {
            let prefix = yuma_primitives::hashing::storage_prefix(&p.name, &e.name);
            entries.push((prefix, format!("{}.{}", p.name, e.name), e));
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for (key, value) in &s.state {
        let (_, name, e) = entries
            .iter()
            .find(|(prefix, ..)| key.starts_with(prefix))
            .unwrap_or_else(|| panic!("undeclared storage key 0x{}", hex::encode(key)));
        seen.insert(name.clone());
        let (value_ty, rest) = match &e.ty {
            StorageEntryType::Plain(v) => {
                assert_eq!(key.len(), 32, "{name}: plain value with a key suffix");
                (v.id, Vec::new())
            }
            StorageEntryType::Map {
                hashers,
                key: k,
                value,
            } => {
                let parts: Vec<u32> = if hashers.len() == 1 {
                    vec![k.id]
                } else {
                    let TypeDef::Tuple(t) = &ty(&m.types, k.id).type_def else {
                        panic!()
                    };
                    t.fields.iter().map(|f| f.id).collect()
                };
                let mut at = 32;
                for (h, part) in hashers.iter().zip(parts) {
                    at += match h {
                        H::Blake2_128Concat => 16,
                        H::Twox64Concat => 8,
                        _ => 0,
                    };
                    at += walk(&m.types, part, &key[at..])
                        .unwrap_or_else(|e| panic!("{name}: key part: {e}"));
                }
                (value.id, key[at..].to_vec())
            }
        };
        assert!(
            rest.is_empty(),
            "{name}: {} key bytes left over",
            rest.len()
        );
        assert_eq!(
            walk(&m.types, value_ty, value),
            Ok(value.len()),
            "{name}: value"
        );
    }
    // The dev state has accounts, a registered subnet with its parameters, and stake pools.
    for want in [
        "System.Account",
        "System.Events",
        "SubtensorModule.NetworksAdded",
        "SubtensorModule.Tempo",
        "SubtensorModule.SubnetOwner",
        "SubtensorModule.AlphaV2",
        "SubtensorModule.TotalHotkeyAlpha",
        "SubtensorModule.SubnetTAO",
        "Sudo.Key",
    ] {
        assert!(
            seen.contains(want),
            "{want} not in the sample state: {seen:?}"
        );
    }
    assert!(
        seen.len() > 40,
        "only {} items in the sample state",
        seen.len()
    );
}
