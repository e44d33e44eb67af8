//! The coinbase through real blocks (spec-emission): issuance conserved exactly over random
//! traffic (staking on root and root claims included), and a long run of ten subnets through a halving under Taoflow.

use crate::{subnets::*, util::*};
use proptest::prelude::*;
use yuma_primitives::{AccountId, AdminUtilsCall, NetUid, Pair, RuntimeCall, SubtensorCall as C};
use yuma_runtime::{
    balances,
    emission::{self, storage::*},
    genesis::GenesisConfig,
    stake,
    storage::Overlay,
    subnets,
    swap::storage as pool,
    system, MemoryChain,
};

fn alice() -> Pair {
    Pair::from_uri("//Alice").unwrap()
}

/// Subnet owner `i`.
fn owner(i: usize) -> Pair {
    Pair::from_uri(&format!("//owner{i}")).unwrap()
}

fn hotkey(i: usize) -> Pair {
    Pair::from_uri(&format!("//user{}//hot{}", i / 3, i % 3)).unwrap()
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

/// `netuids` registered by owners 0.. with hotkeys `//user{i}//hot0`, started, emission on,
/// tempo `tempo`; rate limits and minimum lock relaxed so many subnets fit.
fn started(genesis: GenesisConfig, netuids: usize, tempo: u16) -> MemoryChain {
    let mut c = MemoryChain::new(&genesis).unwrap();
    let a = alice();
    ok(
        &mut c,
        &[
            (
                &a,
                admin(AdminUtilsCall::SudoSetNetworkRateLimit { rate_limit: 0 }),
            ),
            (
                &a,
                admin(AdminUtilsCall::SudoSetSubnetLimit { max_subnets: 32 }),
            ),
            (
                &a,
                admin(AdminUtilsCall::SudoSetNetworkMinLockCost {
                    lock_cost: 10 * TAO,
                }),
            ),
            (
                &a,
                admin(AdminUtilsCall::SudoSetAdminFreezeWindow { window: 0 }),
            ),
        ],
    );
    let owners: Vec<Pair> = (0..netuids).map(owner).collect();
    for o in &owners {
        ok(
            &mut c,
            &[(o, sub(C::RegisterNetwork { hotkey: o.public() }))],
        );
    }
    for (i, o) in owners.iter().enumerate() {
        let n = NetUid(i as u16 + 1);
        ok(
            &mut c,
            &[
                (o, sub(C::StartCall { netuid: n })),
                (
                    &a,
                    admin(AdminUtilsCall::SudoSetSubnetEmissionEnabled {
                        netuid: n,
                        enabled: true,
                    }),
                ),
                (&a, admin(AdminUtilsCall::SudoSetTempo { netuid: n, tempo })),
                (
                    &a,
                    admin(AdminUtilsCall::SudoSetWeightsSetRateLimit {
                        netuid: n,
                        weights_set_rate_limit: 0,
                    }),
                ),
                (
                    &a,
                    admin(AdminUtilsCall::SudoSetCommitRevealWeightsEnabled {
                        netuid: n,
                        enabled: false,
                    }),
                ),
            ],
        );
    }
    c
}

/// TAO conservation: issuance is the sum of free balances, `genesis + minted = issuance +
/// burned`, every live subnet account holds at least its pool's TAO and `TotalStake` is their
/// sum or more (swap fees); alpha: what stakes and pending accumulators hold never exceeds the alpha outstanding.
fn check(c: &MemoryChain, genesis_total: u64, hotkeys: &[AccountId]) -> Result<(), TestCaseError> {
    let s = &c.state;
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
    let mut pools = 0u64;
    for n in subnets::all(s).unwrap() {
        if n == NetUid::ROOT {
            // Root stake, root claims' swapped TAO included, sits in root's account.
            let root_tao = pool::subnet_tao(s, n).unwrap();
            prop_assert!(balances::free(s, &subnets::subnet_account(n)).unwrap() >= root_tao);
            continue;
        }
        let tao = pool::subnet_tao(s, n).unwrap();
        // The registration burn's swap fee stays in the account outside the pool.
        prop_assert!(balances::free(s, &subnets::subnet_account(n)).unwrap() >= tao);
        pools += tao;
        let staked: u64 = hotkeys
            .iter()
            .map(|h| stake::hotkey_alpha(s, h, n).unwrap())
            .sum();
        let pending = PENDING_SERVER_EMISSION.get(s, n).unwrap()
            + PENDING_VALIDATOR_EMISSION.get(s, n).unwrap()
            + PENDING_ROOT_ALPHA_DIVS.get(s, n).unwrap()
            + PENDING_OWNER_CUT.get(s, n).unwrap()
            + SUBNET_PROTOCOL_ALPHA.get(s, n).unwrap();
        prop_assert!(
            staked + pending <= pool::subnet_alpha_out(s, n).unwrap(),
            "subnet {} holds more alpha than it minted",
            n
        );
    }
    // TotalStake counts swaps gross (fee included), the reserves net.
    prop_assert!(pool::total_stake(s).unwrap() >= pools);
    Ok(())
}

#[derive(Clone, Debug)]
enum Op {
    Register {
        coldkey: usize,
        netuid: u16,
        hotkey: usize,
    },
    Weights {
        hotkey: usize,
        netuid: u16,
        dests: Vec<u16>,
    },
    Toggle {
        netuid: u16,
        on: bool,
    },
    Transfer {
        from: usize,
        to: usize,
        amount: u64,
    },
    Advance(u8),
    /// Root stake (spec-emission §10): a user stakes on root to a hotkey.
    RootStake {
        coldkey: usize,
        hotkey: usize,
        amount: u64,
    },
    /// A user claims its root dividends on every subnet (§10.4).
    ClaimRoot {
        coldkey: usize,
    },
    /// A user keeps its root dividends as alpha or swaps them (the default).
    ClaimType {
        coldkey: usize,
        keep: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0usize..4, 1u16..4, 0usize..12).prop_map(|(coldkey, netuid, hotkey)| Op::Register { coldkey, netuid, hotkey }),
        3 => (0usize..12, 1u16..4, proptest::collection::vec(0u16..6, 1..4)).prop_map(|(hotkey, netuid, dests)| Op::Weights { hotkey, netuid, dests }),
        1 => (1u16..4, any::<bool>()).prop_map(|(netuid, on)| Op::Toggle { netuid, on }),
        2 => (0usize..4, 0usize..4, 1u64..1_000_000_000_000).prop_map(|(from, to, amount)| Op::Transfer { from, to, amount }),
        3 => (1u8..30).prop_map(Op::Advance),
        2 => (0usize..4, 0usize..12, 1u64..10_000_000_000_000).prop_map(|(coldkey, hotkey, amount)| Op::RootStake { coldkey, hotkey, amount }),
        2 => (0usize..4).prop_map(|coldkey| Op::ClaimRoot { coldkey }),
        1 => (0usize..4, any::<bool>()).prop_map(|(coldkey, keep)| Op::ClaimType { coldkey, keep }),
    ]
}

fn to_call(op: &Op) -> Option<(Pair, RuntimeCall)> {
    Some(match op {
        Op::Register {
            coldkey,
            netuid,
            hotkey: h,
        } => (
            user(*coldkey).clone(),
            sub(C::BurnedRegister {
                netuid: NetUid(*netuid),
                hotkey: hotkey(*h).public(),
            }),
        ),
        Op::Weights {
            hotkey: h,
            netuid,
            dests,
        } => (
            hotkey(*h),
            sub(C::SetWeights {
                netuid: NetUid(*netuid),
                dests: dests.clone(),
                weights: dests.iter().map(|d| d + 1).collect(),
                version_key: 0,
            }),
        ),
        Op::Toggle { netuid, on } => (
            alice(),
            admin(AdminUtilsCall::SudoSetSubnetEmissionEnabled {
                netuid: NetUid(*netuid),
                enabled: *on,
            }),
        ),
        Op::Transfer { from, to, amount } => (
            user(*from).clone(),
            transfer(user(*to).public(), *amount, true),
        ),
        Op::RootStake {
            coldkey,
            hotkey: h,
            amount,
        } => (
            user(*coldkey).clone(),
            sub(C::AddStake {
                hotkey: hotkey(*h).public(),
                netuid: NetUid::ROOT,
                amount_staked: *amount,
            }),
        ),
        Op::ClaimRoot { coldkey } => (
            user(*coldkey).clone(),
            sub(C::ClaimRoot {
                subnets: (1..=3).map(NetUid).collect(),
            }),
        ),
        Op::ClaimType { coldkey, keep } => (
            user(*coldkey).clone(),
            sub(C::SetRootClaimType {
                new_root_claim_type: if *keep {
                    yuma_primitives::RootClaimTypeEnum::Keep
                } else {
                    yuma_primitives::RootClaimTypeEnum::Swap
                },
            }),
        ),
        Op::Advance(_) => return None,
    })
}

fn traffic_genesis(split: &str) -> (GenesisConfig, u64) {
    let mut g = GenesisConfig::preset("empty").unwrap();
    g.params.emission_split = serde_json::from_value(serde_json::json!(split)).unwrap();
    let mut total = 0;
    for i in 0..4 {
        g.set_balance(user(i).public(), 100_000 * TAO);
        total += 100_000 * TAO;
    }
    for i in 0..12 {
        g.set_balance(hotkey(i).public(), TAO);
        total += TAO;
    }
    g.set_balance(alice().public(), 1_000 * TAO);
    for i in 0..3 {
        g.set_balance(owner(i).public(), 100_000 * TAO);
    }
    (g, total + 1_000 * TAO + 300_000 * TAO)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn coinbase_conserves_issuance_under_random_traffic(
        taoflow in any::<bool>(),
        blocks in proptest::collection::vec(proptest::collection::vec(op(), 1..6), 1..25),
    ) {
        let (g, genesis_total) = traffic_genesis(if taoflow { "taoflow" } else { "price_ema" });
        let mut c = started(g, 3, 10);
        // Moving prices of 1.0 (Σ = 3 > 1) so root dividends are paid, not recycled (§7.3),
        // and the root-stake and claim traffic moves real claimable alpha.
        poke(&mut c, |o| {
            for n in 1..=3 {
                yuma_runtime::subtensor::storage::SUBNET_MOVING_PRICE.insert(
                    o,
                    &NetUid(n),
                    &substrate_fixed::types::I96F32::from_num(1).to_bits(),
                );
            }
        });
        let hotkeys: Vec<AccountId> = (0..12).map(|i| hotkey(i).public()).collect();
        check(&c, genesis_total, &hotkeys)?;
        for ops in blocks {
            let calls: Vec<(Pair, RuntimeCall)> = ops.iter().filter_map(to_call).collect();
            let refs: Vec<(&Pair, RuntimeCall)> = calls.iter().map(|(p, c)| (p, c.clone())).collect();
            // Every block mints exactly the reward at the issuance it starts from.
            let expected = emission::issuance::block_emission(&c.state).unwrap();
            let minted = balances::MINTED.get(&c.state).unwrap().unwrap_or(0);
            block(&mut c, &refs);
            prop_assert_eq!(balances::MINTED.get(&c.state).unwrap().unwrap_or(0), minted + expected);
            check(&c, genesis_total, &hotkeys)?;
            for op in &ops {
                if let Op::Advance(k) = op {
                    for _ in 0..*k {
                        let expected = emission::issuance::block_emission(&c.state).unwrap();
                        let minted = balances::MINTED.get(&c.state).unwrap().unwrap_or(0);
                        advance(&mut c, 1);
                        prop_assert_eq!(balances::MINTED.get(&c.state).unwrap().unwrap_or(0), minted + expected);
                    }
                    check(&c, genesis_total, &hotkeys)?;
                }
            }
        }
    }
}

/// Ten subnets, tempo 10, 100 epochs each (1000 blocks) under Taoflow, starting 500 TAO below
/// the first halving: nine subnets with net inflow share the TAO, the one with net outflow gets
/// none; the reward halves exactly when issuance reaches 10.5M TAO; every epoch fires.
#[test]
fn ten_subnets_hundred_epochs_through_a_halving() {
    let mut g = GenesisConfig::preset("empty").unwrap();
    // EMA factor 2^-10 per block: the seeded flows persist through the run.
    g.params.flow_ema_smoothing_factor = (i64::MAX as u64) >> 10;
    g.params.max_epochs_per_block = 32;
    // Lock costs double per registration: start them at 10 TAO.
    g.params.network_min_lock_cost = 10 * TAO;
    let others = 10 * 100_000 * TAO + 1_000 * TAO;
    for i in 0..10 {
        g.set_balance(owner(i).public(), 100_000 * TAO);
    }
    g.set_balance(alice().public(), 1_000 * TAO);
    let threshold = 10_500_000 * TAO;
    // Fees are burned (no author), so issuance starts a little under this.
    g.set_balance(
        Pair::from_uri("//whale").unwrap().public(),
        threshold - 500 * TAO - others,
    );
    let mut c = started(g, 10, 10);
    let ns: Vec<NetUid> = (1..=10).map(NetUid).collect();
    poke(&mut c, |o| {
        for n in &ns[..9] {
            SUBNET_TAO_FLOW.insert(o, n, &(1_000 * TAO as i64));
        }
        SUBNET_TAO_FLOW.insert(o, &ns[9], &(-(1_000 * TAO as i64)));
    });
    let pools_before: Vec<u64> = ns
        .iter()
        .map(|n| pool::subnet_tao(&c.state, *n).unwrap())
        .collect();
    let epochs_before: Vec<u64> = ns
        .iter()
        .map(|n| {
            yuma_runtime::subtensor::storage::SUBNET_EPOCH_INDEX
                .get(&c.state, n)
                .unwrap()
                .unwrap_or(0)
        })
        .collect();
    let mut halved_at = None;
    for _ in 0..1000 {
        let ti = balances::total_issuance(&c.state).unwrap();
        let reward = emission::issuance::block_emission(&c.state).unwrap();
        assert_eq!(
            reward,
            if ti < threshold { TAO } else { TAO / 2 },
            "at issuance {ti}"
        );
        if reward == TAO / 2 && halved_at.is_none() {
            halved_at = Some(ti);
        }
        advance(&mut c, 1);
        assert_eq!(SUBNET_TAO_IN_EMISSION.get(&c.state, ns[9]).unwrap(), 0);
        assert_eq!(SUBNET_EXCESS_TAO.get(&c.state, ns[9]).unwrap(), 0);
    }
    let halved_at = halved_at.expect("the reward halved");
    // Issuance grows by what reaches pools (≤ 1 TAO, up to flooring dust): the first issuance
    // at or above the threshold is within one block reward of it.
    assert!(
        (threshold..threshold + TAO).contains(&halved_at),
        "{halved_at}"
    );
    assert_eq!(pool::subnet_tao(&c.state, ns[9]).unwrap(), pools_before[9]);
    // ≈ (500 × 1 + 500 × 0.5) / 9 ≈ 83 TAO each.
    for (n, before) in ns[..9].iter().zip(&pools_before) {
        let grown = pool::subnet_tao(&c.state, *n).unwrap() - before;
        assert!((70 * TAO..95 * TAO).contains(&grown), "subnet {n}: {grown}");
    }
    for (n, before) in ns.iter().zip(epochs_before) {
        let after = yuma_runtime::subtensor::storage::SUBNET_EPOCH_INDEX
            .get(&c.state, n)
            .unwrap()
            .unwrap_or(0);
        assert_eq!(after - before, 100, "subnet {n}");
    }
}
