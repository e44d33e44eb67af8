//! Admin-utils setters with non-scalar arguments (spec-subnets §6.2): alpha values, sigmoid
//! steepness, recycle-or-burn and the owner-cut auto-lock.

use crate::subnets::{admin, block, name, ok, weights_chain};
use crate::util::*;
use yuma_primitives::{AdminUtilsCall as A, NetUid, Pair, RecycleOrBurnEnum};
use yuma_runtime::hyperparams::items::{
    ALPHA_SIGMOID_STEEPNESS, ALPHA_VALUES, OWNER_CUT_AUTO_LOCK_ENABLED, RECYCLE_OR_BURN,
};

const N: NetUid = NetUid(1);

fn alice() -> Pair {
    Pair::from_uri("//Alice").unwrap()
}

fn alpha(low: u16, high: u16) -> yuma_primitives::RuntimeCall {
    admin(A::SudoSetAlphaValues {
        netuid: N,
        alpha_low: low,
        alpha_high: high,
    })
}

#[test]
fn alpha_values_need_liquid_alpha_and_bounds() {
    // user0 owns subnet 1.
    let mut c = weights_chain();
    let out = block(&mut c, &[(user(0), alpha(2000, 3000))]);
    assert_eq!(name(&out[0]), "LiquidAlphaDisabled");
    ok(
        &mut c,
        &[(
            &alice(),
            admin(A::SudoSetLiquidAlphaEnabled {
                netuid: N,
                enabled: true,
            }),
        )],
    );
    // 65535 / 40 = 1638 is the lowest allowed bound.
    let out = block(&mut c, &[(user(0), alpha(2000, 1637))]);
    assert_eq!(name(&out[0]), "AlphaHighTooLow");
    let out = block(&mut c, &[(user(0), alpha(1637, 2000))]);
    assert_eq!(name(&out[0]), "AlphaLowOutOfRange");
    let out = block(&mut c, &[(user(0), alpha(2001, 2000))]);
    assert_eq!(name(&out[0]), "AlphaLowOutOfRange");
    let out = block(&mut c, &[(user(1), alpha(1638, 1638))]);
    assert_eq!(name(&out[0]), "BadOrigin");
    ok(&mut c, &[(user(0), alpha(1638, 1638))]);
    assert_eq!(ALPHA_VALUES.get(&c.state, N).unwrap(), (1638, 1638));
    // The owner waits 2 tempos (720 blocks) per hyperparameter; root does not.
    let out = block(&mut c, &[(user(0), alpha(1700, 1800))]);
    assert_eq!(name(&out[0]), "TxRateLimitExceeded");
    ok(&mut c, &[(&alice(), alpha(1700, 1800))]);
    assert_eq!(ALPHA_VALUES.get(&c.state, N).unwrap(), (1700, 1800));
}

#[test]
fn only_root_sets_a_negative_sigmoid_steepness() {
    let mut c = weights_chain();
    let set = |steepness: i16| {
        admin(A::SudoSetAlphaSigmoidSteepness {
            netuid: N,
            steepness,
        })
    };
    let out = block(&mut c, &[(user(0), set(-1))]);
    assert_eq!(name(&out[0]), "NegativeSigmoidSteepness");
    ok(&mut c, &[(&alice(), set(-1))]);
    assert_eq!(ALPHA_SIGMOID_STEEPNESS.get(&c.state, N).unwrap(), -1);
    ok(&mut c, &[(user(0), set(7))]);
    assert_eq!(ALPHA_SIGMOID_STEEPNESS.get(&c.state, N).unwrap(), 7);
    let missing = admin(A::SudoSetAlphaSigmoidSteepness {
        netuid: NetUid(9),
        steepness: 1,
    });
    let out = block(&mut c, &[(&alice(), missing)]);
    assert_eq!(name(&out[0]), "SubnetDoesNotExist");
}

#[test]
fn recycle_or_burn_and_owner_cut_auto_lock() {
    let mut c = weights_chain();
    assert_eq!(
        RECYCLE_OR_BURN.get(&c.state, N).unwrap(),
        RecycleOrBurnEnum::Burn
    );
    assert!(OWNER_CUT_AUTO_LOCK_ENABLED.get(&c.state, N).unwrap());
    let rob = admin(A::SudoSetRecycleOrBurn {
        netuid: N,
        recycle_or_burn: RecycleOrBurnEnum::Recycle,
    });
    let out = block(&mut c, &[(user(2), rob.clone())]);
    assert_eq!(name(&out[0]), "BadOrigin");
    ok(&mut c, &[(user(0), rob)]);
    assert_eq!(
        RECYCLE_OR_BURN.get(&c.state, N).unwrap(),
        RecycleOrBurnEnum::Recycle
    );
    let lock = |netuid: NetUid| {
        admin(A::SudoSetOwnerCutAutoLockEnabled {
            netuid,
            enabled: false,
        })
    };
    let out = block(&mut c, &[(&alice(), lock(NetUid::ROOT))]);
    assert_eq!(name(&out[0]), "NotPermittedOnRootSubnet");
    let out = block(&mut c, &[(&alice(), lock(NetUid(9)))]);
    assert_eq!(name(&out[0]), "SubnetDoesNotExist");
    ok(&mut c, &[(user(0), lock(N))]);
    assert!(!OWNER_CUT_AUTO_LOCK_ENABLED.get(&c.state, N).unwrap());
}
