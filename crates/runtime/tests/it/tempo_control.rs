//! `set_tempo`, `set_activity_cutoff_factor` and `trigger_epoch` (subtensor's tempo control).

use crate::batch_weights::apply;
use crate::subnets::{admin, advance, block, cr_chain, name, ok, sub, weights_chain};
use crate::util::*;
use yuma_primitives::{AdminUtilsCall, NetUid, Pair, RuntimeCall, SubtensorCall as C, SudoCall};
use yuma_runtime::{
    executive::Outcome,
    hyperparams::items::{ACTIVITY_CUTOFF_FACTOR_MILLI, TEMPO},
    subtensor::{storage::*, SubtensorEvent},
};

const N: NetUid = NetUid(1);

fn sudo(c: RuntimeCall) -> RuntimeCall {
    RuntimeCall::Sudo(SudoCall::Sudo { call: Box::new(c) })
}

fn alice() -> Pair {
    Pair::from_uri("//Alice").unwrap()
}

fn tempo(t: u16) -> RuntimeCall {
    sub(C::SetTempo {
        netuid: N,
        tempo: t,
    })
}

#[test]
fn owner_sets_tempo_within_bounds_once_per_min_tempo() {
    // user0 owns subnet 1 (tempo 360).
    let mut c = weights_chain();
    let out = block(&mut c, &[(user(1), tempo(720))]);
    assert_eq!(name(&out[0]), "BadOrigin");
    let out = block(&mut c, &[(user(0), tempo(359))]);
    assert_eq!(name(&out[0]), "TempoOutOfBounds");
    let out = block(&mut c, &[(user(0), tempo(50_401))]);
    assert_eq!(name(&out[0]), "TempoOutOfBounds");
    ok(&mut c, &[(user(0), tempo(720))]);
    let at = c.head.number;
    assert_eq!(TEMPO.get(&c.state, N).unwrap(), 720);
    assert_eq!(LAST_EPOCH_BLOCK.get(&c.state, &N).unwrap(), Some(at));
    // 360 blocks between owner changes; root may not use this call at all.
    let out = block(&mut c, &[(user(0), tempo(1000))]);
    assert_eq!(name(&out[0]), "TxRateLimitExceeded");
    ok(&mut c, &[(&alice(), sudo(tempo(1000)))]);
    assert_eq!(
        TEMPO.get(&c.state, N).unwrap(),
        720,
        "the sudo call failed inside"
    );
    let head = c.head.number;
    advance(&mut c, at + 359 - head);
    let out = block(&mut c, &[(user(0), tempo(1000))]);
    assert_eq!(c.head.number, at + 360);
    assert_eq!(name(&out[0]), "ok");
    assert_eq!(TEMPO.get(&c.state, N).unwrap(), 1000);
}

#[test]
fn activity_cutoff_factor_bounds_and_owner_limit() {
    let mut c = weights_chain();
    let set = |f: u32| {
        sub(C::SetActivityCutoffFactor {
            netuid: N,
            factor_milli: f,
        })
    };
    let out = block(&mut c, &[(user(0), set(999))]);
    assert_eq!(name(&out[0]), "ActivityCutoffFactorMilliOutOfBounds");
    let out = block(&mut c, &[(user(0), set(50_001))]);
    assert_eq!(name(&out[0]), "ActivityCutoffFactorMilliOutOfBounds");
    let (outcome, events) = apply(&mut c, user(0), set(2_000));
    assert_eq!(outcome, Outcome::Success);
    assert_eq!(
        events,
        vec![SubtensorEvent::ActivityCutoffFactorMilliSet {
            netuid: N,
            factor_milli: 2_000
        }]
    );
    // The owner waits 2 tempos; root does not.
    let out = block(&mut c, &[(user(0), set(3_000))]);
    assert_eq!(name(&out[0]), "TxRateLimitExceeded");
    ok(&mut c, &[(&alice(), sudo(set(3_000)))]);
    assert_eq!(
        ACTIVITY_CUTOFF_FACTOR_MILLI.get(&c.state, N).unwrap(),
        3_000
    );
}

#[test]
fn trigger_epoch_schedules_an_epoch_after_the_freeze_window() {
    let trigger = sub(C::TriggerEpoch { netuid: N });
    // Commit–reveal on: refused.
    let mut c = cr_chain();
    let out = block(&mut c, &[(user(0), trigger.clone())]);
    assert_eq!(name(&out[0]), "DynamicTempoBlockedByCommitReveal");

    let mut c = weights_chain();
    let epoch_before = SUBNET_EPOCH_INDEX.get(&c.state, &N).unwrap().unwrap_or(0);
    let (outcome, events) = apply(&mut c, user(0), trigger.clone());
    assert_eq!(outcome, Outcome::Success);
    // AdminFreezeWindow is 10 blocks.
    let fires_at = c.head.number + 10;
    assert_eq!(PENDING_EPOCH_AT.get(&c.state, &N).unwrap(), Some(fires_at));
    assert_eq!(
        events,
        vec![SubtensorEvent::EpochTriggered {
            netuid: N,
            by: user(0).public(),
            fires_at
        }]
    );
    let out = block(&mut c, &[(user(0), trigger.clone())]);
    assert_eq!(name(&out[0]), "EpochTriggerAlreadyPending");
    // The pending trigger closes the admin window for owner setters.
    let out = block(
        &mut c,
        &[(
            user(0),
            admin(AdminUtilsCall::SudoSetServingRateLimit {
                netuid: N,
                serving_rate_limit: 1,
            }),
        )],
    );
    assert_eq!(name(&out[0]), "AdminActionProhibitedDuringWeightsWindow");
    let head = c.head.number;
    advance(&mut c, fires_at - 1 - head);
    assert_eq!(
        SUBNET_EPOCH_INDEX.get(&c.state, &N).unwrap().unwrap_or(0),
        epoch_before
    );
    advance(&mut c, 1);
    assert_eq!(
        SUBNET_EPOCH_INDEX.get(&c.state, &N).unwrap(),
        Some(epoch_before + 1)
    );
    assert_eq!(PENDING_EPOCH_AT.get(&c.state, &N).unwrap(), Some(0));
    assert_eq!(LAST_EPOCH_BLOCK.get(&c.state, &N).unwrap(), Some(fires_at));
}
