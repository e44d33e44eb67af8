//! Block application: atomic calls, fees, validity failures that change nothing.

use crate::util::*;
use yuma_primitives::{extrinsic::Implicit, Era, SignedExtra, UncheckedExtrinsic, H256};
use yuma_runtime::{
    balances,
    dispatch::{DispatchError, TokenError},
    executive::{Block, BlockError, Header, TxValidityError},
    query, system, version, Outcome,
};

#[test]
fn failed_call_changes_only_fee_and_nonce() {
    let mut with_tx = chain_with(&[10_000_000, 1_000_000]);
    let mut empty = chain_with(&[10_000_000, 1_000_000]);
    let a = user(0);
    // More than user0 holds: FundsUnavailable after the fee.
    let xt = with_tx.sign(a, transfer(user(1).public(), 50_000_000, true), 0, 0);
    let out = with_tx.apply(vec![xt]).unwrap();
    empty.apply(Vec::new()).unwrap();
    let r = &out.receipts[0];
    assert_eq!(
        r.outcome,
        Outcome::Failed(DispatchError::Token(TokenError::FundsUnavailable))
    );
    assert!(r.fee > 0);

    let before = query::account(&empty.state, &a.public()).unwrap();
    let after = query::account(&with_tx.state, &a.public()).unwrap();
    assert_eq!(after.nonce, before.nonce + 1);
    assert_eq!(after.free, before.free - r.fee);
    // Besides the block's own bookkeeping (events), only the signer, issuance and the burn
    // counter differ from an empty block.
    let mut expected = vec![
        system::ACCOUNT.key(&a.public()),
        balances::TOTAL_ISSUANCE.key(),
        balances::BURNED.key(),
        yuma_runtime::storage::StorageValue::<()>::new("System", "Events").key(),
        system::EVENT_COUNT.key(),
    ];
    expected.sort();
    assert_eq!(diff(&empty.state, &with_tx.state), expected);
}

#[test]
fn invalid_transactions_change_nothing() {
    let mut with_tx = chain_with(&[10_000_000, 1_000]);
    let mut empty = chain_with(&[10_000_000, 1_000]);
    let genesis = with_tx.genesis_hash();
    let a = user(0);
    let ok = with_tx.sign(a, remark(), 0, 0);
    let bad_sig = {
        let mut b = ok.clone();
        let n = b.len();
        b[n - 20] ^= 0xff; // inside the call: the signature no longer matches
        b
    };
    let signed = |era: Era, spec_version: u32, genesis_hash: H256| {
        let implicit = Implicit {
            spec_version,
            transaction_version: version::TRANSACTION_VERSION,
            genesis_hash,
            birth_hash: genesis,
        };
        let extra = SignedExtra {
            era,
            nonce: 0,
            tip: 0,
            metadata_hash_mode: 0,
        };
        UncheckedExtrinsic::sign(remark(), a, extra, &implicit).to_bytes()
    };
    let wrong_genesis = signed(Era::Immortal, version::SPEC_VERSION, H256([9; 32]));
    let wrong_spec = signed(Era::Immortal, version::SPEC_VERSION + 1, genesis);
    // Era whose birth is the block being built: its hash cannot be known yet.
    let unborn = signed(Era::mortal(16, 1), version::SPEC_VERSION, genesis);
    let poor = with_tx.sign(user(1), remark(), 0, 0);
    let garbage = vec![0x10, 0x84, 1, 2, 3];
    let out = with_tx
        .apply(vec![
            bad_sig,
            wrong_genesis,
            wrong_spec,
            unborn,
            poor,
            garbage,
        ])
        .unwrap();
    empty.apply(Vec::new()).unwrap();
    let errors: Vec<&str> = out
        .receipts
        .iter()
        .map(|r| match &r.outcome {
            Outcome::Invalid(e) => {
                assert_eq!(r.fee, 0);
                e.name()
            }
            o => panic!("expected invalid, got {o:?}"),
        })
        .collect();
    assert_eq!(
        errors,
        [
            "BadProof",
            "BadProof",
            "BadProof",
            "AncientBirthBlock",
            "Payment",
            "Malformed"
        ]
    );
    assert!(out.events.is_empty());
    assert_eq!(diff(&empty.state, &with_tx.state), Vec::<Vec<u8>>::new());
}

#[test]
fn expired_transaction_is_reported_as_expired() {
    let mut chain = chain_with(&[10_000_000]);
    let a = user(0);
    for _ in 0..3 {
        chain.apply(Vec::new()).unwrap();
    }
    let xt = chain.sign(a, remark(), 0, 0); // mortal for 16 blocks from block 3's window
    for _ in 0..20 {
        chain.apply(Vec::new()).unwrap();
    }
    let out = chain.apply(vec![xt]).unwrap();
    assert!(matches!(
        out.receipts[0].outcome,
        Outcome::Invalid(TxValidityError::Expired {
            birth: 3,
            period: 16
        })
    ));
}

#[test]
fn fees_go_to_the_author_when_there_is_one() {
    let chain = chain_with(&[10_000_000, 1_000_000]);
    let author = user(1).public();
    let xt = chain.sign(user(0), remark(), 0, 0);
    let header = Header {
        parent_hash: chain.best_hash(),
        number: 1,
        state_root: H256::ZERO,
        extrinsics_root: H256::ZERO,
        timestamp_ms: 12_000,
        author: Some(author),
    };
    let out = yuma_runtime::apply_block(
        &chain.state,
        &Block {
            header,
            extrinsics: vec![xt],
        },
    )
    .unwrap();
    let fee = out.receipts[0].fee;
    let mut s = chain.state.clone();
    s.commit(&out.changes);
    assert_eq!(query::account(&s, &author).unwrap().free, 1_000_000 + fee);
    // Nothing burned: issuance unchanged.
    assert_eq!(query::total_issuance(&s).unwrap(), 11_000_000);
}

#[test]
fn blocks_must_follow_the_head() {
    let chain = chain_with(&[10_000_000]);
    let mk = |number, parent_hash| Block {
        header: Header {
            parent_hash,
            number,
            state_root: H256::ZERO,
            extrinsics_root: H256::ZERO,
            timestamp_ms: 0,
            author: None,
        },
        extrinsics: vec![],
    };
    assert!(matches!(
        yuma_runtime::apply_block(&chain.state, &mk(2, chain.best_hash())),
        Err(BlockError::WrongNumber { current: 0, got: 2 })
    ));
    assert!(matches!(
        yuma_runtime::apply_block(&chain.state, &mk(1, H256([1; 32]))),
        Err(BlockError::WrongGenesis { .. })
    ));
}

#[test]
fn block_hashes_are_kept_for_mortality() {
    let mut chain = chain_with(&[10_000_000]);
    let mut hashes = vec![chain.best_hash()];
    for _ in 0..5 {
        chain.apply(Vec::new()).unwrap();
        hashes.push(chain.best_hash());
    }
    for (n, h) in hashes.iter().enumerate().take(5) {
        assert_eq!(
            system::block_hash(&chain.state, n as u64).unwrap(),
            Some(*h)
        );
    }
}

#[test]
fn unfunded_signers_may_send_fee_free_calls_only() {
    // subtensor's CheckNonce: no account is `Payment` for fee-paying calls, but a hotkey with
    // no balance may send fee-free ones (weights, serving); its nonce is then recorded.
    let mut chain = chain_with(&[10_000_000]);
    let hot = user(5);
    let fee_free = yuma_primitives::RuntimeCall::SubtensorModule(
        yuma_primitives::SubtensorCall::CommitWeights {
            netuid: yuma_primitives::NetUid(42),
            commit_hash: H256([1; 32]),
        },
    );
    let paid = chain.sign(hot, remark(), 0, 0);
    let free = chain.sign(hot, fee_free, 0, 0);
    let out = chain.apply(vec![paid, free]).unwrap();
    assert!(matches!(
        out.receipts[0].outcome,
        Outcome::Invalid(TxValidityError::Payment { .. })
    ));
    assert_eq!(out.receipts[1].fee, 0);
    assert!(
        matches!(out.receipts[1].outcome, Outcome::Failed(_)),
        "no subnet 42: the call fails"
    );
    assert_eq!(
        query::account(&chain.state, &hot.public()).unwrap().nonce,
        1
    );
    // Funding it later keeps the nonce and makes it a live account.
    let xt = chain.sign(user(0), transfer(hot.public(), 1_000_000, true), 0, 0);
    let out = chain.apply(vec![xt]).unwrap();
    assert_eq!(out.receipts[0].outcome, Outcome::Success);
    let acct = system::account(&chain.state, &hot.public()).unwrap();
    assert_eq!(
        (acct.nonce, acct.providers, acct.data.free),
        (1, 1, 1_000_000)
    );
}
