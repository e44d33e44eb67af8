//! Mechanism count and emission split (spec-subnets §2.12), trimming a subnet (§3.7) and
//! `root_register` (§2.2) through real blocks.

use crate::subnets::{admin, block, hot_pair, name, ok, sub, weights_chain, TAO};
use crate::util::*;
use yuma_primitives::{AdminUtilsCall as A, NetUid, Pair, SubtensorCall as C};
use yuma_runtime::{
    delegation,
    ext::Ext,
    hyperparams::items::*,
    stake,
    storage::Overlay,
    subnets::mechanisms::{MAX_MECHANISM_COUNT, MECHANISM_EMISSION_SPLIT},
    subtensor::storage::*,
    MemoryChain,
};

const N: NetUid = NetUid(1);

fn alice() -> Pair {
    Pair::from_uri("//Alice").unwrap()
}

fn count(netuid: NetUid, mechanism_count: u8) -> yuma_primitives::RuntimeCall {
    admin(A::SudoSetMechanismCount {
        netuid,
        mechanism_count,
    })
}

fn split(maybe_split: Option<Vec<u16>>) -> yuma_primitives::RuntimeCall {
    admin(A::SudoSetMechanismEmissionSplit {
        netuid: N,
        maybe_split,
    })
}

fn trim(netuid: NetUid, max_n: u16) -> yuma_primitives::RuntimeCall {
    admin(A::SudoTrimToMaxAllowedUids { netuid, max_n })
}

/// Writes directly into a chain's state (test setup only).
fn poke(c: &mut MemoryChain, f: impl FnOnce(&mut Overlay<'_>)) {
    let changes = {
        let mut o = Overlay::new(&c.state);
        f(&mut o);
        o.into_changes()
    };
    c.state.commit(&changes);
}

#[test]
fn mechanism_count_checks_in_order_and_clears_dropped_mechanisms() {
    let mut c = weights_chain();
    let a = alice();
    // 256 uids × 2 mechanisms > 256.
    let out = block(&mut c, &[(user(0), count(N, 2))]);
    assert_eq!(name(&out[0]), "TooManyUIDsPerMechanism");
    ok(
        &mut c,
        &[(
            &a,
            admin(A::SudoSetMaxAllowedUids {
                netuid: N,
                max_allowed_uids: 128,
            }),
        )],
    );
    let out = block(
        &mut c,
        &[
            (user(1), count(N, 2)),
            (user(0), count(N, 0)),
            (&a, count(N, 3)),
            (&a, count(NetUid(9), 1)),
        ],
    );
    let names: Vec<_> = out.iter().map(name).collect();
    assert_eq!(
        names,
        [
            "BadOrigin",
            "InvalidValue",
            "InvalidValue",
            "MechanismDoesNotExist"
        ]
    );
    ok(&mut c, &[(user(0), count(N, 2))]);
    assert_eq!(MECHANISM_COUNT_CURRENT.get(&c.state, N).unwrap(), 2);
    // The owner waits 7 200 blocks between count changes; root does not.
    let out = block(&mut c, &[(user(0), count(N, 1))]);
    assert_eq!(name(&out[0]), "TxRateLimitExceeded");
    // 129 × 2 > 256 now that there are two mechanisms.
    let out = block(
        &mut c,
        &[(
            &a,
            admin(A::SudoSetMaxAllowedUids {
                netuid: N,
                max_allowed_uids: 129,
            }),
        )],
    );
    assert_eq!(name(&out[0]), "TooManyUIDsPerMechanism");
    // Weights on mechanism 1 live at index 1 × 4096 + 1.
    ok(
        &mut c,
        &[(
            &hot_pair(0),
            sub(C::SetMechanismWeights {
                netuid: N,
                mecid: 1,
                dests: vec![1, 2],
                weights: vec![1, 1],
                version_key: 12_312,
            }),
        )],
    );
    let idx1 = storage_index(N, 1);
    assert_eq!(idx1, 4097);
    assert_eq!(
        WEIGHTS.get(&c.state, &idx1, &0).unwrap(),
        Some(vec![(1, 65_535), (2, 65_535)])
    );
    assert!(LAST_UPDATE.get(&c.state, &idx1).unwrap().is_some());
    // Back to one mechanism: mechanism 1's rows are gone, mechanism 0's stay.
    let w0 = WEIGHTS.iter_prefix(&c.state, &storage_index(N, 0)).unwrap();
    ok(&mut c, &[(&a, count(N, 1))]);
    assert!(WEIGHTS.iter_prefix(&c.state, &idx1).unwrap().is_empty());
    assert_eq!(LAST_UPDATE.get(&c.state, &idx1).unwrap(), None);
    assert_eq!(INCENTIVE.get(&c.state, &idx1).unwrap(), None);
    assert_eq!(
        WEIGHTS.iter_prefix(&c.state, &storage_index(N, 0)).unwrap(),
        w0
    );
}

#[test]
fn max_mechanism_count_is_root_only_and_capped_at_16() {
    let mut c = weights_chain();
    let set = |max_mechanism_count: u8| {
        admin(A::SudoSetMaxMechanismCount {
            max_mechanism_count,
        })
    };
    let out = block(
        &mut c,
        &[(user(0), set(4)), (&alice(), set(0)), (&alice(), set(17))],
    );
    let names: Vec<_> = out.iter().map(name).collect();
    assert_eq!(names, ["BadOrigin", "InvalidValue", "InvalidValue"]);
    ok(&mut c, &[(&alice(), set(16))]);
    assert_eq!(MAX_MECHANISM_COUNT.get(&c.state).unwrap(), 16);
}

#[test]
fn emission_split_is_checked_and_feeds_the_epoch() {
    let mut c = weights_chain();
    let a = alice();
    ok(
        &mut c,
        &[
            (
                &a,
                admin(A::SudoSetMaxAllowedUids {
                    netuid: N,
                    max_allowed_uids: 128,
                }),
            ),
            (&a, count(N, 2)),
        ],
    );
    let out = block(
        &mut c,
        &[
            (&a, split(Some(vec![]))),
            (&a, split(Some(vec![1, 2, 65_532]))),
            (&a, split(Some(vec![1, 2]))),
        ],
    );
    let names: Vec<_> = out.iter().map(name).collect();
    assert_eq!(names, ["InvalidValue", "InvalidValue", "InvalidValue"]);
    ok(&mut c, &[(user(0), split(Some(vec![16_384, 49_151])))]);
    assert_eq!(
        MECHANISM_EMISSION_SPLIT.get(&c.state, &N).unwrap(),
        Some(vec![16_384, 49_151])
    );
    // 1000 × 16384 / 65535 = 250, 1000 × 49151 / 65535 = 749; the lost 1 goes to mechanism 0.
    let run = |c: &MemoryChain| {
        let base = c.state.clone();
        let mut ext = Ext::new(&base, c.best_number() + 1, None);
        yuma_runtime::epoch_adapter::run_epoch(&mut ext, N, 1_000)
            .unwrap()
            .out
            .emissions
    };
    assert_eq!(run(&c), vec![251, 749]);
    // Unset: even.
    ok(&mut c, &[(&a, split(None))]);
    assert_eq!(MECHANISM_EMISSION_SPLIT.get(&c.state, &N).unwrap(), None);
    assert_eq!(run(&c), vec![500, 500]);
    // Any change of the count resets the split.
    ok(&mut c, &[(&a, split(Some(vec![65_535])))]);
    assert_eq!(run(&c), vec![1_000, 0]);
    ok(&mut c, &[(&a, count(N, 1))]);
    assert_eq!(MECHANISM_EMISSION_SPLIT.get(&c.state, &N).unwrap(), None);
}

/// weights_chain with immunity off, `MinAllowedUids` 1, emissions [0, 30, 10, 20] and weight
/// and bond rows naming every uid.
fn trim_chain() -> MemoryChain {
    let mut c = weights_chain();
    poke(&mut c, |o| {
        IMMUNITY_PERIOD.set(o, N, 0);
        MIN_ALLOWED_UIDS.set(o, N, 1);
        EMISSION.insert(o, &N, &vec![0, 30, 10, 20]);
        CONSENSUS.insert(o, &N, &vec![100, 101, 102, 103]);
        let idx = storage_index(N, 0);
        INCENTIVE.insert(o, &idx, &vec![200, 201, 202, 203]);
        WEIGHTS.insert(o, &idx, &0, &vec![(1, 9), (3, 4)]);
        WEIGHTS.insert(o, &idx, &1, &vec![(0, 5), (2, 6), (3, 7)]);
        WEIGHTS.insert(o, &idx, &2, &vec![(1, 1)]);
        BONDS.insert(o, &idx, &1, &vec![(2, 8), (1, 3)]);
    });
    c
}

#[test]
fn trim_removes_the_lowest_emitters_and_compacts() {
    let mut c = trim_chain();
    let hk: Vec<_> = (0..4).map(|i| hot_pair(i).public()).collect();
    // Ranking by emission: uid1 (30), uid3 (20), uid2 (10), uid0 (0, the owner: immortal).
    // From the bottom: uid0 is skipped, uid2 then uid3 go; uid0 and uid1 stay as 0 and 1.
    ok(&mut c, &[(user(0), trim(N, 2))]);
    let s = &c.state;
    let idx = storage_index(N, 0);
    assert_eq!(SUBNETWORK_N.get(s, &N).unwrap(), Some(2));
    assert_eq!(MAX_ALLOWED_UIDS.get(s, N).unwrap(), 2);
    assert_eq!(EMISSION.get(s, &N).unwrap(), Some(vec![0, 30]));
    assert_eq!(CONSENSUS.get(s, &N).unwrap(), Some(vec![100, 101]));
    assert_eq!(INCENTIVE.get(s, &idx).unwrap(), Some(vec![200, 201]));
    assert_eq!(KEYS.get(s, &N, &0).unwrap(), Some(hk[0]));
    assert_eq!(KEYS.get(s, &N, &1).unwrap(), Some(hk[1]));
    assert_eq!(KEYS.get(s, &N, &2).unwrap(), None);
    assert_eq!(UIDS.get(s, &N, &hk[1]).unwrap(), Some(1));
    assert_eq!(UIDS.get(s, &N, &hk[2]).unwrap(), None);
    assert_eq!(UIDS.get(s, &N, &hk[3]).unwrap(), None);
    assert_eq!(IS_NETWORK_MEMBER.get(s, &hk[3], &N).unwrap(), None);
    // Targets at removed uids are dropped; kept targets keep their (unchanged) uids.
    assert_eq!(WEIGHTS.get(s, &idx, &0).unwrap(), Some(vec![(1, 9)]));
    assert_eq!(WEIGHTS.get(s, &idx, &1).unwrap(), Some(vec![(0, 5)]));
    assert_eq!(WEIGHTS.get(s, &idx, &2).unwrap(), None);
    assert_eq!(BONDS.get(s, &idx, &1).unwrap(), Some(vec![(1, 3)]));
    // As in subtensor, every kept uid has a (possibly empty) bond row.
    assert_eq!(BONDS.get(s, &idx, &0).unwrap(), Some(vec![]));
}

#[test]
fn trim_remaps_targets_when_a_middle_uid_goes() {
    let mut c = trim_chain();
    let hk3 = hot_pair(3).public();
    // To 3: only uid2 (10) goes; uid3 becomes uid2.
    ok(&mut c, &[(user(0), trim(N, 3))]);
    let s = &c.state;
    let idx = storage_index(N, 0);
    assert_eq!(EMISSION.get(s, &N).unwrap(), Some(vec![0, 30, 20]));
    assert_eq!(KEYS.get(s, &N, &2).unwrap(), Some(hk3));
    assert_eq!(UIDS.get(s, &N, &hk3).unwrap(), Some(2));
    assert_eq!(KEYS.get(s, &N, &3).unwrap(), None);
    assert_eq!(
        WEIGHTS.get(s, &idx, &0).unwrap(),
        Some(vec![(1, 9), (2, 4)])
    );
    assert_eq!(
        WEIGHTS.get(s, &idx, &1).unwrap(),
        Some(vec![(0, 5), (2, 7)])
    );
    assert_eq!(BONDS.get(s, &idx, &1).unwrap(), Some(vec![(1, 3)]));
    assert_eq!(WEIGHTS.get(s, &idx, &3).unwrap(), None);
}

#[test]
fn trim_errors() {
    let mut c = trim_chain();
    let a = alice();
    let out = block(
        &mut c,
        &[
            (user(1), trim(N, 2)),
            (&a, trim(NetUid(9), 2)),
            (&a, trim(N, 0)),
            (&a, trim(N, 257)),
        ],
    );
    let names: Vec<_> = out.iter().map(name).collect();
    assert_eq!(
        names,
        [
            "BadOrigin",
            "SubnetNotExists",
            "InvalidValue",
            "InvalidValue"
        ]
    );
    // Every uid immune: 4 of 3 is over 80 %; nothing changes.
    poke(&mut c, |o| IMMUNITY_PERIOD.set(o, N, 60_000));
    let out = block(&mut c, &[(&a, trim(N, 3))]);
    assert_eq!(name(&out[0]), "TrimmingWouldExceedMaxImmunePercentage");
    assert_eq!(SUBNETWORK_N.get(&c.state, &N).unwrap(), Some(4));
    assert_eq!(MAX_ALLOWED_UIDS.get(&c.state, N).unwrap(), 256);
    // Not larger than max_n: only MaxAllowedUids changes.
    ok(&mut c, &[(&a, trim(N, 4))]);
    assert_eq!(MAX_ALLOWED_UIDS.get(&c.state, N).unwrap(), 4);
    assert_eq!(SUBNETWORK_N.get(&c.state, &N).unwrap(), Some(4));
    // The owner waits 30 days between trims.
    ok(&mut c, &[(user(0), trim(N, 4))]);
    let out = block(&mut c, &[(user(0), trim(N, 4))]);
    assert_eq!(name(&out[0]), "TxRateLimitExceeded");
}

#[test]
fn root_register_appends_then_replaces_the_least_staked() {
    let mut c = weights_chain();
    let root = NetUid::ROOT;
    // Room for two; one registration per block and three per interval by default.
    poke(&mut c, |o| {
        MAX_ALLOWED_UIDS.set(o, root, 2);
        TARGET_REGISTRATIONS_PER_INTERVAL.set(o, root, 10);
    });
    let reg = |i: usize| {
        sub(C::RootRegister {
            hotkey: hot_pair(i).public(),
        })
    };
    let out = block(&mut c, &[(user(1), reg(1)), (user(2), reg(2))]);
    assert_eq!(out[0], yuma_runtime::Outcome::Success);
    assert_eq!(name(&out[1]), "TooManyRegistrationsThisBlock");
    let out = block(&mut c, &[(user(1), reg(1))]);
    assert_eq!(name(&out[0]), "HotKeyAlreadyRegisteredInSubNet");
    ok(&mut c, &[(user(2), reg(2))]);
    let s = &c.state;
    assert_eq!(UIDS.get(s, &root, &hot_pair(1).public()).unwrap(), Some(0));
    assert_eq!(UIDS.get(s, &root, &hot_pair(2).public()).unwrap(), Some(1));
    assert!(delegation::is_delegate(s, &hot_pair(2).public()).unwrap());
    assert_eq!(delegation::take(s, &hot_pair(2).public()).unwrap(), 11_796);
    // Full: the newcomer must out-stake the least-staked uid (hot1: 5, hot2: 3 alpha on root).
    poke(&mut c, |o| {
        stake::pool::TOTAL_HOTKEY_ALPHA.insert(o, &hot_pair(1).public(), &root, &(5 * TAO));
        stake::pool::TOTAL_HOTKEY_ALPHA.insert(o, &hot_pair(2).public(), &root, &(3 * TAO));
        stake::pool::TOTAL_HOTKEY_ALPHA.insert(o, &hot_pair(3).public(), &root, &(3 * TAO));
    });
    let out = block(&mut c, &[(user(3), reg(3))]);
    assert_eq!(name(&out[0]), "StakeTooLowForRoot");
    poke(&mut c, |o| {
        stake::pool::TOTAL_HOTKEY_ALPHA.insert(o, &hot_pair(3).public(), &root, &(4 * TAO));
    });
    ok(&mut c, &[(user(3), reg(3))]);
    let s = &c.state;
    assert_eq!(UIDS.get(s, &root, &hot_pair(3).public()).unwrap(), Some(1));
    assert_eq!(UIDS.get(s, &root, &hot_pair(2).public()).unwrap(), None);
    assert_eq!(SUBNETWORK_N.get(s, &root).unwrap(), Some(2));
    assert_eq!(REGISTRATIONS_THIS_INTERVAL.get(s, &root).unwrap(), Some(3));
}

#[test]
fn root_register_is_limited_per_interval() {
    let mut c = weights_chain();
    // Target 1 per interval: three registrations, then TooManyRegistrationsThisInterval.
    for i in 1..4 {
        ok(
            &mut c,
            &[(
                user(i),
                sub(C::RootRegister {
                    hotkey: hot_pair(i).public(),
                }),
            )],
        );
    }
    let out = block(
        &mut c,
        &[(
            user(4),
            sub(C::RootRegister {
                hotkey: hot_pair(4).public(),
            }),
        )],
    );
    assert_eq!(name(&out[0]), "TooManyRegistrationsThisInterval");
}
