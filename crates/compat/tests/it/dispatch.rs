//! `call` and `declarations` themselves: bad input, the metadata APIs, every sample call,
//! and the declared names against subtensor's.

use crate::util::*;
use parity_scale_codec::{Compact, Encode};
use yuma_compat::runtime_api::{self as api, samples::chain, ApiError};

#[test]
fn bad_input_is_an_error_never_a_panic() {
    let c = chain();
    let x = ctx(&c);
    match api::call(&x, "SubnetInfoRuntimeApi_get_nothing", &[]) {
        Err(e @ ApiError::NotFound(_)) => assert_eq!(
            e.to_string(),
            "Execution failed: Other: Exported method SubnetInfoRuntimeApi_get_nothing is not found"
        ),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        api::call(&x, "NeuronInfoRuntimeApi_get_neuron", &[1]),
        Err(ApiError::BadArguments { .. })
    ));
    assert!(matches!(
        api::call(&x, "TransactionPaymentApi_query_info", &[8, 0x99, 1, 2]),
        Err(ApiError::BadArguments { .. })
    ));
    // Every method, with random arguments of many lengths, and every sample call with its valid
    // arguments truncated, extended or with one byte changed (a fixed xorshift stream, so a
    // failure reproduces): an answer or an error, never a panic.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for a in api::APIS {
        for m in a.methods {
            let name = format!("{}_{}", a.name, m.name);
            for _ in 0..40 {
                let len = (next() % 120) as usize;
                let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
                let _ = api::call(&x, &name, &bytes);
            }
        }
    }
    for (method, args) in api::samples::calls(&c) {
        for cut in 0..args.len() {
            let _ = api::call(&x, method, &args[..cut]);
        }
        for _ in 0..60 {
            let mut bad = args.clone();
            if bad.is_empty() {
                bad.push(next() as u8);
            } else {
                let i = (next() as usize) % bad.len();
                bad[i] = next() as u8;
            }
            if next() % 4 == 0 {
                bad.push(next() as u8);
            }
            let _ = api::call(&x, method, &bad);
        }
    }
}

#[test]
fn metadata_is_served_as_option_opaque_metadata() {
    let c = chain();
    let v15 = yuma_compat::metadata::metadata_at_version(15).expect("v15");
    let out = api::call(&ctx(&c), "Metadata_metadata_at_version", &15u32.encode()).unwrap();
    // Some ‖ compact length ‖ "meta" ‖ 15 ‖ …, what clients unwrap (§2.1).
    let mut want = vec![1u8];
    want.extend(Compact(v15.len() as u32).encode());
    want.extend_from_slice(v15);
    assert_eq!(out, want);
    assert_eq!(&v15[..5], b"meta\x0f");
    let none = api::call(&ctx(&c), "Metadata_metadata_at_version", &16u32.encode()).unwrap();
    assert_eq!(none, vec![0]);
    let versions: Vec<u32> = call(&c, "Metadata_metadata_versions", ());
    assert_eq!(versions, [14, 15]);
    let v: api::RuntimeVersion = call(&c, "Core_version", ());
    assert_eq!(v.spec_version, yuma_runtime::version::SPEC_VERSION);
    assert_eq!(v.apis.len(), api::APIS.len());
    let id = |name: &str| {
        <[u8; 8]>::try_from(&yuma_primitives::hashing::blake2_64(name.as_bytes())[..]).unwrap()
    };
    // subtensor declares `SubnetInfoRuntimeApi` at api_version 2; Core is Substrate's 5.
    assert!(v.apis.contains(&(id("SubnetInfoRuntimeApi"), 2)));
    assert!(v.apis.contains(&(id("Core"), 5)));
}

#[test]
fn every_sample_call_answers() {
    let c = chain();
    for (method, args) in api::samples::calls(&c) {
        let out = api::call(&ctx(&c), method, &args).unwrap_or_else(|e| panic!("{method}: {e}"));
        assert!(!out.is_empty(), "{method}");
    }
}

#[test]
fn declarations_follow_subtensor() {
    let decl = api::declarations();
    // Every API and method name subtensor @14bc6f9f declares for them, in its order
    // (`pallets/subtensor/runtime-api`, `pallets/swap/runtime-api`, Substrate's own traits).
    let expected: &[(&str, &[&str])] = &[
        ("Core", &["version"]),
        (
            "Metadata",
            &["metadata", "metadata_at_version", "metadata_versions"],
        ),
        ("AccountNonceApi", &["account_nonce"]),
        (
            "TransactionPaymentApi",
            &[
                "query_info",
                "query_fee_details",
                "query_weight_to_fee",
                "query_length_to_fee",
            ],
        ),
        (
            "TransactionPaymentCallApi",
            &[
                "query_call_info",
                "query_call_fee_details",
                "query_weight_to_fee",
                "query_length_to_fee",
            ],
        ),
        (
            "SubnetInfoRuntimeApi",
            &[
                "get_subnet_info",
                "get_subnets_info",
                "get_subnet_info_v2",
                "get_subnets_info_v2",
                "get_subnet_hyperparams",
                "get_subnet_hyperparams_v2",
                "get_subnet_hyperparams_v3",
                "get_all_dynamic_info",
                "get_all_metagraphs",
                "get_metagraph",
                "get_all_mechagraphs",
                "get_mechagraph",
                "get_dynamic_info",
                "get_subnet_state",
                "get_selective_metagraph",
                "get_coldkey_auto_stake_hotkey",
                "get_selective_mechagraph",
                "get_subnet_to_prune",
                "get_subnet_account_id",
                "get_next_epoch_start_block",
            ],
        ),
        (
            "NeuronInfoRuntimeApi",
            &[
                "get_neurons",
                "get_neuron",
                "get_neurons_lite",
                "get_neuron_lite",
            ],
        ),
        (
            "StakeInfoRuntimeApi",
            &[
                "get_stake_info_for_coldkey",
                "get_stake_info_for_coldkeys",
                "get_stake_info_for_hotkey_coldkey_netuid",
                "get_stake_availability_for_coldkeys",
                "get_stake_fee",
                "get_coldkey_lock",
                "get_hotkey_conviction",
                "get_most_convicted_hotkey_on_subnet",
            ],
        ),
        (
            "DelegateInfoRuntimeApi",
            &["get_delegates", "get_delegate", "get_delegated"],
        ),
        (
            "SubnetRegistrationRuntimeApi",
            &["get_network_registration_cost"],
        ),
        (
            "SwapRuntimeApi",
            &[
                "current_alpha_price",
                "current_alpha_price_all",
                "sim_swap_tao_for_alpha",
                "sim_swap_alpha_for_tao",
            ],
        ),
    ];
    let got: Vec<(&str, Vec<&str>)> = decl
        .iter()
        .map(|a| (a.name, a.methods.iter().map(|m| m.name).collect()))
        .collect();
    let want: Vec<(&str, Vec<&str>)> = expected.iter().map(|(a, m)| (*a, m.to_vec())).collect();
    assert_eq!(got, want);
    let method = |api: &str, m: &str| {
        let a = decl.iter().find(|a| a.name == api).unwrap();
        a.methods
            .iter()
            .find(|x| x.name == m)
            .unwrap_or_else(|| panic!("{api}_{m}"))
    };
    let inputs = |api: &str, m: &str| -> Vec<&str> {
        method(api, m).inputs.iter().map(|i| i.name).collect()
    };
    assert_eq!(
        inputs("TransactionPaymentApi", "query_info"),
        ["uxt", "len"]
    );
    assert_eq!(
        inputs("SubnetInfoRuntimeApi", "get_mechagraph"),
        ["netuid", "mecid"]
    );
    assert_eq!(
        inputs(
            "StakeInfoRuntimeApi",
            "get_stake_info_for_hotkey_coldkey_netuid"
        ),
        ["hotkey_account", "coldkey_account", "netuid"]
    );
    assert_eq!(
        inputs("SwapRuntimeApi", "sim_swap_tao_for_alpha"),
        ["netuid", "tao"]
    );
    assert_eq!(
        inputs("DelegateInfoRuntimeApi", "get_delegated"),
        ["delegatee_account"]
    );
    assert_eq!(inputs("Metadata", "metadata_at_version"), ["version"]);
    assert_eq!(
        inputs("SubnetInfoRuntimeApi", "get_selective_mechagraph"),
        ["netuid", "subid", "metagraph_indexes"]
    );
    assert_eq!(
        inputs("StakeInfoRuntimeApi", "get_stake_fee"),
        [
            "origin",
            "origin_coldkey_account",
            "destination",
            "destination_coldkey_account",
            "amount"
        ]
    );
    // The first input of query_info is the UncheckedExtrinsic (§6.3).
    let ty = method("TransactionPaymentApi", "query_info").inputs[0]
        .ty
        .type_info();
    assert_eq!(
        ty.path.segments,
        [
            "sp_runtime",
            "generic",
            "unchecked_extrinsic",
            "UncheckedExtrinsic"
        ]
    );
    // The metadata registry accepts every declared type.
    let mut reg = scale_info::Registry::new();
    for a in decl {
        let _ = scale_info::IntoPortable::into_portable(a, &mut reg);
    }
}
