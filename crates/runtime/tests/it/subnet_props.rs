//! Property: random sequences of subnet registrations (with pruning), neuron registrations
//! (with uid replacement), weight sets, commits, reveals, trims and dissolutions keep the subnet
//! invariants — uid maps consistent, n ≤ max, per-uid rows sized n and none orphaned, every
//! lock and burn held by its subnet account as `SubnetTAO`, and TAO issuance conserved.

use crate::{subnets::*, util::*};
use proptest::prelude::*;
use yuma_primitives::{AdminUtilsCall, NetUid, Pair, RuntimeCall, SubtensorCall as C, SudoCall};
use yuma_runtime::{
    balances, hyperparams::items::MAX_ALLOWED_UIDS, subnets, subtensor::storage::*, swap, system,
    weights, MemoryChain,
};

#[derive(Clone, Debug)]
enum Op {
    RegisterNetwork {
        coldkey: usize,
        hotkey: usize,
    },
    BurnedRegister {
        coldkey: usize,
        netuid: u16,
        hotkey: usize,
    },
    SetWeights {
        hotkey: usize,
        netuid: u16,
        dests: Vec<u16>,
        weights: Vec<u16>,
    },
    Commit {
        hotkey: usize,
        netuid: u16,
        salt: u16,
    },
    Reveal {
        hotkey: usize,
        netuid: u16,
        salt: u16,
    },
    Dissolve {
        netuid: u16,
    },
    Shrink {
        netuid: u16,
    },
    /// Root trims to `max_n` uids, with immunity off when `immunity_off`.
    Trim {
        netuid: u16,
        max_n: u16,
        immunity_off: bool,
    },
    Tune {
        netuid: u16,
        commit_reveal: bool,
    },
    Advance(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0usize..6, 0usize..3).prop_map(|(coldkey, h)| Op::RegisterNetwork { coldkey, hotkey: coldkey * 3 + h }),
        6 => (0usize..6, 1u16..3, 0usize..3).prop_map(|(coldkey, netuid, h)| Op::BurnedRegister { coldkey, netuid, hotkey: coldkey * 3 + h }),
        3 => (0usize..18, 1u16..3, proptest::collection::vec(0u16..6, 0..4), proptest::collection::vec(any::<u16>(), 0..4))
            .prop_map(|(hotkey, netuid, dests, weights)| Op::SetWeights { hotkey, netuid, dests, weights }),
        3 => (0usize..18, 1u16..3, 0u16..3).prop_map(|(hotkey, netuid, salt)| Op::Commit { hotkey, netuid, salt }),
        3 => (0usize..18, 1u16..3, 0u16..3).prop_map(|(hotkey, netuid, salt)| Op::Reveal { hotkey, netuid, salt }),
        1 => (1u16..3).prop_map(|netuid| Op::Dissolve { netuid }),
        2 => (1u16..3).prop_map(|netuid| Op::Shrink { netuid }),
        2 => (1u16..3, 1u16..5, any::<bool>()).prop_map(|(netuid, max_n, immunity_off)| Op::Trim { netuid, max_n, immunity_off }),
        2 => (1u16..3, any::<bool>()).prop_map(|(netuid, commit_reveal)| Op::Tune { netuid, commit_reveal }),
        2 => (1u8..40).prop_map(Op::Advance),
    ]
}

/// Hotkey `i` (0..18): `//user{i / 3}//hot{i % 3}`, owned by that user once it registers.
fn signer_hot(i: usize) -> Pair {
    Pair::from_uri(&format!("//user{}//hot{}", i / 3, i % 3)).unwrap()
}

fn setup() -> MemoryChain {
    let mut g = yuma_runtime::genesis::GenesisConfig::preset("empty").unwrap();
    for i in 0..6 {
        g.set_balance(user(i).public(), 100_000 * TAO);
    }
    for i in 0..18 {
        g.set_balance(signer_hot(i).public(), TAO);
    }
    g.set_balance(Pair::from_uri("//Alice").unwrap().public(), 100_000 * TAO);
    let mut c = MemoryChain::new(&g).unwrap();
    let alice = Pair::from_uri("//Alice").unwrap();
    ok(
        &mut c,
        &[
            (
                &alice,
                admin(AdminUtilsCall::SudoSetNetworkRateLimit { rate_limit: 0 }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetSubnetLimit { max_subnets: 2 }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetNetworkImmunityPeriod { immunity_period: 0 }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetNetworkMinLockCost {
                    lock_cost: 10 * TAO,
                }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetAdminFreezeWindow { window: 0 }),
            ),
        ],
    );
    // Two subnets to start from (the limit is 2, so further registrations prune).
    ok(
        &mut c,
        &[
            (
                user(0),
                sub(C::RegisterNetwork {
                    hotkey: signer_hot(0).public(),
                }),
            ),
            (
                user(1),
                sub(C::RegisterNetwork {
                    hotkey: signer_hot(3).public(),
                }),
            ),
        ],
    );
    c
}

fn to_call(c: &MemoryChain, op: &Op) -> Vec<(Pair, RuntimeCall)> {
    let v = vec![1u16, 2];
    let alice = Pair::from_uri("//Alice").unwrap();
    vec![match op {
        Op::Shrink { netuid } => {
            let n = NetUid(*netuid);
            let count = SUBNETWORK_N.get(&c.state, &n).unwrap().unwrap_or(0).max(1);
            return vec![
                (
                    alice.clone(),
                    admin(AdminUtilsCall::SudoSetMinAllowedUids {
                        netuid: n,
                        min_allowed_uids: 0,
                    }),
                ),
                (
                    alice,
                    admin(AdminUtilsCall::SudoSetMaxAllowedUids {
                        netuid: n,
                        max_allowed_uids: count,
                    }),
                ),
            ];
        }
        Op::RegisterNetwork { coldkey, hotkey } => (
            user(*coldkey).clone(),
            sub(C::RegisterNetwork {
                hotkey: signer_hot(*hotkey).public(),
            }),
        ),
        Op::BurnedRegister {
            coldkey,
            netuid,
            hotkey,
        } => (
            user(*coldkey).clone(),
            sub(C::BurnedRegister {
                netuid: NetUid(*netuid),
                hotkey: signer_hot(*hotkey).public(),
            }),
        ),
        Op::SetWeights {
            hotkey,
            netuid,
            dests,
            weights,
        } => (
            signer_hot(*hotkey),
            sub(C::SetWeights {
                netuid: NetUid(*netuid),
                dests: dests.clone(),
                weights: weights.clone(),
                version_key: 0,
            }),
        ),
        Op::Commit {
            hotkey,
            netuid,
            salt,
        } => {
            let h = signer_hot(*hotkey);
            let hash = weights::commit_hash(&h.public(), *netuid, &[0, 1], &v, &[*salt], 0);
            (
                h,
                sub(C::CommitWeights {
                    netuid: NetUid(*netuid),
                    commit_hash: hash,
                }),
            )
        }
        Op::Reveal {
            hotkey,
            netuid,
            salt,
        } => (
            signer_hot(*hotkey),
            sub(C::RevealWeights {
                netuid: NetUid(*netuid),
                uids: vec![0, 1],
                values: v,
                salt: vec![*salt],
                version_key: 0,
            }),
        ),
        Op::Dissolve { netuid } => (
            Pair::from_uri("//Alice").unwrap(),
            RuntimeCall::Sudo(SudoCall::Sudo {
                call: Box::new(sub(C::RootDissolveNetwork {
                    netuid: NetUid(*netuid),
                })),
            }),
        ),
        Op::Tune {
            netuid,
            commit_reveal,
        } => {
            let n = NetUid(*netuid);
            return vec![
                (
                    alice.clone(),
                    admin(AdminUtilsCall::SudoSetCommitRevealWeightsEnabled {
                        netuid: n,
                        enabled: *commit_reveal,
                    }),
                ),
                (
                    alice.clone(),
                    admin(AdminUtilsCall::SudoSetWeightsSetRateLimit {
                        netuid: n,
                        weights_set_rate_limit: 0,
                    }),
                ),
                (
                    alice,
                    admin(AdminUtilsCall::SudoSetTempo {
                        netuid: n,
                        tempo: 10,
                    }),
                ),
            ];
        }
        Op::Trim {
            netuid,
            max_n,
            immunity_off,
        } => {
            let n = NetUid(*netuid);
            let mut calls = vec![(
                alice.clone(),
                admin(AdminUtilsCall::SudoSetMinAllowedUids {
                    netuid: n,
                    min_allowed_uids: 0,
                }),
            )];
            if *immunity_off {
                calls.push((
                    alice.clone(),
                    admin(AdminUtilsCall::SudoSetImmunityPeriod {
                        netuid: n,
                        immunity_period: 0,
                    }),
                ));
            }
            calls.push((
                alice,
                admin(AdminUtilsCall::SudoTrimToMaxAllowedUids {
                    netuid: n,
                    max_n: *max_n,
                }),
            ));
            return calls;
        }
        Op::Advance(_) => return Vec::new(),
    }]
}

fn check(c: &MemoryChain, genesis_total: u64) -> Result<(), TestCaseError> {
    let s = &c.state;
    let live = subnets::all(s).unwrap();
    let mut pool_total = 0u64;
    for n in 1..5u16 {
        let n = NetUid(n);
        let keys = KEYS.iter_prefix(s, &n).unwrap();
        let uids = UIDS.iter_prefix(s, &n).unwrap();
        let account = balances::free(s, &subnets::subnet_account(n)).unwrap();
        if !live.contains(&n) {
            prop_assert!(
                keys.is_empty() && uids.is_empty(),
                "dissolved subnet {} keeps uids",
                n
            );
            prop_assert_eq!(account, 0);
            prop_assert!(WEIGHTS.iter_prefix(s, &n.0).unwrap().is_empty());
            continue;
        }
        let count = SUBNETWORK_N.get(s, &n).unwrap().unwrap_or(0);
        prop_assert!(count <= MAX_ALLOWED_UIDS.get(s, n).unwrap());
        prop_assert_eq!(keys.len(), usize::from(count));
        prop_assert_eq!(uids.len(), usize::from(count));
        for (uid, h) in &keys {
            prop_assert!(*uid < count);
            prop_assert_eq!(UIDS.get(s, &n, h).unwrap(), Some(*uid));
            prop_assert_eq!(IS_NETWORK_MEMBER.get(s, h, &n).unwrap(), Some(true));
        }
        let len = usize::from(count);
        prop_assert_eq!(ACTIVE.get(s, &n).unwrap().unwrap_or_default().len(), len);
        prop_assert_eq!(EMISSION.get(s, &n).unwrap().unwrap_or_default().len(), len);
        prop_assert_eq!(
            VALIDATOR_PERMIT
                .get(s, &n)
                .unwrap()
                .unwrap_or_default()
                .len(),
            len
        );
        prop_assert_eq!(
            LAST_UPDATE.get(s, &n.0).unwrap().unwrap_or_default().len(),
            len
        );
        prop_assert_eq!(
            INCENTIVE.get(s, &n.0).unwrap().unwrap_or_default().len(),
            len
        );
        for (uid, row) in WEIGHTS.iter_prefix(s, &n.0).unwrap() {
            prop_assert!(uid < count, "weights row of a missing uid");
            prop_assert!(row.iter().all(|(t, _)| *t < count));
        }
        for (uid, row) in BONDS.iter_prefix(s, &n.0).unwrap() {
            prop_assert!(uid < count, "bonds row of a missing uid");
            prop_assert!(row.iter().all(|(t, _)| *t < count));
        }
        for (uid, _) in BLOCK_AT_REGISTRATION.iter_prefix(s, &n).unwrap() {
            prop_assert!(uid < count, "registration block of a missing uid");
        }
        // Every lock and burn is held by the subnet account as the pool's TAO.
        // The registration burn's swap fee stays in the account outside the pool, and
        // TotalStake counts it (spec-staking-swap §3.3, §3.6), also after a dissolution.
        let tao = swap::storage::subnet_tao(s, n).unwrap();
        prop_assert!(account >= tao);
        pool_total += tao;
    }
    prop_assert!(swap::storage::total_stake(s).unwrap() >= pool_total);
    let sum: u64 = system::ACCOUNT
        .iter(s)
        .unwrap()
        .iter()
        .map(|(_, a)| a.data.free)
        .sum();
    let ti = balances::total_issuance(s).unwrap();
    let burned = balances::BURNED.get(s).unwrap().unwrap_or(0);
    let minted = balances::MINTED.get(s).unwrap().unwrap_or(0);
    prop_assert_eq!(ti, sum);
    prop_assert_eq!(genesis_total + minted, ti + burned);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    #[test]
    fn subnet_invariants_hold(blocks in proptest::collection::vec(proptest::collection::vec(op(), 1..10), 1..12)) {
        let mut c = setup();
        let genesis_total = 7 * 100_000 * TAO + 18 * TAO;
        check(&c, genesis_total)?;
        for ops in blocks {
            let mut calls = Vec::new();
            for op in &ops {
                match op {
                    Op::Advance(k) => advance(&mut c, u64::from(*k)),
                    other => calls.extend(to_call(&c, other)),
                }
            }
            let refs: Vec<(&Pair, RuntimeCall)> = calls.iter().map(|(p, c)| (p, c.clone())).collect();
            let outcomes = block(&mut c, &refs);
            for (o, (_, call)) in outcomes.iter().zip(&refs) {
                if std::env::var("PROP_STATS").is_ok() {
                    eprintln!("{:?} {:?}", call.name(), o);
                }
            }
            check(&c, genesis_total)?;
        }
    }
}
