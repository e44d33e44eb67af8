//! The node's view of the chain: the finalized state and head, the speculative state after
//! every verified but not yet finalized block, and in-memory indexes of finalized blocks and
//! transactions for RPC.
//!
//! # State root
//!
//! A block's header commits to the state after it: the root of the QMDB database holding the
//! state once the block's change set is applied (see [`crate::state`]). The proposer executes
//! first and writes the root into the header; every verifier re-executes, merkleizes the same
//! changes on the parent's batch and rejects a block whose root differs.
//!
//! # Persistence
//!
//! Marshal persists every finalized block and its certificate before delivering it
//! (`marshal::Update::Block`); the finalizer commits the block's state to QMDB before it
//! acknowledges it. At start the node loads the last committed state (no replay) and marshal
//! redelivers what is above it.

use crate::{
    block::Block,
    state::{self, Batch, Persist},
    view::{FinalizeError, StateView},
};
use commonware_cryptography::sha256;
use parity_scale_codec::Encode as _;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::broadcast;
use yuma_primitives::H256;
use yuma_runtime::{
    event::EventRecord,
    executive::{apply_block, BlockError, Header, Outcome, Receipt},
    storage::Diff,
};

/// Finalized blocks whose full state stays queryable (`at` in RPC); older states are freed.
pub const RETAINED_STATES: u64 = 256;

/// Speculative blocks kept past the finalized head before the oldest are dropped.
pub const MAX_PENDING_BLOCKS: usize = 1024;

/// A block that was executed: the state after it and what happened.
#[derive(Clone)]
pub struct Executed {
    /// The block.
    pub block: Arc<Block>,
    /// The runtime hash of its header.
    pub hash: H256,
    /// State after the block: its changes layered over its parent's ([`crate::view`]).
    pub state: Arc<StateView>,
    /// Events, in order.
    pub events: Arc<Vec<EventRecord>>,
    /// One receipt per extrinsic.
    pub receipts: Arc<Vec<Receipt>>,
    /// The block's merkleized state batch, until it is committed (`None` for a head restored
    /// from disk and for genesis: their state is the committed one).
    pub batch: Option<Batch>,
}

/// Why executing a block failed.
#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    /// The runtime refused the block.
    #[error("block {number} does not apply: {source}")]
    Apply {
        /// Its number.
        number: u64,
        /// Why.
        source: BlockError,
    },
    /// The header's state root is not the one execution gives.
    #[error("block {number} claims state root {claimed}, execution gives {computed}")]
    StateRoot {
        /// Its number.
        number: u64,
        /// In the header.
        claimed: H256,
        /// Computed.
        computed: H256,
    },
    /// The state database failed, or the parent's state is on a dead branch.
    #[error("block {number}: {source}")]
    State {
        /// Its number.
        number: u64,
        /// Why.
        source: state::Error,
    },
}

/// Executes `block` on `parent` (the executed parent block) and merkleizes its changes on the
/// parent's state batch. With `check_root`, the header's state root must match; without, the
/// computed root is written into the returned block.
pub async fn execute(
    store: &dyn Persist,
    parent: &Executed,
    mut block: Block,
    check_root: bool,
) -> Result<Executed, ExecError> {
    let number = block.runtime.header.number;
    let started = std::time::Instant::now();
    let out = apply_block(parent.state.as_ref(), &block.runtime)
        .map_err(|source| ExecError::Apply { number, source })?;
    crate::metrics::NODE.record_execution(started.elapsed());
    let batch = store
        .speculate(
            parent.batch.as_ref(),
            parent.block.runtime.header.number,
            &out.changes,
            state::metadata(&block),
        )
        .await
        .map_err(|source| ExecError::State { number, source })?;
    let root = H256(state::root_bytes(&batch.root()));
    if check_root {
        if block.runtime.header.state_root != root {
            return Err(ExecError::StateRoot {
                number,
                claimed: block.runtime.header.state_root,
                computed: root,
            });
        }
    } else {
        block.runtime.header.state_root = root;
    }
    let hash = block.runtime.header.hash();
    let state = parent.state.child(number, hash, Diff::from(out.changes));
    Ok(Executed {
        block: Arc::new(block),
        hash,
        state: Arc::new(state),
        events: Arc::new(out.events),
        receipts: Arc::new(out.receipts),
        batch: Some(batch),
    })
}

/// Where a finalized transaction is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TxLocation {
    /// Block number.
    pub number: u64,
    /// Index in the block.
    pub index: u32,
}

/// The mutable part of [`Chain`].
pub struct Inner {
    /// Genesis hash.
    pub genesis_hash: H256,
    /// Chain name.
    pub chain_name: String,
    /// Finalized blocks by number (genesis at 0).
    pub finalized: BTreeMap<u64, Executed>,
    /// Runtime hash -> number, finalized blocks.
    pub by_hash: HashMap<H256, u64>,
    /// Transaction hash -> location, finalized blocks.
    pub txs: HashMap<H256, TxLocation>,
    /// Executed blocks not yet finalized, by consensus digest.
    pub pending: HashMap<sha256::Digest, Executed>,
    /// Highest executed (verified or proposed) block: (number, hash).
    pub best: (u64, H256),
    /// Consensus digest of the finalized head.
    pub finalized_digest: sha256::Digest,
    /// Lowest finalized number whose state is still held.
    pub states_from: u64,
}

impl Inner {
    /// The finalized head.
    pub fn head(&self) -> &Executed {
        // The head is inserted at construction and entries are never removed.
        match self.finalized.last_key_value() {
            Some((_, e)) => e,
            None => unreachable!("the head is always present"),
        }
    }

    /// The executed block with consensus digest `digest` at `height`, finalized or pending.
    pub fn executed(&self, digest: &sha256::Digest, height: u64) -> Option<Executed> {
        if let Some(e) = self.pending.get(digest) {
            return Some(e.clone());
        }
        if *digest == self.finalized_digest {
            return Some(self.head().clone());
        }
        self.finalized
            .get(&height)
            .filter(|e| {
                use commonware_cryptography::Digestible as _;
                e.block.digest() == *digest
            })
            .cloned()
    }
}

/// Shared chain view (cheap to clone).
#[derive(Clone)]
pub struct Chain {
    inner: Arc<Mutex<Inner>>,
    /// The persistent state.
    store: Arc<dyn Persist>,
    /// Every newly executed block (best heads).
    pub heads: broadcast::Sender<HeadEvent>,
    /// Every newly finalized block.
    pub finalized_heads: broadcast::Sender<HeadEvent>,
}

/// Head events buffered per subscriber before the slowest lag.
pub const HEAD_CHANNEL: usize = 256;

/// New finalized or best heads, for subscribers.
#[derive(Clone, Debug)]
pub struct HeadEvent {
    /// The header.
    pub header: Header,
    /// Its hash.
    pub hash: H256,
}

impl Chain {
    /// A chain whose finalized head is `head` (genesis, or the block the state was last
    /// committed at), with consensus digest `digest`, persisting into `store`.
    pub fn new(
        chain_name: String,
        genesis_hash: H256,
        head: Executed,
        store: Arc<dyn Persist>,
    ) -> Self {
        use commonware_cryptography::Digestible as _;
        let digest = head.block.digest();
        let number = head.block.runtime.header.number;
        let mut by_hash = HashMap::new();
        by_hash.insert(head.hash, number);
        let best = (number, head.hash);
        let mut finalized = BTreeMap::new();
        finalized.insert(number, head);
        Self {
            heads: broadcast::channel(HEAD_CHANNEL).0,
            finalized_heads: broadcast::channel(HEAD_CHANNEL).0,
            store,
            inner: Arc::new(Mutex::new(Inner {
                genesis_hash,
                chain_name,
                finalized,
                by_hash,
                txs: HashMap::new(),
                pending: HashMap::new(),
                best,
                finalized_digest: digest,
                states_from: number,
            })),
        }
    }

    /// The persistent state.
    pub fn store(&self) -> &dyn Persist {
        self.store.as_ref()
    }

    /// Records older finalized blocks (loaded from marshal after a restart) so RPC finds them
    /// by number and hash; their states, events and receipts are not kept.
    pub fn insert_history(&self, block: Arc<Block>) {
        let mut g = self.lock();
        let number = block.runtime.header.number;
        if g.finalized.contains_key(&number) {
            return;
        }
        let hash = if number == 0 {
            g.genesis_hash
        } else {
            block.runtime.header.hash()
        };
        g.by_hash.insert(hash, number);
        g.finalized.insert(
            number,
            Executed {
                block,
                hash,
                state: Arc::new(StateView::empty()),
                events: Arc::new(Vec::new()),
                receipts: Arc::new(Vec::new()),
                batch: None,
            },
        );
    }

    /// Locks the view. Never held across an `await`.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock would be a bug in this module; keep serving.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The finalized state.
    pub fn finalized_state(&self) -> Arc<StateView> {
        self.lock().head().state.clone()
    }

    /// The finalized head's state and runtime hash.
    pub fn finalized_head(&self) -> (Arc<StateView>, H256) {
        let g = self.lock();
        let head = g.head();
        (head.state.clone(), head.hash)
    }

    /// Records an executed, not yet finalized block.
    pub fn insert_pending(&self, digest: sha256::Digest, exec: Executed) {
        let mut g = self.lock();
        let number = exec.block.runtime.header.number;
        if number > g.best.0 {
            g.best = (number, exec.hash);
        }
        if g.pending.len() >= MAX_PENDING_BLOCKS {
            // Drop the lowest: it is the least likely to be built on.
            if let Some(k) = g
                .pending
                .iter()
                .min_by_key(|(_, e)| e.block.height)
                .map(|(k, _)| *k)
            {
                g.pending.remove(&k);
            }
        }
        g.pending.insert(digest, exec);
    }

    /// Makes `exec` (with consensus digest `digest`), a child of the finalized head, the
    /// finalized head: its changes go into the finalized state.
    pub fn finalize(
        &self,
        digest: sha256::Digest,
        mut exec: Executed,
    ) -> Result<(), FinalizeError> {
        let number = exec.block.runtime.header.number;
        // Outside the lock: folding a large block takes a while, and readers need no lock.
        exec.state = Arc::new(exec.state.finalize(number, exec.hash)?);
        let mut g = self.lock();
        crate::metrics::NODE.txs_included.fetch_add(
            exec.receipts.len() as u64,
            std::sync::atomic::Ordering::Relaxed,
        );
        for r in exec.receipts.iter() {
            if !matches!(r.outcome, Outcome::Invalid(_)) {
                g.txs.insert(
                    r.hash,
                    TxLocation {
                        number,
                        index: r.index,
                    },
                );
            }
        }
        g.by_hash.insert(exec.hash, number);
        if number > g.best.0 {
            g.best = (number, exec.hash);
        }
        // Only the head's batch parents new blocks; older ones are committed history.
        if let Some((_, prev)) = g.finalized.iter_mut().next_back() {
            prev.batch = None;
        }
        g.finalized.insert(number, exec);
        g.finalized_digest = digest;
        // Free old states: only recent ones serve `at` queries.
        while g.states_from + RETAINED_STATES < number {
            let old = g.states_from;
            if let Some(e) = g.finalized.get_mut(&old) {
                e.state = Arc::new(StateView::empty());
            }
            g.states_from += 1;
        }
        g.pending
            .retain(|_, e| e.block.runtime.header.number > number);
        Ok(())
    }
}

/// Encodes events as hex SCALE, for RPC.
pub fn event_hex(e: &EventRecord) -> String {
    format!("0x{}", hex::encode(e.encode()))
}
