//! The dispatch guards of spec-subnets §4.10 (subtensor's `SubtensorTransactionExtension`):
//! a guarded call is rejected at validity with subtensor's `InvalidTransaction::Custom` code
//! and, inside a block, changes nothing (not even the nonce). Also the coldkey-swap dispute,
//! clear, reset and root swap, and the owner rate limit of the weights version key.

use crate::subnets::{
    admin, advance, block, coldkey_hash, hot, hot_pair, name, ok, sub, sw, weights_chain, TAO,
};
use crate::util::*;
use yuma_primitives::{AdminUtilsCall, NetUid, Pair, RuntimeCall, SubtensorCall as C, SudoCall};
use yuma_runtime::{
    balances,
    executive::{validate_transaction, Outcome, TxValidityError},
    guards::CustomTransactionError,
    query,
    subtensor::storage::OWNER,
    swap_keys::{ANNOUNCEMENTS, DISPUTES},
    MemoryChain,
};

fn alice() -> Pair {
    Pair::from_uri("//Alice").unwrap()
}

fn sudo(c: RuntimeCall) -> RuntimeCall {
    RuntimeCall::Sudo(SudoCall::Sudo { call: Box::new(c) })
}

/// What the pool says of `call` signed by `who`: the tx is signed at the current head, then
/// one empty block makes its birth block hash known (the node signs the same way).
fn pool_verdict(c: &mut MemoryChain, who: &Pair, call: RuntimeCall) -> Result<(), TxValidityError> {
    let nonce = query::account(&c.state, &who.public()).unwrap().nonce;
    let xt = c.sign(who, call, nonce, 0);
    advance(c, 1);
    validate_transaction(&c.state, &xt).unwrap().map(|_| ())
}

fn custom(e: &TxValidityError) -> (u8, &'static str) {
    match e {
        TxValidityError::Custom { code, error } => (code.code(), error.name()),
        other => panic!("expected a custom rejection, got {other:?}"),
    }
}

#[test]
fn weight_guards_reject_at_the_pool_with_subtensor_codes() {
    let mut c = weights_chain();
    let h1 = hot_pair(1);
    // Rate limit 100 blocks; uid 1 registered at block 2, so it must wait until block 102.
    ok(
        &mut c,
        &[(
            &alice(),
            admin(AdminUtilsCall::SudoSetWeightsSetRateLimit {
                netuid: NetUid(1),
                weights_set_rate_limit: 100,
            }),
        )],
    );
    let e = pool_verdict(&mut c, &h1, sw(vec![1], vec![1], 20_000)).unwrap_err();
    assert_eq!(custom(&e), (6, "SettingWeightsTooFast"));
    assert_eq!(e.name(), "RateLimitExceeded");
    // An unregistered hotkey passes the rate guard and fails in the call.
    let stranger = hot_pair(7);
    let out = block(&mut c, &[(&stranger, sw(vec![1], vec![1], 20_000))]);
    assert_eq!(name(&out[0]), "HotKeyNotRegisteredInSubNet");
    assert!(matches!(out[0], Outcome::Failed(_)));

    // Stake threshold (rate limit off again): uid 1 has no stake; the owner hotkey (uid 0)
    // always passes.
    ok(
        &mut c,
        &[
            (
                &alice(),
                admin(AdminUtilsCall::SudoSetWeightsSetRateLimit {
                    netuid: NetUid(1),
                    weights_set_rate_limit: 0,
                }),
            ),
            (
                &alice(),
                admin(AdminUtilsCall::SudoSetStakeThreshold { min_stake: 1 }),
            ),
        ],
    );
    let e = pool_verdict(&mut c, &h1, sw(vec![1], vec![1], 20_000)).unwrap_err();
    assert_eq!(custom(&e), (1, "NotEnoughStakeToSetWeights"));
    assert_eq!(e.name(), "StakeAmountTooLow");
    pool_verdict(&mut c, &hot_pair(0), sw(vec![1], vec![1], 20_000)).unwrap();

    // Batch lists of different lengths.
    let batch = sub(C::BatchRevealWeights {
        netuid: NetUid(1),
        uids_list: vec![vec![1]],
        values_list: vec![],
        salts_list: vec![vec![1]],
        version_keys: vec![0],
    });
    let e = pool_verdict(&mut c, &hot_pair(0), batch.clone()).unwrap_err();
    assert_eq!(custom(&e), (18, "InputLengthsUnequal"));

    // Inside a block the rejection changes nothing at all, not even the nonce.
    let before = query::account(&c.state, &h1.public()).unwrap();
    let out = block(&mut c, &[(&h1, sw(vec![1], vec![1], 20_000))]);
    assert!(matches!(
        &out[0],
        Outcome::Invalid(TxValidityError::Custom {
            code: CustomTransactionError::StakeAmountTooLow,
            ..
        })
    ));
    assert_eq!(query::account(&c.state, &h1.public()).unwrap(), before);
}

#[test]
fn network_registration_rate_limit_is_a_pool_guard() {
    let mut c = crate::subnets::subnet_chain();
    let e = pool_verdict(&mut c, user(4), sub(C::RegisterNetwork { hotkey: hot(4) })).unwrap_err();
    assert_eq!(custom(&e), (6, "NetworkTxRateLimitExceeded"));
}

/// On [`crate::subnets::subnet_chain`], user1 (owner of hot(1), uid 1 of subnet 1) announces a
/// swap to user7; root shortens the delays to 3 and 2 blocks.
fn announced() -> MemoryChain {
    let mut c = crate::subnets::subnet_chain();
    ok(
        &mut c,
        &[
            (
                &alice(),
                admin(AdminUtilsCall::SudoSetColdkeySwapAnnouncementDelay { duration: 3 }),
            ),
            (
                &alice(),
                admin(AdminUtilsCall::SudoSetColdkeySwapReannouncementDelay { duration: 2 }),
            ),
        ],
    );
    ok(
        &mut c,
        &[(
            user(1),
            sub(C::AnnounceColdkeySwap {
                new_coldkey_hash: coldkey_hash(user(7).public()),
            }),
        )],
    );
    c
}

#[test]
fn disputed_swap_freezes_every_call_until_root_resets_it() {
    let mut c = announced();
    let u1 = user(1).public();
    // The freeze: only swap calls pass.
    let e = pool_verdict(&mut c, user(1), transfer(user(2).public(), 1, true)).unwrap_err();
    assert_eq!(custom(&e), (0, "ColdkeySwapAnnounced"));
    ok(&mut c, &[(user(1), sub(C::DisputeColdkeySwap {}))]);
    assert!(DISPUTES.get(&c.state, &u1).unwrap().is_some());
    // Disputed: even the swap calls are refused.
    for call in [
        sub(C::DisputeColdkeySwap {}),
        sub(C::SwapColdkeyAnnounced {
            new_coldkey: user(7).public(),
        }),
        transfer(user(2).public(), 1, true),
    ] {
        let e = pool_verdict(&mut c, user(1), call).unwrap_err();
        assert_eq!(custom(&e), (21, "ColdkeySwapDisputed"));
    }
    // Only root resets; then the coldkey is free again.
    let out = block(
        &mut c,
        &[(user(2), sub(C::ResetColdkeySwap { coldkey: u1 }))],
    );
    assert_eq!(name(&out[0]), "BadOrigin");
    ok(
        &mut c,
        &[(&alice(), sudo(sub(C::ResetColdkeySwap { coldkey: u1 })))],
    );
    assert!(ANNOUNCEMENTS.get(&c.state, &u1).unwrap().is_none());
    assert!(DISPUTES.get(&c.state, &u1).unwrap().is_none());
    ok(&mut c, &[(user(1), transfer(user(2).public(), 1, true))]);
}

#[test]
fn dispute_and_clear_errors() {
    // Without an announcement.
    crate::subnets::fails_cleanly(
        crate::subnets::subnet_chain,
        user(1),
        sub(C::DisputeColdkeySwap {}),
        "ColdkeySwapAnnouncementNotFound",
    );
    crate::subnets::fails_cleanly(
        crate::subnets::subnet_chain,
        user(1),
        sub(C::ClearColdkeySwapAnnouncement {}),
        "ColdkeySwapAnnouncementNotFound",
    );
    // The old scheduled swap is gone.
    crate::subnets::fails_cleanly(
        crate::subnets::subnet_chain,
        user(1),
        sub(C::ScheduleSwapColdkey {
            new_coldkey: user(7).public(),
        }),
        "Deprecated",
    );
    // Announced at block 4 (executes from 4 + 3 = 7): clearing waits until 7 + 2 = 9.
    crate::subnets::fails_cleanly(
        announced,
        user(1),
        sub(C::ClearColdkeySwapAnnouncement {}),
        "ColdkeySwapClearTooEarly",
    );
}

#[test]
fn clear_withdraws_the_announcement_after_the_reannouncement_delay() {
    let mut c = announced();
    let announced_at = c.head.number;
    let (when, _) = ANNOUNCEMENTS
        .get(&c.state, &user(1).public())
        .unwrap()
        .unwrap();
    assert_eq!(when, announced_at + 3);
    // Next block is announced_at + 1; clear is allowed from when + 2.
    advance(&mut c, when - announced_at);
    let out = block(
        &mut c,
        &[(user(1), sub(C::ClearColdkeySwapAnnouncement {}))],
    );
    assert_eq!(c.head.number, when + 1);
    assert_eq!(name(&out[0]), "ColdkeySwapClearTooEarly");
    ok(
        &mut c,
        &[(user(1), sub(C::ClearColdkeySwapAnnouncement {}))],
    );
    assert!(ANNOUNCEMENTS
        .get(&c.state, &user(1).public())
        .unwrap()
        .is_none());
    // Free again.
    ok(&mut c, &[(user(1), transfer(user(2).public(), 1, true))]);
}

#[test]
fn root_swap_coldkey_moves_everything_and_recycles_the_cost() {
    let mut c = announced();
    let (old, new) = (user(1).public(), user(6).public());
    let free_before = balances::free(&c.state, &old).unwrap();
    let issuance = |c: &MemoryChain| balances::TOTAL_ISSUANCE.get(&c.state).unwrap().unwrap();
    let alice_free = |c: &MemoryChain| balances::free(&c.state, &alice().public()).unwrap();
    let swap = sub(C::SwapColdkey {
        old_coldkey: old,
        new_coldkey: new,
        swap_cost: TAO / 10,
    });
    let out = block(&mut c, &[(user(1), swap.clone())]);
    // Frozen coldkey: even its own root-only call is refused by the guard.
    assert!(matches!(out[0], Outcome::Invalid(_)));
    let out = block(&mut c, &[(user(2), swap.clone())]);
    assert_eq!(name(&out[0]), "BadOrigin");
    let free_new_before = balances::free(&c.state, &new).unwrap();
    let (issuance_before, alice_before) = (issuance(&c), alice_free(&c));
    ok(&mut c, &[(&alice(), sudo(swap))]);
    assert_eq!(balances::free(&c.state, &old).unwrap(), 0);
    assert_eq!(
        balances::free(&c.state, &new).unwrap(),
        free_new_before + free_before - TAO / 10
    );
    assert_eq!(OWNER.get(&c.state, &hot(1)).unwrap(), Some(new));
    assert!(ANNOUNCEMENTS.get(&c.state, &old).unwrap().is_none());
    // Issuance falls by Alice's fee and the recycled cost.
    let fee = alice_before - alice_free(&c);
    assert_eq!(issuance_before - issuance(&c), fee + TAO / 10);
}

#[test]
fn owner_may_change_the_weights_version_key_once_per_five_tempos() {
    let mut c = weights_chain();
    let n = NetUid(1);
    ok(
        &mut c,
        &[
            (
                &alice(),
                admin(AdminUtilsCall::SudoSetAdminFreezeWindow { window: 0 }),
            ),
            (
                &alice(),
                admin(AdminUtilsCall::SudoSetTempo {
                    netuid: n,
                    tempo: 20,
                }),
            ),
        ],
    );
    let set = |v: u64| {
        admin(AdminUtilsCall::SudoSetWeightsVersionKey {
            netuid: n,
            weights_version_key: v,
        })
    };
    ok(&mut c, &[(user(0), set(1))]);
    let first = c.head.number;
    let out = block(&mut c, &[(user(0), set(2))]);
    assert_eq!(name(&out[0]), "TxRateLimitExceeded");
    // Root is not limited.
    ok(&mut c, &[(&alice(), set(3))]);
    // 5 × 20 = 100 blocks after the owner's change.
    let head = c.head.number;
    advance(&mut c, first + 99 - head - 1);
    let out = block(&mut c, &[(user(0), set(4))]);
    assert_eq!(c.head.number, first + 99);
    assert_eq!(name(&out[0]), "TxRateLimitExceeded");
    ok(&mut c, &[(user(0), set(5))]);
}
