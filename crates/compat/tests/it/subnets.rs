//! `SubnetInfoRuntimeApi` and `SwapRuntimeApi` prices: dynamic info, metagraphs,
//! hyperparameters, against the subnet, metagraph and hyperparams queries.

use crate::util::*;
use parity_scale_codec::Compact;
use serde_json::{json, Value};
use yuma_compat::runtime_api::{
    self as api,
    samples::{chain, cold, hot, TEMPO},
    DynamicInfo, HyperparamEntry, HyperparamValue, Metagraph, SubnetPrice,
};
use yuma_primitives::{AccountId, NetUid};

#[test]
fn dynamic_info_and_prices_match_the_subnet_query() {
    let c = chain();
    let all: Vec<Option<DynamicInfo>> = call(&c, "SubnetInfoRuntimeApi_get_all_dynamic_info", ());
    let subnets = q(&c, "subnets", Value::Null);
    assert_eq!(all.len(), subnets.as_array().unwrap().len());
    assert_eq!(all.len(), 2, "root and subnet 1");
    let prices: Vec<SubnetPrice> = call(&c, "SwapRuntimeApi_current_alpha_price_all", ());
    assert_eq!(prices.len(), 2);
    for (d, p) in all.iter().zip(&prices) {
        let d = d.as_ref().unwrap();
        let n = d.netuid.0;
        let v = q(&c, "subnet_info", json!({ "netuid": n }));
        assert_eq!(
            d.owner_hotkey.to_ss58(),
            v["owner_hotkey"]
                .as_str()
                .unwrap_or(&AccountId::default().to_ss58())
        );
        assert_eq!(u64::from(d.tempo.0), u(&v["tempo"]));
        assert_eq!(d.last_step.0, u(&v["last_step"]));
        assert_eq!(d.blocks_since_last_step.0, u(&v["blocks_since_last_step"]));
        assert_eq!(d.alpha_in.0, u(&v["alpha_in"]));
        assert_eq!(d.alpha_out.0, u(&v["alpha_out"]));
        assert_eq!(d.tao_in.0, u(&v["tao_in"]));
        assert_eq!(d.alpha_in_emission.0, u(&v["alpha_in_emission"]));
        assert_eq!(d.alpha_out_emission.0, u(&v["alpha_out_emission"]));
        assert_eq!(d.tao_in_emission.0, u(&v["tao_in_emission"]));
        assert_eq!(d.pending_alpha_emission.0, u(&v["pending_alpha_emission"]));
        assert_eq!(
            d.subnet_volume.0,
            v["subnet_volume"].as_u64().unwrap() as u128
        );
        assert_eq!(d.network_registered_at.0, u(&v["network_registered_at"]));
        let symbol: Vec<u8> = d.token_symbol.iter().map(|b| b.0).collect();
        assert_eq!(
            String::from_utf8(symbol).unwrap(),
            v["token_symbol"].as_str().unwrap()
        );
        // I96F32 → 9-digit decimal, as the query renders it.
        let mp = d.moving_price.to_bits().max(0) as u128;
        assert_eq!(
            (mp >> 32) * 1_000_000_000 + (((mp & 0xffff_ffff) * 1_000_000_000) >> 32),
            u128::from(nano(&v["moving_price"]))
        );
        assert_eq!(p.netuid, n);
        assert_eq!(p.price, nano(&v["price"]));
        let one: u64 = call(&c, "SwapRuntimeApi_current_alpha_price", NetUid(n).0);
        assert_eq!(one, p.price);
        let single: Option<DynamicInfo> = call(&c, "SubnetInfoRuntimeApi_get_dynamic_info", n);
        assert_eq!(single.as_ref(), Some(d));
    }
    let d1 = all[1].as_ref().unwrap();
    assert_eq!(d1.owner_coldkey, cold(0).public());
    assert_eq!(d1.owner_hotkey, hot(0).public());
    assert!(d1.alpha_in.0 > 0 && d1.tao_in.0 > 0);
    // Fallback display names (no identity set).
    let name =
        |d: &DynamicInfo| String::from_utf8(d.subnet_name.iter().map(|b| b.0).collect()).unwrap();
    assert_eq!(name(all[0].as_ref().unwrap()), "root");
    assert_eq!(name(d1), "apex");
    // Root trades 1:1.
    assert_eq!(prices[0].price, 1_000_000_000);
    let none: Option<DynamicInfo> = call(&c, "SubnetInfoRuntimeApi_get_dynamic_info", 9u16);
    assert!(none.is_none());
}

#[test]
fn metagraph_matches_the_metagraph_query() {
    let c = chain();
    let m: Metagraph =
        call::<Option<Metagraph>>(&c, "SubnetInfoRuntimeApi_get_metagraph", 1u16).unwrap();
    let j = q(&c, "metagraph", json!({ "netuid": 1 }));
    let hp = &j["hyperparams"];
    assert_eq!(m.netuid.0, 1);
    assert_eq!(m.block.0, c.best_number());
    assert_eq!(m.block.0, u(&j["block"]));
    assert_eq!(m.num_uids.0 as u64, u(&j["num_uids"]));
    assert_eq!(m.max_uids.0 as u64, u(&j["max_uids"]));
    assert_eq!(m.burn.0, u(&j["burn"]));
    assert_eq!(m.tao_in.0, u(&j["tao_in"]));
    assert_eq!(m.alpha_in.0, u(&j["alpha_in"]));
    assert_eq!(m.kappa.0 as u64, u(&hp["kappa"]));
    assert_eq!(m.activity_cutoff.0, u(&hp["activity_cutoff"]));
    assert_eq!(m.tempo.0 as u64, u(&hp["tempo"]));
    assert_eq!(m.tempo.0, TEMPO);
    assert_eq!(
        m.commit_reveal_weights_enabled,
        hp["commit_reveal_weights_enabled"].as_bool().unwrap()
    );
    let hotkeys: Vec<Value> = m.hotkeys.iter().map(acct).collect();
    assert_eq!(Value::from(hotkeys), j["hotkeys"]);
    let coldkeys: Vec<Value> = m.coldkeys.iter().map(acct).collect();
    assert_eq!(Value::from(coldkeys), j["coldkeys"]);
    let nums = |v: &[Compact<u64>]| {
        serde_json::to_value(v.iter().map(|x| x.0).collect::<Vec<_>>()).unwrap()
    };
    let nums16 = |v: &[Compact<u16>]| {
        serde_json::to_value(v.iter().map(|x| x.0).collect::<Vec<_>>()).unwrap()
    };
    assert_eq!(nums(&m.emission), j["emission"]);
    assert_eq!(nums(&m.last_update), j["last_update"]);
    assert_eq!(nums(&m.block_at_registration), j["block_at_registration"]);
    assert_eq!(nums16(&m.dividends), j["dividends"]);
    assert_eq!(nums16(&m.incentives), j["incentives"]);
    assert_eq!(nums16(&m.consensus), j["consensus"]);
    assert_eq!(serde_json::to_value(&m.active).unwrap(), j["active"]);
    assert_eq!(
        serde_json::to_value(&m.validator_permit).unwrap(),
        j["validator_permit"]
    );
    // Stake columns: inherited alpha and root TAO per uid (no child keys here, so own alpha).
    for (uid, h) in m.hotkeys.iter().enumerate() {
        let inh = q(
            &c,
            "inherited_stake",
            json!({ "hotkey": h.to_ss58(), "netuid": 1 }),
        );
        assert_eq!(m.alpha_stake[uid].0, u(&inh["alpha"]));
        assert_eq!(m.tao_stake[uid].0, u(&inh["tao"]));
        assert_eq!(m.alpha_stake[uid].0, u(&j["alpha_stake"][uid]));
        assert!(m.total_stake[uid].0 >= m.alpha_stake[uid].0);
        assert_eq!(m.tao_dividends_per_hotkey[uid], (*h, Compact(0)));
        assert_eq!(m.alpha_dividends_per_hotkey[uid].0, *h);
    }
    assert_eq!(m.identities, vec![None; 4]);
    assert!(m.pruning_score.is_empty() && m.trust.is_empty() && m.rank.is_empty());
    let mech: Option<Metagraph> = call(&c, "SubnetInfoRuntimeApi_get_mechagraph", (1u16, 0u8));
    assert_eq!(mech.as_ref(), Some(&m));
    let none: Option<Metagraph> = call(&c, "SubnetInfoRuntimeApi_get_mechagraph", (1u16, 5u8));
    assert!(none.is_none());
    let all: Vec<Option<Metagraph>> = call(&c, "SubnetInfoRuntimeApi_get_all_metagraphs", ());
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].as_ref(), Some(&m));
    let state: Option<api::SubnetState> = call(&c, "SubnetInfoRuntimeApi_get_subnet_state", 1u16);
    let state = state.unwrap();
    assert_eq!(state.hotkeys, m.hotkeys);
    assert_eq!(state.total_stake, m.total_stake);
    assert_eq!(state.emission_history.len(), 2);
}

#[test]
fn selective_metagraph_fills_only_the_asked_fields() {
    let c = chain();
    let m: Metagraph =
        call::<Option<Metagraph>>(&c, "SubnetInfoRuntimeApi_get_metagraph", 1u16).unwrap();
    let s: Option<api::SelectiveMetagraph> = call(
        &c,
        "SubnetInfoRuntimeApi_get_selective_metagraph",
        (1u16, vec![1u16, 52, 69, 72, 73, 500]),
    );
    let s = s.unwrap();
    // Index 0 was not asked for: netuid stays at its default, as upstream.
    assert_eq!(s.netuid.0, 0);
    assert_eq!(s.name.as_ref(), Some(&m.name));
    assert_eq!(s.hotkeys.as_ref(), Some(&m.hotkeys));
    assert_eq!(s.total_stake.as_ref(), Some(&m.total_stake));
    assert!(s.symbol.is_none() && s.coldkeys.is_none() && s.alpha_stake.is_none());
    assert_eq!(s.commitments, Some(Vec::new()));
    // Validators: permitted uids above the stake threshold, ascending by stake.
    let threshold = yuma_runtime::hyperparams::items::STAKE_THRESHOLD
        .get(&c.state)
        .unwrap();
    let mut want: Vec<(u64, u16)> = (0..m.hotkeys.len())
        .filter(|&i| m.validator_permit[i] && m.total_stake[i].0 >= threshold.max(1))
        .map(|i| (m.total_stake[i].0, i as u16))
        .collect();
    want.sort();
    let got: Vec<u16> = s.validators.unwrap().iter().map(|c| c.0).collect();
    assert_eq!(got, want.iter().map(|w| w.1).collect::<Vec<_>>());
    assert!(!got.is_empty());
    let mech: Option<api::SelectiveMetagraph> = call(
        &c,
        "SubnetInfoRuntimeApi_get_selective_mechagraph",
        (1u16, 0u8, vec![2u16]),
    );
    let mech = mech.unwrap();
    assert_eq!((mech.netuid.0, mech.symbol.as_ref()), (1, Some(&m.symbol)));
    let none: Option<api::SelectiveMetagraph> = call(
        &c,
        "SubnetInfoRuntimeApi_get_selective_metagraph",
        (8u16, vec![0u16]),
    );
    assert!(none.is_none());
}

#[test]
fn hyperparams_v3_match_the_hyperparams_query() {
    let c = chain();
    let v3: Option<Vec<HyperparamEntry>> =
        call(&c, "SubnetInfoRuntimeApi_get_subnet_hyperparams_v3", 1u16);
    let v3 = v3.unwrap();
    let j = q(&c, "hyperparams", json!({ "netuid": 1 }));
    let names: Vec<String> = v3
        .iter()
        .map(|e| String::from_utf8(e.name.clone()).unwrap())
        .collect();
    assert_eq!(names.len(), 33);
    assert_eq!(names[0], "kappa");
    assert_eq!(names[32], "min_childkey_take");
    for e in &v3 {
        let name = String::from_utf8(e.name.clone()).unwrap();
        let key = match name.as_str() {
            "activity_cutoff_factor" => "activity_cutoff_factor_milli",
            n => n,
        };
        let want = &j[key];
        if want.is_null() {
            // Items yuma's query does not list: fixed or read elsewhere.
            assert!(
                [
                    "user_liquidity_enabled",
                    "owner_cut_enabled",
                    "owner_cut_auto_lock_enabled",
                    "min_childkey_take"
                ]
                .contains(&name.as_str()),
                "{name} has no query field"
            );
            continue;
        }
        match &e.value {
            HyperparamValue::Bool(b) => assert_eq!(Value::from(*b), *want, "{name}"),
            HyperparamValue::U16(x) => assert_eq!(u64::from(x.0), u(want), "{name}"),
            HyperparamValue::U32(x) => assert_eq!(u64::from(x.0), u(want), "{name}"),
            HyperparamValue::U64(x) | HyperparamValue::TaoBalance(x) => {
                assert_eq!(x.0, u(want), "{name}")
            }
            HyperparamValue::I32F32(x) => {
                assert_eq!(x.to_bits() >> 32, want.as_i64().unwrap(), "{name}")
            }
            HyperparamValue::U64F64(x) => assert_eq!(
                ((x.to_bits() >> 64) * 1_000_000_000
                    + (((x.to_bits() & u128::from(u64::MAX)) * 1_000_000_000) >> 64))
                    as u64,
                nano(want),
                "{name}"
            ),
            HyperparamValue::U128(_) => panic!("no u128 hyperparameter"),
        }
    }
    let v2: Option<api::SubnetHyperparamsV2> =
        call(&c, "SubnetInfoRuntimeApi_get_subnet_hyperparams_v2", 1u16);
    let v2 = v2.unwrap();
    assert_eq!(u64::from(v2.rho.0), u(&j["rho"]));
    assert_eq!(u64::from(v2.yuma_version.0), u(&j["yuma_version"]));
    let v1: Option<api::SubnetHyperparams> =
        call(&c, "SubnetInfoRuntimeApi_get_subnet_hyperparams", 1u16);
    let v1 = v1.unwrap();
    assert_eq!((v1.rho, v1.kappa, v1.tempo), (v2.rho, v2.kappa, v2.tempo));
    assert_eq!(v1.activity_cutoff.0, u(&j["activity_cutoff"]));
    // SubnetInfo v2: the same figures plus size, owner and identity.
    let info: Option<api::SubnetInfov2> = call(&c, "SubnetInfoRuntimeApi_get_subnet_info_v2", 1u16);
    let info = info.unwrap();
    let d = q(&c, "subnet_info", json!({ "netuid": 1 }));
    assert_eq!(u64::from(info.subnetwork_n.0), u(&d["subnetwork_n"]));
    assert_eq!(info.owner, cold(0).public());
    assert_eq!(
        u64::from(info.max_allowed_uids.0),
        u(&j["max_allowed_uids"])
    );
    assert_eq!(info.burn.0, u(&j["burn"]));
    assert_eq!(info.identity, None);
    let all: Vec<Option<api::SubnetInfo>> = call(&c, "SubnetInfoRuntimeApi_get_subnets_info", ());
    let netuids: Vec<u16> = all.iter().map(|i| i.as_ref().unwrap().netuid.0).collect();
    assert_eq!(netuids, [0, 1]);
    let next: Option<u64> = call(&c, "SubnetInfoRuntimeApi_get_next_epoch_start_block", 1u16);
    let next = next.unwrap();
    assert!(
        next > c.best_number() - u64::from(TEMPO) && next <= c.best_number() + u64::from(TEMPO)
    );
}

#[test]
fn subnet_accounts_pruning_and_auto_stake() {
    let c = chain();
    let account: Option<AccountId> = call(&c, "SubnetInfoRuntimeApi_get_subnet_account_id", 1u16);
    assert_eq!(
        account,
        Some(yuma_runtime::subnets::subnet_account(NetUid(1)))
    );
    let root: Option<AccountId> = call(&c, "SubnetInfoRuntimeApi_get_subnet_account_id", 0u16);
    assert_eq!(root, Some(yuma_runtime::subnets::subnet_account(NetUid(0))));
    let none: Option<AccountId> = call(&c, "SubnetInfoRuntimeApi_get_subnet_account_id", 9u16);
    assert_eq!(none, None);
    // Subnet 1 is far inside its network immunity period: nothing to prune.
    let prune: Option<u16> = call(&c, "SubnetInfoRuntimeApi_get_subnet_to_prune", ());
    assert_eq!(prune, None);
    // No auto-stake destination was set.
    let auto: Option<AccountId> = call(
        &c,
        "SubnetInfoRuntimeApi_get_coldkey_auto_stake_hotkey",
        (cold(1).public(), 1u16),
    );
    assert_eq!(auto, None);
    // Every per-mechanism graph of every subnet: one mechanism each here.
    let mechs: Vec<Option<Metagraph>> = call(&c, "SubnetInfoRuntimeApi_get_all_mechagraphs", ());
    assert_eq!(mechs.len(), 2);
}
