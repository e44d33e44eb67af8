//! `author_*` and `account_nextIndex`: submitting transactions, watching them to finality, and
//! the next nonce counting the pool.

use super::{errors, Bytes, Substrate};
use jsonrpsee::{
    core::{async_trait, RpcResult, SubscriptionResult},
    proc_macros::rpc,
    server::{PendingSubscriptionSink, SubscriptionSink},
};
use serde_json::{json, Value};
use tokio::sync::broadcast;
use yuma_primitives::{AccountId, H256};
use yuma_runtime::executive::{validate_transaction_after, ValidTransaction};

/// The `author` namespace and `account_nextIndex`.
#[rpc(server)]
pub trait AuthorApi {
    /// Submits a signed extrinsic (hex SCALE, with its length prefix); returns its hash.
    #[method(name = "author_submitExtrinsic")]
    async fn submit_extrinsic(&self, extrinsic: Bytes) -> RpcResult<H256>;

    /// The next nonce of `account`, counting its transactions waiting in the pool.
    #[method(name = "account_nextIndex", aliases = ["system_accountNextIndex"])]
    async fn next_index(&self, account: AccountId) -> RpcResult<u32>;

    /// Submits and reports the transaction's status: `"future"`/`"ready"`, then
    /// `{"inBlock": hash}` and `{"finalized": hash}`, or `"invalid"`/`"dropped"`.
    #[subscription(
        name = "author_submitAndWatchExtrinsic" => "author_extrinsicUpdate",
        unsubscribe = "author_unwatchExtrinsic",
        item = Value
    )]
    async fn submit_and_watch(&self, extrinsic: Bytes) -> SubscriptionResult;
}

/// Sends one status notification.
async fn push(sink: &SubscriptionSink, v: Value) -> SubscriptionResult {
    sink.send(serde_json::value::to_raw_value(&v)?).await?;
    Ok(())
}

/// Where a watched transaction stands after a finalized block.
enum Watch {
    /// In finalized block `hash`.
    Included(H256),
    /// Still pooled.
    Pooled,
    /// Gone from the pool without being included.
    Gone,
}

impl Substrate {
    /// The finalized block that included transaction `tx`.
    fn included(&self, tx: &H256) -> Option<H256> {
        let g = self.node.chain.lock();
        let loc = g.txs.get(tx)?;
        g.finalized.get(&loc.number).map(|e| e.hash)
    }

    async fn watch_state(&self, tx: &H256) -> Watch {
        if let Some(h) = self.included(tx) {
            return Watch::Included(h);
        }
        match self.node.mempool.clone().contains(*tx).await {
            Ok(true) => Watch::Pooled,
            // Finalization indexes a block before the mempool prunes it, so look again: it may
            // have been included between the two checks.
            _ => match self.included(tx) {
                Some(h) => Watch::Included(h),
                None => Watch::Gone,
            },
        }
    }

    /// Validity against the finalized head, as the mempool sees it.
    fn prevalidate(&self, bytes: &[u8]) -> Option<ValidTransaction> {
        let (state, head) = self.node.chain.finalized_head();
        validate_transaction_after(state.as_ref(), head, bytes)
            .ok()?
            .ok()
    }

    /// The account nonce of `who` in the finalized state.
    fn state_nonce(&self, who: &AccountId) -> u32 {
        let state = self.node.chain.finalized_state();
        yuma_runtime::query::account(state.as_ref(), who)
            .map(|a| a.nonce)
            .unwrap_or(0)
    }

    async fn follow(
        &self,
        sink: SubscriptionSink,
        mut heads: broadcast::Receiver<crate::chain::HeadEvent>,
        tx: H256,
        info: Option<ValidTransaction>,
        bytes: Vec<u8>,
    ) -> SubscriptionResult {
        let send = |v: Value| push(&sink, v);
        let mut future = info.as_ref().is_some_and(|v| v.nonce > v.account_nonce);
        send(json!(if future { "future" } else { "ready" })).await?;
        loop {
            match self.watch_state(&tx).await {
                Watch::Included(h) => {
                    send(json!({ "inBlock": h })).await?;
                    send(json!({ "finalized": h })).await?;
                    return Ok(());
                }
                Watch::Gone => {
                    let status = if self.prevalidate(&bytes).is_some() {
                        "dropped"
                    } else {
                        "invalid"
                    };
                    send(json!(status)).await?;
                    return Ok(());
                }
                Watch::Pooled => {
                    if let (true, Some(v)) = (future, &info) {
                        if self.state_nonce(&v.signer) >= v.nonce {
                            future = false;
                            send(json!("ready")).await?;
                        }
                    }
                }
            }
            tokio::select! {
                ev = heads.recv() => {
                    if let Err(broadcast::error::RecvError::Closed) = ev {
                        return Ok(());
                    }
                }
                _ = sink.closed() => return Ok(()),
            }
        }
    }
}

#[async_trait]
impl AuthorApiServer for Substrate {
    async fn submit_extrinsic(&self, extrinsic: Bytes) -> RpcResult<H256> {
        self.node
            .mempool
            .clone()
            .submit(extrinsic.0)
            .await
            .map_err(|e| errors::pool_error(&e))
    }

    async fn next_index(&self, account: AccountId) -> RpcResult<u32> {
        self.node
            .mempool
            .clone()
            .next_nonce(account)
            .await
            .map_err(|e| errors::pool_error(&e))
    }

    async fn submit_and_watch(
        &self,
        pending: PendingSubscriptionSink,
        extrinsic: Bytes,
    ) -> SubscriptionResult {
        // Subscribe before submitting so no finalized block is missed.
        let heads = self.node.chain.finalized_heads.subscribe();
        let info = self.prevalidate(&extrinsic.0);
        let bytes = extrinsic.0.clone();
        let tx = match self.node.mempool.clone().submit(extrinsic.0).await {
            Ok(h) => h,
            Err(e) => {
                pending.reject(errors::pool_error(&e)).await;
                return Ok(());
            }
        };
        let sink = pending.accept().await?;
        self.follow(sink, heads, tx, info, bytes).await
    }
}
