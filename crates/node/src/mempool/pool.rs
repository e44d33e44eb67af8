//! The pool itself: pure data, no I/O, unit-tested here.

use super::{Config, Error, MAX_BLOCK_TXS, MAX_BLOCK_TX_BYTES, MAX_TX_BYTES};
use std::collections::{BTreeMap, BinaryHeap, HashMap};
use yuma_primitives::{AccountId, H256};
use yuma_runtime::{
    executive::{validate_transactions_after, TxValidityError, ValidTransaction},
    query,
    storage::StorageRead,
};

/// A pooled transaction.
#[derive(Clone, Debug)]
struct Entry {
    bytes: Vec<u8>,
    tx: ValidTransaction,
    seq: u64,
}

/// Transactions by hash and by (sender, nonce).
#[derive(Debug, Default)]
pub struct Pool {
    config: Config,
    by_hash: HashMap<H256, Entry>,
    by_sender: BTreeMap<AccountId, BTreeMap<u32, H256>>,
    bytes: usize,
    seq: u64,
}

impl Pool {
    /// An empty pool.
    pub fn new(config: Config) -> Self {
        Self {
            config,
            ..Default::default()
        }
    }

    /// Pooled transactions.
    pub fn len(&self) -> usize {
        self.by_hash.len()
    }

    /// Whether empty.
    pub fn is_empty(&self) -> bool {
        self.by_hash.is_empty()
    }

    /// Pooled bytes.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Whether `hash` is pooled.
    pub fn contains(&self, hash: &H256) -> bool {
        self.by_hash.contains_key(hash)
    }

    /// The nonce `who`'s next transaction should use: `state_nonce` (the account's nonce in
    /// the finalized state) advanced past every pooled transaction that continues the run
    /// (Substrate's `account_nextIndex`, which counts ready pool transactions).
    pub fn next_nonce(&self, who: &AccountId, state_nonce: u32) -> u32 {
        let mut next = state_nonce;
        if let Some(nonces) = self.by_sender.get(who) {
            for nonce in nonces.range(state_nonce..).map(|(n, _)| *n) {
                if nonce != next {
                    break;
                }
                next = next.wrapping_add(1);
            }
        }
        next
    }

    /// Validates `bytes` against `state`, the state after the block whose runtime hash is
    /// `head_hash` (so transactions born at that block are admitted), and admits them.
    pub fn submit(
        &mut self,
        state: &dyn StorageRead,
        head_hash: H256,
        bytes: Vec<u8>,
    ) -> Result<H256, Error> {
        self.submit_batch(state, head_hash, vec![bytes])
            .pop()
            .unwrap_or(Err(Error::Stopped))
    }

    /// [`Pool::submit`] of each of `batch` in order, with the signatures verified together
    /// (batched, on every core): every result is the one `submit` one by one would give, since
    /// validation reads only `state` and the pool checks (duplicate, replacement, bounds) still
    /// run one transaction after the other.
    pub fn submit_batch(
        &mut self,
        state: &dyn StorageRead,
        head_hash: H256,
        batch: Vec<Vec<u8>>,
    ) -> Vec<Result<H256, Error>> {
        let sized: Vec<&[u8]> = batch
            .iter()
            .filter(|b| b.len() <= MAX_TX_BYTES)
            .map(Vec::as_slice)
            .collect();
        let mut validated = validate_transactions_after(state, head_hash, &sized).into_iter();
        batch
            .into_iter()
            .map(|bytes| {
                if bytes.len() > MAX_TX_BYTES {
                    return Err(Error::TooLarge {
                        size: bytes.len(),
                        max: MAX_TX_BYTES,
                    });
                }
                let tx = validated
                    .next()
                    .unwrap_or_else(|| Ok(Err(TxValidityError::Unsigned)))
                    .map_err(|e| Error::State(e.to_string()))??;
                self.admit(tx, bytes)
            })
            .collect()
    }

    /// Pools a validated transaction unless it is a duplicate, an underpriced replacement or
    /// over the bounds.
    fn admit(&mut self, tx: ValidTransaction, bytes: Vec<u8>) -> Result<H256, Error> {
        if self.by_hash.contains_key(&tx.hash) {
            return Err(Error::Duplicate(tx.hash));
        }
        // Replacement by a higher tip.
        let existing = self
            .by_sender
            .get(&tx.signer)
            .and_then(|m| m.get(&tx.nonce))
            .copied();
        if let Some(old) = existing {
            let old_tip = self.by_hash.get(&old).map(|e| e.tx.tip).unwrap_or(0);
            if tx.tip <= old_tip {
                return Err(Error::Replacement {
                    nonce: tx.nonce,
                    tip: old_tip,
                });
            }
            self.remove(&old);
        }
        if self.by_hash.len() >= self.config.max_count
            || self.bytes + bytes.len() > self.config.max_bytes
        {
            return Err(Error::Full {
                count: self.by_hash.len(),
                bytes: self.bytes,
            });
        }
        let hash = tx.hash;
        self.by_sender
            .entry(tx.signer)
            .or_default()
            .insert(tx.nonce, hash);
        self.bytes += bytes.len();
        self.seq += 1;
        self.by_hash.insert(
            hash,
            Entry {
                bytes,
                tx,
                seq: self.seq,
            },
        );
        Ok(hash)
    }

    fn remove(&mut self, hash: &H256) {
        if let Some(e) = self.by_hash.remove(hash) {
            self.bytes -= e.bytes.len();
            if let Some(m) = self.by_sender.get_mut(&e.tx.signer) {
                m.remove(&e.tx.nonce);
                if m.is_empty() {
                    self.by_sender.remove(&e.tx.signer);
                }
            }
        }
    }

    /// Transactions for a block built on `state`: per account the consecutive nonces from
    /// the account's nonce, highest tip first (then oldest) across accounts, within the
    /// block's count and byte bounds.
    pub fn ready(&self, state: &dyn StorageRead) -> Vec<Vec<u8>> {
        let number = query::block_number(state).unwrap_or(0) + 1;
        // Per account: its runnable queue.
        let mut queues: Vec<Vec<&Entry>> = Vec::new();
        for (who, nonces) in &self.by_sender {
            let Ok(acct) = query::account(state, who) else {
                continue;
            };
            let mut next = acct.nonce;
            let mut q = Vec::new();
            for (nonce, hash) in nonces.range(acct.nonce..) {
                if *nonce != next {
                    break;
                }
                let Some(e) = self.by_hash.get(hash) else {
                    break;
                };
                if e.tx.valid_until <= number {
                    break;
                }
                q.push(e);
                next = next.wrapping_add(1);
            }
            if !q.is_empty() {
                q.reverse(); // pop from the end
                queues.push(q);
            }
        }
        // Merge by (tip, -seq) of each queue's head.
        let mut heap: BinaryHeap<(u64, std::cmp::Reverse<u64>, usize)> = queues
            .iter()
            .enumerate()
            .filter_map(|(i, q)| q.last().map(|e| (e.tx.tip, std::cmp::Reverse(e.seq), i)))
            .collect();
        let mut out = Vec::new();
        let mut size = 0usize;
        while let Some((_, _, i)) = heap.pop() {
            let Some(e) = queues[i].pop() else { continue };
            if out.len() >= MAX_BLOCK_TXS || size + e.bytes.len() > MAX_BLOCK_TX_BYTES {
                break;
            }
            size += e.bytes.len();
            out.push(e.bytes.clone());
            if let Some(n) = queues[i].last() {
                heap.push((n.tx.tip, std::cmp::Reverse(n.seq), i));
            }
        }
        out
    }

    /// Drops what `state` (a newly finalized state) made stale or expired.
    pub fn prune(&mut self, state: &dyn StorageRead) {
        let number = query::block_number(state).unwrap_or(0) + 1;
        let mut drop = Vec::new();
        for (who, nonces) in &self.by_sender {
            let nonce = query::account(state, who).map(|a| a.nonce).unwrap_or(0);
            for (n, h) in nonces {
                let expired = self
                    .by_hash
                    .get(h)
                    .map(|e| e.tx.valid_until <= number)
                    .unwrap_or(true);
                if *n < nonce || expired {
                    drop.push(*h);
                }
            }
        }
        for h in drop {
            self.remove(&h);
        }
    }

    /// Drops transactions the runtime found invalid when building a block.
    pub fn reject(&mut self, hashes: &[H256]) {
        for h in hashes {
            self.remove(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yuma_primitives::{call::BalancesCall, extrinsic::MultiAddress, Pair, RuntimeCall};
    use yuma_runtime::{genesis::GenesisConfig, MemoryChain};

    fn transfer(chain: &MemoryChain, from: &str, nonce: u32, tip: u64) -> Vec<u8> {
        let pair = Pair::from_uri(&format!("//{from}")).expect("dev uri");
        let bob = Pair::from_uri("//Bob").expect("dev uri").public();
        let call = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
            dest: MultiAddress::Id(bob),
            value: yuma_primitives::Balance(1_000_000_000),
        });
        chain.sign(&pair, call, nonce, tip)
    }

    fn chain() -> MemoryChain {
        MemoryChain::new(&GenesisConfig::preset("dev").expect("preset")).expect("genesis")
    }

    #[test]
    fn orders_by_tip_and_holds_future_nonces() {
        let c = chain();
        let mut pool = Pool::new(Config::default());
        // Alice nonce 1 is future; nonce 0 arrives later; Charlie tips more.
        pool.submit(&c.state, c.best_hash(), transfer(&c, "Alice", 1, 0))
            .expect("future admitted");
        assert!(pool.ready(&c.state).is_empty());
        let a0 = transfer(&c, "Alice", 0, 0);
        pool.submit(&c.state, c.best_hash(), a0.clone())
            .expect("admitted");
        let c0 = transfer(&c, "Charlie", 0, 5);
        pool.submit(&c.state, c.best_hash(), c0.clone())
            .expect("admitted");
        let ready = pool.ready(&c.state);
        assert_eq!(ready.len(), 3);
        assert_eq!(ready[0], c0);
        assert_eq!(ready[1], a0);
    }

    #[test]
    fn rejects_bad_duplicate_stale_and_full() {
        let c = chain();
        let mut pool = Pool::new(Config {
            max_count: 1,
            max_bytes: 1 << 20,
        });
        assert!(matches!(
            pool.submit(&c.state, c.best_hash(), vec![1, 2, 3]),
            Err(Error::Invalid(_))
        ));
        let tx = transfer(&c, "Alice", 0, 0);
        pool.submit(&c.state, c.best_hash(), tx.clone())
            .expect("admitted");
        assert!(matches!(
            pool.submit(&c.state, c.best_hash(), tx),
            Err(Error::Duplicate(_))
        ));
        assert!(matches!(
            pool.submit(&c.state, c.best_hash(), transfer(&c, "Alice", 0, 0)),
            Err(Error::Duplicate(_)) | Err(Error::Replacement { .. })
        ));
        assert!(matches!(
            pool.submit(&c.state, c.best_hash(), transfer(&c, "Bob", 0, 0)),
            Err(Error::Full { .. })
        ));
        assert!(matches!(
            pool.submit(&c.state, c.best_hash(), vec![0; MAX_TX_BYTES + 1]),
            Err(Error::TooLarge { .. })
        ));
    }

    #[test]
    fn admits_a_transaction_born_at_the_head() {
        let mut c = chain();
        c.apply(Vec::new()).expect("block 1");
        // Signed mortal from block 1, whose hash the state does not hold yet.
        let tx = transfer(&c, "Alice", 0, 0);
        assert!(matches!(
            yuma_runtime::executive::validate_transaction(&c.state, &tx),
            Ok(Err(
                yuma_runtime::executive::TxValidityError::AncientBirthBlock { birth: 1 }
            ))
        ));
        let mut pool = Pool::new(Config::default());
        pool.submit(&c.state, c.best_hash(), tx.clone())
            .expect("admitted with the head's hash known");
        assert_eq!(pool.ready(&c.state), vec![tx.clone()]);
        // And the next block includes it.
        let out = c.apply(vec![tx]).expect("block 2");
        assert!(matches!(
            out.receipts[0].outcome,
            yuma_runtime::Outcome::Success
        ));
        // A wrong head hash is a bad signature, not an admission.
        let tx = transfer(&c, "Alice", 1, 0);
        assert!(matches!(
            pool.submit(&c.state, H256([7; 32]), tx),
            Err(Error::Invalid(_))
        ));
    }

    #[test]
    fn next_nonce_counts_the_pooled_run() {
        let c = chain();
        let alice = Pair::from_uri("//Alice").expect("dev uri").public();
        let mut pool = Pool::new(Config::default());
        assert_eq!(pool.next_nonce(&alice, 0), 0);
        pool.submit(&c.state, c.best_hash(), transfer(&c, "Alice", 0, 0))
            .expect("admitted");
        pool.submit(&c.state, c.best_hash(), transfer(&c, "Alice", 1, 0))
            .expect("admitted");
        // A gap: nonce 3 waits for 2 and does not count.
        pool.submit(&c.state, c.best_hash(), transfer(&c, "Alice", 3, 0))
            .expect("admitted");
        assert_eq!(pool.next_nonce(&alice, 0), 2);
        // Once the chain is at 1, the run still ends at 2.
        assert_eq!(pool.next_nonce(&alice, 1), 2);
        // Nothing pooled for Bob.
        let bob = Pair::from_uri("//Bob").expect("dev uri").public();
        assert_eq!(pool.next_nonce(&bob, 7), 7);
    }

    #[test]
    fn prune_evicts_included() {
        let mut c = chain();
        let mut pool = Pool::new(Config::default());
        let tx = transfer(&c, "Alice", 0, 0);
        pool.submit(&c.state, c.best_hash(), tx.clone())
            .expect("admitted");
        c.apply(vec![tx]).expect("applies");
        pool.prune(&c.state);
        assert!(pool.is_empty());
        assert_eq!(pool.bytes(), 0);
    }

    /// The same bytes with the last byte flipped: a transfer's value changes, so the
    /// signature no longer covers it.
    fn tampered(mut tx: Vec<u8>) -> Vec<u8> {
        if let Some(b) = tx.last_mut() {
            *b ^= 1;
        }
        tx
    }

    /// A batch mixing valid, future, stale-free duplicates, tampered, malformed and oversized
    /// submissions (more than one verifier thread's worth) gets exactly the results of
    /// submitting them one by one into an equal pool.
    #[test]
    fn batch_admission_matches_one_by_one() {
        let c = chain();
        let mut batch = Vec::new();
        for nonce in 0..100 {
            batch.push(transfer(&c, "Alice", nonce, 0));
            batch.push(transfer(&c, "Charlie", nonce, 1));
        }
        // Tampered copies of valid ones, in the middle and at the edges.
        for i in [0usize, 37, 120, 199] {
            let bad = tampered(batch[i].clone());
            batch.insert(i, bad);
        }
        // A duplicate, a higher-tip replacement, garbage and an oversized blob.
        batch.push(batch[10].clone());
        batch.push(transfer(&c, "Alice", 3, 9));
        batch.push(vec![1, 2, 3]);
        batch.push(vec![0; MAX_TX_BYTES + 1]);

        let mut one_by_one = Pool::new(Config::default());
        yuma_runtime::executive::forget_verified_signatures();
        let expected: Vec<_> = batch
            .iter()
            .map(|tx| one_by_one.submit(&c.state, c.best_hash(), tx.clone()))
            .collect();
        yuma_runtime::executive::forget_verified_signatures();
        let mut batched = Pool::new(Config::default());
        let got = batched.submit_batch(&c.state, c.best_hash(), batch.clone());
        assert_eq!(got, expected);
        assert_eq!(batched.len(), one_by_one.len());
        assert_eq!(batched.ready(&c.state), one_by_one.ready(&c.state));

        // Hand-checked: the four tampered ones are bad proofs, the rest as expected.
        let bad_proofs = got
            .iter()
            .filter(|r| matches!(r, Err(Error::Invalid(e)) if e.name() == "BadProof"))
            .count();
        assert_eq!(bad_proofs, 4);
        let n = got.len();
        assert!(matches!(got[n - 4], Err(Error::Duplicate(_))));
        assert!(got[n - 3].is_ok(), "a higher tip replaces Alice's nonce 3");
        assert!(matches!(&got[n - 2], Err(Error::Invalid(e)) if e.name() == "Malformed"));
        assert!(matches!(got[n - 1], Err(Error::TooLarge { .. })));
        // 200 valid, one replaced in place.
        assert_eq!(batched.len(), 200);
    }

    /// The pool's bounds hold inside a batch: the first transactions fill it, the rest are
    /// refused as full, in order.
    #[test]
    fn batch_admission_respects_the_bounds() {
        let c = chain();
        let mut pool = Pool::new(Config {
            max_count: 3,
            max_bytes: 1 << 20,
        });
        let batch: Vec<_> = (0..5).map(|n| transfer(&c, "Alice", n, 0)).collect();
        let got = pool.submit_batch(&c.state, c.best_hash(), batch);
        assert!(got[..3].iter().all(Result::is_ok), "{got:?}");
        assert!(
            got[3..]
                .iter()
                .all(|r| matches!(r, Err(Error::Full { count: 3, .. }))),
            "{got:?}"
        );
        assert_eq!(pool.len(), 3);
        // And by bytes: room for exactly two.
        let one = transfer(&c, "Bob", 0, 0).len();
        let mut pool = Pool::new(Config {
            max_count: 100,
            max_bytes: 2 * one + one / 2,
        });
        let batch: Vec<_> = (0..3).map(|n| transfer(&c, "Bob", n, 0)).collect();
        let got = pool.submit_batch(&c.state, c.best_hash(), batch);
        assert!(got[0].is_ok() && got[1].is_ok(), "{got:?}");
        assert!(
            matches!(got[2], Err(Error::Full { count: 2, .. })),
            "{got:?}"
        );
        assert_eq!(pool.bytes(), 2 * one);
    }
}
