//! Staking extrinsics end to end on a fixture world (spec-staking-swap §1.12, §2, §4) and the
//! bookkeeping invariants of §3 over random operation sequences.

use super::{
    calls,
    fixture::{acc, author, total_balances, world, TAO},
    flow, pool,
};
use crate::{
    balances,
    dispatch::{DispatchError, DispatchResult},
    event::RuntimeEvent,
    ext::Ext,
    hyperparams::items::{SUBTOKEN_ENABLED, TRANSFER_TOGGLE},
    storage::{MemoryStore, StorageRead},
    subnets,
    subtensor::{Error, SubtensorEvent},
    swap::{
        self,
        storage::{subnet_alpha_in, subnet_alpha_out, subnet_tao, total_stake},
        SwapError,
    },
};
use proptest::prelude::*;
use yuma_primitives::{AccountId, NetUid, SubtensorCall as C};

const N1: NetUid = NetUid(1);

fn cold(i: u8) -> AccountId {
    acc(10 + i)
}

fn hot(i: u8) -> AccountId {
    acc(100 + i)
}

/// Runs `f` as a dispatched call does: atomically, forgetting what it returns.
fn call<T>(
    ext: &mut Ext<'_>,
    f: impl FnOnce(&mut Ext<'_>) -> Result<T, DispatchError>,
) -> DispatchResult {
    ext.transactional(f).map(|_| ())
}

fn err(e: Error) -> DispatchResult {
    Err(e.into())
}

fn stake_events(ext: &Ext<'_>) -> Vec<SubtensorEvent> {
    ext.events
        .iter()
        .filter_map(|r| match &r.event {
            RuntimeEvent::SubtensorModule(e) => Some(e.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn add_stake_example_a_pays_the_author() {
    let base = world(&[(10 * TAO, 5 * TAO)], 1, 100 * TAO);
    let mut ext = Ext::new(&base, 2, Some(author()));
    call(&mut ext, |e| {
        calls::add_stake(e, &cold(0), &hot(0), N1, TAO)
    })
    .unwrap();
    let s = &ext.state;
    assert_eq!(
        pool::alpha_stake(s, &hot(0), &cold(0), N1).unwrap(),
        454_337_367
    );
    assert_eq!(balances::free(s, &cold(0)).unwrap(), 99 * TAO);
    assert_eq!(balances::free(s, &author()).unwrap(), 503_547);
    assert_eq!(flow::tao_flow(s, N1).unwrap(), 999_496_453);
    assert_eq!(total_stake(s).unwrap(), 11 * TAO);
    assert_eq!(
        balances::free(s, &subnets::subnet_account(N1)).unwrap(),
        subnet_tao(s, N1).unwrap()
    );
    assert_eq!(
        stake_events(&ext),
        vec![SubtensorEvent::StakeAdded(
            cold(0),
            hot(0),
            TAO,
            454_337_367,
            N1,
            503_547
        )]
    );
}

#[test]
fn remove_stake_example_b_resells_the_fee_for_the_author() {
    let base = world(&[(10 * TAO, 5 * TAO)], 1, 100 * TAO);
    let mut ext = Ext::new(&base, 2, Some(author()));
    // The coldkey holds 1 α already outstanding.
    pool::increase_stake_for_hotkey_and_coldkey_on_subnet(
        &mut ext.state,
        &hot(0),
        &cold(0),
        N1,
        TAO,
    )
    .unwrap();
    swap::storage::add_alpha_out(&mut ext.state, N1, TAO).unwrap();
    call(&mut ext, |e| {
        calls::remove_stake(e, &cold(0), &hot(0), N1, TAO)
    })
    .unwrap();
    let s = &ext.state;
    assert_eq!(
        balances::free(s, &cold(0)).unwrap(),
        100 * TAO + 1_665_967_237
    );
    assert_eq!(balances::free(s, &author()).unwrap(), 699_429);
    assert_eq!(subnet_alpha_in(s, N1).unwrap(), 6 * TAO);
    assert_eq!(subnet_tao(s, N1).unwrap(), 8_333_333_334);
    assert_eq!(subnet_alpha_out(s, N1).unwrap(), 0);
    assert_eq!(flow::tao_flow(s, N1).unwrap(), -1_666_666_666);
    assert_eq!(total_stake(s).unwrap(), 10 * TAO - 1_666_666_666);
    assert_eq!(pool::alpha_stake(s, &hot(0), &cold(0), N1).unwrap(), 0);
}

#[test]
fn add_stake_limit_example_d() {
    let base = world(&[(150 * TAO, 100 * TAO)], 1, 1000 * TAO);
    // Fill or kill: 900 τ is more than the limit allows.
    let mut ext = Ext::new(&base, 2, Some(author()));
    let r = call(&mut ext, |e| {
        calls::add_stake_limit(e, &cold(0), &hot(0), N1, 900 * TAO, 24 * TAO, false)
    });
    assert_eq!(r, err(Error::SlippageTooHigh));
    // Partial: exactly max_amount is staked and 75 α received; the price reaches 24.
    call(&mut ext, |e| {
        calls::add_stake_limit(e, &cold(0), &hot(0), N1, 900 * TAO, 24 * TAO, true)
    })
    .unwrap();
    let s = &ext.state;
    assert_eq!(
        pool::alpha_stake(s, &hot(0), &cold(0), N1).unwrap(),
        75 * TAO
    );
    assert_eq!(
        balances::free(s, &cold(0)).unwrap(),
        1000 * TAO - 450_226_710_634
    );
    assert_eq!(swap::current_price(s, N1).unwrap(), 24);
    // Now the price is at the limit: PriceLimitExceeded from the max-amount computation.
    let r = call(&mut ext, |e| {
        calls::add_stake_limit(e, &cold(0), &hot(0), N1, TAO, 24 * TAO, true)
    });
    assert_eq!(r, Err(SwapError::PriceLimitExceeded.into()));
}

#[test]
fn remove_stake_limit_example_e() {
    // No author: the fee alpha is burned rather than re-sold, so the price after is the one
    // of the user's own swap (a re-sale for an author lowers it a little more, as upstream).
    let base = world(&[(150 * TAO, 100 * TAO)], 1, 1000 * TAO);
    let mut ext = Ext::new(&base, 2, None);
    pool::increase_stake_for_hotkey_and_coldkey_on_subnet(
        &mut ext.state,
        &hot(0),
        &cold(0),
        N1,
        200 * TAO,
    )
    .unwrap();
    swap::storage::add_alpha_out(&mut ext.state, N1, 200 * TAO).unwrap();
    let r = call(&mut ext, |e| {
        calls::remove_stake_limit(e, &cold(0), &hot(0), N1, 150 * TAO, 1_350_000_000, false)
    });
    assert_eq!(r, err(Error::SlippageTooHigh));
    call(&mut ext, |e| {
        calls::remove_stake_limit(e, &cold(0), &hot(0), N1, 150 * TAO, 1_350_000_000, true)
    })
    .unwrap();
    let s = &ext.state;
    assert_eq!(
        pool::alpha_stake(s, &hot(0), &cold(0), N1).unwrap(),
        200 * TAO - 5_411_980_528
    );
    assert_eq!(
        balances::free(s, &cold(0)).unwrap(),
        1000 * TAO + 7_697_505_291
    );
    assert!(swap::current_price(s, N1).unwrap() >= swap::engine::limit_from_rao(1_350_000_000));
}

#[test]
fn validation_errors_in_subtensor_order() {
    let base = world(
        &[(100 * TAO, 100 * TAO), (100 * TAO, 100 * TAO)],
        2,
        10 * TAO,
    );
    let mut ext = Ext::new(&base, 2, None);
    let c = cold(0);
    // add: subnet missing, 1 rao, more than the balance, unknown hotkey.
    let add = |e: &mut Ext<'_>, h: AccountId, n: NetUid, a: u64| {
        call(e, |e| calls::add_stake(e, &c, &h, n, a))
    };
    assert_eq!(
        add(&mut ext, hot(0), NetUid(9), TAO),
        err(Error::SubnetNotExists)
    );
    assert_eq!(add(&mut ext, hot(0), N1, 1), err(Error::AmountTooLow));
    assert_eq!(
        add(&mut ext, hot(0), N1, 11 * TAO),
        err(Error::NotEnoughBalanceToStake)
    );
    assert_eq!(
        add(&mut ext, acc(99), N1, TAO),
        err(Error::HotKeyAccountNotExists)
    );
    // Subtoken disabled.
    SUBTOKEN_ENABLED.set(&mut ext.state, NetUid(2), false);
    assert_eq!(
        add(&mut ext, hot(0), NetUid(2), TAO),
        err(Error::SubtokenDisabled)
    );
    SUBTOKEN_ENABLED.set(&mut ext.state, NetUid(2), true);
    // remove: zero, and more than owned through the (uncapped) limit path.
    add(&mut ext, hot(0), N1, 5 * TAO).unwrap();
    let owned = pool::alpha_stake(&ext.state, &hot(0), &c, N1).unwrap();
    assert_eq!(
        call(&mut ext, |e| calls::remove_stake(e, &c, &hot(0), N1, 0)),
        err(Error::AmountTooLow)
    );
    assert_eq!(
        call(&mut ext, |e| {
            calls::remove_stake_limit(e, &c, &hot(0), N1, owned + 1, 0, true)
        }),
        err(Error::NotEnoughStakeToWithdraw)
    );
    // Leaving dust behind: an unstake worth less than the minimum stake.
    assert_eq!(
        call(&mut ext, |e| calls::remove_stake(e, &c, &hot(0), N1, 1_000)),
        err(Error::AmountTooLow)
    );
    // Moves.
    assert_eq!(
        call(&mut ext, |e| calls::move_stake(
            e,
            &c,
            &hot(0),
            &hot(0),
            N1,
            N1,
            owned
        )),
        err(Error::SameNetuid)
    );
    assert_eq!(
        call(&mut ext, |e| calls::swap_stake(
            e,
            &c,
            &hot(0),
            N1,
            N1,
            owned,
            None
        )),
        err(Error::SameNetuid)
    );
    assert_eq!(
        call(&mut ext, |e| calls::move_stake(
            e,
            &c,
            &hot(0),
            &hot(0),
            N1,
            NetUid(2),
            1
        )),
        err(Error::AmountTooLow)
    );
    assert_eq!(
        call(&mut ext, |e| calls::transfer_stake(
            e,
            &c,
            &cold(1),
            &hot(0),
            N1,
            N1,
            1
        )),
        err(Error::AmountTooLow)
    );
    TRANSFER_TOGGLE.set(&mut ext.state, N1, false);
    assert_eq!(
        call(&mut ext, |e| calls::transfer_stake(
            e,
            &c,
            &cold(1),
            &hot(0),
            N1,
            N1,
            owned
        )),
        err(Error::TransferDisallowed)
    );
    // Recycle and burn on root are refused.
    assert_eq!(
        call(&mut ext, |e| calls::recycle_or_burn_alpha(
            e,
            &c,
            &hot(0),
            1,
            NetUid::ROOT,
            true
        )),
        err(Error::CannotBurnOrRecycleOnRootSubnet)
    );
}

#[test]
fn a_failed_call_changes_nothing() {
    let base = world(&[(100 * TAO, 100 * TAO)], 1, 10 * TAO);
    let mut ext = Ext::new(&base, 2, Some(author()));
    let before = ext.state.iter_prefix(&[]);
    let r = call(&mut ext, |e| {
        calls::add_stake(e, &cold(0), &hot(0), N1, 11 * TAO)
    });
    assert!(r.is_err());
    assert_eq!(ext.state.iter_prefix(&[]), before);
    assert!(ext.events.is_empty());
}

#[test]
fn root_stake_is_one_to_one() {
    let base = world(&[], 1, 10 * TAO);
    let mut ext = Ext::new(&base, 2, Some(author()));
    call(&mut ext, |e| {
        calls::add_stake(e, &cold(0), &hot(0), NetUid::ROOT, TAO)
    })
    .unwrap();
    let s = &ext.state;
    assert_eq!(
        pool::alpha_stake(s, &hot(0), &cold(0), NetUid::ROOT).unwrap(),
        TAO
    );
    assert_eq!(subnet_tao(s, NetUid::ROOT).unwrap(), TAO);
    assert_eq!(subnet_alpha_out(s, NetUid::ROOT).unwrap(), TAO);
    assert_eq!(balances::free(s, &author()).unwrap(), 0);
    assert_eq!(flow::tao_flow(s, NetUid::ROOT).unwrap(), TAO as i64);
    call(&mut ext, |e| {
        calls::remove_stake(e, &cold(0), &hot(0), NetUid::ROOT, TAO)
    })
    .unwrap();
    let s = &ext.state;
    assert_eq!(subnet_alpha_in(s, NetUid::ROOT).unwrap(), TAO);
    assert_eq!(balances::free(s, &cold(0)).unwrap(), 10 * TAO);
    assert_eq!(flow::tao_flow(s, NetUid::ROOT).unwrap(), 0);
}

#[test]
fn cross_subnet_move_pays_one_fee_and_emits_three_events() {
    let base = world(
        &[(1000 * TAO, 1000 * TAO), (1000 * TAO, 1000 * TAO)],
        1,
        100 * TAO,
    );
    let mut ext = Ext::new(&base, 2, Some(author()));
    call(&mut ext, |e| {
        calls::add_stake(e, &cold(0), &hot(0), N1, 10 * TAO)
    })
    .unwrap();
    let a = pool::alpha_stake(&ext.state, &hot(0), &cold(0), N1).unwrap();
    ext.events.clear();
    call(&mut ext, |e| {
        calls::move_stake(e, &cold(0), &hot(0), &hot(1), N1, NetUid(2), a)
    })
    .unwrap();
    let s = &ext.state;
    assert_eq!(pool::alpha_stake(s, &hot(0), &cold(0), N1).unwrap(), 0);
    let moved = pool::alpha_stake(s, &hot(1), &cold(0), NetUid(2)).unwrap();
    // Roughly a - fees; the destination leg is fee-free.
    assert!(moved < a && moved > a - a / 500, "{moved} vs {a}");
    let ev = stake_events(&ext);
    assert_eq!(ev.len(), 3);
    assert!(matches!(ev[0], SubtensorEvent::StakeRemoved(..)));
    assert!(matches!(
        ev[1],
        SubtensorEvent::StakeAdded(_, _, _, _, _, 0)
    ));
    assert!(matches!(ev[2], SubtensorEvent::StakeMoved(..)));
}

#[test]
fn same_subnet_transfer_moves_shares_without_fee() {
    let base = world(&[(1000 * TAO, 1000 * TAO)], 2, 100 * TAO);
    let mut ext = Ext::new(&base, 2, None);
    call(&mut ext, |e| {
        calls::add_stake(e, &cold(0), &hot(0), N1, 10 * TAO)
    })
    .unwrap();
    let a = pool::alpha_stake(&ext.state, &hot(0), &cold(0), N1).unwrap();
    call(&mut ext, |e| {
        calls::transfer_stake(e, &cold(0), &cold(1), &hot(0), N1, N1, a)
    })
    .unwrap();
    assert_eq!(
        pool::alpha_stake(&ext.state, &hot(0), &cold(1), N1).unwrap(),
        a
    );
    assert_eq!(
        pool::alpha_stake(&ext.state, &hot(0), &cold(0), N1).unwrap(),
        0
    );
}

#[test]
fn unstake_all_alpha_restakes_on_root_and_fails_with_nothing() {
    let base = world(
        &[(1000 * TAO, 1000 * TAO), (500 * TAO, 1000 * TAO)],
        1,
        100 * TAO,
    );
    let mut ext = Ext::new(&base, 2, Some(author()));
    assert_eq!(
        call(&mut ext, |e| calls::unstake_all_alpha(e, &cold(0), &hot(0))),
        err(Error::AmountTooLow)
    );
    call(&mut ext, |e| {
        calls::add_stake(e, &cold(0), &hot(0), N1, 10 * TAO)
    })
    .unwrap();
    call(&mut ext, |e| {
        calls::add_stake(e, &cold(0), &hot(0), NetUid(2), 10 * TAO)
    })
    .unwrap();
    let bal = balances::free(&ext.state, &cold(0)).unwrap();
    call(&mut ext, |e| calls::unstake_all_alpha(e, &cold(0), &hot(0))).unwrap();
    let s = &ext.state;
    assert_eq!(pool::alpha_stake(s, &hot(0), &cold(0), N1).unwrap(), 0);
    assert_eq!(
        pool::alpha_stake(s, &hot(0), &cold(0), NetUid(2)).unwrap(),
        0
    );
    let root = pool::alpha_stake(s, &hot(0), &cold(0), NetUid::ROOT).unwrap();
    assert!(root > 19 * TAO && root < 20 * TAO, "{root}");
    assert_eq!(balances::free(s, &cold(0)).unwrap(), bal);
}

#[test]
fn recycle_reduces_alpha_out_and_burn_does_not() {
    let base = world(&[(1000 * TAO, 1000 * TAO)], 1, 100 * TAO);
    let mut ext = Ext::new(&base, 2, None);
    call(&mut ext, |e| {
        calls::add_stake(e, &cold(0), &hot(0), N1, 10 * TAO)
    })
    .unwrap();
    let out = subnet_alpha_out(&ext.state, N1).unwrap();
    call(&mut ext, |e| {
        calls::recycle_or_burn_alpha(e, &cold(0), &hot(0), TAO, N1, true)
    })
    .unwrap();
    assert_eq!(subnet_alpha_out(&ext.state, N1).unwrap(), out - TAO);
    call(&mut ext, |e| {
        calls::recycle_or_burn_alpha(e, &cold(0), &hot(0), TAO, N1, false)
    })
    .unwrap();
    assert_eq!(subnet_alpha_out(&ext.state, N1).unwrap(), out - TAO);
    assert_eq!(
        pool::alpha_stake(&ext.state, &hot(0), &cold(0), N1).unwrap(),
        out - 2 * TAO
    );
}

#[test]
fn small_nominations_are_swept() {
    let base = world(&[(1000 * TAO, 1000 * TAO)], 1, 100 * TAO);
    let mut ext = Ext::new(&base, 2, None);
    // factor 10^9 → nominator minimum 2 TAO.
    super::NOMINATOR_MIN_REQUIRED_STAKE.put(&mut ext.state, &1_000_000_000);
    call(&mut ext, |e| {
        calls::add_stake(e, &cold(0), &hot(0), N1, 5 * TAO)
    })
    .unwrap();
    let a = pool::alpha_stake(&ext.state, &hot(0), &cold(0), N1).unwrap();
    // Leaving ~1 α (< 2 τ at price ≈ 1) unstakes the rest too.
    call(&mut ext, |e| {
        calls::remove_stake(e, &cold(0), &hot(0), N1, a - TAO)
    })
    .unwrap();
    assert_eq!(
        pool::alpha_stake(&ext.state, &hot(0), &cold(0), N1).unwrap(),
        0
    );
}

// ---- §3 invariants over random sequences ----

#[derive(Clone, Debug)]
enum Op {
    Add(u8, u8, u16, u64),
    AddLimit(u8, u8, u16, u64, u64, bool),
    Remove(u8, u8, u16, u64),
    RemoveLimit(u8, u8, u16, u64, u64, bool),
    Move(u8, u8, u8, u16, u16, u64),
    Transfer(u8, u8, u8, u16, u16, u64),
    UnstakeAll(u8, u8),
}

fn op() -> impl Strategy<Value = Op> {
    let c = 0u8..2;
    let h = 0u8..2;
    let n = 0u16..4;
    let tao = prop_oneof![1u64..10_000_000, 1_000_000u64..50 * TAO];
    prop_oneof![
        3 => (c.clone(), h.clone(), n.clone(), tao.clone()).prop_map(|(c, h, n, a)| Op::Add(c, h, n, a)),
        2 => (
            c.clone(),
            h.clone(),
            n.clone(),
            tao.clone(),
            0u64..4 * TAO,
            any::<bool>()
        )
            .prop_map(|(c, h, n, a, l, p)| Op::AddLimit(c, h, n, a, l, p)),
        3 => (c.clone(), h.clone(), n.clone(), tao.clone())
            .prop_map(|(c, h, n, a)| Op::Remove(c, h, n, a)),
        2 => (
            c.clone(),
            h.clone(),
            n.clone(),
            tao.clone(),
            0u64..4 * TAO,
            any::<bool>()
        )
            .prop_map(|(c, h, n, a, l, p)| Op::RemoveLimit(c, h, n, a, l, p)),
        2 => (
            c.clone(),
            h.clone(),
            h.clone(),
            n.clone(),
            n.clone(),
            tao.clone()
        )
            .prop_map(|(c, h1, h2, n1, n2, a)| Op::Move(c, h1, h2, n1, n2, a)),
        2 => (c.clone(), c.clone(), h.clone(), n.clone(), n.clone(), tao)
            .prop_map(|(c1, c2, h, n1, n2, a)| Op::Transfer(c1, c2, h, n1, n2, a)),
        1 => (c, h).prop_map(|(c, h)| Op::UnstakeAll(c, h)),
    ]
}

/// The call of `op`; alpha amounts are read as per-mille of the position's current stake so
/// that unstakes and moves mostly act on real positions.
fn to_call(op: &Op, s: &dyn StorageRead) -> (AccountId, C) {
    let part = |c: u8, h: u8, n: u16, a: u64| {
        let st = pool::alpha_stake(s, &hot(h), &cold(c), NetUid(n)).unwrap();
        (u128::from(st) * u128::from(a % 1001) / 1000) as u64
    };
    match *op {
        Op::Add(c, h, n, a) => (
            cold(c),
            C::AddStake {
                hotkey: hot(h),
                netuid: NetUid(n),
                amount_staked: a,
            },
        ),
        Op::AddLimit(c, h, n, a, l, p) => (
            cold(c),
            C::AddStakeLimit {
                hotkey: hot(h),
                netuid: NetUid(n),
                amount_staked: a,
                limit_price: l,
                allow_partial: p,
            },
        ),
        Op::Remove(c, h, n, a) => (
            cold(c),
            C::RemoveStake {
                hotkey: hot(h),
                netuid: NetUid(n),
                amount_unstaked: part(c, h, n, a),
            },
        ),
        Op::RemoveLimit(c, h, n, a, l, p) => (
            cold(c),
            C::RemoveStakeLimit {
                hotkey: hot(h),
                netuid: NetUid(n),
                amount_unstaked: part(c, h, n, a),
                limit_price: l,
                allow_partial: p,
            },
        ),
        Op::Move(c, h1, h2, n1, n2, a) => (
            cold(c),
            C::MoveStake {
                origin_hotkey: hot(h1),
                destination_hotkey: hot(h2),
                origin_netuid: NetUid(n1),
                destination_netuid: NetUid(n2),
                alpha_amount: part(c, h1, n1, a),
            },
        ),
        Op::Transfer(c1, c2, h, n1, n2, a) => (
            cold(c1),
            C::TransferStake {
                destination_coldkey: cold(c2),
                hotkey: hot(h),
                origin_netuid: NetUid(n1),
                destination_netuid: NetUid(n2),
                alpha_amount: part(c1, h, n1, a),
            },
        ),
        Op::UnstakeAll(c, h) => (cold(c), C::UnstakeAll { hotkey: hot(h) }),
    }
}

const POOLS: [(u64, u64); 3] = [
    (100 * TAO, 100 * TAO),
    (40 * TAO, 160 * TAO),
    (500 * TAO, 50 * TAO),
];

fn check_invariants(s: &dyn StorageRead, issuance: u64) -> Result<(), TestCaseError> {
    // TAO: every rao is in some account (fees to the author, burns to the burn account).
    prop_assert_eq!(total_balances(s), issuance);
    prop_assert_eq!(balances::total_issuance(s).unwrap(), issuance);
    for (i, (_, alpha0)) in POOLS.iter().enumerate() {
        let n = NetUid(i as u16 + 1);
        // Swaps never change AlphaIn + AlphaOut.
        prop_assert_eq!(
            subnet_alpha_in(s, n).unwrap() + subnet_alpha_out(s, n).unwrap(),
            *alpha0
        );
        // The subnet account holds its pool.
        let acct = balances::free(s, &subnets::subnet_account(n)).unwrap();
        prop_assert!(acct >= subnet_tao(s, n).unwrap());
        prop_assert!(swap::current_price(s, n).unwrap() > 0);
        // Alpha outstanding is exactly the hotkeys' pools; each pool pays at most what it holds.
        let mut sum_s = 0u64;
        for h in 0..3 {
            let sv = pool::hotkey_alpha(s, &hot(h), n).unwrap();
            sum_s += sv;
            let vals: u64 = (0..3)
                .map(|c| pool::alpha_stake(s, &hot(h), &cold(c), n).unwrap())
                .sum();
            prop_assert!(
                vals <= sv && sv - vals < 3,
                "pool {} {}: {} vs {}",
                h,
                n.0,
                vals,
                sv
            );
        }
        prop_assert_eq!(sum_s, subnet_alpha_out(s, n).unwrap());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn random_stake_sequences_keep_the_books(ops in proptest::collection::vec(op(), 1..32)) {
        let base: MemoryStore = world(&POOLS, 3, 200 * TAO);
        let issuance = balances::total_issuance(&base).unwrap();
        let mut ext = Ext::new(&base, 2, Some(author()));
        // The author must exist to receive small fees.
        balances::set_free(&mut ext, &author(), TAO).unwrap();
        let issuance = issuance + TAO;
        balances::TOTAL_ISSUANCE.put(&mut ext.state, &issuance);
        for op in &ops {
            let (signer, c) = to_call(op, &ext.state);
            let before = ext.state.iter_prefix(&[]);
            let r: Result<(), DispatchError> = ext.transactional(|e| calls::dispatch(e, &signer, &c));
            if r.is_err() {
                prop_assert_eq!(ext.state.iter_prefix(&[]), before, "failed {:?} wrote state", op);
            }
            check_invariants(&ext.state, issuance)?;
        }
    }
}

#[test]
fn swap_stake_limit_moves_what_the_ratio_allows() {
    // §4: two price-1.5 pools, the destination 10^5× deeper, relative limit 0.99: the
    // constant-product estimate α_d·t_o/(t_o+t_d)/L − α_o·t_d/(t_o+t_d) ≈ 1.01 α of 150.
    let deep = 100_000u64;
    let base = world(
        &[(150 * TAO, 100 * TAO), (150 * TAO * deep, 100 * TAO * deep)],
        1,
        10 * TAO,
    );
    let mut ext = Ext::new(&base, 2, Some(author()));
    pool::increase_stake_for_hotkey_and_coldkey_on_subnet(
        &mut ext.state,
        &hot(0),
        &cold(0),
        N1,
        150 * TAO,
    )
    .unwrap();
    swap::storage::add_alpha_out(&mut ext.state, N1, 150 * TAO).unwrap();
    let r = call(&mut ext, |e| {
        calls::swap_stake(
            e,
            &cold(0),
            &hot(0),
            N1,
            NetUid(2),
            150 * TAO,
            Some((990_000_000, false)),
        )
    });
    assert_eq!(r, err(Error::SlippageTooHigh));
    call(&mut ext, |e| {
        calls::swap_stake(
            e,
            &cold(0),
            &hot(0),
            N1,
            NetUid(2),
            150 * TAO,
            Some((990_000_000, true)),
        )
    })
    .unwrap();
    let left = pool::alpha_stake(&ext.state, &hot(0), &cold(0), N1).unwrap();
    let moved = 150 * TAO - left;
    assert!((1_000_000_000..1_020_000_000).contains(&moved), "{moved}");
    assert!(pool::alpha_stake(&ext.state, &hot(0), &cold(0), NetUid(2)).unwrap() > 0);
}

#[test]
fn unstaking_everything_brings_the_flow_back_near_zero() {
    // §4: staking then unstaking all leaves only the rounding of two swaps (the author's
    // fee re-sale counts as outflow).
    let base = world(&[(1000 * TAO, 1000 * TAO)], 1, 100 * TAO);
    let mut ext = Ext::new(&base, 2, Some(author()));
    balances::set_free(&mut ext, &author(), TAO).unwrap();
    call(&mut ext, |e| {
        calls::add_stake(e, &cold(0), &hot(0), N1, TAO / 10)
    })
    .unwrap();
    // Inflow is the net of the fee: floor(10^8 × 33/65535) = 50354.
    assert_eq!(
        flow::tao_flow(&ext.state, N1).unwrap(),
        100_000_000 - 50_354
    );
    call(&mut ext, |e| calls::unstake_all(e, &cold(0), &hot(0))).unwrap();
    let f = flow::tao_flow(&ext.state, N1).unwrap();
    assert!((0..=2).contains(&f), "{f}");
}

#[test]
fn add_stake_burn_buys_then_burns_exactly_what_it_bought() {
    // §2.5 "subnet buyback" on example A's pool (10 τ, 5 α): 1 τ buys 454 337 367 α (the
    // figure of `add_stake_example_a_pays_the_author`), which is burned at once, so the
    // stake is back to 0 while `SubnetAlphaOut` keeps the alpha (a burn, not a recycle).
    let base = world(&[(10 * TAO, 5 * TAO)], 1, 100 * TAO);
    let mut ext = Ext::new(&base, 2, Some(author()));
    call(&mut ext, |e| {
        calls::add_stake_burn(e, &cold(0), &hot(0), N1, TAO, None)
    })
    .unwrap();
    let s = &ext.state;
    assert_eq!(pool::alpha_stake(s, &hot(0), &cold(0), N1).unwrap(), 0);
    assert_eq!(subnet_alpha_out(s, N1).unwrap(), 454_337_367);
    assert_eq!(balances::free(s, &cold(0)).unwrap(), 99 * TAO);
    assert_eq!(
        stake_events(&ext),
        vec![
            SubtensorEvent::StakeAdded(cold(0), hot(0), TAO, 454_337_367, N1, 503_547),
            SubtensorEvent::AlphaBurned(cold(0), hot(0), 454_337_367, N1),
            SubtensorEvent::AddStakeBurn {
                netuid: N1,
                hotkey: hot(0),
                amount: TAO,
                alpha: 454_337_367,
            },
        ]
    );
}

#[test]
fn add_stake_burn_with_a_limit_below_the_price_changes_nothing() {
    // Price 10/5 = 2 τ/α; with a limit of 1 τ/α `get_max_amount_add` already fails in the
    // swap pallet (§2.6 propagates PriceLimitExceeded), so nothing is bought or burned.
    let base = world(&[(10 * TAO, 5 * TAO)], 1, 100 * TAO);
    let mut ext = Ext::new(&base, 2, Some(author()));
    let before = ext.state.iter_prefix(&[]);
    let r = call(&mut ext, |e| {
        calls::add_stake_burn(e, &cold(0), &hot(0), N1, TAO, Some(TAO))
    });
    assert_eq!(r, Err(SwapError::PriceLimitExceeded.into()));
    assert_eq!(ext.state.iter_prefix(&[]), before);
    assert!(ext.events.is_empty());
    // A limit above the price (3 τ/α) fills: 1 τ moves the price only to 11/4.55 ≈ 2.42.
    call(&mut ext, |e| {
        calls::add_stake_burn(e, &cold(0), &hot(0), N1, TAO, Some(3 * TAO))
    })
    .unwrap();
    assert_eq!(subnet_alpha_out(&ext.state, N1).unwrap(), 454_337_367);
}

#[test]
fn remove_stake_below_the_threshold_drops_pending_children_everywhere() {
    // subtensor's remove_stake step 6: once the TAO value of the hotkey's stake is under
    // StakeThreshold, its scheduled child lists go on every subnet; above it they stay.
    use crate::{childkeys::PENDING_CHILD_KEYS, hyperparams::items::STAKE_THRESHOLD};
    let base = world(&[(1000 * TAO, 1000 * TAO)], 1, 100 * TAO);
    let mut ext = Ext::new(&base, 2, None);
    call(&mut ext, |e| {
        calls::add_stake(e, &cold(0), &hot(0), N1, 10 * TAO)
    })
    .unwrap();
    let pending = (vec![(u64::MAX, hot(1))], 7_200u64);
    for n in [NetUid::ROOT, N1] {
        PENDING_CHILD_KEYS.insert(&mut ext.state, &n, &hot(0), &pending);
    }
    // Threshold 5 τ: after unstaking 1 α about 9 τ of value remains, above it — kept.
    STAKE_THRESHOLD.set(&mut ext.state, 5 * TAO);
    call(&mut ext, |e| {
        calls::remove_stake(e, &cold(0), &hot(0), N1, TAO)
    })
    .unwrap();
    let value = crate::childkeys::total_stake_for_hotkey(&ext.state, &hot(0)).unwrap();
    assert!(value > 5 * TAO, "{value}");
    assert_eq!(
        PENDING_CHILD_KEYS.get(&ext.state, &N1, &hot(0)).unwrap(),
        Some(pending.clone())
    );
    // Unstaking all but 1 α leaves about 1 τ, below the threshold: both lists go.
    let left = pool::alpha_stake(&ext.state, &hot(0), &cold(0), N1).unwrap();
    call(&mut ext, |e| {
        calls::remove_stake_limit(e, &cold(0), &hot(0), N1, left - TAO, 1_000, false)
    })
    .unwrap();
    let value = crate::childkeys::total_stake_for_hotkey(&ext.state, &hot(0)).unwrap();
    assert!(value < 5 * TAO, "{value}");
    for n in [NetUid::ROOT, N1] {
        assert_eq!(
            PENDING_CHILD_KEYS.get(&ext.state, &n, &hot(0)).unwrap(),
            None
        );
    }
}
