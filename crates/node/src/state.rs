//! Persistent authenticated state: the finalized state lives in a QMDB database
//! (`commonware_storage::qmdb::current::ordered::variable`), whose root is every block's state
//! root.
//!
//! # Layout
//!
//! One database holds every storage item of the runtime. A runtime key `k` is stored under
//! `blake2b-256(k)[..8] ++ k`: Substrate keys share long prefixes (`twox128(pallet) ++
//! twox128(item)`), and QMDB's in-memory index buckets keys by their first 8 bytes, so raw keys
//! would put a whole map into one bucket. The original key stays recoverable (`db_key[8..]`)
//! and provable (`key_value_proof` / `exclusion_proof` of the `current` variant, which proves
//! that a value is the *current* one, not only that it was once written).
//!
//! # Blocks and roots
//!
//! Executing block `n` yields a [`ChangeSet`]; [`Store::speculate`] stages it as a QMDB batch on
//! top of the parent block's batch (or of the committed tip when the parent is the finalized
//! head) and merkleizes it. The batch's root is block `n`'s `state_root`: the proposer writes it,
//! verifiers recompute it, so a finalized header commits to the authenticated state. Forks are
//! separate batches; only the finalized branch is ever applied. The genesis header keeps the
//! digest of the genesis change set as its root (it is fixed by the chain spec before any
//! database exists); block 1's root covers the genesis writes too.
//!
//! Each batch's commit operation carries as metadata the block's height and the block itself
//! with a blank state root (it cannot contain the root it produces), so the database alone tells
//! which finalized block it is at and restores the head after a restart: its root is the
//! database root. The cost is one extra copy of each block in the operation log.
//!
//! # Finalization and recovery
//!
//! The finalizer applies a finalized block's batch and makes it durable ([`Store::commit`])
//! *before* it updates the in-memory chain and acknowledges the block to marshal, and marshal
//! persists a finalized block before delivering it. After `kill -9` at any moment:
//! - QMDB reopens at its last durable commit (a commit interrupted midway is discarded), at some
//!   finalized height `h`;
//! - the node loads that state (no replay), checks that the database root is block `h`'s state
//!   root, and marshal redelivers the finalized blocks above `h` (those it holds unacknowledged);
//!   the finalizer executes them on the restored head and checks their roots;
//! - a block at or below `h` is acknowledged without being applied again: commits are idempotent
//!   by height.
//!
//! # Reads
//!
//! The runtime reads through the synchronous [`StorageRead`](yuma_runtime::storage::StorageRead);
//! QMDB reads are asynchronous and may touch disk. The node therefore keeps a hot in-memory copy
//! of the state ([`MemoryStore`]) beside the database: loaded from QMDB at start, advanced with
//! each executed block's change set. That suits dev and testnet state sizes (the whole state in
//! RAM, as before); a mainnet-sized state would read through QMDB with an asynchronous runtime
//! interface instead.

use crate::block::Block;
use commonware_codec::{Decode as _, Encode as _, RangeCfg};
use commonware_cryptography::{sha256, Digestible as _, Sha256};
use commonware_parallel::Sequential;
use commonware_runtime::{buffer::paged::CacheRef, Spawner};
use commonware_storage::{
    mmr::{self, full::Config as MerkleConfig},
    qmdb::{
        any::ordered::variable::Update,
        current::{self, batch::MerkleizedBatch, ordered::variable::Db as CurrentDb},
        floor::Proportional,
    },
    translator::EightCap,
};
use commonware_utils::{NZUsize, NZU16, NZU64};
use futures::{future::BoxFuture, lock::Mutex, StreamExt as _};
use std::{
    num::{NonZeroU16, NonZeroU64, NonZeroUsize},
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
};
use yuma_primitives::{hashing::blake2_256, H256};
use yuma_runtime::storage::{ChangeSet, MemoryStore, StorageWrite as _};

/// Bitmap chunk size of the `current` database, bytes.
const CHUNK: usize = 32;
/// Largest stored key, bytes (8-byte bucket prefix plus a Substrate storage key).
pub const MAX_KEY_BYTES: usize = 8 + 1024;
/// Largest stored value (and commit metadata: a height and a block), bytes.
pub const MAX_VALUE_BYTES: usize = 8 + crate::block::MAX_BLOCK_BYTES + 2048;
/// Page size of the state's page cache, bytes.
const PAGE_SIZE: NonZeroU16 = NZU16!(4096);
/// Pages in the state's page cache (16 MiB).
const PAGE_CACHE_PAGES: NonZeroUsize = NZUsize!(4096);
/// Write and replay buffers, bytes.
const IO_BUFFER: NonZeroUsize = NZUsize!(1 << 16);
/// Operations per journal blob.
const ITEMS_PER_BLOB: NonZeroU64 = NZU64!(1 << 14);
/// Commits between two prunings of the operation log (see [`Store::commit`]).
pub const PRUNE_EVERY: u64 = 64;

/// The QMDB database of the state, on runtime context `E`.
pub type Db<E> = CurrentDb<mmr::Family, E, Vec<u8>, Vec<u8>, Sha256, EightCap, CHUNK, Sequential>;

/// A merkleized, not yet applied block of state changes (one per executed block).
pub type Batch =
    Arc<MerkleizedBatch<mmr::Family, sha256::Digest, Update<Vec<u8>, Vec<u8>>, CHUNK, Sequential>>;

/// A state storage failure. Fatal to the node: the database is closed after it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// QMDB refused an operation or failed on disk.
    #[error("state database: {0}")]
    Db(String),
    /// The batch's parent is no longer on the finalized branch.
    #[error("the parent block's state is stale (another branch was finalized)")]
    Stale,
    /// An earlier failure closed the database.
    #[error("state database closed after an earlier failure")]
    Closed,
    /// The stored state does not belong to this chain or is inconsistent.
    #[error("stored state is inconsistent: {0}")]
    Corrupt(String),
}

fn db_err(e: impl std::fmt::Display) -> Error {
    Error::Db(e.to_string())
}

/// The key under which runtime key `key` is stored.
pub fn db_key(key: &[u8]) -> Vec<u8> {
    let mut k = Vec::with_capacity(8 + key.len());
    k.extend_from_slice(&blake2_256(key)[..8]);
    k.extend_from_slice(key);
    k
}

/// The commit metadata of block `block` (its root is blanked: the root is what it produces).
pub fn metadata(block: &Block) -> Vec<u8> {
    let mut b = block.clone();
    b.runtime.header.state_root = H256::ZERO;
    let mut m = b.height.get().to_be_bytes().to_vec();
    m.extend_from_slice(&b.encode());
    m
}

/// Decodes commit metadata: the height and the block with a blank root.
fn decode_metadata(m: &[u8]) -> Result<(u64, Block), Error> {
    let corrupt = |why: &str| Error::Corrupt(format!("commit metadata: {why}"));
    if m.len() < 8 {
        return Err(corrupt("too short"));
    }
    let height = u64::from_be_bytes(m[..8].try_into().map_err(|_| corrupt("height"))?);
    let block = Block::decode_cfg(m[8..].to_vec(), &()).map_err(|e| corrupt(&e.to_string()))?;
    if block.height.get() != height {
        return Err(corrupt("height differs from the block's"));
    }
    Ok((height, block))
}

/// What the node does with its persistent state, independent of the runtime context type.
pub trait Persist: Send + Sync + 'static {
    /// Stages `changes` of the block described by `metadata` as a batch on top of `parent`,
    /// the parent block's batch; `None` means the parent is the committed tip, at
    /// `parent_height`. Returns the merkleized batch (its root is the block's state root).
    fn speculate<'a>(
        &'a self,
        parent: Option<&'a Batch>,
        parent_height: u64,
        changes: &'a ChangeSet,
        metadata: Vec<u8>,
    ) -> BoxFuture<'a, Result<Batch, Error>>;

    /// Applies `batch` (with any unapplied ancestors) at `height` and makes it durable: returns
    /// once it is (the database takes new batches on the applied tip while it syncs).
    fn commit(&self, batch: Batch, height: u64) -> BoxFuture<'_, Result<(), Error>>;

    /// Height of the last applied commit (durable once its `commit` returned).
    fn committed_height(&self) -> u64;
}

/// QMDB-backed [`Persist`].
pub struct Store<E: commonware_storage::Context + Spawner> {
    /// `None` once a failed mutation consumed the database.
    db: Mutex<Option<Db<E>>>,
    height: AtomicU64,
    /// Commits between prunings (0: never; tests measure growth without).
    prune_every: AtomicU64,
}

/// Codec bounds of a stored operation: key and value lengths.
type OpCodec = ((RangeCfg<usize>, ()), (RangeCfg<usize>, ()));

/// The storage partitions and buffers of the state, under `prefix`.
fn config(prefix: &str) -> current::VariableConfig<EightCap, OpCodec, Sequential> {
    let page_cache = CacheRef::new(PAGE_SIZE, PAGE_CACHE_PAGES);
    current::VariableConfig {
        merkle_config: MerkleConfig {
            journal_partition: format!("{prefix}-mmr-journal"),
            metadata_partition: format!("{prefix}-mmr-metadata"),
            items_per_blob: ITEMS_PER_BLOB,
            write_buffer: IO_BUFFER,
            replay_buffer: IO_BUFFER,
            strategy: Sequential,
            page_cache: page_cache.clone(),
        },
        journal_config: commonware_storage::journal::contiguous::variable::Config {
            partition: format!("{prefix}-log"),
            items_per_section: ITEMS_PER_BLOB,
            compression: None,
            codec_config: (
                ((..=MAX_KEY_BYTES).into(), ()),
                ((..=MAX_VALUE_BYTES).into(), ()),
            ),
            page_cache,
            write_buffer: IO_BUFFER,
            replay_buffer: IO_BUFFER,
        },
        grafted_metadata_partition: format!("{prefix}-grafted-metadata"),
        translator: EightCap,
        init_cache: Some(NZUsize!(1 << 16)),
        init_buffer: NZUsize!(1 << 20),
        init_concurrency: (),
    }
}

/// The state a node restarts from.
pub struct Recovered<E: commonware_storage::Context + Spawner> {
    /// The database.
    pub store: Arc<Store<E>>,
    /// Height of the last committed finalized block.
    pub height: u64,
    /// That block, with its state root restored.
    pub block: Block,
    /// The state after it.
    pub state: MemoryStore,
}

impl<E: commonware_storage::Context + Spawner> Store<E> {
    /// Opens (or creates) the state under partition prefix `prefix`. A fresh database gets the
    /// genesis change set committed at height 0. Returns the state at the last commit.
    pub async fn open(
        context: E,
        prefix: &str,
        genesis: &Block,
        genesis_changes: &ChangeSet,
    ) -> Result<Recovered<E>, Error> {
        let mut db = Db::init(context, config(prefix), None)
            .await
            .map_err(db_err)?;
        if db.get_metadata().await.map_err(db_err)?.is_none() {
            let mut batch = db.new_batch();
            for (k, v) in genesis_changes.iter() {
                batch = batch.write(db_key(k), v.clone());
            }
            let merkleized = batch
                .merkleize(&db, Some(metadata(genesis)), &mut Proportional)
                .await
                .map_err(db_err)?;
            db = db.apply_batch(merkleized).await.map_err(db_err)?;
            db = db.commit().await.map_err(db_err)?;
        }
        let meta = db
            .get_metadata()
            .await
            .map_err(db_err)?
            .ok_or_else(|| Error::Corrupt("no commit metadata".into()))?;
        let (height, mut block) = decode_metadata(&meta)?;
        if height == 0 {
            block.runtime.header.state_root = genesis.runtime.header.state_root;
            if block.digest() != genesis.digest() {
                return Err(Error::Corrupt(
                    "the stored chain has another genesis (use a fresh base path)".into(),
                ));
            }
        } else {
            block.runtime.header.state_root = H256(root_bytes(&db.root()));
        }
        let mut state = MemoryStore::default();
        {
            let mut entries = std::pin::pin!(db.stream_range(..));
            while let Some(entry) = entries.next().await {
                let (k, v) = entry.map_err(db_err)?;
                if k.len() < 8 {
                    return Err(Error::Corrupt("short key".into()));
                }
                state.put(&k[8..], v);
            }
        }
        Ok(Recovered {
            store: Arc::new(Self {
                db: Mutex::new(Some(db)),
                height: AtomicU64::new(height),
                prune_every: AtomicU64::new(PRUNE_EVERY),
            }),
            height,
            block,
            state,
        })
    }

    /// Sets how many commits pass between prunings (0: never).
    pub fn set_prune_every(&self, commits: u64) {
        self.prune_every.store(commits, Ordering::Relaxed);
    }

    /// The retained range of the operation log: `(first, end)` locations.
    pub async fn log_bounds(&self) -> Result<(u64, u64), Error> {
        let g = self.db.lock().await;
        let db = g.as_ref().ok_or(Error::Closed)?;
        let b = db.bounds();
        Ok((*b.start, *b.end))
    }

    /// The current root of the committed state.
    pub async fn root(&self) -> Result<H256, Error> {
        let g = self.db.lock().await;
        let db = g.as_ref().ok_or(Error::Closed)?;
        Ok(H256(root_bytes(&db.root())))
    }
}

/// A root digest as 32 bytes.
pub fn root_bytes(d: &sha256::Digest) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(d.as_ref());
    out
}

impl<E: commonware_storage::Context + Spawner> Persist for Store<E> {
    fn speculate<'a>(
        &'a self,
        parent: Option<&'a Batch>,
        parent_height: u64,
        changes: &'a ChangeSet,
        metadata: Vec<u8>,
    ) -> BoxFuture<'a, Result<Batch, Error>> {
        Box::pin(async move {
            let g = self.db.lock().await;
            let db = g.as_ref().ok_or(Error::Closed)?;
            let mut batch = match parent {
                Some(p) => p.new_batch::<Sha256>(),
                None => {
                    // Only the committed tip has no batch: a child of an older block is on a
                    // dead branch.
                    if parent_height != self.height.load(Ordering::Acquire) {
                        return Err(Error::Stale);
                    }
                    db.new_batch()
                }
            };
            for (k, v) in changes.iter() {
                batch = batch.write(db_key(k), v.clone());
            }
            batch
                .merkleize(db, Some(metadata), &mut Proportional)
                .await
                .map_err(|e| match e {
                    commonware_storage::qmdb::Error::StaleBatch => Error::Stale,
                    e => db_err(e),
                })
        })
    }

    fn commit(&self, batch: Batch, height: u64) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            let mut g = self.db.lock().await;
            let db = g.take().ok_or(Error::Closed)?;
            if let Err(e) = db.validate_batch(&batch) {
                // Keep the database: nothing was written.
                *g = Some(db);
                return Err(db_err(e));
            }
            let db = db.apply_batch(batch).await.map_err(db_err)?;
            // Operations below the inactivity floor are superseded (every key's current value is
            // above it, moved up as the floor rises), so without pruning the log and its merkle
            // journal grow with every block. Pruning keeps the root and the restart point; it
            // frees whole blobs only, so it runs every few commits. `prune` commits the log
            // durably itself before it prunes.
            let every = self.prune_every.load(Ordering::Relaxed);
            if every != 0 && height.is_multiple_of(every) {
                let boundary = db.sync_boundary();
                let db = db.prune(boundary).await.map_err(db_err)?;
                *g = Some(db);
                self.height.store(height, Ordering::Release);
                return Ok(());
            }
            // The batch is applied in memory: children can be staged on the new tip while
            // the journal syncs, so the sync runs outside the lock.
            let (db, durable) = db.start_sync().await.map_err(db_err)?;
            *g = Some(db);
            self.height.store(height, Ordering::Release);
            drop(g);
            durable.await.map_err(db_err)
        })
    }

    fn committed_height(&self) -> u64 {
        self.height.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use commonware_consensus::types::Height;
    use commonware_runtime::{deterministic, Runner as _};
    use yuma_runtime::{executive::Header, storage::StorageRead};

    fn block(n: u64) -> Block {
        let mut b = Block::genesis(Header {
            parent_hash: H256::ZERO,
            number: 0,
            state_root: H256([9; 32]),
            extrinsics_root: H256::ZERO,
            timestamp_ms: 1_000 + n,
            author: None,
        });
        b.height = Height::new(n);
        b.runtime.header.number = n;
        b
    }

    fn changes(pairs: &[(&[u8], Option<&[u8]>)]) -> ChangeSet {
        let mut c = ChangeSet::default();
        for (k, v) in pairs {
            c.insert(k.to_vec(), v.map(|v| v.to_vec()));
        }
        c
    }

    fn genesis_changes() -> ChangeSet {
        changes(&[(b"g/1", Some(b"one")), (b"g/2", Some(b"two"))])
    }

    async fn open(ctx: deterministic::Context) -> Recovered<deterministic::Context> {
        Store::open(ctx, "test-state", &block(0), &genesis_changes())
            .await
            .expect("opens")
    }

    #[test]
    fn fresh_store_holds_genesis() {
        deterministic::Runner::default().start(|ctx| async move {
            let r = open(ctx).await;
            assert_eq!(r.height, 0);
            assert_eq!(r.block, block(0));
            assert_eq!(r.state, genesis_changes().into_store());
        });
    }

    #[test]
    fn committed_block_survives_a_crash_and_its_root_is_the_speculative_one() {
        let c1 = changes(&[(b"g/1", None), (b"a/1", Some(b"x"))]);
        let (root, checkpoint) = deterministic::Runner::default().start_and_recover(|ctx| {
            let c1 = c1.clone();
            async move {
                let r = open(ctx).await;
                let b1 = r
                    .store
                    .speculate(None, 0, &c1, metadata(&block(1)))
                    .await
                    .expect("speculates");
                let root = H256(root_bytes(&b1.root()));
                r.store.commit(b1, 1).await.expect("commits");
                assert_eq!(r.store.root().await.expect("root"), root);
                root
            }
        });
        deterministic::Runner::from(checkpoint).start(|ctx| async move {
            let r = open(ctx).await;
            assert_eq!(r.height, 1);
            // The restored head is block 1 with the root its batch produced.
            let mut expected = block(1);
            expected.runtime.header.state_root = root;
            assert_eq!(r.block, expected);
            let mut state = genesis_changes().into_store();
            state.commit(&c1);
            assert_eq!(r.state, state);
            assert_eq!(r.state.get(b"g/1"), None);
        });
    }

    #[test]
    fn an_uncommitted_block_is_not_restored() {
        let (_, checkpoint) =
            deterministic::Runner::default().start_and_recover(|ctx| async move {
                let r = open(ctx).await;
                let c1 = changes(&[(b"a/1", Some(b"x"))]);
                let _b1 = r
                    .store
                    .speculate(None, 0, &c1, metadata(&block(1)))
                    .await
                    .expect("speculates");
            });
        deterministic::Runner::from(checkpoint).start(|ctx| async move {
            let r = open(ctx).await;
            assert_eq!(r.height, 0);
            assert_eq!(r.state, genesis_changes().into_store());
        });
    }

    #[test]
    fn forks_differ_and_a_dead_branch_is_stale() {
        deterministic::Runner::default().start(|ctx| async move {
            let r = open(ctx).await;
            let s = r.store;
            let c1 = changes(&[(b"a/1", Some(b"x"))]);
            let b1 = s
                .speculate(None, 0, &c1, metadata(&block(1)))
                .await
                .expect("b1");
            let ca = changes(&[(b"a/2", Some(b"left"))]);
            let cb = changes(&[(b"a/2", Some(b"right"))]);
            let b2a = s
                .speculate(Some(&b1), 1, &ca, metadata(&block(2)))
                .await
                .expect("b2a");
            let b2b = s
                .speculate(Some(&b1), 1, &cb, metadata(&block(2)))
                .await
                .expect("b2b");
            assert_ne!(b2a.root(), b2b.root());
            // Committing 2a applies 1 with it.
            s.commit(b2a.clone(), 2).await.expect("commits");
            assert_eq!(s.committed_height(), 2);
            assert_eq!(s.root().await.expect("root").0, root_bytes(&b2a.root()));
            // The other branch is dead: building on it, or on block 1 as if it were the tip,
            // fails instead of silently basing on the new tip.
            let c3 = changes(&[(b"a/3", Some(b"z"))]);
            assert!(matches!(
                s.speculate(Some(&b2b), 2, &c3, metadata(&block(3))).await,
                Err(Error::Stale)
            ));
            assert!(matches!(
                s.speculate(None, 1, &c3, metadata(&block(2))).await,
                Err(Error::Stale)
            ));
            // Committing the dead branch is refused and the database stays usable.
            assert!(s.commit(b2b, 2).await.is_err());
            let b3 = s
                .speculate(Some(&b2a), 2, &c3, metadata(&block(3)))
                .await
                .expect("b3");
            s.commit(b3, 3).await.expect("commits on the live branch");
        });
    }

    #[test]
    fn roots_do_not_depend_on_when_the_parent_was_committed() {
        let c1 = changes(&[(b"a/1", Some(b"x")), (b"g/2", None)]);
        let c2 = changes(&[(b"a/1", Some(b"y")), (b"b/1", Some(b"z"))]);
        let run = |commit_first: bool, via_tip: bool| {
            let (c1, c2) = (c1.clone(), c2.clone());
            deterministic::Runner::default().start(|ctx| async move {
                let s = open(ctx).await.store;
                let b1 = s
                    .speculate(None, 0, &c1, metadata(&block(1)))
                    .await
                    .expect("b1");
                if commit_first {
                    s.commit(b1.clone(), 1).await.expect("commit 1");
                }
                let parent = if via_tip { None } else { Some(&b1) };
                let b2 = s
                    .speculate(parent, 1, &c2, metadata(&block(2)))
                    .await
                    .expect("b2");
                s.commit(b2.clone(), 2).await.expect("commit 2");
                root_bytes(&b2.root())
            })
        };
        let speculative = run(false, false);
        assert_eq!(run(true, false), speculative);
        assert_eq!(run(true, true), speculative);
    }

    /// Block `n` of a transfer-like workload: `writes` overwrites cycling over `keys` keys,
    /// so most operations become inactive as later blocks overwrite them.
    fn churn(n: u64, writes: u64, keys: u64) -> ChangeSet {
        let mut c = ChangeSet::default();
        for i in 0..writes {
            let k = (n * writes + i) % keys;
            c.insert(
                format!("acct/{k}").into_bytes(),
                Some(n.to_be_bytes().repeat(4)),
            );
        }
        c
    }

    #[test]
    fn a_pruned_log_restarts_at_the_same_root_and_state() {
        const BLOCKS: u64 = 400;
        let (root, checkpoint) =
            deterministic::Runner::default().start_and_recover(|ctx| async move {
                let s = open(ctx).await.store;
                s.set_prune_every(16);
                let mut root = H256::ZERO;
                for n in 1..=BLOCKS {
                    let b = s
                        .speculate(None, n - 1, &churn(n, 100, 200), metadata(&block(n)))
                        .await
                        .expect("speculates");
                    root = H256(root_bytes(&b.root()));
                    s.commit(b, n).await.expect("commits");
                }
                // 40,000 overwrites of 200 keys: whole blobs of the log are inactive and gone.
                let (first, end) = s.log_bounds().await.expect("bounds");
                assert!(first > 0, "nothing pruned: log {first}..{end}");
                assert!(
                    end - first < end / 2,
                    "log {first}..{end} kept most operations"
                );
                root
            });
        deterministic::Runner::from(checkpoint).start(|ctx| async move {
            let r = open(ctx).await;
            assert_eq!(r.height, BLOCKS);
            assert_eq!(r.block.runtime.header.state_root, root);
            let mut expected = genesis_changes().into_store();
            for n in 1..=BLOCKS {
                expected.commit(&churn(n, 100, 200));
            }
            assert_eq!(r.state, expected);
            // And it keeps committing on the pruned log.
            let b = r
                .store
                .speculate(
                    None,
                    BLOCKS,
                    &churn(BLOCKS + 1, 100, 200),
                    metadata(&block(BLOCKS + 1)),
                )
                .await
                .expect("speculates after restart");
            r.store
                .commit(b, BLOCKS + 1)
                .await
                .expect("commits after restart");
        });
    }

    /// Disk use of the state over 2,000 blocks of transfer-like writes, with and without
    /// pruning (numbers for the report: `cargo test -p yuma-node --lib state_disk_growth --
    /// --ignored --nocapture`).
    #[test]
    #[ignore = "measurement"]
    fn state_disk_growth() {
        fn du(p: &std::path::Path) -> u64 {
            std::fs::read_dir(p)
                .map(|rd| {
                    rd.filter_map(Result::ok)
                        .map(|e| match e.metadata() {
                            Ok(m) if m.is_dir() => du(&e.path()),
                            Ok(m) => m.len(),
                            Err(_) => 0,
                        })
                        .sum()
                })
                .unwrap_or(0)
        }
        for prune_every in [0, PRUNE_EVERY] {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().to_path_buf();
            let cfg = commonware_runtime::tokio::Config::new().with_storage_directory(&path);
            commonware_runtime::tokio::Runner::new(cfg).start(|ctx| async move {
                let s = open_tokio(ctx).await;
                s.set_prune_every(prune_every);
                let mut sizes = Vec::new();
                for n in 1..=2_000u64 {
                    // 20 transfers a block over 1,000 accounts: two balances and a nonce each,
                    // plus the block's events.
                    let mut c = churn(n, 60, 1_000);
                    c.insert(b"System.Events".to_vec(), Some(vec![n as u8; 2_000]));
                    let b = s
                        .speculate(None, n - 1, &c, metadata(&block(n)))
                        .await
                        .expect("speculates");
                    s.commit(b, n).await.expect("commits");
                    if n % 500 == 0 {
                        sizes.push((n, du(&path)));
                    }
                }
                let bounds = s.log_bounds().await.expect("bounds");
                eprintln!("prune every {prune_every}: (blocks, bytes) {sizes:?}, log {bounds:?}");
            });
        }
    }

    async fn open_tokio(
        ctx: commonware_runtime::tokio::Context,
    ) -> Arc<Store<commonware_runtime::tokio::Context>> {
        Store::open(ctx, "test-state", &block(0), &genesis_changes())
            .await
            .expect("opens")
            .store
    }

    #[test]
    fn another_genesis_is_refused() {
        let (_, checkpoint) =
            deterministic::Runner::default().start_and_recover(|ctx| async move {
                open(ctx).await;
            });
        deterministic::Runner::from(checkpoint).start(|ctx| async move {
            let mut other = block(0);
            other.runtime.header.timestamp_ms += 1;
            let r = Store::open(ctx, "test-state", &other, &genesis_changes()).await;
            assert!(matches!(r, Err(Error::Corrupt(_))));
        });
    }

    #[test]
    fn restored_state_passes_the_store_suite() {
        yuma_runtime::storage::store_suite(&mut |c| {
            let (_, checkpoint) = deterministic::Runner::default().start_and_recover(|ctx| {
                async move {
                    let s = open(ctx).await.store;
                    // Clear genesis so the store holds exactly `c`.
                    let mut all = changes(&[(b"g/1", None), (b"g/2", None)]);
                    for (k, v) in c.iter() {
                        all.insert(k.clone(), v.clone());
                    }
                    let b1 = s
                        .speculate(None, 0, &all, metadata(&block(1)))
                        .await
                        .expect("b1");
                    s.commit(b1, 1).await.expect("commits");
                }
            });
            let state = deterministic::Runner::from(checkpoint)
                .start(|ctx| async move { open(ctx).await.state });
            Box::new(state) as Box<dyn StorageRead>
        });
    }
}
