//! `DelegateInfoRuntimeApi` and `SubnetRegistrationRuntimeApi`.

use crate::util::*;
use parity_scale_codec::Compact;
use serde_json::json;
use yuma_compat::runtime_api::{
    self as api,
    samples::{chain, cold, hot, TEMPO},
    DelegateInfo,
};

#[test]
fn delegates_list_the_nominated_hotkey_and_its_nominators() {
    let c = chain();
    let all: Vec<DelegateInfo> = call(&c, "DelegateInfoRuntimeApi_get_delegates", ());
    assert_eq!(all.len(), 1, "only hot(1) became a delegate");
    let d1 = &all[0];
    assert_eq!(d1.delegate_ss58, hot(1).public());
    let take = q(
        &c,
        "delegate_take",
        json!({ "hotkey": hot(1).public().to_ss58() }),
    );
    assert_eq!(u64::from(d1.take.0), u(&take));
    assert_eq!(d1.owner_ss58, cold(1).public());
    assert_eq!(d1.registrations, vec![Compact(1u16)]);
    let stake_of = |i: usize| {
        u(&q(
            &c,
            "stake",
            json!({"hotkey": hot(1).public().to_ss58(), "coldkey": cold(i).public().to_ss58(), "netuid": 1}),
        ))
    };
    let mut want = vec![
        (
            cold(1).public(),
            vec![(Compact(1u16), Compact(stake_of(1)))],
        ),
        (
            cold(3).public(),
            vec![(Compact(1u16), Compact(stake_of(3)))],
        ),
    ];
    want.sort_by_key(|w| w.0);
    assert_eq!(d1.nominators, want);
    // Permit and daily return from the uid's emission: Σ emission × 7200 / tempo.
    let n1 = q(&c, "neuron_info", json!({ "netuid": 1, "uid": 1 }));
    assert_eq!(
        d1.validator_permits,
        if n1["validator_permit"].as_bool().unwrap() {
            vec![Compact(1u16)]
        } else {
            vec![]
        }
    );
    assert_eq!(
        d1.total_daily_return.0,
        u(&n1["emission"]) * 7200 / u64::from(TEMPO)
    );
    let one: Option<DelegateInfo> =
        call(&c, "DelegateInfoRuntimeApi_get_delegate", hot(1).public());
    assert_eq!(one.as_ref(), Some(d1));
    let none: Option<DelegateInfo> =
        call(&c, "DelegateInfoRuntimeApi_get_delegate", hot(0).public());
    assert!(none.is_none());
    let delegated: Vec<api::Delegated> =
        call(&c, "DelegateInfoRuntimeApi_get_delegated", cold(3).public());
    assert_eq!(delegated.len(), 1);
    let (d, (n, a)) = &delegated[0];
    assert_eq!(
        (d.delegate_ss58, n.0, a.0),
        (hot(1).public(), 1, stake_of(3))
    );
    assert!(d.nominators.is_empty(), "get_delegated skips nominators");
    let cost: u64 = call(
        &c,
        "SubnetRegistrationRuntimeApi_get_network_registration_cost",
        (),
    );
    assert_eq!(
        cost,
        yuma_runtime::subnets::lock_cost(&c.state, c.best_number()).unwrap()
    );
}
