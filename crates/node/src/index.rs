//! The persistent index of finalized blocks: per block its events and receipts, and per
//! transaction where it was included, so `yuma_getTransaction` answers for any finalized
//! transaction after a restart (the in-memory view only holds what was finalized since the
//! node started, and marshal keeps blocks, not what executing them produced).
//!
//! # Storage
//!
//! Two `commonware_storage::archive::prunable` archives (the primitive marshal stores blocks
//! in), under partitions `<prefix>-index-blocks-*` and `<prefix>-index-txs-*`:
//! - *blocks*: index = block number, key = the block's runtime hash, value = the sequence
//!   number of its first indexed transaction (8 bytes, big endian) followed by the SCALE
//!   encoding of [`BlockRecord`];
//! - *txs*: index = a sequence number counting every indexed transaction of the chain, key =
//!   the transaction hash, value = [`TxLocation`] (number, then index; big endian).
//!
//! Transactions the runtime found invalid (not applied at all) keep their receipt in the block
//! record but are not indexed by hash, as in the in-memory view.
//!
//! # Crash consistency
//!
//! The finalizer records a block ([`Index::record`]) *before* it commits the block's state,
//! and a record is durable (synced) when `record` returns: the index is never behind the
//! committed state, at most one block ahead. Recording is idempotent by height: a block whose
//! number is already in *blocks* is skipped (after a crash between the index and the state
//! commit, the block is re-executed on restart, deterministically, and found recorded). The two
//! archives are synced together, so after a crash the last block entry may be durable without
//! all of its transactions: opening the index writes them again from the block's receipts
//! (the previous blocks' syncs had completed). Transactions durable without their block entry
//! are written again, with the same content, when the block is recorded again (archive puts at
//! an occupied index are no-ops). The next sequence number is derived from the last block entry.
//!
//! Data directories written before this index existed have no records for their old blocks:
//! those transactions stay unknown (`null`), as before.

use crate::chain::TxLocation;
use commonware_codec::RangeCfg;
use commonware_cryptography::sha256;
use commonware_runtime::buffer::paged::CacheRef;
use commonware_storage::{
    archive::{prunable, Archive as _, Identifier},
    translator::EightCap,
};
use commonware_utils::{NZUsize, NZU16, NZU64};
use futures::{future::BoxFuture, lock::Mutex};
use parity_scale_codec::{Decode, Encode};
use yuma_primitives::{AccountId, H256};
use yuma_runtime::{
    event::EventRecord,
    executive::{Outcome, Receipt},
};

/// Largest stored block record, bytes (events of a full block).
const MAX_RECORD_BYTES: usize = 64 * 1024 * 1024;
/// Items per archive section.
const ITEMS_PER_SECTION: u64 = 1 << 16;

/// What executing a finalized block produced, as stored: events SCALE-encoded one by one
/// (`EventRecord` as in `System.Events`), one receipt per extrinsic.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct BlockRecord {
    /// Every event of the block, in order, each the SCALE encoding of an `EventRecord`.
    pub events: Vec<Vec<u8>>,
    /// One receipt per extrinsic, in order.
    pub receipts: Vec<ReceiptRecord>,
}

/// A stored receipt: what `yuma_getTransaction` reports.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct ReceiptRecord {
    /// Position in the block.
    pub index: u32,
    /// Transaction hash.
    pub hash: H256,
    /// Signer, when the bytes named one.
    pub signer: Option<AccountId>,
    /// Rao paid.
    pub fee: u64,
    /// Whether it applied and its call succeeded.
    pub success: bool,
    /// Why not, as the RPC spells it.
    pub error: Option<String>,
    /// Its events: `events[start..end]` of the block record.
    pub events: (u32, u32),
    /// Whether it was applied at all (`false`: invalid, not indexed by hash).
    pub applied: bool,
}

impl BlockRecord {
    /// The record of a block that produced `events` and `receipts`.
    pub fn new(events: &[EventRecord], receipts: &[Receipt]) -> Self {
        Self {
            events: events.iter().map(|e| e.encode()).collect(),
            receipts: receipts
                .iter()
                .map(|r| {
                    let (success, error) = outcome(&r.outcome);
                    ReceiptRecord {
                        index: r.index,
                        hash: r.hash,
                        signer: r.signer,
                        fee: r.fee,
                        success,
                        error,
                        events: (r.events.start as u32, r.events.end as u32),
                        applied: !matches!(r.outcome, Outcome::Invalid(_)),
                    }
                })
                .collect(),
        }
    }

    /// The encoded events of receipt `r`.
    pub fn events_of(&self, r: &ReceiptRecord) -> &[Vec<u8>] {
        let (s, e) = (r.events.0 as usize, r.events.1 as usize);
        self.events.get(s..e.min(self.events.len())).unwrap_or(&[])
    }
}

/// Success and error of an outcome, as `yuma_getTransaction` reports them.
pub fn outcome(o: &Outcome) -> (bool, Option<String>) {
    match o {
        Outcome::Success => (true, None),
        Outcome::Failed(d) => (false, Some(format!("{d:?}"))),
        Outcome::Invalid(v) => (false, Some(v.to_string())),
    }
}

/// An index failure. Fatal to the finalizer (the index must not fall behind the state).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The archive failed on disk.
    #[error("transaction index: {0}")]
    Archive(String),
    /// An earlier failure closed the index.
    #[error("transaction index closed after an earlier failure")]
    Closed,
    /// A stored record does not decode.
    #[error("transaction index: corrupt record: {0}")]
    Corrupt(String),
}

fn arc_err(e: impl std::fmt::Display) -> Error {
    Error::Archive(e.to_string())
}

/// The index as the finalizer and RPC use it (object-safe over the runtime context).
pub trait History: Send + Sync {
    /// Durably records finalized block `number` (runtime hash `hash`); a no-op if recorded.
    fn record(
        &self,
        number: u64,
        hash: H256,
        record: BlockRecord,
    ) -> BoxFuture<'_, Result<(), Error>>;
    /// The record of finalized block `number`.
    fn block(&self, number: u64) -> BoxFuture<'_, Result<Option<BlockRecord>, Error>>;
    /// Where finalized transaction `hash` is.
    fn transaction(&self, hash: H256) -> BoxFuture<'_, Result<Option<TxLocation>, Error>>;
}

type Blocks<E> = prunable::Archive<EightCap, E, sha256::Digest, Vec<u8>>;
type Txs<E> = prunable::Archive<EightCap, E, sha256::Digest, Vec<u8>>;

struct Archives<E: commonware_storage::Context> {
    blocks: Blocks<E>,
    txs: Txs<E>,
    /// Sequence number of the next indexed transaction.
    next_seq: u64,
}

/// The persistent index on runtime context `E`.
pub struct Index<E: commonware_storage::Context> {
    /// `None` after a failed write consumed the archives.
    inner: Mutex<Option<Archives<E>>>,
}

fn config(prefix: &str, name: &str) -> prunable::Config<EightCap, (RangeCfg<usize>, ())> {
    prunable::Config {
        translator: EightCap,
        metadata_partition: format!("{prefix}-index-{name}-metadata"),
        key_partition: format!("{prefix}-index-{name}-key"),
        key_page_cache: CacheRef::new(NZU16!(4096), NZUsize!(256)),
        value_partition: format!("{prefix}-index-{name}-value"),
        compression: None,
        codec_config: ((..=MAX_RECORD_BYTES).into(), ()),
        items_per_section: NZU64!(ITEMS_PER_SECTION),
        key_write_buffer: NZUsize!(64 * 1024),
        value_write_buffer: NZUsize!(64 * 1024),
        replay_buffer: NZUsize!(64 * 1024),
    }
}

fn key(h: &H256) -> sha256::Digest {
    sha256::Digest(h.0)
}

fn decode_block(v: &[u8]) -> Result<(u64, BlockRecord), Error> {
    if v.len() < 8 {
        return Err(Error::Corrupt("short block record".into()));
    }
    let mut seq = [0u8; 8];
    seq.copy_from_slice(&v[..8]);
    let record = BlockRecord::decode(&mut &v[8..]).map_err(|e| Error::Corrupt(e.to_string()))?;
    Ok((u64::from_be_bytes(seq), record))
}

fn applied(record: &BlockRecord) -> impl Iterator<Item = &ReceiptRecord> {
    record.receipts.iter().filter(|r| r.applied)
}

/// Writes (not syncs) the transaction entries of block `number`, from sequence number `first`
/// (occupied sequence numbers are skipped); returns the archive and the next sequence number.
async fn put_txs<E: commonware_storage::Context>(
    mut txs: Txs<E>,
    number: u64,
    first: u64,
    record: &BlockRecord,
) -> Result<(Txs<E>, u64), Error> {
    let mut seq = first;
    for r in applied(record) {
        let mut loc = number.to_be_bytes().to_vec();
        loc.extend_from_slice(&r.index.to_be_bytes());
        txs = txs.put(seq, key(&r.hash), &loc).await.map_err(arc_err)?;
        seq += 1;
    }
    Ok((txs, seq))
}

impl<E: commonware_storage::Context> Index<E> {
    /// Opens (or creates) the index under partition prefix `prefix`.
    pub async fn open(context: E, prefix: &str) -> Result<Self, Error> {
        let blocks = Blocks::init(context.child("blocks"), config(prefix, "blocks"))
            .await
            .map_err(arc_err)?;
        let txs = Txs::init(context.child("txs"), config(prefix, "txs"))
            .await
            .map_err(arc_err)?;
        let mut txs = txs;
        let next_seq = match blocks.last_index() {
            Some(n) => {
                let v = blocks
                    .get(Identifier::Index(n))
                    .await
                    .map_err(arc_err)?
                    .ok_or_else(|| Error::Corrupt(format!("block {n} listed but absent")))?;
                let (first, record) = decode_block(&v)?;
                // Repair: the last block's transactions may not have reached the disk.
                let (t, next) = put_txs(txs, n, first, &record).await?;
                txs = t.sync().await.map_err(arc_err)?;
                next
            }
            None => 0,
        };
        Ok(Self {
            inner: Mutex::new(Some(Archives {
                blocks,
                txs,
                next_seq,
            })),
        })
    }
}

impl<E: commonware_storage::Context> History for Index<E> {
    fn record(
        &self,
        number: u64,
        hash: H256,
        record: BlockRecord,
    ) -> BoxFuture<'_, Result<(), Error>> {
        Box::pin(async move {
            let mut g = self.inner.lock().await;
            let a = g.take().ok_or(Error::Closed)?;
            if a.blocks
                .has(Identifier::Index(number))
                .await
                .map_err(arc_err)?
            {
                *g = Some(a);
                return Ok(());
            }
            let Archives {
                blocks,
                mut txs,
                next_seq,
            } = a;
            let first = next_seq;
            let (t, seq) = put_txs(txs, number, first, &record).await?;
            txs = t;
            let mut value = first.to_be_bytes().to_vec();
            record.encode_to(&mut value);
            let blocks = blocks
                .put(number, key(&hash), &value)
                .await
                .map_err(arc_err)?;
            let (blocks, txs) = futures::try_join!(blocks.sync(), txs.sync()).map_err(arc_err)?;
            *g = Some(Archives {
                blocks,
                txs,
                next_seq: seq,
            });
            Ok(())
        })
    }

    fn block(&self, number: u64) -> BoxFuture<'_, Result<Option<BlockRecord>, Error>> {
        Box::pin(async move {
            let g = self.inner.lock().await;
            let a = g.as_ref().ok_or(Error::Closed)?;
            let Some(v) = a
                .blocks
                .get(Identifier::Index(number))
                .await
                .map_err(arc_err)?
            else {
                return Ok(None);
            };
            Ok(Some(decode_block(&v)?.1))
        })
    }

    fn transaction(&self, hash: H256) -> BoxFuture<'_, Result<Option<TxLocation>, Error>> {
        Box::pin(async move {
            let g = self.inner.lock().await;
            let a = g.as_ref().ok_or(Error::Closed)?;
            let Some(v) = a
                .txs
                .get(Identifier::Key(&key(&hash)))
                .await
                .map_err(arc_err)?
            else {
                return Ok(None);
            };
            if v.len() != 12 {
                return Err(Error::Corrupt("transaction location".into()));
            }
            let mut n = [0u8; 8];
            n.copy_from_slice(&v[..8]);
            let mut i = [0u8; 4];
            i.copy_from_slice(&v[8..]);
            Ok(Some(TxLocation {
                number: u64::from_be_bytes(n),
                index: u32::from_be_bytes(i),
            }))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use commonware_runtime::{deterministic, Runner as _};

    fn receipt(index: u32, tag: u8, applied: bool) -> ReceiptRecord {
        ReceiptRecord {
            index,
            hash: H256([tag; 32]),
            signer: Some(AccountId([tag; 32])),
            fee: 1_000 + u64::from(tag),
            success: applied,
            error: (!applied).then(|| "bad nonce".to_string()),
            events: (index, index + 1),
            applied,
        }
    }

    /// A block whose transactions are tagged `tags` (the last one invalid when `invalid`).
    fn record(tags: &[u8], invalid: bool) -> BlockRecord {
        BlockRecord {
            events: tags.iter().map(|t| vec![*t; 3]).collect(),
            receipts: tags
                .iter()
                .enumerate()
                .map(|(i, t)| receipt(i as u32, *t, !(invalid && i + 1 == tags.len())))
                .collect(),
        }
    }

    async fn open(ctx: deterministic::Context) -> Index<deterministic::Context> {
        Index::open(ctx, "test").await.expect("opens")
    }

    fn at(number: u64, index: u32) -> Option<TxLocation> {
        Some(TxLocation { number, index })
    }

    #[test]
    fn records_survive_a_restart_and_new_ones_continue_the_sequence() {
        let (_, checkpoint) =
            deterministic::Runner::default().start_and_recover(|ctx| async move {
                let ix = open(ctx).await;
                ix.record(1, H256([101; 32]), record(&[1, 2], false))
                    .await
                    .expect("records 1");
                ix.record(2, H256([102; 32]), record(&[], false))
                    .await
                    .expect("records 2");
                ix.record(3, H256([103; 32]), record(&[3, 4], true))
                    .await
                    .expect("records 3");
                // Recording a height again changes nothing.
                ix.record(1, H256([101; 32]), record(&[9], false))
                    .await
                    .expect("no-op");
                assert_eq!(ix.transaction(H256([9; 32])).await.expect("get"), None);
            });
        deterministic::Runner::from(checkpoint).start(|ctx| async move {
            let ix = open(ctx).await;
            assert_eq!(ix.transaction(H256([1; 32])).await.expect("get"), at(1, 0));
            assert_eq!(ix.transaction(H256([2; 32])).await.expect("get"), at(1, 1));
            assert_eq!(ix.transaction(H256([3; 32])).await.expect("get"), at(3, 0));
            // Invalid: its receipt is in the block, its hash is not indexed.
            assert_eq!(ix.transaction(H256([4; 32])).await.expect("get"), None);
            let b3 = ix.block(3).await.expect("get").expect("block 3");
            assert_eq!(b3, record(&[3, 4], true));
            assert_eq!(b3.events_of(&b3.receipts[1]), &[vec![4u8; 3]][..]);
            assert_eq!(ix.block(2).await.expect("get"), Some(record(&[], false)));
            assert_eq!(ix.block(4).await.expect("get"), None);
            // The sequence continues after the three indexed transactions.
            ix.record(4, H256([104; 32]), record(&[5], false))
                .await
                .expect("records 4");
            assert_eq!(ix.transaction(H256([5; 32])).await.expect("get"), at(4, 0));
            assert_eq!(ix.transaction(H256([1; 32])).await.expect("get"), at(1, 0));
        });
    }
}
