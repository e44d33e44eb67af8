//! The `yuma_*` methods.

use super::{
    Error, MAX_CONNECTIONS, MAX_REQUEST_BYTES, MAX_RESPONSE_BYTES, MAX_SUBSCRIPTIONS_PER_CONNECTION,
};
use crate::{
    chain::{event_hex, Executed, HeadEvent},
    engine::Handle,
    mempool,
};
use jsonrpsee::{
    core::{async_trait, RpcResult, SubscriptionResult},
    proc_macros::rpc,
    server::{
        middleware::rpc::RpcServiceBuilder, BatchRequestConfig, PendingSubscriptionSink, Server,
        ServerConfig, ServerHandle,
    },
};
use std::net::SocketAddr;
use tokio::sync::broadcast;
use yuma_primitives::{
    rpc::{BlockId, BlockInfo, DryRun, HeaderInfo, Status, TransactionInfo},
    AccountId, H256,
};
use yuma_runtime::{
    event::{EventRecord, Phase},
    executive::{apply_block, extrinsics_root, Block, Header, Outcome},
    query,
};

/// The `yuma` namespace.
#[rpc(server, namespace = "yuma")]
pub trait YumaApi {
    /// Chain, heads, peers, syncing.
    #[method(name = "status")]
    async fn status(&self) -> RpcResult<Status>;

    /// A block by number or hash (finalized head when absent).
    #[method(name = "getBlock")]
    fn get_block(&self, at: Option<BlockId>) -> RpcResult<Option<BlockInfo>>;

    /// Submits a hex-encoded signed transaction; returns its hash.
    #[method(name = "submitTransaction")]
    async fn submit_transaction(&self, extrinsic: String) -> RpcResult<H256>;

    /// A finalized transaction and its receipt.
    #[method(name = "getTransaction")]
    async fn get_transaction(&self, hash: H256) -> RpcResult<Option<TransactionInfo>>;

    /// An account's next nonce.
    #[method(name = "nonce")]
    fn nonce(&self, who: AccountId, at: Option<BlockId>) -> RpcResult<u32>;

    /// What a transaction would do on the best state (or the block `at`), without submitting
    /// it.
    #[method(name = "dryRun")]
    fn dry_run(&self, extrinsic: String, at: Option<BlockId>) -> RpcResult<DryRun>;

    /// Dev only: mints `amount` rao into `who` (`Sudo.sudo(Balances.force_set_balance)`
    /// signed by the dev sudo key, through consensus; counted in issuance).
    #[method(name = "faucet")]
    async fn faucet(&self, who: AccountId, amount: u64) -> RpcResult<H256>;

    /// Every newly executed block header.
    #[subscription(name = "subscribeNewHeads" => "newHead", unsubscribe = "unsubscribeNewHeads", item = HeaderInfo)]
    async fn subscribe_new_heads(&self) -> SubscriptionResult;

    /// Every newly finalized block header.
    #[subscription(name = "subscribeFinalizedHeads" => "finalizedHead", unsubscribe = "unsubscribeFinalizedHeads", item = HeaderInfo)]
    async fn subscribe_finalized_heads(&self) -> SubscriptionResult;

    /// The events of every finalized block, in order, optionally only those of one pallet
    /// and/or event name; blocks with no matching event are skipped.
    #[subscription(name = "subscribeEvents" => "events", unsubscribe = "unsubscribeEvents", item = serde_json::Value)]
    async fn subscribe_events(&self, filter: Option<EventFilter>) -> SubscriptionResult;
}

/// Which events `yuma_subscribeEvents` sends: names as `RuntimeEvent::name` spells them
/// (`{"pallet": "Balances", "name": "Transfer"}`), matched exactly; absent fields match all.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFilter {
    /// Pallet name, e.g. `SubtensorModule`.
    pub pallet: Option<String>,
    /// Event name, e.g. `StakeAdded`.
    pub name: Option<String>,
}

impl EventFilter {
    fn matches(&self, e: &EventRecord) -> bool {
        let (pallet, name) = e.event.name();
        self.pallet.as_deref().is_none_or(|p| p == pallet)
            && self.name.as_deref().is_none_or(|n| n == name)
    }
}

/// One event as `yuma_subscribeEvents` sends it: the event's JSON (`pallet`, `name`, fields),
/// its phase, the extrinsic index while applying one, and its SCALE hex.
fn event_json(e: &EventRecord) -> serde_json::Value {
    let mut v = e.event.to_json();
    let (phase, extrinsic) = match e.phase {
        Phase::ApplyExtrinsic(i) => ("ApplyExtrinsic", Some(i)),
        Phase::Initialization => ("Initialization", None),
        Phase::Finalization => ("Finalization", None),
    };
    if let serde_json::Value::Object(m) = &mut v {
        m.insert("phase".into(), phase.into());
        m.insert("extrinsic".into(), extrinsic.into());
        m.insert("hex".into(), event_hex(e).into());
    }
    v
}

/// How far behind the wall clock the finalized head may be before the node says it is
/// syncing: ten block times, at least this.
const MIN_SYNC_LAG: std::time::Duration = std::time::Duration::from_secs(5);

/// The RPC implementation over a running node.
pub struct RpcServer {
    node: Handle,
    faucet: super::faucet::Faucet,
}

fn header_info(h: &Header, hash: H256) -> HeaderInfo {
    HeaderInfo {
        number: h.number,
        hash,
        parent_hash: h.parent_hash,
        state_root: h.state_root,
        extrinsics_root: h.extrinsics_root,
        timestamp_ms: h.timestamp_ms,
    }
}

/// Extrinsic `index` of `block` as hex (empty if absent).
fn extrinsic_hex(block: &crate::block::Block, index: u32) -> String {
    let x = block.runtime.extrinsics.get(index as usize);
    format!(
        "0x{}",
        hex::encode(x.map(Vec::as_slice).unwrap_or_default())
    )
}

fn decode_hex(s: &str) -> Result<Vec<u8>, Error> {
    let s = s.strip_prefix("0x").unwrap_or(s);
    hex::decode(s).map_err(|e| Error::Params(format!("extrinsic is not hex: {e}")))
}

impl RpcServer {
    /// Serves `node`.
    pub fn new(node: Handle) -> Self {
        Self {
            node,
            faucet: Default::default(),
        }
    }

    /// The executed block `at` names (finalized head when `None`).
    fn block_at(&self, at: Option<BlockId>) -> Result<Executed, Error> {
        let g = self.node.chain.lock();
        let found = match at {
            None => Some(g.head().clone()),
            Some(BlockId::Number(n)) => g.finalized.get(&n).cloned().or_else(|| {
                g.pending
                    .values()
                    .find(|e| e.block.header().number == n)
                    .cloned()
            }),
            Some(BlockId::Hash(h)) => g
                .by_hash
                .get(&h)
                .and_then(|n| g.finalized.get(n))
                .cloned()
                .or_else(|| g.pending.values().find(|e| e.hash == h).cloned()),
        };
        found.ok_or_else(|| {
            Error::UnknownBlock(match at {
                Some(BlockId::Number(n)) => n.to_string(),
                Some(BlockId::Hash(h)) => h.to_string(),
                None => "head".into(),
            })
        })
    }

    /// Finalized transaction `hash` from the persistent index ([`crate::index`]).
    async fn indexed_transaction(&self, hash: H256) -> Result<Option<TransactionInfo>, Error> {
        let internal = |e: crate::index::Error| Error::Internal(e.to_string());
        let Some(loc) = self.node.index.transaction(hash).await.map_err(internal)? else {
            return Ok(None);
        };
        // The finalizer indexes a block just before it commits it and makes it the head: until
        // then the transaction is not reported, so its receipt never precedes its state.
        if loc.number > self.node.chain.lock().head().block.header().number {
            return Ok(None);
        }
        let Some(record) = self.node.index.block(loc.number).await.map_err(internal)? else {
            return Ok(None);
        };
        let Some(r) = record.receipts.get(loc.index as usize) else {
            return Ok(None);
        };
        let held = self
            .node
            .chain
            .lock()
            .finalized
            .get(&loc.number)
            .map(|e| e.block.clone());
        let block = match held {
            Some(b) => b,
            None => {
                let height = commonware_consensus::types::Height::new(loc.number);
                match self.node.marshal.get_block(height).await {
                    Some(b) => std::sync::Arc::new(b.inner().clone()),
                    None => return Ok(None),
                }
            }
        };
        Ok(Some(TransactionInfo {
            hash,
            block_number: loc.number,
            block_hash: block.header().hash(),
            index: loc.index,
            signer: r.signer,
            fee: r.fee,
            success: r.success,
            error: r.error.clone(),
            events: record
                .events_of(r)
                .iter()
                .map(|e| format!("0x{}", hex::encode(e)))
                .collect(),
            extrinsic: extrinsic_hex(&block, loc.index),
        }))
    }

    /// The best executed block (highest, possibly not finalized); the finalized head when the
    /// best block is no longer held.
    fn best_block(&self) -> Executed {
        let g = self.node.chain.lock();
        let (number, hash) = g.best;
        g.pending
            .values()
            .find(|e| e.hash == hash)
            .or_else(|| g.finalized.get(&number).filter(|e| e.hash == hash))
            .unwrap_or_else(|| g.head())
            .clone()
    }

    fn state_at(
        &self,
        at: Option<BlockId>,
    ) -> Result<std::sync::Arc<crate::view::StateView>, Error> {
        let e = self.block_at(at)?;
        let number = e.block.header().number;
        if number < self.node.chain.lock().states_from {
            return Err(Error::UnknownBlock(format!("{number} (state pruned)")));
        }
        Ok(e.state)
    }

    /// Runs the runtime query `name` with named `args` on the state of block `at`.
    pub(super) fn query(
        &self,
        name: &str,
        args: &serde_json::Value,
        at: Option<BlockId>,
    ) -> Result<serde_json::Value, Error> {
        if query::find(name).is_none() {
            return Err(Error::Params(format!("unknown query {name:?}")));
        }
        let state = self.state_at(at)?;
        Ok(query::run(state.as_ref(), name, args)?)
    }

    async fn forward(
        mut rx: broadcast::Receiver<HeadEvent>,
        pending: PendingSubscriptionSink,
    ) -> SubscriptionResult {
        let sink = pending.accept().await?;
        loop {
            let ev = match rx.recv().await {
                Ok(ev) => ev,
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return Ok(()),
            };
            let msg = serde_json::value::to_raw_value(&header_info(&ev.header, ev.hash))?;
            if sink.send(msg).await.is_err() {
                return Ok(());
            }
        }
    }
}

#[async_trait]
impl YumaApiServer for RpcServer {
    async fn status(&self) -> RpcResult<Status> {
        let (pool, _) = self
            .node
            .mempool
            .clone()
            .status()
            .await
            .map_err(|e| Error::Internal(e.to_string()))?;
        let peers = crate::metrics::connected_peers(&(self.node.registry)());
        let g = self.node.chain.lock();
        let head = g.head();
        let lag = (self.node.block_time * 10).max(MIN_SYNC_LAG);
        let now_ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        let syncing = head.block.header().timestamp_ms + (lag.as_millis() as u64) < now_ms;
        Ok(Status {
            chain: g.chain_name.clone(),
            genesis_hash: g.genesis_hash,
            best_number: g.best.0,
            best_hash: g.best.1,
            finalized_number: head.block.header().number,
            finalized_hash: head.hash,
            peers,
            syncing,
            pending_transactions: pool as u32,
        })
    }

    fn get_block(&self, at: Option<BlockId>) -> RpcResult<Option<BlockInfo>> {
        match self.block_at(at) {
            Ok(e) => Ok(Some(BlockInfo {
                header: header_info(e.block.header(), e.hash),
                extrinsics: e
                    .block
                    .runtime
                    .extrinsics
                    .iter()
                    .map(|x| yuma_primitives::extrinsic::extrinsic_hash(x))
                    .collect(),
            })),
            Err(Error::UnknownBlock(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    async fn submit_transaction(&self, extrinsic: String) -> RpcResult<H256> {
        let bytes = decode_hex(&extrinsic)?;
        self.node
            .mempool
            .clone()
            .submit(bytes)
            .await
            .map_err(|e| match e {
                mempool::Error::Invalid(_) => Error::Invalid(e.to_string()).into(),
                mempool::Error::State(_) | mempool::Error::Stopped => {
                    Error::Internal(e.to_string()).into()
                }
                _ => Error::Pool(e.to_string()).into(),
            })
    }

    async fn get_transaction(&self, hash: H256) -> RpcResult<Option<TransactionInfo>> {
        // Finalized since this node started: in memory.
        let known = {
            let g = self.node.chain.lock();
            g.txs.get(&hash).copied().and_then(|loc| {
                let e = g.finalized.get(&loc.number)?;
                let r = e.receipts.get(loc.index as usize)?;
                let (success, error) = crate::index::outcome(&r.outcome);
                Some(TransactionInfo {
                    hash,
                    block_number: loc.number,
                    block_hash: e.hash,
                    index: loc.index,
                    signer: r.signer,
                    fee: r.fee,
                    success,
                    error,
                    events: e.events[r.events.clone()].iter().map(event_hex).collect(),
                    extrinsic: extrinsic_hex(&e.block, loc.index),
                })
            })
        };
        if known.is_some() {
            return Ok(known);
        }
        // Finalized before: the persistent index, and the block from marshal.
        Ok(self.indexed_transaction(hash).await?)
    }

    fn nonce(&self, who: AccountId, at: Option<BlockId>) -> RpcResult<u32> {
        let state = self.state_at(at)?;
        let a = query::account(state.as_ref(), &who).map_err(|e| Error::Internal(e.to_string()))?;
        Ok(a.nonce)
    }

    fn dry_run(&self, extrinsic: String, at: Option<BlockId>) -> RpcResult<DryRun> {
        let bytes = decode_hex(&extrinsic)?;
        if bytes.len() > mempool::MAX_TX_BYTES {
            return Err(Error::Params(format!(
                "extrinsic of {} bytes exceeds the limit of {} bytes",
                bytes.len(),
                mempool::MAX_TX_BYTES
            ))
            .into());
        }
        let head = match at {
            None => self.best_block(),
            Some(_) => {
                self.state_at(at)?;
                self.block_at(at)?
            }
        };
        let h = head.block.header();
        let extrinsics = vec![bytes];
        let block = Block {
            header: Header {
                parent_hash: head.hash,
                number: h.number + 1,
                state_root: H256::ZERO,
                extrinsics_root: extrinsics_root(&extrinsics),
                timestamp_ms: h.timestamp_ms + 1,
                author: None,
            },
            extrinsics,
        };
        let out =
            apply_block(head.state.as_ref(), &block).map_err(|e| Error::Internal(e.to_string()))?;
        let Some(r) = out.receipts.first() else {
            return Err(Error::Internal("no receipt".into()).into());
        };
        let (valid, success, error) = match &r.outcome {
            Outcome::Success => (true, true, None),
            Outcome::Failed(d) => (true, false, Some(format!("{d:?}"))),
            Outcome::Invalid(v) => (false, false, Some(v.to_string())),
        };
        Ok(DryRun {
            valid,
            success,
            fee: r.fee,
            error,
            events: out.events[r.events.clone()].iter().map(event_hex).collect(),
        })
    }

    async fn faucet(&self, who: AccountId, amount: u64) -> RpcResult<H256> {
        Ok(self.faucet.mint(&self.node, who, amount).await?)
    }

    async fn subscribe_new_heads(&self, pending: PendingSubscriptionSink) -> SubscriptionResult {
        Self::forward(self.node.chain.heads.subscribe(), pending).await
    }

    async fn subscribe_finalized_heads(
        &self,
        pending: PendingSubscriptionSink,
    ) -> SubscriptionResult {
        Self::forward(self.node.chain.finalized_heads.subscribe(), pending).await
    }

    async fn subscribe_events(
        &self,
        pending: PendingSubscriptionSink,
        filter: Option<EventFilter>,
    ) -> SubscriptionResult {
        let filter = filter.unwrap_or_default();
        let mut rx = self.node.chain.finalized_heads.subscribe();
        let mut next = self.node.chain.lock().head().block.header().number + 1;
        let sink = pending.accept().await?;
        loop {
            let upto = match rx.recv().await {
                Ok(ev) => ev.header.number,
                // Missed heads are read back from the chain below: nothing is skipped.
                Err(broadcast::error::RecvError::Lagged(_)) => {
                    self.node.chain.lock().head().block.header().number
                }
                Err(broadcast::error::RecvError::Closed) => return Ok(()),
            };
            while next <= upto {
                let block = self.node.chain.lock().finalized.get(&next).cloned();
                next += 1;
                let Some(b) = block else { continue };
                let events: Vec<_> = b
                    .events
                    .iter()
                    .filter(|e| filter.matches(e))
                    .map(event_json)
                    .collect();
                if events.is_empty() {
                    continue;
                }
                let msg = serde_json::value::to_raw_value(&serde_json::json!({
                    "blockNumber": b.block.header().number,
                    "blockHash": b.hash,
                    "events": events,
                }))?;
                if sink.send(msg).await.is_err() {
                    return Ok(());
                }
            }
        }
    }
}

/// Starts the RPC server on `addr` (HTTP and WebSocket on one port) with the default limits.
pub async fn start(addr: SocketAddr, node: Handle) -> std::io::Result<(SocketAddr, ServerHandle)> {
    start_with(addr, node, super::Limits::default()).await
}

/// Starts the RPC server on `addr` with `limits` (per-connection rate, batch length).
pub async fn start_with(
    addr: SocketAddr,
    node: Handle,
    limits: super::Limits,
) -> std::io::Result<(SocketAddr, ServerHandle)> {
    let config = ServerConfig::builder()
        .max_request_body_size(MAX_REQUEST_BYTES)
        .max_response_body_size(MAX_RESPONSE_BYTES)
        .max_connections(MAX_CONNECTIONS)
        .max_subscriptions_per_connection(MAX_SUBSCRIPTIONS_PER_CONNECTION)
        .set_batch_request_config(BatchRequestConfig::Limit(limits.max_batch.max(1)))
        .build();
    let buckets = super::limits::Buckets::default();
    let middleware = RpcServiceBuilder::new()
        .layer_fn(move |service| super::limits::RateLimit::new(service, buckets.clone(), limits));
    let server = Server::builder()
        .set_config(config)
        .set_rpc_middleware(middleware)
        .build(addr)
        .await?;
    let local = server.local_addr()?;
    let mut module = RpcServer::new(node.clone()).into_rpc();
    super::queries::register(&mut module);
    super::substrate::register(&mut module, node).map_err(std::io::Error::other)?;
    let handle = server.start(module);
    Ok((local, handle))
}
