//! JSON-RPC request and response types of the node's `yuma_*` methods (documented in
//! `docs/rpc.md`). They live here so clients and wallets depend on `primitives` only.

use crate::{AccountId, H256};
use serde::{Deserialize, Serialize};

/// Which block a query reads: a number or a hash; absent means the finalized head.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum BlockId {
    /// By number.
    Number(u64),
    /// By runtime hash (`0x` + 64 hex digits).
    Hash(H256),
}

/// `yuma_status`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    /// Chain name.
    pub chain: String,
    /// Genesis hash.
    pub genesis_hash: H256,
    /// Highest executed block's number.
    pub best_number: u64,
    /// Highest executed block's hash.
    pub best_hash: H256,
    /// Finalized head's number.
    pub finalized_number: u64,
    /// Finalized head's hash.
    pub finalized_hash: H256,
    /// Connected peers (other validators).
    pub peers: u32,
    /// Whether the node is catching up.
    pub syncing: bool,
    /// Transactions waiting in the mempool.
    pub pending_transactions: u32,
}

/// A block header as RPC shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeaderInfo {
    /// Number.
    pub number: u64,
    /// Hash (blake2b-256 of the SCALE header).
    pub hash: H256,
    /// Parent's hash.
    pub parent_hash: H256,
    /// State root after the block.
    pub state_root: H256,
    /// Extrinsics root.
    pub extrinsics_root: H256,
    /// Milliseconds since the Unix epoch.
    pub timestamp_ms: u64,
}

/// `yuma_getBlock`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockInfo {
    /// Header.
    pub header: HeaderInfo,
    /// Extrinsic hashes, in order.
    pub extrinsics: Vec<H256>,
}

/// `yuma_getTransaction`: a finalized transaction and its receipt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionInfo {
    /// Its hash.
    pub hash: H256,
    /// Block number.
    pub block_number: u64,
    /// Block hash.
    pub block_hash: H256,
    /// Index in the block.
    pub index: u32,
    /// Signer.
    pub signer: Option<AccountId>,
    /// Fee paid, rao.
    pub fee: u64,
    /// Whether the call succeeded.
    pub success: bool,
    /// The dispatch error when it failed.
    pub error: Option<String>,
    /// Its events, as `0x` hex SCALE `EventRecord`s.
    pub events: Vec<String>,
    /// The extrinsic, `0x` hex.
    pub extrinsic: String,
}

/// `yuma_account`: free balance and next nonce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountInfo {
    /// Free balance, rao.
    pub free: u64,
    /// Next nonce.
    pub nonce: u32,
}

/// `yuma_dryRun`: what a transaction would do on top of the finalized state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DryRun {
    /// Would it be included (valid)?
    pub valid: bool,
    /// Would the call succeed?
    pub success: bool,
    /// Fee it would pay, rao.
    pub fee: u64,
    /// Why it is invalid or why the call fails.
    pub error: Option<String>,
    /// Its events, as `0x` hex SCALE `EventRecord`s.
    pub events: Vec<String>,
}

/// JSON-RPC error codes of the `yuma_*` methods.
pub mod codes {
    /// The transaction is invalid (bad signature, nonce, fee, era, encoding).
    pub const INVALID_TRANSACTION: i32 = 1010;
    /// The mempool refused it (full, duplicate, replacement underpriced, too large).
    pub const POOL_REJECTED: i32 = 1011;
    /// The block or transaction is unknown.
    pub const NOT_FOUND: i32 = 1020;
    /// A parameter does not parse.
    pub const INVALID_PARAMS: i32 = -32602;
    /// The method is only served in dev mode.
    pub const DEV_ONLY: i32 = 1030;
    /// Internal failure (corrupt state, stopped component).
    pub const INTERNAL: i32 = -32603;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_id_parses_number_or_hash() {
        let n: BlockId = serde_json::from_str("7").expect("number");
        assert_eq!(n, BlockId::Number(7));
        let h: BlockId = serde_json::from_str(&format!("\"0x{}\"", "11".repeat(32))).expect("hash");
        assert_eq!(h, BlockId::Hash(H256([0x11; 32])));
        assert!(serde_json::from_str::<BlockId>("\"nope\"").is_err());
    }
}
