//! Subnets, neurons, weights and serving through real blocks: every error path of
//! spec-subnets §8.2 changes only the fee and nonce, and the figures of §10.

use crate::util::*;
use yuma_primitives::{
    AccountId, AdminUtilsCall, NetUid, Pair, RuntimeCall, SubtensorCall as C, H256,
};
use yuma_runtime::{
    balances, dispatch::DispatchError, executive::TxValidityError, hyperparams::items::*, neurons,
    query, stake, storage::StorageValue, subnets, subtensor::storage::*, swap, system, weights,
    MemoryChain, Outcome,
};

pub(crate) const TAO: u64 = 1_000_000_000;

pub(crate) fn sub(c: C) -> RuntimeCall {
    RuntimeCall::SubtensorModule(c)
}

pub(crate) fn admin(c: AdminUtilsCall) -> RuntimeCall {
    RuntimeCall::AdminUtils(c)
}

/// Applies one block of `(signer, call)`, each with the signer's next nonce; returns outcomes.
pub(crate) fn block(chain: &mut MemoryChain, calls: &[(&Pair, RuntimeCall)]) -> Vec<Outcome> {
    let mut nonces: Vec<(AccountId, u32)> = Vec::new();
    let xts = calls
        .iter()
        .map(|(p, c)| {
            let who = p.public();
            let n = match nonces.iter_mut().find(|(a, _)| *a == who) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    let n = query::account(&chain.state, &who).unwrap().nonce;
                    nonces.push((who, n));
                    n
                }
            };
            chain.sign(p, c.clone(), n, 0)
        })
        .collect();
    chain
        .apply(xts)
        .unwrap()
        .receipts
        .into_iter()
        .map(|r| r.outcome)
        .collect()
}

pub(crate) fn ok(chain: &mut MemoryChain, calls: &[(&Pair, RuntimeCall)]) {
    for (i, o) in block(chain, calls).into_iter().enumerate() {
        assert_eq!(o, Outcome::Success, "call {i}");
    }
}

pub(crate) fn advance(chain: &mut MemoryChain, n: u64) {
    for _ in 0..n {
        chain.apply(Vec::new()).unwrap();
    }
}

/// The hotkey of user `i`.
pub(crate) fn hot(i: usize) -> AccountId {
    let mut a = user(i).public();
    a.0[31] ^= 0x5a;
    a
}

/// `//user0..n` and `//Alice` (the sudo key) funded.
pub(crate) fn funded(n: usize) -> MemoryChain {
    let mut g = yuma_runtime::genesis::GenesisConfig::preset("empty").unwrap();
    for i in 0..n {
        g.set_balance(user(i).public(), 100_000 * TAO);
    }
    g.set_balance(Pair::from_uri("//Alice").unwrap().public(), 100_000 * TAO);
    // Hotkeys that sign need an account (CheckNonce rejects accounts without providers).
    for i in 0..4 {
        g.set_balance(
            Pair::from_uri(&format!("//user{i}//hot")).unwrap().public(),
            TAO,
        );
    }
    MemoryChain::new(&g).unwrap()
}

/// A chain where `//user0` (root is `//Alice`, not a user) owns subnet 1 with hotkey `hot(0)`
/// at uid 0, users 1..=3 registered hotkeys `hot(i)` at uids i, commit–reveal off, rate
/// limits off, and every user funded.
pub(crate) fn subnet_chain() -> MemoryChain {
    let mut chain = funded(8);
    let alice = Pair::from_uri("//Alice").unwrap();
    ok(
        &mut chain,
        &[(user(0), sub(C::RegisterNetwork { hotkey: hot(0) }))],
    );
    let n = NetUid(1);
    ok(
        &mut chain,
        &[
            (
                &alice,
                admin(AdminUtilsCall::SudoSetCommitRevealWeightsEnabled {
                    netuid: n,
                    enabled: false,
                }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetWeightsSetRateLimit {
                    netuid: n,
                    weights_set_rate_limit: 0,
                }),
            ),
            (
                user(1),
                sub(C::BurnedRegister {
                    netuid: n,
                    hotkey: hot(1),
                }),
            ),
            (
                user(2),
                sub(C::BurnedRegister {
                    netuid: n,
                    hotkey: hot(2),
                }),
            ),
            (
                user(3),
                sub(C::BurnedRegister {
                    netuid: n,
                    hotkey: hot(3),
                }),
            ),
        ],
    );
    chain
}

/// Runs `setup` twice: once followed by a block with `call`, once by an empty block; the call
/// must fail with `error` and the states differ only in the signer's account, issuance, the
/// burn counter and the block's events.
pub(crate) fn fails_cleanly(
    setup: fn() -> MemoryChain,
    signer: &Pair,
    call: RuntimeCall,
    error: &str,
) {
    let mut with_tx = setup();
    let mut empty = setup();
    let nonce = query::account(&with_tx.state, &signer.public())
        .unwrap()
        .nonce;
    let xt = with_tx.sign(signer, call, nonce, 0);
    let out = with_tx.apply(vec![xt]).unwrap();
    empty.apply(Vec::new()).unwrap();
    let r = &out.receipts[0];
    let before = query::account(&empty.state, &signer.public()).unwrap();
    let after = query::account(&with_tx.state, &signer.public()).unwrap();
    match &r.outcome {
        Outcome::Failed(e) => {
            assert_eq!(e.name(), error, "{e:?}");
            assert_eq!(after.nonce, before.nonce + 1);
            assert_eq!(after.free, before.free - r.fee);
        }
        // A guard (§4.10) rejects the transaction: not even the nonce moves.
        Outcome::Invalid(TxValidityError::Custom { error: e, .. }) => {
            assert_eq!(e.name(), error, "{e:?}");
            assert_eq!(
                (after.nonce, after.free, r.fee),
                (before.nonce, before.free, 0)
            );
        }
        other => panic!("expected {error}, got {other:?}"),
    }
    let mut allowed = [
        system::ACCOUNT.key(&signer.public()),
        balances::TOTAL_ISSUANCE.key(),
        balances::BURNED.key(),
        StorageValue::<()>::new("System", "Events").key(),
        system::EVENT_COUNT.key(),
    ];
    allowed.sort();
    let d = diff(&empty.state, &with_tx.state);
    // sr25519 signatures are randomised, so the setup blocks' hashes differ between runs.
    let hashes = [
        StorageValue::<()>::new("System", "ParentHash").key(),
        StorageValue::<()>::new("System", "BlockHash").key(),
    ];
    let extra: Vec<String> = d
        .iter()
        .filter(|k| !allowed.contains(k) && !hashes.iter().any(|h| k.starts_with(h)))
        .map(hex::encode)
        .collect();
    assert!(
        extra.is_empty(),
        "{error}: unexpected state change {extra:?}"
    );
}

#[test]
fn register_network_errors_change_only_the_fee() {
    // Past the network rate limit, which the guard checks first (§4.10).
    fn setup() -> MemoryChain {
        let mut c = subnet_chain();
        let alice = Pair::from_uri("//Alice").unwrap();
        ok(
            &mut c,
            &[(
                &alice,
                admin(AdminUtilsCall::SudoSetNetworkRateLimit { rate_limit: 0 }),
            )],
        );
        c
    }
    // Hotkey owned by another coldkey.
    fails_cleanly(
        setup,
        user(1),
        sub(C::RegisterNetwork { hotkey: hot(0) }),
        "NonAssociatedColdKey",
    );
    // A subnet system account as hotkey.
    fails_cleanly(
        setup,
        user(1),
        sub(C::RegisterNetwork {
            hotkey: subnets::subnet_account(NetUid(1)),
        }),
        "CannotUseSystemAccount",
    );
    // The global rate limit (7200 blocks).
    fails_cleanly(
        subnet_chain,
        user(4),
        sub(C::RegisterNetwork { hotkey: hot(4) }),
        "NetworkTxRateLimitExceeded",
    );
    // Cannot afford the lock.
    fn poor() -> MemoryChain {
        let mut c = chain_with(&[100 * TAO]);
        let alice = Pair::from_uri("//Alice").unwrap();
        let _ = &alice;
        c.apply(Vec::new()).unwrap();
        c
    }
    fails_cleanly(
        poor,
        user(0),
        sub(C::RegisterNetwork { hotkey: hot(0) }),
        "CannotAffordLockCost",
    );
}

#[test]
fn subnet_limit_with_immune_subnets_is_reached() {
    fn setup() -> MemoryChain {
        let mut c = subnet_chain();
        let alice = Pair::from_uri("//Alice").unwrap();
        ok(
            &mut c,
            &[
                (
                    &alice,
                    admin(AdminUtilsCall::SudoSetSubnetLimit { max_subnets: 1 }),
                ),
                (
                    &alice,
                    admin(AdminUtilsCall::SudoSetNetworkRateLimit { rate_limit: 0 }),
                ),
            ],
        );
        c
    }
    fails_cleanly(
        setup,
        user(4),
        sub(C::RegisterNetwork { hotkey: hot(4) }),
        "SubnetLimitReached",
    );
}

#[test]
fn burned_register_errors_change_only_the_fee() {
    fn setup() -> MemoryChain {
        subnet_chain()
    }
    let n = NetUid(1);
    fails_cleanly(
        setup,
        user(4),
        sub(C::BurnedRegister {
            netuid: NetUid::ROOT,
            hotkey: hot(4),
        }),
        "RegistrationNotPermittedOnRootSubnet",
    );
    fails_cleanly(
        setup,
        user(4),
        sub(C::BurnedRegister {
            netuid: NetUid(9),
            hotkey: hot(4),
        }),
        "SubnetNotExists",
    );
    fails_cleanly(
        setup,
        user(4),
        sub(C::RegisterLimit {
            netuid: n,
            hotkey: hot(4),
            limit_price: 1,
        }),
        "RegistrationPriceLimitExceeded",
    );
    fails_cleanly(
        setup,
        user(4),
        sub(C::BurnedRegister {
            netuid: n,
            hotkey: hot(1),
        }),
        "HotKeyAlreadyRegisteredInSubNet",
    );
    fails_cleanly(
        setup,
        user(1),
        sub(C::BurnedRegister {
            netuid: n,
            hotkey: subnets::subnet_account(n),
        }),
        "CannotUseSystemAccount",
    );
    // Hotkey owned by user 1, registering on a fresh subnet is not needed: use an owned,
    // unregistered hotkey of another coldkey.
    fn owned_elsewhere() -> MemoryChain {
        let mut c = subnet_chain();
        ok(
            &mut c,
            &[(user(5), sub(C::TryAssociateHotkey { hotkey: hot(6) }))],
        );
        c
    }
    fails_cleanly(
        owned_elsewhere,
        user(4),
        sub(C::BurnedRegister {
            netuid: n,
            hotkey: hot(6),
        }),
        "NonAssociatedColdKey",
    );
    fn disabled() -> MemoryChain {
        let mut c = subnet_chain();
        let alice = Pair::from_uri("//Alice").unwrap();
        ok(
            &mut c,
            &[(
                &alice,
                admin(AdminUtilsCall::SudoSetNetworkRegistrationAllowed {
                    netuid: NetUid(1),
                    registration_allowed: false,
                }),
            )],
        );
        c
    }
    fails_cleanly(
        disabled,
        user(4),
        sub(C::BurnedRegister {
            netuid: n,
            hotkey: hot(4),
        }),
        "SubNetRegistrationDisabled",
    );
    fn broke() -> MemoryChain {
        let mut c = subnet_chain();
        ok(
            &mut c,
            &[(
                user(7),
                transfer(user(6).public(), 100_000 * TAO - 1_000_000, false),
            )],
        );
        c
    }
    fails_cleanly(
        broke,
        user(7),
        sub(C::BurnedRegister {
            netuid: n,
            hotkey: hot(7),
        }),
        "NotEnoughBalanceToStake",
    );
    fn full() -> MemoryChain {
        // Capacity 1 held by the immortal owner hotkey: no uid can be replaced (§10
        // scenario 8), and the failed registration takes no TAO.
        let mut c = funded(8);
        let alice = Pair::from_uri("//Alice").unwrap();
        ok(
            &mut c,
            &[(user(0), sub(C::RegisterNetwork { hotkey: hot(0) }))],
        );
        advance(&mut c, 20);
        ok(
            &mut c,
            &[(
                &alice,
                admin(AdminUtilsCall::SudoSetMinAllowedUids {
                    netuid: NetUid(1),
                    min_allowed_uids: 0,
                }),
            )],
        );
        ok(
            &mut c,
            &[(
                &alice,
                admin(AdminUtilsCall::SudoSetMaxAllowedUids {
                    netuid: NetUid(1),
                    max_allowed_uids: 1,
                }),
            )],
        );
        c
    }
    fails_cleanly(
        full,
        user(4),
        sub(C::BurnedRegister {
            netuid: n,
            hotkey: hot(4),
        }),
        "NoNeuronIdAvailable",
    );
}

#[test]
fn start_call_errors_change_only_the_fee() {
    fn setup() -> MemoryChain {
        subnet_chain()
    }
    fails_cleanly(
        setup,
        user(0),
        sub(C::StartCall { netuid: NetUid(5) }),
        "SubnetNotExists",
    );
    fails_cleanly(
        setup,
        user(1),
        sub(C::StartCall { netuid: NetUid(1) }),
        "BadOrigin",
    );
    fn started() -> MemoryChain {
        let mut c = subnet_chain();
        ok(
            &mut c,
            &[(user(0), sub(C::StartCall { netuid: NetUid(1) }))],
        );
        c
    }
    fails_cleanly(
        started,
        user(0),
        sub(C::StartCall { netuid: NetUid(1) }),
        "FirstEmissionBlockNumberAlreadySet",
    );
}

pub(crate) fn sw(dests: Vec<u16>, weights: Vec<u16>, version_key: u64) -> RuntimeCall {
    sub(C::SetWeights {
        netuid: NetUid(1),
        dests,
        weights,
        version_key,
    })
}

pub(crate) fn hot_pair(i: usize) -> Pair {
    // Hotkeys that sign need keys: `//user{i}//hot`.
    Pair::from_uri(&format!("//user{i}//hot")).unwrap()
}

/// subnet 1 owned by user0 with signing hotkeys `//user{i}//hot` at uids 0..=3.
pub(crate) fn weights_chain() -> MemoryChain {
    let mut chain = funded(8);
    let alice = Pair::from_uri("//Alice").unwrap();
    let n = NetUid(1);
    ok(
        &mut chain,
        &[(
            user(0),
            sub(C::RegisterNetwork {
                hotkey: hot_pair(0).public(),
            }),
        )],
    );
    ok(
        &mut chain,
        &[
            (
                &alice,
                admin(AdminUtilsCall::SudoSetCommitRevealWeightsEnabled {
                    netuid: n,
                    enabled: false,
                }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetWeightsSetRateLimit {
                    netuid: n,
                    weights_set_rate_limit: 0,
                }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetWeightsVersionKey {
                    netuid: n,
                    weights_version_key: 12_312,
                }),
            ),
            (
                user(1),
                sub(C::BurnedRegister {
                    netuid: n,
                    hotkey: hot_pair(1).public(),
                }),
            ),
            (
                user(2),
                sub(C::BurnedRegister {
                    netuid: n,
                    hotkey: hot_pair(2).public(),
                }),
            ),
            (
                user(3),
                sub(C::BurnedRegister {
                    netuid: n,
                    hotkey: hot_pair(3).public(),
                }),
            ),
        ],
    );
    chain
}

#[test]
fn set_weights_errors_in_check_order() {
    fn setup() -> MemoryChain {
        weights_chain()
    }
    let h0 = hot_pair(0);
    let h1 = hot_pair(1);
    let root = sub(C::SetWeights {
        netuid: NetUid::ROOT,
        dests: vec![0],
        weights: vec![1],
        version_key: 0,
    });
    fails_cleanly(setup, &h0, root, "CommitRevealEnabled");
    fails_cleanly(
        setup,
        &h0,
        sw(vec![0, 1], vec![1], 20_000),
        "WeightVecNotEqualSize",
    );
    fails_cleanly(
        setup,
        &h0,
        sub(C::SetWeights {
            netuid: NetUid(7),
            dests: vec![0],
            weights: vec![1],
            version_key: 0,
        }),
        "CommitRevealEnabled",
    );
    fails_cleanly(
        setup,
        &h0,
        sw(vec![0, 1, 2, 3, 4], vec![1; 5], 20_000),
        "UidsLengthExceedUidsInSubNet",
    );
    fails_cleanly(
        setup,
        user(5),
        sw(vec![0], vec![1], 20_000),
        "HotKeyNotRegisteredInSubNet",
    );
    fails_cleanly(
        setup,
        &h0,
        sw(vec![1], vec![1], 12_311),
        "IncorrectWeightVersionKey",
    );
    fails_cleanly(
        setup,
        &h1,
        sw(vec![0, 2], vec![1, 1], 20_313),
        "NeuronNoValidatorPermit",
    );
    fails_cleanly(
        setup,
        &h0,
        sw(vec![1, 1], vec![1, 1], 20_313),
        "DuplicateUids",
    );
    fails_cleanly(
        setup,
        &h0,
        sw(vec![1, 9], vec![1, 1], 20_313),
        "UidVecContainInvalidOne",
    );
    fn min4() -> MemoryChain {
        let mut c = weights_chain();
        let alice = Pair::from_uri("//Alice").unwrap();
        advance(&mut c, 20);
        ok(
            &mut c,
            &[(
                &alice,
                admin(AdminUtilsCall::SudoSetMinAllowedWeights {
                    netuid: NetUid(1),
                    min_allowed_weights: 4,
                }),
            )],
        );
        c
    }
    fails_cleanly(
        min4,
        &h0,
        sw(vec![1, 2], vec![1, 1], 20_313),
        "WeightVecLengthIsLow",
    );
    fn limited() -> MemoryChain {
        let mut c = weights_chain();
        let alice = Pair::from_uri("//Alice").unwrap();
        ok(
            &mut c,
            &[(
                &alice,
                admin(AdminUtilsCall::SudoSetWeightsSetRateLimit {
                    netuid: NetUid(1),
                    weights_set_rate_limit: 100,
                }),
            )],
        );
        c
    }
    fails_cleanly(
        limited,
        &h0,
        sw(vec![1], vec![1], 20_313),
        "SettingWeightsTooFast",
    );
    fn threshold() -> MemoryChain {
        let mut c = weights_chain();
        let alice = Pair::from_uri("//Alice").unwrap();
        ok(
            &mut c,
            &[(
                &alice,
                admin(AdminUtilsCall::SudoSetStakeThreshold { min_stake: 1 }),
            )],
        );
        c
    }
    fails_cleanly(
        threshold,
        &h1,
        sw(vec![1], vec![1], 20_313),
        "NotEnoughStakeToSetWeights",
    );
}

#[test]
fn weights_are_upscaled_and_owner_needs_no_permit() {
    // §10 scenarios 27, 28, 29, 32.
    let mut c = weights_chain();
    let (h0, h1) = (hot_pair(0), hot_pair(1));
    ok(
        &mut c,
        &[(&h0, sw(vec![1, 2], vec![65_535, 65_535], 20_313))],
    );
    ok(&mut c, &[(&h1, sw(vec![1], vec![5], 12_312))]);
    let idx = storage_index(NetUid(1), 0);
    assert_eq!(
        WEIGHTS.get(&c.state, &idx, &0).unwrap(),
        Some(vec![(1, 65_535), (2, 65_535)])
    );
    assert_eq!(
        WEIGHTS.get(&c.state, &idx, &1).unwrap(),
        Some(vec![(1, 65_535)])
    );
    ok(&mut c, &[(&h0, sw(vec![1, 2], vec![1, 2], 20_313))]);
    assert_eq!(
        WEIGHTS.get(&c.state, &idx, &0).unwrap(),
        Some(vec![(1, 32_768), (2, 65_535)])
    );
}

pub(crate) fn cr_chain() -> MemoryChain {
    // Tempo 100 set by root, reveal period 1, rate limit 5, commit–reveal on (§10 scenario 30).
    let mut c = weights_chain();
    let alice = Pair::from_uri("//Alice").unwrap();
    let n = NetUid(1);
    ok(
        &mut c,
        &[
            (
                &alice,
                admin(AdminUtilsCall::SudoSetAdminFreezeWindow { window: 0 }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetCommitRevealWeightsEnabled {
                    netuid: n,
                    enabled: true,
                }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetWeightsSetRateLimit {
                    netuid: n,
                    weights_set_rate_limit: 5,
                }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetTempo {
                    netuid: n,
                    tempo: 100,
                }),
            ),
        ],
    );
    c
}

fn commit(uids: &[u16], values: &[u16], salt: &[u16]) -> RuntimeCall {
    let h = weights::commit_hash(&hot_pair(0).public(), 1, uids, values, salt, 20_313);
    sub(C::CommitWeights {
        netuid: NetUid(1),
        commit_hash: h,
    })
}

fn reveal(uids: &[u16], values: &[u16], salt: &[u16]) -> RuntimeCall {
    sub(C::RevealWeights {
        netuid: NetUid(1),
        uids: uids.to_vec(),
        values: values.to_vec(),
        salt: salt.to_vec(),
        version_key: 20_313,
    })
}

pub(crate) fn epoch(c: &MemoryChain) -> u64 {
    SUBNET_EPOCH_INDEX
        .get(&c.state, &NetUid(1))
        .unwrap()
        .unwrap_or(0)
}

/// Advances until the next epoch slot has fired.
pub(crate) fn next_epoch(c: &mut MemoryChain) {
    let e = epoch(c);
    while epoch(c) == e {
        advance(c, 1);
    }
}

pub(crate) fn name(o: &Outcome) -> &'static str {
    match o {
        Outcome::Failed(e) => e.name(),
        Outcome::Success => "ok",
        Outcome::Invalid(TxValidityError::Custom { error, .. }) => error.name(),
        Outcome::Invalid(_) => "invalid",
    }
}

#[test]
fn commit_reveal_timeline() {
    // §10 scenario 30.
    let mut c = cr_chain();
    let h0 = hot_pair(0);
    let (u, v, s) = (&[1u16, 2][..], &[10u16, 20][..], &[7u16][..]);
    advance(&mut c, 5);
    ok(&mut c, &[(&h0, commit(u, v, s))]);
    let r = block(&mut c, &[(&h0, reveal(u, v, s))]);
    assert_eq!(name(&r[0]), "RevealTooEarly");
    next_epoch(&mut c);
    ok(&mut c, &[(&h0, reveal(u, v, s))]);
    let idx = storage_index(NetUid(1), 0);
    assert_eq!(
        WEIGHTS.get(&c.state, &idx, &0).unwrap(),
        Some(vec![(1, 32_768), (2, 65_535)])
    );
    let r = block(&mut c, &[(&h0, reveal(u, v, s))]);
    assert_eq!(name(&r[0]), "NoWeightsCommitFound");
    // Commit, wait two epochs: expired.
    advance(&mut c, 5);
    ok(&mut c, &[(&h0, commit(u, v, s))]);
    next_epoch(&mut c);
    next_epoch(&mut c);
    let r = block(&mut c, &[(&h0, reveal(u, v, s))]);
    // Expired but stored: the guard sees the wrong epoch first (§4.10 c).
    assert_eq!(name(&r[0]), "RevealTooEarly");
    // Rate limit on commits, and the 10-commit cap.
    advance(&mut c, 5);
    ok(&mut c, &[(&h0, commit(u, v, &[1]))]);
    let r = block(&mut c, &[(&h0, commit(u, v, &[2]))]);
    assert_eq!(name(&r[0]), "CommittingWeightsTooFast");
    for salt in 2..11u16 {
        advance(&mut c, 5);
        let r = block(&mut c, &[(&h0, commit(u, v, &[salt]))]);
        if epoch(&c) > 0 && name(&r[0]) != "ok" {
            panic!("commit {salt}: {}", name(&r[0]));
        }
    }
    let queue = WEIGHT_COMMITS
        .get(&c.state, &idx, &h0.public())
        .unwrap()
        .unwrap_or_default();
    assert!(queue.len() <= 10);
    // Plain set_weights while commit–reveal is on.
    let r = block(&mut c, &[(&h0, sw(vec![1], vec![1], 20_313))]);
    assert_eq!(name(&r[0]), "CommitRevealEnabled");
    // commit/reveal while it is off.
    let mut off = weights_chain();
    let r = block(&mut off, &[(&h0, commit(u, v, s)), (&h0, reveal(u, v, s))]);
    assert_eq!(name(&r[0]), "CommitRevealDisabled");
    // With no stored commit the reveal guard answers first (§4.10 c).
    assert_eq!(name(&r[1]), "NoWeightsCommitFound");
}

#[test]
fn too_many_unrevealed_commits() {
    let mut c = cr_chain();
    let h0 = hot_pair(0);
    let alice = Pair::from_uri("//Alice").unwrap();
    ok(
        &mut c,
        &[(
            &alice,
            admin(AdminUtilsCall::SudoSetWeightsSetRateLimit {
                netuid: NetUid(1),
                weights_set_rate_limit: 0,
            }),
        )],
    );
    let calls: Vec<(&Pair, RuntimeCall)> = (0..11u16)
        .map(|s| (&h0, commit(&[1], &[1], &[s])))
        .collect();
    let r = block(&mut c, &calls);
    assert!(r[..10].iter().all(|o| *o == Outcome::Success));
    assert_eq!(name(&r[10]), "TooManyUnrevealedCommits");
}

#[test]
fn serving_rules() {
    // §10 scenarios 35–36.
    let mut c = weights_chain();
    let h1 = hot_pair(1);
    let axon = |ip: u128, ip_type: u8, port: u16| {
        sub(C::ServeAxon {
            netuid: NetUid(1),
            version: 1,
            ip,
            port,
            ip_type,
            protocol: 0,
            placeholder1: 0,
            placeholder2: 0,
        })
    };
    // One block each: a call the guards reject does not use its nonce.
    let calls = [
        (user(6), axon(0x0808_0808, 4, 8091)),
        (&h1, axon(0x0808_0808, 5, 8091)),
        (&h1, axon(0x7F00_0001, 4, 8091)),
        (&h1, axon(0x0808_0808, 4, 0)),
        (&h1, axon(0x0808_0808, 4, 8091)),
        (&h1, axon(0x0808_0808, 4, 8092)),
    ];
    let names: Vec<_> = calls
        .into_iter()
        .map(|call| name(&block(&mut c, &[call])[0]))
        .collect();
    assert_eq!(
        names,
        [
            "HotKeyNotRegisteredInNetwork",
            "InvalidIpType",
            "InvalidIpAddress",
            "InvalidPort",
            "ok",
            "ServingRateLimitExceeded"
        ]
    );
    let alice = Pair::from_uri("//Alice").unwrap();
    advance(&mut c, 20);
    ok(
        &mut c,
        &[(
            &alice,
            admin(AdminUtilsCall::SudoSetServingRateLimit {
                netuid: NetUid(1),
                serving_rate_limit: 0,
            }),
        )],
    );
    ok(
        &mut c,
        &[(&h1, axon(0, 4, 1)), (&h1, axon(0x0808_0808, 4, 2))],
    );
    let prom = sub(C::ServePrometheus {
        netuid: NetUid(1),
        version: 1,
        ip: 0,
        port: 9,
        ip_type: 4,
    });
    assert_eq!(name(&block(&mut c, &[(&h1, prom)])[0]), "InvalidIpAddress");
}

#[test]
fn registration_price_bumps_within_a_block_and_decays_across() {
    // §10 scenarios 6, 7, 9.
    let mut c = funded(8);
    ok(
        &mut c,
        &[(user(0), sub(C::RegisterNetwork { hotkey: hot(0) }))],
    );
    let n = NetUid(1);
    assert_eq!(BURN.get(&c.state, n).unwrap(), TAO);
    assert_eq!(query::burn(&c.state, n).unwrap(), 998_076_443);
    let tao_before = swap::storage::subnet_tao(&c.state, n).unwrap();
    let issuance = balances::total_issuance(&c.state).unwrap();
    ok(
        &mut c,
        &[
            (
                user(1),
                sub(C::BurnedRegister {
                    netuid: n,
                    hotkey: hot(1),
                }),
            ),
            (
                user(2),
                sub(C::BurnedRegister {
                    netuid: n,
                    hotkey: hot(2),
                }),
            ),
        ],
    );
    let first = 998_076_443u64;
    let mult = BURN_INCREASE_MULT_DEFAULT;
    let bump = |b: u64| ((u128::from(b) * mult) >> 64) as u64;
    let second = bump(first);
    assert_eq!(BURN.get(&c.state, n).unwrap(), bump(second));
    // Each burn is a real buy: the 33/65535 swap fee stays in the subnet account, outside
    // the pool (spec-staking-swap §1.4, subtensor's registration passes no author).
    let fee = |b: u64| ((u128::from(b) * ((33u128 << 64) / 65535)) >> 64) as u64;
    let fees = fee(first) + fee(second);
    assert_eq!(
        swap::storage::subnet_tao(&c.state, n).unwrap(),
        tao_before + first + second - fees
    );
    assert_eq!(
        RAO_RECYCLED_FOR_REGISTRATION.get(&c.state, &n).unwrap(),
        Some(first + second)
    );
    assert_eq!(SUBNETWORK_N.get(&c.state, &n).unwrap(), Some(3));
    assert_eq!(UIDS.get(&c.state, &n, &hot(2)).unwrap(), Some(2));
    assert_eq!(stake::hotkey_alpha(&c.state, &hot(1), n).unwrap(), 0);
    // Fees were burned, the registration TAO stays in issuance (held by the subnet account).
    let tx_fees: u64 = issuance - balances::total_issuance(&c.state).unwrap();
    assert!(tx_fees < TAO / 1000);
    assert_eq!(
        balances::free(&c.state, &subnets::subnet_account(n)).unwrap(),
        swap::storage::subnet_tao(&c.state, n).unwrap() + fees
    );
}

#[test]
fn full_subnet_replaces_the_lowest_emission_outside_immunity() {
    // §10 scenarios 13, 16: max 4 uids, immunity 0, floor 0 → the oldest non-owner uid (1)
    // with equal (zero) emission is replaced, its weights removed and weights to it zeroed.
    let mut c = weights_chain();
    let alice = Pair::from_uri("//Alice").unwrap();
    let n = NetUid(1);
    advance(&mut c, 20);
    ok(
        &mut c,
        &[
            (
                &alice,
                admin(AdminUtilsCall::SudoSetImmunityPeriod {
                    netuid: n,
                    immunity_period: 0,
                }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetMinNonImmuneUids { netuid: n, min: 0 }),
            ),
            (&hot_pair(0), sw(vec![1, 2], vec![5, 10], 20_313)),
            (&hot_pair(1), sw(vec![1], vec![5], 20_313)),
        ],
    );
    // Shrink capacity to the current 4 with a root-only direct storage edit is not possible:
    // fill up to 64 instead would be slow; use MaxAllowedUids = 4 (≥ N = 4).
    ok(
        &mut c,
        &[(
            &alice,
            admin(AdminUtilsCall::SudoSetMinAllowedUids {
                netuid: n,
                min_allowed_uids: 1,
            }),
        )],
    );
    ok(
        &mut c,
        &[(
            &alice,
            admin(AdminUtilsCall::SudoSetMaxAllowedUids {
                netuid: n,
                max_allowed_uids: 4,
            }),
        )],
    );
    let at = c.best_number() + 1;
    ok(
        &mut c,
        &[(
            user(5),
            sub(C::BurnedRegister {
                netuid: n,
                hotkey: hot(5),
            }),
        )],
    );
    let idx = storage_index(n, 0);
    assert_eq!(KEYS.get(&c.state, &n, &1).unwrap(), Some(hot(5)));
    assert_eq!(UIDS.get(&c.state, &n, &hot_pair(1).public()).unwrap(), None);
    assert_eq!(WEIGHTS.get(&c.state, &idx, &1).unwrap(), None);
    assert_eq!(
        WEIGHTS.get(&c.state, &idx, &0).unwrap(),
        Some(vec![(1, 0), (2, 65_535)])
    );
    assert_eq!(LAST_UPDATE.get(&c.state, &idx).unwrap().unwrap()[1], at);
    assert_eq!(SUBNETWORK_N.get(&c.state, &n).unwrap(), Some(4));
    // The owner hotkey (uid 0) is never chosen.
    assert_ne!(
        neurons::neuron_to_prune(&c.state, n, at + 1).unwrap(),
        Some(0)
    );
}

#[test]
fn lock_cost_figures() {
    // §10 scenario 17: last lock 1250 TAO at block B, I_eff = 28800 (interval 57600 at a
    // 0.5 TAO block emission is modelled here as interval 28800 at 1 TAO).
    let mut c = funded(1);
    let alice = Pair::from_uri("//Alice").unwrap();
    ok(
        &mut c,
        &[
            (
                &alice,
                admin(AdminUtilsCall::SudoSetLockReductionInterval { interval: 28_800 }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetNetworkMinLockCost {
                    lock_cost: 1_250 * TAO,
                }),
            ),
        ],
    );
    ok(
        &mut c,
        &[(user(0), sub(C::RegisterNetwork { hotkey: hot(0) }))],
    );
    let b = c.best_number();
    assert_eq!(NETWORK_LAST_LOCK_COST.get(&c.state).unwrap(), 1_250 * TAO);
    assert_eq!(subnets::lock_cost(&c.state, b).unwrap(), 2_500 * TAO);
    assert_eq!(
        subnets::lock_cost(&c.state, b + 1).unwrap(),
        2_500 * TAO - 43_402_777
    );
    assert_eq!(
        subnets::lock_cost(&c.state, b + 7_200).unwrap(),
        2_187_500_005_600
    );
    // Floor at the minimum lock after two intervals.
    assert_eq!(
        subnets::lock_cost(&c.state, b + 28_800).unwrap(),
        1_250_000_022_400
    );
    assert_eq!(
        subnets::lock_cost(&c.state, b + 100_000).unwrap(),
        1_250 * TAO
    );
}

#[test]
fn sudo_wrapper_and_admin_origins() {
    let mut c = subnet_chain();
    let alice = Pair::from_uri("//Alice").unwrap();
    let n = NetUid(1);
    let set = admin(AdminUtilsCall::SudoSetKappa {
        netuid: n,
        kappa: 1,
    });
    // Kappa is root-only: the owner gets BadOrigin.
    assert_eq!(
        name(&block(&mut c, &[(user(0), set.clone())])[0]),
        "BadOrigin"
    );
    let wrapped = RuntimeCall::Sudo(yuma_primitives::SudoCall::Sudo {
        call: Box::new(set.clone()),
    });
    assert_eq!(
        name(&block(&mut c, &[(user(1), wrapped.clone())])[0]),
        "RequireSudo"
    );
    ok(&mut c, &[(&alice, wrapped)]);
    assert_eq!(KAPPA.get(&c.state, n).unwrap(), 1);
    // The owner may set rho once per OwnerHyperparamRateLimit × tempo.
    ok(
        &mut c,
        &[(
            user(0),
            admin(AdminUtilsCall::SudoSetRho { netuid: n, rho: 3 }),
        )],
    );
    let r = block(
        &mut c,
        &[(
            user(0),
            admin(AdminUtilsCall::SudoSetRho { netuid: n, rho: 4 }),
        )],
    );
    assert_eq!(name(&r[0]), "TxRateLimitExceeded");
    // Bounds.
    let r = block(
        &mut c,
        &[(
            &alice,
            admin(AdminUtilsCall::SudoSetCommitRevealWeightsInterval {
                netuid: n,
                interval: 0,
            }),
        )],
    );
    assert_eq!(name(&r[0]), "RevealPeriodTooSmall");
    let r = block(
        &mut c,
        &[(
            &alice,
            admin(AdminUtilsCall::SudoSetMaxAllowedUids {
                netuid: n,
                max_allowed_uids: 300,
            }),
        )],
    );
    assert_eq!(
        name(&r[0]),
        "MaxAllowedUidsGreaterThanDefaultMaxAllowedUids"
    );
    let r = block(
        &mut c,
        &[(
            &alice,
            admin(AdminUtilsCall::SudoSetTempo {
                netuid: NetUid(9),
                tempo: 3,
            }),
        )],
    );
    assert_eq!(name(&r[0]), "SubnetDoesNotExist");
    let _ = DispatchError::BadOrigin;
    let _ = H256::ZERO;
}

#[test]
fn epoch_adapter_reads_state_and_writes_results_back() {
    // Owner (uid 0) with all the stake weights uid 1 and 2; after one epoch the stake holder
    // has a permit and dividends, the weighted miners get incentive, and every per-uid
    // vector has N entries.
    let mut c = weights_chain();
    let n = NetUid(1);
    ok(
        &mut c,
        &[(&hot_pair(0), sw(vec![1, 2], vec![1, 3], 20_313))],
    );
    let now = c.best_number() + 1;
    let base = c.state.clone();
    let mut ext = yuma_runtime::ext::Ext::new(&base, now, None);
    stake::pool::TOTAL_HOTKEY_ALPHA.insert(
        &mut ext.state,
        &hot_pair(0).public(),
        &n,
        &(1_000 * TAO),
    );
    let input = yuma_runtime::epoch_adapter::read_input(&ext.state, n, 0, now, 1_000).unwrap();
    assert_eq!(input.neurons.len(), 4);
    assert_eq!(input.owner_uid, Some(0));
    assert_eq!(input.neurons[0].weights, vec![(1, 21_845), (2, 65_535)]);
    let out = yuma_runtime::epoch_adapter::run_epoch(&mut ext, n, 1_000)
        .unwrap()
        .out;
    assert_eq!(out.merged.emission.iter().sum::<u64>(), 1_000);
    let s = &ext.state;
    assert_eq!(VALIDATOR_PERMIT.get(s, &n).unwrap().unwrap().len(), 4);
    assert!(VALIDATOR_PERMIT.get(s, &n).unwrap().unwrap()[0]);
    let inc = INCENTIVE.get(s, &storage_index(n, 0)).unwrap().unwrap();
    assert_eq!(inc.len(), 4);
    assert!(inc[2] > inc[1] && inc[1] > 0);
    assert!(DIVIDENDS.get(s, &n).unwrap().unwrap()[0] > 0);
    assert_eq!(LAST_MECHANISM_STEP_BLOCK.get(s, &n).unwrap(), Some(now));
    assert!(BONDS.get(s, &storage_index(n, 0), &0).unwrap().is_some());
}

#[test]
fn dissolution_pays_stakers_pro_rata_and_erases_the_subnet() {
    // §10 scenario 26: stakers with 300 and 700 alpha, no protocol alpha: the pot is split
    // 3 : 7 into their coldkeys; every per-subnet item is gone; the counter survives.
    let c = subnet_chain();
    let n = NetUid(1);
    let base = c.state.clone();
    let mut ext = yuma_runtime::ext::Ext::new(&base, c.best_number() + 1, None);
    let pot = swap::storage::subnet_tao(&ext.state, n).unwrap();
    let account = subnets::subnet_account(n);
    // The account holds the pool plus the registration burns' swap fees, which are recycled.
    let fees = balances::free(&ext.state, &account).unwrap() - pot;
    assert!(fees > 0);
    swap::storage::SUBNET_ALPHA_IN.insert(&mut ext.state, &n, &0);
    let (ca, cb) = (user(6).public(), user(7).public());
    let before_a = balances::free(&ext.state, &ca).unwrap();
    let before_b = balances::free(&ext.state, &cb).unwrap();
    for (h, cold, alpha) in [(hot(1), ca, 300u64), (hot(2), cb, 700u64)] {
        stake::increase_stake_for_hotkey_and_coldkey_on_subnet(&mut ext.state, &h, &cold, n, alpha)
            .unwrap();
    }
    let issuance = balances::total_issuance(&ext.state).unwrap();
    subnets::dissolve(&mut ext, n).unwrap();
    let s = &ext.state;
    let (ga, gb) = (
        balances::free(s, &ca).unwrap() - before_a,
        balances::free(s, &cb).unwrap() - before_b,
    );
    // Floors plus the leftover rao to the largest remainder.
    assert_eq!(ga + gb, pot);
    assert!(ga - pot * 3 / 10 <= 1 && gb - pot * 7 / 10 <= 1);
    assert_eq!(balances::free(s, &account).unwrap(), 0);
    assert_eq!(balances::total_issuance(s).unwrap(), issuance - fees);
    assert!(!subnets::exists(s, n).unwrap());
    assert!(KEYS.iter_prefix(s, &n).unwrap().is_empty());
    assert!(UIDS.iter_prefix(s, &n).unwrap().is_empty());
    assert_eq!(SUBNETWORK_N.get(s, &n).unwrap(), None);
    assert_eq!(swap::storage::SUBNET_TAO.get(s, &n).unwrap(), None);
    assert_eq!(
        stake::pool::ALPHA_V2.get(s, &(hot(1), ca, n)).unwrap(),
        None
    );
    assert_eq!(REGISTERED_SUBNET_COUNTER.get(s, &n).unwrap(), Some(1));
    assert_eq!(TOTAL_NETWORKS.get(s).unwrap(), Some(1));
    // Root can never be dissolved.
    assert_eq!(
        subnets::dissolve(&mut ext, NetUid::ROOT)
            .unwrap_err()
            .name(),
        "SubnetNotExists"
    );
}

fn cr_committed() -> MemoryChain {
    let mut c = cr_chain();
    advance(&mut c, 5);
    ok(&mut c, &[(&hot_pair(0), commit(&[1, 2], &[10, 20], &[7]))]);
    c
}

#[test]
fn commit_and_reveal_errors_change_nothing() {
    let h0 = hot_pair(0);
    fails_cleanly(
        weights_chain,
        &h0,
        commit(&[1], &[1], &[1]),
        "CommitRevealDisabled",
    );
    fails_cleanly(
        weights_chain,
        &h0,
        reveal(&[1], &[1], &[1]),
        // The guard looks for the commit before the call checks commit-reveal (§4.10 c).
        "NoWeightsCommitFound",
    );
    fails_cleanly(
        cr_chain,
        &h0,
        sub(C::CommitWeights {
            netuid: NetUid(9),
            commit_hash: H256::ZERO,
        }),
        "MechanismDoesNotExist",
    );
    fails_cleanly(
        cr_chain,
        user(5),
        commit(&[1], &[1], &[1]),
        "HotKeyNotRegisteredInSubNet",
    );
    fails_cleanly(
        cr_committed,
        &h0,
        commit(&[1], &[1], &[2]),
        "CommittingWeightsTooFast",
    );
    fails_cleanly(
        cr_chain,
        &h0,
        reveal(&[1], &[1], &[1]),
        "NoWeightsCommitFound",
    );
    fails_cleanly(
        cr_committed,
        &h0,
        reveal(&[1, 2], &[10, 20], &[7]),
        "RevealTooEarly",
    );
    fails_cleanly(
        cr_committed,
        &h0,
        reveal(&[1, 2], &[10, 20], &[8]),
        // The guard finds no stored commit of this hash (§4.10 c).
        "NoWeightsCommitFound",
    );
    fn expired() -> MemoryChain {
        let mut c = cr_committed();
        next_epoch(&mut c);
        next_epoch(&mut c);
        c
    }
    fails_cleanly(
        expired,
        &h0,
        reveal(&[1, 2], &[10, 20], &[7]),
        // Expired but still stored: the guard sees the wrong epoch (§4.10 c).
        "RevealTooEarly",
    );
    fn ten() -> MemoryChain {
        let mut c = cr_chain();
        let alice = Pair::from_uri("//Alice").unwrap();
        ok(
            &mut c,
            &[(
                &alice,
                admin(AdminUtilsCall::SudoSetWeightsSetRateLimit {
                    netuid: NetUid(1),
                    weights_set_rate_limit: 0,
                }),
            )],
        );
        let h0 = hot_pair(0);
        let calls: Vec<(&Pair, RuntimeCall)> = (0..10u16)
            .map(|s| (&h0, commit(&[1], &[1], &[s])))
            .collect();
        ok(&mut c, &calls);
        c
    }
    fails_cleanly(
        ten,
        &h0,
        commit(&[1], &[1], &[99]),
        "TooManyUnrevealedCommits",
    );
    fn stake_threshold() -> MemoryChain {
        let mut c = cr_chain();
        let alice = Pair::from_uri("//Alice").unwrap();
        ok(
            &mut c,
            &[(
                &alice,
                admin(AdminUtilsCall::SudoSetStakeThreshold { min_stake: 1 }),
            )],
        );
        c
    }
    fails_cleanly(
        stake_threshold,
        &hot_pair(1),
        sub(C::CommitWeights {
            netuid: NetUid(1),
            commit_hash: H256::ZERO,
        }),
        "NotEnoughStakeToSetWeights",
    );
}

#[test]
fn serving_errors_change_nothing() {
    let h1 = hot_pair(1);
    let axon = |ip: u128, ip_type: u8, port: u16| {
        sub(C::ServeAxon {
            netuid: NetUid(1),
            version: 1,
            ip,
            port,
            ip_type,
            protocol: 0,
            placeholder1: 0,
            placeholder2: 0,
        })
    };
    let prom = |ip: u128, ip_type: u8, port: u16| {
        sub(C::ServePrometheus {
            netuid: NetUid(1),
            version: 1,
            ip,
            port,
            ip_type,
        })
    };
    fails_cleanly(
        weights_chain,
        user(6),
        axon(1, 4, 1),
        "HotKeyNotRegisteredInNetwork",
    );
    fails_cleanly(weights_chain, &h1, axon(1, 5, 1), "InvalidIpType");
    fails_cleanly(
        weights_chain,
        &h1,
        axon(0x7F00_0001, 4, 1),
        "InvalidIpAddress",
    );
    fails_cleanly(weights_chain, &h1, axon(0x0808_0808, 4, 0), "InvalidPort");
    fails_cleanly(weights_chain, &h1, prom(1, 7, 1), "InvalidIpType");
    fails_cleanly(weights_chain, &h1, prom(0, 4, 1), "InvalidIpAddress");
    fails_cleanly(
        weights_chain,
        user(6),
        prom(1, 4, 1),
        "HotKeyNotRegisteredInNetwork",
    );
    fn served() -> MemoryChain {
        let mut c = weights_chain();
        let ax = sub(C::ServeAxon {
            netuid: NetUid(1),
            version: 1,
            ip: 1,
            port: 1,
            ip_type: 4,
            protocol: 0,
            placeholder1: 0,
            placeholder2: 0,
        });
        ok(&mut c, &[(&hot_pair(1), ax)]);
        c
    }
    fails_cleanly(served, &h1, axon(2, 4, 2), "ServingRateLimitExceeded");
}

pub(crate) fn coldkey_hash(a: AccountId) -> H256 {
    H256(yuma_primitives::hashing::blake2_256(
        &parity_scale_codec::Encode::encode(&a),
    ))
}

#[test]
fn swap_errors_change_only_the_fee() {
    let swap = |old: AccountId, new: AccountId, netuid: Option<NetUid>| {
        sub(C::SwapHotkeyV2 {
            hotkey: old,
            new_hotkey: new,
            netuid,
            keep_stake: false,
        })
    };
    fails_cleanly(
        subnet_chain,
        user(1),
        swap(hot(0), hot(6), None),
        "NonAssociatedColdKey",
    );
    fails_cleanly(
        subnet_chain,
        user(1),
        swap(hot(1), hot(2), None),
        "NonAssociatedColdKey",
    );
    fails_cleanly(
        subnet_chain,
        user(1),
        swap(hot(1), hot(1), None),
        "NewHotKeyIsSameWithOld",
    );
    fn swapped() -> MemoryChain {
        let mut c = subnet_chain();
        ok(
            &mut c,
            &[(
                user(1),
                sub(C::SwapHotkey {
                    hotkey: hot(1),
                    new_hotkey: hot(6),
                    netuid: None,
                }),
            )],
        );
        c
    }
    fails_cleanly(
        swapped,
        user(1),
        swap(hot(6), hot(7), None),
        "HotKeySetTxRateLimitExceeded",
    );
    fn two_hotkeys() -> MemoryChain {
        let mut c = subnet_chain();
        ok(
            &mut c,
            &[(user(1), sub(C::TryAssociateHotkey { hotkey: hot(7) }))],
        );
        c
    }
    fails_cleanly(
        two_hotkeys,
        user(1),
        swap(hot(7), hot(1), Some(NetUid(1))),
        "HotKeyAlreadyRegisteredInSubNet",
    );
    fails_cleanly(
        subnet_chain,
        user(1),
        sub(C::SwapColdkeyAnnounced {
            new_coldkey: hot(6),
        }),
        "ColdkeySwapAnnouncementNotFound",
    );
    fn announced() -> MemoryChain {
        let mut c = subnet_chain();
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
    fails_cleanly(
        announced,
        user(1),
        sub(C::SwapColdkeyAnnounced {
            new_coldkey: user(6).public(),
        }),
        "AnnouncedColdkeyHashDoesNotMatch",
    );
    fails_cleanly(
        announced,
        user(1),
        sub(C::SwapColdkeyAnnounced {
            new_coldkey: user(7).public(),
        }),
        "ColdkeySwapTooEarly",
    );
    fails_cleanly(
        announced,
        user(1),
        sub(C::AnnounceColdkeySwap {
            new_coldkey_hash: coldkey_hash(user(7).public()),
        }),
        "ColdkeySwapReannouncedTooEarly",
    );
    fails_cleanly(
        announced,
        user(1),
        transfer(user(2).public(), 1, true),
        "ColdkeySwapAnnounced",
    );
}

#[test]
fn hotkey_swap_moves_uid_axon_and_ownership() {
    // §10 scenario 38 (the parts yuma has): the new hotkey takes over the same uid, axon
    // and owner-hotkey status; 0.1 TAO is recycled.
    let mut c = weights_chain();
    let (old, new) = (hot_pair(0).public(), hot(6));
    let ax = sub(C::ServeAxon {
        netuid: NetUid(1),
        version: 3,
        ip: 1,
        port: 1,
        ip_type: 4,
        protocol: 0,
        placeholder1: 0,
        placeholder2: 0,
    });
    ok(&mut c, &[(&hot_pair(0), ax)]);
    let issuance = balances::total_issuance(&c.state).unwrap();
    ok(
        &mut c,
        &[(
            user(0),
            sub(C::SwapHotkeyV2 {
                hotkey: old,
                new_hotkey: new,
                netuid: None,
                keep_stake: false,
            }),
        )],
    );
    let n = NetUid(1);
    assert_eq!(UIDS.get(&c.state, &n, &new).unwrap(), Some(0));
    assert_eq!(UIDS.get(&c.state, &n, &old).unwrap(), None);
    assert_eq!(KEYS.get(&c.state, &n, &0).unwrap(), Some(new));
    assert_eq!(SUBNET_OWNER_HOTKEY.get(&c.state, &n).unwrap(), Some(new));
    assert_eq!(
        AXONS.get(&c.state, &n, &new).unwrap().map(|a| a.version),
        Some(3)
    );
    assert_eq!(OWNER.get(&c.state, &new).unwrap(), Some(user(0).public()));
    assert_eq!(OWNER.get(&c.state, &old).unwrap(), None);
    assert!(issuance - balances::total_issuance(&c.state).unwrap() > 100_000_000);
}

#[test]
fn owner_hotkey_setter_is_rate_limited_per_subnet() {
    // §2.10: owner or root, 50 400 blocks between changes (root included), no system accounts.
    let mut c = weights_chain();
    let n = NetUid(1);
    let alice = Pair::from_uri("//Alice").unwrap();
    let set = |hotkey: AccountId| admin(AdminUtilsCall::SudoSetSnOwnerHotkey { netuid: n, hotkey });
    let r = block(&mut c, &[(user(1), set(hot_pair(1).public()))]);
    assert_eq!(name(&r[0]), "BadOrigin");
    let r = block(&mut c, &[(user(0), set(subnets::subnet_account(n)))]);
    assert_eq!(name(&r[0]), "CannotUseSystemAccount");
    ok(&mut c, &[(user(0), set(hot_pair(1).public()))]);
    assert_eq!(
        SUBNET_OWNER_HOTKEY.get(&c.state, &n).unwrap(),
        Some(hot_pair(1).public())
    );
    let r = block(&mut c, &[(&alice, set(hot_pair(2).public()))]);
    assert_eq!(name(&r[0]), "TxRateLimitExceeded");
    // The new owner hotkey (uid 1) sets weights without a validator permit.
    ok(
        &mut c,
        &[(&hot_pair(1), sw(vec![0, 2], vec![1, 1], 20_313))],
    );
}

#[test]
fn admin_freeze_window_blocks_setters_before_an_epoch() {
    // §6.1: with tempo 360 and the default window of 10 blocks, a "W" setter fails within
    // the last 10 blocks before LastEpochBlock + tempo (remaining < 10); a non-W one (kappa)
    // still passes.
    let mut c = weights_chain();
    let n = NetUid(1);
    let alice = Pair::from_uri("//Alice").unwrap();
    let last = LAST_EPOCH_BLOCK.get(&c.state, &n).unwrap().unwrap_or(0);
    let target = last + 360 - 10 + 1;
    let steps = target - c.best_number() - 1;
    advance(&mut c, steps);
    let r = block(
        &mut c,
        &[
            (
                &alice,
                admin(AdminUtilsCall::SudoSetRho { netuid: n, rho: 3 }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetKappa {
                    netuid: n,
                    kappa: 3,
                }),
            ),
        ],
    );
    assert_eq!(c.best_number(), target);
    assert_eq!(name(&r[0]), "AdminActionProhibitedDuringWeightsWindow");
    assert_eq!(name(&r[1]), "ok");
}

#[test]
fn batch_reveal_reveals_in_order_and_checks_lengths() {
    let mut c = cr_chain();
    let h0 = hot_pair(0);
    let alice = Pair::from_uri("//Alice").unwrap();
    ok(
        &mut c,
        &[(
            &alice,
            admin(AdminUtilsCall::SudoSetWeightsSetRateLimit {
                netuid: NetUid(1),
                weights_set_rate_limit: 0,
            }),
        )],
    );
    ok(
        &mut c,
        &[
            (&h0, commit(&[1], &[1], &[1])),
            (&h0, commit(&[2], &[1], &[2])),
        ],
    );
    let batch = |k: usize| {
        sub(C::BatchRevealWeights {
            netuid: NetUid(1),
            uids_list: vec![vec![1], vec![2]],
            values_list: vec![vec![1], vec![1]],
            salts_list: vec![vec![1], vec![2]],
            version_keys: vec![20_313; k],
        })
    };
    assert_eq!(
        name(&block(&mut c, &[(&h0, batch(1))])[0]),
        "InputLengthsUnequal"
    );
    assert_eq!(
        name(&block(&mut c, &[(&h0, batch(2))])[0]),
        "RevealTooEarly"
    );
    next_epoch(&mut c);
    ok(&mut c, &[(&h0, batch(2))]);
    // The second reveal's row replaced the first.
    let idx = storage_index(NetUid(1), 0);
    assert_eq!(
        WEIGHTS.get(&c.state, &idx, &0).unwrap(),
        Some(vec![(2, 65_535)])
    );
    assert_eq!(
        WEIGHT_COMMITS.get(&c.state, &idx, &h0.public()).unwrap(),
        None
    );
}

#[test]
fn legacy_register_and_dissolve_network_aliases() {
    let mut c = subnet_chain();
    let n = NetUid(1);
    let legacy = sub(C::Register {
        netuid: n,
        block_number: 7,
        nonce: 9,
        work: vec![1, 2, 3],
        hotkey: hot(4),
        coldkey: hot(5),
    });
    ok(&mut c, &[(user(4), legacy)]);
    assert_eq!(UIDS.get(&c.state, &n, &hot(4)).unwrap(), Some(4));
    assert_eq!(
        OWNER.get(&c.state, &hot(4)).unwrap(),
        Some(user(4).public())
    );
    let dissolve = sub(C::DissolveNetwork {
        coldkey: hot(5),
        netuid: n,
    });
    assert_eq!(
        name(&block(&mut c, &[(user(0), dissolve.clone())])[0]),
        "BadOrigin"
    );
    let alice = Pair::from_uri("//Alice").unwrap();
    let wrapped = RuntimeCall::Sudo(yuma_primitives::SudoCall::Sudo {
        call: Box::new(dissolve),
    });
    ok(&mut c, &[(&alice, wrapped)]);
    assert!(!subnets::exists(&c.state, n).unwrap());
}

#[test]
fn more_setters_bounds_and_events() {
    let mut c = subnet_chain();
    let n = NetUid(1);
    let alice = Pair::from_uri("//Alice").unwrap();
    let r = block(
        &mut c,
        &[
            (
                &alice,
                admin(AdminUtilsCall::SudoSetActivityCutoff {
                    netuid: n,
                    activity_cutoff: 359,
                }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetActivityCutoff {
                    netuid: n,
                    activity_cutoff: 360,
                }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetNetworkPowRegistrationAllowed {
                    netuid: n,
                    registration_allowed: true,
                }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetSubnetEmissionEnabled {
                    netuid: NetUid::ROOT,
                    enabled: true,
                }),
            ),
            (
                &alice,
                admin(AdminUtilsCall::SudoSetSubnetEmissionEnabled {
                    netuid: n,
                    enabled: true,
                }),
            ),
            (
                user(0),
                admin(AdminUtilsCall::SudoSetBondsPenalty {
                    netuid: n,
                    bonds_penalty: 7,
                }),
            ),
            (
                user(0),
                admin(AdminUtilsCall::SudoSetDifficulty {
                    netuid: n,
                    difficulty: 7,
                }),
            ),
        ],
    );
    let names: Vec<_> = r.iter().map(name).collect();
    assert_eq!(
        names,
        [
            "ActivityCutoffTooLow",
            "ok",
            "POWRegistrationDisabled",
            "NotPermittedOnRootSubnet",
            "ok",
            "ok",
            "BadOrigin"
        ]
    );
    assert_eq!(ACTIVITY_CUTOFF.get(&c.state, n).unwrap(), 360);
    assert_eq!(BONDS_PENALTY.get(&c.state, n).unwrap(), 7);
    assert!(SUBNET_EMISSION_ENABLED.get(&c.state, n).unwrap());
}

#[test]
fn subnet_identity_set_registered_and_removed() {
    let mut c = funded(4);
    let id = yuma_primitives::SubnetIdentityV3 {
        subnet_name: b"apex".to_vec(),
        ..Default::default()
    };
    ok(
        &mut c,
        &[(
            user(0),
            sub(C::RegisterNetworkWithIdentity {
                hotkey: hot(0),
                identity: Some(id.clone()),
            }),
        )],
    );
    let n = NetUid(1);
    assert_eq!(
        subnets::identity::SUBNET_IDENTITIES_V3
            .get(&c.state, &n)
            .unwrap(),
        Some(id)
    );
    let set = |name: Vec<u8>| {
        sub(C::SetSubnetIdentity {
            netuid: n,
            subnet_name: name,
            github_repo: vec![],
            subnet_contact: vec![],
            subnet_url: vec![],
            discord: vec![],
            description: vec![],
            logo_url: vec![],
            additional: vec![],
        })
    };
    let r = block(
        &mut c,
        &[
            (user(1), set(b"x".to_vec())),
            (user(0), set(vec![b'a'; 257])),
            (user(0), set(b"omron".to_vec())),
        ],
    );
    let names: Vec<_> = r.iter().map(name).collect();
    assert_eq!(names, ["NotSubnetOwner", "InvalidIdentity", "ok"]);
    let alice = Pair::from_uri("//Alice").unwrap();
    let wrapped = RuntimeCall::Sudo(yuma_primitives::SudoCall::Sudo {
        call: Box::new(sub(C::RootDissolveNetwork { netuid: n })),
    });
    ok(&mut c, &[(&alice, wrapped)]);
    assert_eq!(
        subnets::identity::SUBNET_IDENTITIES_V3
            .get(&c.state, &n)
            .unwrap(),
        None
    );
}

#[test]
fn serve_axon_tls_stores_the_certificate() {
    // §10 scenario 37.
    let mut c = weights_chain();
    let h1 = hot_pair(1);
    let tls = |certificate: Vec<u8>, port: u16| {
        sub(C::ServeAxonTls {
            netuid: NetUid(1),
            version: 1,
            ip: 0x0808_0808,
            port,
            ip_type: 4,
            protocol: 0,
            placeholder1: 0,
            placeholder2: 0,
            certificate,
        })
    };
    let mut cert = vec![2u8];
    cert.extend_from_slice(&[9; 64]);
    ok(&mut c, &[(&h1, tls(cert, 1))]);
    let stored = NEURON_CERTIFICATES
        .get(&c.state, &NetUid(1), &h1.public())
        .unwrap()
        .unwrap();
    assert_eq!(stored.algorithm, 2);
    assert_eq!(stored.public_key, vec![9; 64]);
    assert_eq!(
        AXONS
            .get(&c.state, &NetUid(1), &h1.public())
            .unwrap()
            .map(|a| a.port),
        Some(1)
    );
}
