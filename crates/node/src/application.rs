//! yuma's consensus application: proposes blocks from the mempool, verifies peers' blocks by
//! re-executing them, and applies finalized blocks as marshal delivers them.
//!
//! Chain rules enforced here (beyond the runtime's):
//! - a block's timestamp is after its parent's and at most [`MAX_FUTURE_DRIFT`] ahead of the
//!   verifier's clock; a proposer waits until `parent.timestamp + block_time` (block pacing is
//!   an application rule, simplex itself runs as fast as the network allows);
//! - its header names the parent's runtime hash and the next number;
//! - its state root is the one re-execution gives ([`crate::chain`]).

use crate::{
    block::{Block, BlockContext},
    chain::{execute, Chain, ExecError, Executed, HeadEvent, RETAINED_STATES},
    index::{BlockRecord, History},
    mempool, state,
};
use commonware_actor::Feedback;
use commonware_consensus::{
    marshal::{ancestry::Ancestry, core::Mailbox as MarshalMailbox, standard::Standard, Update},
    simplex::scheme::ed25519,
    types::Height,
    Heightable as _, Reporter,
};
use commonware_cryptography::{sha256, Digested, Digestible as _};
use commonware_runtime::{Clock, Metrics, Spawner};
use commonware_utils::Acknowledgement as _;
use futures::{channel::mpsc, StreamExt as _};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tracing::{info, warn};
use yuma_runtime::executive::{extrinsics_root, Header, Outcome};

/// How far ahead of a verifier's clock a block's timestamp may be.
pub const MAX_FUTURE_DRIFT: Duration = Duration::from_secs(2);

fn unix_ms(t: SystemTime) -> u64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// The application handed to marshal's `Deferred` wrapper.
#[derive(Clone)]
pub struct Application {
    chain: Chain,
    mempool: mempool::Mailbox,
    block_time: Duration,
}

impl Application {
    /// An application over `chain`, drawing transactions from `mempool`.
    pub fn new(chain: Chain, mempool: mempool::Mailbox, block_time: Duration) -> Self {
        Self {
            chain,
            mempool,
            block_time,
        }
    }

    /// Checks `block` against its parent and executes it (or returns the known execution).
    async fn execute_child(
        &self,
        parent: &Executed,
        block: &Digested<Block>,
        now_ms: u64,
    ) -> Option<Executed> {
        let digest = block.digest();
        if let Some(e) = self.chain.lock().executed(&digest, block.height().get()) {
            return Some(e);
        }
        let h = block.inner().header();
        let ph = parent.block.header();
        if h.number != ph.number + 1
            || h.parent_hash != parent.hash
            || h.timestamp_ms <= ph.timestamp_ms
            || h.timestamp_ms > now_ms + MAX_FUTURE_DRIFT.as_millis() as u64
            || h.extrinsics_root != extrinsics_root(&block.inner().runtime.extrinsics)
        {
            warn!(number = h.number, "block breaks a chain rule");
            return None;
        }
        match execute(self.chain.store(), parent, block.inner().clone(), true).await {
            Ok(e) => {
                self.chain.insert_pending(digest, e.clone());
                let _ = self.chain.heads.send(HeadEvent {
                    header: e.block.header().clone(),
                    hash: e.hash,
                });
                Some(e)
            }
            Err(err) => {
                warn!(%err, "block rejected");
                None
            }
        }
    }

    /// The execution of the newest block of `ancestry`, executing unknown ancestors first.
    async fn resolve(&self, mut ancestry: impl Ancestry<Block>, now_ms: u64) -> Option<Executed> {
        let mut unknown = Vec::new();
        let base = loop {
            let b = ancestry.next().await?;
            let known = {
                let g = self.chain.lock();
                let k = g.executed(&b.digest(), b.height().get());
                if k.is_none() && b.height() <= Height::new(g.head().block.header().number) {
                    // Below the finalized head and not on it: a dead fork.
                    return None;
                }
                k
            };
            match known {
                Some(e) => break e,
                None => unknown.push(b),
            }
        };
        let mut cur = base;
        while let Some(b) = unknown.pop() {
            cur = self.execute_child(&cur, &b, now_ms).await?;
        }
        Some(cur)
    }
}

impl<E: Clock + Spawner + Metrics> commonware_consensus::Application<E> for Application {
    type SigningScheme = ed25519::Scheme;
    type Context = BlockContext;
    type Block = Block;
    type Input = ();

    async fn propose(
        &mut self,
        (context, consensus): (E, Self::Context),
        ancestry: impl Ancestry<Self::Block>,
        _input: (),
    ) -> Option<Digested<Self::Block>> {
        let now_ms = unix_ms(context.current());
        let parent = self.resolve(ancestry, now_ms).await?;
        let parent_digest = parent.block.digest();
        let ph = parent.block.header().clone();

        // Pace blocks: wait until the parent's timestamp plus the block time.
        let target = UNIX_EPOCH + Duration::from_millis(ph.timestamp_ms) + self.block_time;
        if context.current() < target {
            context.sleep_until(target).await;
        }
        let timestamp_ms = unix_ms(context.current()).max(ph.timestamp_ms + 1);

        let mut extrinsics = self.mempool.ready(parent.state.clone()).await;
        let build = |extrinsics: Vec<Vec<u8>>| {
            let header = Header {
                parent_hash: parent.hash,
                number: ph.number + 1,
                state_root: Default::default(),
                extrinsics_root: extrinsics_root(&extrinsics),
                timestamp_ms,
                author: None,
            };
            Block {
                context: consensus.clone(),
                parent: parent_digest,
                height: Height::new(ph.number + 1),
                runtime: yuma_runtime::executive::Block { header, extrinsics },
            }
        };
        let store = self.chain.store();
        let mut exec = match execute(store, &parent, build(extrinsics.clone()), false).await {
            Ok(e) => e,
            Err(err) => {
                warn!(%err, "cannot build a block");
                return None;
            }
        };
        // Leave out what the runtime found invalid, and tell the mempool.
        let invalid: Vec<_> = exec
            .receipts
            .iter()
            .filter(|r| matches!(r.outcome, Outcome::Invalid(_)))
            .map(|r| (r.index as usize, r.hash))
            .collect();
        if !invalid.is_empty() {
            for (i, _) in invalid.iter().rev() {
                extrinsics.remove(*i);
            }
            self.mempool
                .reject(invalid.iter().map(|(_, h)| *h).collect())
                .await;
            exec = execute(store, &parent, build(extrinsics), false)
                .await
                .ok()?;
        }
        let digest = exec.block.digest();
        self.chain.insert_pending(digest, exec.clone());
        let _ = self.chain.heads.send(HeadEvent {
            header: exec.block.header().clone(),
            hash: exec.hash,
        });
        Some(Digested::precomputed(exec.block.clone(), digest))
    }

    async fn verify(
        &mut self,
        (context, _consensus): (E, Self::Context),
        ancestry: impl Ancestry<Self::Block>,
    ) -> bool {
        let now_ms = unix_ms(context.current());
        self.resolve(ancestry, now_ms).await.is_some()
    }
}

/// Receives marshal's finalized blocks and hands them to [`Finalizer::run`].
#[derive(Clone)]
pub struct Reports {
    sender: mpsc::UnboundedSender<Update<Block>>,
}

impl Reporter for Reports {
    type Activity = Update<Block>;

    fn report(&mut self, activity: Self::Activity) -> Feedback {
        match self.sender.unbounded_send(activity) {
            Ok(()) => Feedback::Ok,
            Err(_) => Feedback::Closed,
        }
    }
}

/// Applies finalized blocks in order and acknowledges them to marshal.
pub struct Finalizer {
    chain: Chain,
    mempool: mempool::Mailbox,
    index: std::sync::Arc<dyn History>,
    receiver: mpsc::UnboundedReceiver<Update<Block>>,
}

/// Why the finalizer stopped: each means the node can no longer follow the finalized chain
/// (its state diverged from it, or its storage failed), so the node must exit rather than keep
/// voting and serving a state that is not the chain's.
#[derive(Debug, thiserror::Error)]
pub enum Fatal {
    /// Re-executing a finalized block failed (wrong state root, refused by the runtime, or
    /// the state database failed).
    #[error("finalized block does not apply on this node's state: {0}")]
    Execute(#[from] ExecError),
    /// A finalized block's state batch is missing (a bug).
    #[error("finalized block {0} has no state batch")]
    NoBatch(u64),
    /// The transaction index could not record a finalized block.
    #[error("cannot index finalized block {number}: {source}")]
    Index {
        /// Block number.
        number: u64,
        /// Why.
        source: crate::index::Error,
    },
    /// The finalized state could not be committed to disk.
    #[error("cannot commit the state of finalized block {number}: {source}")]
    Commit {
        /// Block number.
        number: u64,
        /// Why.
        source: state::Error,
    },
    /// Marshal lacks a finalized block below one it delivered.
    #[error("finalized block {0} is missing from marshal's archive")]
    Missing(u64),
    /// The finalized block does not extend the node's in-memory finalized state (a bug).
    #[error("finalized block does not extend the in-memory state: {0}")]
    Finalize(#[from] crate::view::FinalizeError),
}

/// The marshal mailbox type of this chain.
pub type Marshal = MarshalMailbox<ed25519::Scheme, Standard<Block>>;

impl Finalizer {
    /// A finalizer and the reporter marshal reports to.
    pub fn new(
        chain: Chain,
        mempool: mempool::Mailbox,
        index: std::sync::Arc<dyn History>,
    ) -> (Self, Reports) {
        let (sender, receiver) = mpsc::unbounded();
        (
            Self {
                chain,
                mempool,
                index,
                receiver,
            },
            Reports { sender },
        )
    }

    /// Applies a finalized block on the finalized head: indexes its receipts and commits its
    /// state durably (in that order: see [`crate::index`]), then makes it the head. An error
    /// means the node's state diverged from the finalized chain or its storage failed.
    async fn apply(&self, block: &Digested<Block>) -> Result<(), Fatal> {
        let digest = block.digest();
        let known = self.chain.lock().pending.get(&digest).cloned();
        let exec = match known {
            Some(e) => e,
            None => {
                let head = self.chain.lock().head().clone();
                execute(self.chain.store(), &head, block.inner().clone(), true).await?
            }
        };
        let number = exec.block.header().number;
        let Some(batch) = exec.batch.clone() else {
            return Err(Fatal::NoBatch(number));
        };
        let record = BlockRecord::new(&exec.events, &exec.receipts);
        self.index
            .record(number, exec.hash, record)
            .await
            .map_err(|source| Fatal::Index { number, source })?;
        self.chain
            .store()
            .commit(batch, number)
            .await
            .map_err(|source| Fatal::Commit { number, source })?;
        let header = exec.block.header().clone();
        let hash = exec.hash;
        self.chain.finalize(digest, exec)?;
        let _ = self.chain.finalized_heads.send(HeadEvent { header, hash });
        Ok(())
    }

    /// Re-executes the finalized blocks marshal holds above the node's head, up to `target`.
    async fn catch_up(&mut self, marshal: &Marshal, target: u64) -> Result<(), Fatal> {
        loop {
            let next = self.chain.lock().head().block.header().number + 1;
            if next > target {
                return Ok(());
            }
            let Some(block) = marshal.get_block(Height::new(next)).await else {
                return Err(Fatal::Missing(next));
            };
            self.apply(&block).await?;
        }
    }

    /// Applies the stored finalized blocks above the committed state, then new ones until
    /// marshal stops (`Ok`) or a finalized block cannot be applied (`Err`: the node must stop).
    pub async fn run(mut self, marshal: Marshal) -> Result<(), Fatal> {
        let committed = self.chain.lock().head().block.header().number;
        if let Some(processed) = marshal.get_processed().await {
            let target = processed.height().get();
            self.catch_up(&marshal, target).await?;
            info!(
                committed,
                replayed = target.saturating_sub(committed),
                "state restored"
            );
        }
        // Index the recent finalized blocks below the restored head for RPC (headers and
        // extrinsics; their states are not kept).
        for n in committed.saturating_sub(RETAINED_STATES)..committed {
            if let Some(b) = marshal.get_block(Height::new(n)).await {
                self.chain
                    .insert_history(std::sync::Arc::new(b.inner().clone()));
            }
        }
        let state = self.chain.finalized_state();
        self.mempool.finalized(state).await;
        while let Some(update) = self.receiver.next().await {
            let Update::Block(block, ack) = update else {
                continue;
            };
            let height = block.height().get();
            let head = self.chain.lock().head().block.header().number;
            if height > head {
                self.catch_up(&marshal, height - 1).await?;
                self.apply(&block).await?;
                let state = self.chain.finalized_state();
                self.mempool.finalized(state).await;
            }
            ack.acknowledge();
        }
        Ok(())
    }
}

/// A finalized digest, for logs.
pub fn short(d: &sha256::Digest) -> String {
    hex::encode(&d.as_ref()[..4])
}
