//! `StakeInfoRuntimeApi` against the stake queries.

use crate::util::*;
use serde_json::json;
use std::collections::BTreeMap;
use yuma_compat::runtime_api::{
    self as api,
    samples::{chain, cold, hot},
    StakeAvailability, StakeInfo,
};
use yuma_primitives::AccountId;

#[test]
fn stake_info_matches_the_stake_queries() {
    let c = chain();
    for i in 0..4 {
        let ck = cold(i).public();
        let infos: Vec<StakeInfo> = call(&c, "StakeInfoRuntimeApi_get_stake_info_for_coldkey", ck);
        let listed = q(&c, "stakes", json!({ "coldkey": ck.to_ss58() }));
        let mut from_api: Vec<(String, u16, u64)> = infos
            .iter()
            .map(|s| (s.hotkey.to_ss58(), s.netuid.0, s.stake.0))
            .collect();
        let mut from_query: Vec<(String, u16, u64)> = listed
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["hotkey"].as_str().unwrap().to_string(),
                    u(&e["netuid"]) as u16,
                    u(&e["stake"]),
                )
            })
            .collect();
        from_api.sort();
        from_query.sort();
        assert_eq!(from_api, from_query, "coldkey {i}");
        assert!(!from_api.is_empty());
        for s in &infos {
            assert_eq!(s.coldkey, ck);
            assert_eq!((s.locked.0, s.tao_emission.0, s.drain.0), (0, 0, 0));
            let one: Option<StakeInfo> = call(
                &c,
                "StakeInfoRuntimeApi_get_stake_info_for_hotkey_coldkey_netuid",
                (s.hotkey, ck, s.netuid.0),
            );
            assert_eq!(one.as_ref(), Some(s));
        }
        // Availability: everything is free (no locks).
        let avail: BTreeMap<AccountId, BTreeMap<u16, StakeAvailability>> = call(
            &c,
            "StakeInfoRuntimeApi_get_stake_availability_for_coldkeys",
            (vec![ck], None::<Vec<u16>>),
        );
        let total: u64 = from_query.iter().filter(|e| e.1 == 1).map(|e| e.2).sum();
        let a = avail[&ck][&1];
        assert_eq!((a.total.0, a.locked.0, a.available.0), (total, 0, total));
    }
    // User 3 nominates hot(1): the position names hot(1) and is registered.
    let s3: Vec<StakeInfo> = call(
        &c,
        "StakeInfoRuntimeApi_get_stake_info_for_coldkey",
        cold(3).public(),
    );
    assert!(s3
        .iter()
        .any(|s| s.hotkey == hot(1).public() && s.is_registered));
    let many: Vec<(AccountId, Vec<StakeInfo>)> = call(
        &c,
        "StakeInfoRuntimeApi_get_stake_info_for_coldkeys",
        vec![cold(3).public(), cold(1).public()],
    );
    assert_eq!(many.len(), 2);
    assert_eq!(many[0].1, s3);
    let lock: Option<api::LockState> = call(
        &c,
        "StakeInfoRuntimeApi_get_coldkey_lock",
        (cold(1).public(), 1u16),
    );
    assert!(lock.is_none());
    let king: Option<AccountId> = call(
        &c,
        "StakeInfoRuntimeApi_get_most_convicted_hotkey_on_subnet",
        1u16,
    );
    assert!(king.is_none());
}
