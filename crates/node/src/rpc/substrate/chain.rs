//! `chain_*`: block hashes, headers, blocks and head subscriptions, in Substrate's JSON shapes.

use super::{errors, Bytes, Substrate};
use crate::chain::{Executed, HeadEvent};
use jsonrpsee::{
    core::{async_trait, RpcResult, SubscriptionResult},
    proc_macros::rpc,
    server::PendingSubscriptionSink,
};
use serde::Serialize;
use serde_json::Value;
use tokio::sync::broadcast;
use yuma_primitives::H256;
use yuma_runtime::executive::Header;

/// `sp_runtime::generic::Header` as JSON.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubstrateHeader {
    /// Parent's hash (zero for genesis).
    pub parent_hash: H256,
    /// Number, `0x` hex.
    pub number: String,
    /// State root.
    pub state_root: H256,
    /// Extrinsics root.
    pub extrinsics_root: H256,
    /// Always empty: yuma headers carry no digest items.
    pub digest: Digest,
}

/// A header digest.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Digest {
    /// Digest items, hex.
    pub logs: Vec<Bytes>,
}

impl From<&Header> for SubstrateHeader {
    fn from(h: &Header) -> Self {
        Self {
            parent_hash: h.parent_hash,
            number: format!("{:#x}", h.number),
            state_root: h.state_root,
            extrinsics_root: h.extrinsics_root,
            digest: Digest::default(),
        }
    }
}

/// `chain_getBlock`'s inner block.
#[derive(Clone, Debug, Serialize)]
pub struct BlockBody {
    /// Header.
    pub header: SubstrateHeader,
    /// Each extrinsic exactly as submitted (with its length prefix): clients find theirs by
    /// blake2b-256 of these bytes.
    pub extrinsics: Vec<Bytes>,
}

/// `chain_getBlock`'s result.
#[derive(Clone, Debug, Serialize)]
pub struct SignedBlock {
    /// The block.
    pub block: BlockBody,
    /// Always `null`: finality proofs are simplex certificates, not GRANDPA justifications.
    pub justifications: Option<Vec<Bytes>>,
}

fn signed_block(e: &Executed) -> SignedBlock {
    SignedBlock {
        block: BlockBody {
            header: e.block.header().into(),
            extrinsics: e
                .block
                .runtime
                .extrinsics
                .iter()
                .cloned()
                .map(Bytes)
                .collect(),
        },
        justifications: None,
    }
}

/// The `chain` namespace.
#[rpc(server)]
pub trait ChainApi {
    /// Hash of block `n` (number, hex number or a list of them); the head when absent.
    #[method(name = "chain_getBlockHash", aliases = ["chain_getHead"])]
    fn block_hash(&self, n: Option<Value>) -> RpcResult<Value>;

    /// The finalized head's hash.
    #[method(name = "chain_getFinalizedHead", aliases = ["chain_getFinalisedHead"])]
    fn finalized_head(&self) -> RpcResult<H256>;

    /// A header (the head's when absent); `null` for an unknown hash.
    #[method(name = "chain_getHeader")]
    fn header(&self, hash: Option<H256>) -> RpcResult<Option<SubstrateHeader>>;

    /// A block (the head when absent); `null` for an unknown hash.
    #[method(name = "chain_getBlock")]
    fn block(&self, hash: Option<H256>) -> RpcResult<Option<SignedBlock>>;

    /// Every new head (finalized: see the module docs), starting with the current one.
    #[subscription(
        name = "chain_subscribeNewHeads" => "chain_newHead",
        aliases = ["chain_subscribeNewHead", "subscribe_newHead"],
        unsubscribe = "chain_unsubscribeNewHeads",
        unsubscribe_aliases = ["chain_unsubscribeNewHead", "unsubscribe_newHead"],
        item = SubstrateHeader
    )]
    async fn subscribe_new_heads(&self) -> SubscriptionResult;

    /// Every newly finalized head, starting with the current one.
    #[subscription(
        name = "chain_subscribeFinalizedHeads" => "chain_finalizedHead",
        aliases = ["chain_subscribeFinalisedHeads"],
        unsubscribe = "chain_unsubscribeFinalizedHeads",
        unsubscribe_aliases = ["chain_unsubscribeFinalisedHeads"],
        item = SubstrateHeader
    )]
    async fn subscribe_finalized_heads(&self) -> SubscriptionResult;

    /// Every imported head (the finalized ones: there are no forks to report).
    #[subscription(
        name = "chain_subscribeAllHeads" => "chain_allHead",
        unsubscribe = "chain_unsubscribeAllHeads",
        item = SubstrateHeader
    )]
    async fn subscribe_all_heads(&self) -> SubscriptionResult;
}

/// A block number in `chain_getBlockHash`'s forms: a JSON number or a `0x` hex string.
fn block_number(v: &Value) -> Result<u64, jsonrpsee::types::ErrorObjectOwned> {
    match v {
        Value::Number(n) => n
            .as_u64()
            .ok_or_else(|| errors::invalid_params("block number must be a non-negative integer")),
        Value::String(s) => {
            let digits = s.strip_prefix("0x").unwrap_or(s);
            u64::from_str_radix(digits, 16)
                .map_err(|_| errors::invalid_params(format!("not a block number: {s:?}")))
        }
        _ => Err(errors::invalid_params(
            "expected a block number or a list of them",
        )),
    }
}

impl Substrate {
    fn hash_of(&self, v: &Value) -> Result<Value, jsonrpsee::types::ErrorObjectOwned> {
        let n = block_number(v)?;
        Ok(self
            .block_by_number(n)
            .map(|e| serde_json::json!(e.hash))
            .unwrap_or(Value::Null))
    }

    /// Sends the current head, then every finalized head, until the client unsubscribes.
    async fn forward_heads(&self, pending: PendingSubscriptionSink) -> SubscriptionResult {
        let mut rx: broadcast::Receiver<HeadEvent> = self.node.chain.finalized_heads.subscribe();
        let current = self
            .find_block(None)
            .map(|e| SubstrateHeader::from(e.block.header()));
        let sink = pending.accept().await?;
        let mut last = None;
        if let Some(h) = current {
            last = Some(h.number.clone());
            sink.send(serde_json::value::to_raw_value(&h)?).await?;
        }
        loop {
            let ev = tokio::select! {
                ev = rx.recv() => ev,
                _ = sink.closed() => return Ok(()),
            };
            let ev = match ev {
                Ok(ev) => ev,
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return Ok(()),
            };
            let h = SubstrateHeader::from(&ev.header);
            if last.as_deref() == Some(h.number.as_str()) {
                continue;
            }
            last = Some(h.number.clone());
            if sink
                .send(serde_json::value::to_raw_value(&h)?)
                .await
                .is_err()
            {
                return Ok(());
            }
        }
    }
}

#[async_trait]
impl ChainApiServer for Substrate {
    fn block_hash(&self, n: Option<Value>) -> RpcResult<Value> {
        match n {
            None | Some(Value::Null) => Ok(self
                .find_block(None)
                .map(|e| serde_json::json!(e.hash))
                .unwrap_or(Value::Null)),
            Some(Value::Array(list)) => {
                let hashes = list
                    .iter()
                    .map(|v| self.hash_of(v))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Value::Array(hashes))
            }
            Some(v) => Ok(self.hash_of(&v)?),
        }
    }

    fn finalized_head(&self) -> RpcResult<H256> {
        match self.find_block(None) {
            Some(e) => Ok(e.hash),
            None => Err(errors::internal("no finalized head")),
        }
    }

    fn header(&self, hash: Option<H256>) -> RpcResult<Option<SubstrateHeader>> {
        Ok(self.find_block(hash).map(|e| e.block.header().into()))
    }

    fn block(&self, hash: Option<H256>) -> RpcResult<Option<SignedBlock>> {
        Ok(self.find_block(hash).as_ref().map(signed_block))
    }

    async fn subscribe_new_heads(&self, pending: PendingSubscriptionSink) -> SubscriptionResult {
        self.forward_heads(pending).await
    }

    async fn subscribe_finalized_heads(
        &self,
        pending: PendingSubscriptionSink,
    ) -> SubscriptionResult {
        self.forward_heads(pending).await
    }

    async fn subscribe_all_heads(&self, pending: PendingSubscriptionSink) -> SubscriptionResult {
        self.forward_heads(pending).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_json_has_substrate_shape() {
        let h = Header {
            parent_hash: H256([1; 32]),
            number: 26,
            state_root: H256([2; 32]),
            extrinsics_root: H256([3; 32]),
            timestamp_ms: 5,
            author: None,
        };
        let v = serde_json::to_value(SubstrateHeader::from(&h)).expect("json");
        assert_eq!(v["number"], "0x1a");
        assert_eq!(v["parentHash"], format!("0x{}", "01".repeat(32)));
        assert_eq!(v["stateRoot"], format!("0x{}", "02".repeat(32)));
        assert_eq!(v["extrinsicsRoot"], format!("0x{}", "03".repeat(32)));
        assert_eq!(v["digest"], serde_json::json!({"logs": []}));
    }

    #[test]
    fn block_numbers_parse_as_numbers_or_hex() {
        assert_eq!(block_number(&serde_json::json!(7)).ok(), Some(7));
        assert_eq!(block_number(&serde_json::json!("0x1f")).ok(), Some(31));
        assert!(block_number(&serde_json::json!(-1)).is_err());
        assert!(block_number(&serde_json::json!("0xzz")).is_err());
        assert!(block_number(&serde_json::json!({})).is_err());
    }
}
