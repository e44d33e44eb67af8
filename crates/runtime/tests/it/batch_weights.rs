//! `batch_set_weights` and `batch_commit_weights`: each item is atomic on its own, failures
//! are reported as events and the call itself succeeds.

use crate::subnets::{advance, cr_chain, hot_pair, sub, weights_chain};
use parity_scale_codec::Compact;
use yuma_primitives::{NetUid, Pair, RuntimeCall, SubtensorCall as C, H256};
use yuma_runtime::{
    event::RuntimeEvent,
    executive::{validate_transaction, Outcome, TxValidityError},
    query,
    subtensor::{storage::*, SubtensorEvent},
    MemoryChain,
};

/// Applies one block with `call` signed by `who`; returns its outcome and its subtensor events.
pub(crate) fn apply(
    c: &mut MemoryChain,
    who: &Pair,
    call: RuntimeCall,
) -> (Outcome, Vec<SubtensorEvent>) {
    let nonce = query::account(&c.state, &who.public()).unwrap().nonce;
    let xt = c.sign(who, call, nonce, 0);
    let out = c.apply(vec![xt]).unwrap();
    let r = &out.receipts[0];
    let events = out.events[r.events.clone()]
        .iter()
        .filter_map(|e| match &e.event {
            RuntimeEvent::SubtensorModule(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    (r.outcome.clone(), events)
}

fn batch_set(netuids: &[u16], rows: &[&[(u16, u16)]], keys: &[u64]) -> RuntimeCall {
    sub(C::BatchSetWeights {
        netuids: netuids.iter().map(|n| Compact(*n)).collect(),
        weights: rows
            .iter()
            .map(|r| r.iter().map(|(u, w)| (Compact(*u), Compact(*w))).collect())
            .collect(),
        version_keys: keys.iter().map(|k| Compact(*k)).collect(),
    })
}

#[test]
fn batch_set_weights_sets_each_subnet_and_reports_failures() {
    let mut c = weights_chain();
    let h0 = hot_pair(0);
    // Subnet 1 (commit–reveal off, version key 12 312) takes the row; subnet 7 does not
    // exist and reads commit–reveal as on (its storage default), so set_weights refuses it.
    let (outcome, events) = apply(
        &mut c,
        &h0,
        batch_set(&[1, 7], &[&[(1, 1), (2, 2)], &[(0, 1)]], &[12_312, 0]),
    );
    assert_eq!(outcome, Outcome::Success);
    let failed = yuma_runtime::dispatch::DispatchError::from(
        yuma_runtime::subtensor::Error::CommitRevealEnabled,
    );
    assert_eq!(
        events,
        vec![
            SubtensorEvent::WeightsSet(1, 0),
            SubtensorEvent::BatchCompletedWithErrors(),
            SubtensorEvent::BatchWeightItemFailed(NetUid(7), failed),
            SubtensorEvent::BatchWeightsCompleted(vec![NetUid(1), NetUid(7)], h0.public()),
        ]
    );
    assert_eq!(
        WEIGHTS
            .get(&c.state, &storage_index(NetUid(1), 0), &0)
            .unwrap(),
        Some(vec![(1, 32_768), (2, 65_535)])
    );
    // Lists of different lengths never reach a block: custom code 18.
    let xt = c.sign(&h0, batch_set(&[1, 1], &[&[(1, 1)]], &[0, 0]), 1, 0);
    advance(&mut c, 1);
    match validate_transaction(&c.state, &xt).unwrap() {
        Err(TxValidityError::Custom { code, .. }) => assert_eq!(code.code(), 18),
        other => panic!("expected InputLengthsUnequal, got {other:?}"),
    }
}

#[test]
fn batch_commit_weights_commits_item_by_item() {
    // Commit–reveal on, weights rate limit 5 blocks.
    let mut c = cr_chain();
    advance(&mut c, 5);
    let h0 = hot_pair(0);
    let (a, b) = (H256([1; 32]), H256([2; 32]));
    let call = sub(C::BatchCommitWeights {
        netuids: vec![Compact(1), Compact(1)],
        commit_hashes: vec![a, b],
    });
    let (outcome, events) = apply(&mut c, &h0, call);
    assert_eq!(outcome, Outcome::Success);
    // The second commit on the same subnet comes within the rate limit of the first.
    let failed = yuma_runtime::dispatch::DispatchError::from(
        yuma_runtime::subtensor::Error::CommittingWeightsTooFast,
    );
    assert_eq!(
        events,
        vec![
            SubtensorEvent::WeightsCommitted(h0.public(), 1, a),
            SubtensorEvent::BatchCompletedWithErrors(),
            SubtensorEvent::BatchWeightItemFailed(NetUid(1), failed),
            SubtensorEvent::BatchWeightsCompleted(vec![NetUid(1), NetUid(1)], h0.public()),
        ]
    );
    let queue = WEIGHT_COMMITS
        .get(&c.state, &1, &h0.public())
        .unwrap()
        .unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].0, a);
}

#[test]
fn mechanism_weight_calls_address_one_mechanism() {
    let mut c = weights_chain();
    let h0 = hot_pair(0);
    let set = |mecid: u8| {
        sub(C::SetMechanismWeights {
            netuid: NetUid(1),
            mecid,
            dests: vec![1],
            weights: vec![5],
            version_key: 12_312,
        })
    };
    // One mechanism (MechanismCountCurrent = 1): only mecid 0 exists.
    let (outcome, _) = apply(&mut c, &h0, set(1));
    assert_eq!(
        outcome,
        Outcome::Failed(yuma_runtime::subtensor::Error::MechanismDoesNotExist.into())
    );
    let (outcome, events) = apply(&mut c, &h0, set(0));
    assert_eq!(outcome, Outcome::Success);
    assert_eq!(events, vec![SubtensorEvent::WeightsSet(1, 0)]);
    assert_eq!(
        WEIGHTS
            .get(&c.state, &storage_index(NetUid(1), 0), &0)
            .unwrap(),
        Some(vec![(1, 65_535)])
    );

    // Commit–reveal on: commit on mechanism 0, reveal guards per mechanism.
    let mut c = cr_chain();
    advance(&mut c, 5);
    let (uids, values, salt) = (vec![1u16], vec![5u16], vec![9u16]);
    let hash = yuma_runtime::weights::commit_hash(&h0.public(), 1, &uids, &values, &salt, 12_312);
    let commit = |mecid: u8| {
        sub(C::CommitMechanismWeights {
            netuid: NetUid(1),
            mecid,
            commit_hash: hash,
        })
    };
    let (outcome, _) = apply(&mut c, &h0, commit(1));
    assert_eq!(
        outcome,
        Outcome::Failed(yuma_runtime::subtensor::Error::MechanismDoesNotExist.into())
    );
    let (outcome, events) = apply(&mut c, &h0, commit(0));
    assert_eq!(outcome, Outcome::Success);
    assert_eq!(
        events,
        vec![SubtensorEvent::WeightsCommitted(h0.public(), 1, hash)]
    );
    let reveal = |mecid: u8| {
        sub(C::RevealMechanismWeights {
            netuid: NetUid(1),
            mecid,
            uids: uids.clone(),
            values: values.clone(),
            salt: salt.clone(),
            version_key: 12_312,
        })
    };
    // Same epoch: too early (custom 17); mechanism 1 has no commits (custom 16).
    for (mecid, code) in [(0u8, 17u8), (1, 16)] {
        let (outcome, _) = apply(&mut c, &h0, reveal(mecid));
        match outcome {
            Outcome::Invalid(TxValidityError::Custom { code: got, .. }) => {
                assert_eq!(got.code(), code, "mecid {mecid}")
            }
            other => panic!("mecid {mecid}: {other:?}"),
        }
    }
}

#[test]
fn timelocked_commits_are_stored_per_epoch_and_expire_after_their_reveal_epoch() {
    use yuma_runtime::weights::timelocked::TIMELOCKED_WEIGHT_COMMITS;
    // Commit–reveal on, reveal period 1 epoch, tempo 100, weights rate limit 5.
    let mut c = cr_chain();
    advance(&mut c, 5);
    let h0 = hot_pair(0);
    let ciphertext = vec![7u8; 64];
    let commit = |version: u16| {
        sub(C::CommitTimelockedWeights {
            netuid: NetUid(1),
            commit: yuma_primitives::TimelockedCommit(ciphertext.clone()),
            reveal_round: 1_000,
            commit_reveal_version: version,
        })
    };
    let (outcome, _) = apply(&mut c, &h0, commit(3));
    assert_eq!(
        outcome,
        Outcome::Failed(yuma_runtime::subtensor::Error::IncorrectCommitRevealVersion.into())
    );
    let (outcome, events) = apply(&mut c, &h0, commit(4));
    assert_eq!(outcome, Outcome::Success);
    let hash = H256(yuma_primitives::hashing::blake2_256(&ciphertext));
    assert_eq!(
        events,
        vec![SubtensorEvent::TimelockedWeightsCommitted(
            h0.public(),
            1,
            hash,
            1_000
        )]
    );
    let e = crate::subnets::epoch(&c);
    let stored = TIMELOCKED_WEIGHT_COMMITS
        .get(&c.state, &1, &e)
        .unwrap()
        .unwrap();
    assert_eq!(
        stored,
        vec![(h0.public(), c.head.number, ciphertext.clone(), 1_000)]
    );
    // The commit moved LastUpdate: a second one (crv3, version fixed to 4) is too fast.
    let crv3 = sub(C::CommitCrv3MechanismWeights {
        netuid: NetUid(1),
        mecid: 0,
        commit: yuma_primitives::TimelockedCommit(ciphertext.clone()),
        reveal_round: 1_000,
    });
    let (outcome, _) = apply(&mut c, &h0, crv3);
    assert_eq!(
        outcome,
        Outcome::Failed(yuma_runtime::subtensor::Error::CommittingWeightsTooFast.into())
    );
    // Epoch e + 1 is its reveal epoch (no drand pulse: nothing is revealed, it is kept);
    // once epoch e + 2 begins it is dropped.
    crate::subnets::next_epoch(&mut c);
    assert!(TIMELOCKED_WEIGHT_COMMITS
        .get(&c.state, &1, &e)
        .unwrap()
        .is_some());
    crate::subnets::next_epoch(&mut c);
    assert_eq!(crate::subnets::epoch(&c), e + 2);
    assert!(TIMELOCKED_WEIGHT_COMMITS
        .get(&c.state, &1, &e)
        .unwrap()
        .is_none());
}
