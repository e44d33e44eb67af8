//! Substrate's JSON-RPC methods, for unmodified Bittensor clients (`btcli`, the `bittensor`
//! SDK, polkadot.js): the methods of `shared/spec/substrate-compat.md` §2.4 on the same port as
//! the `yuma_*` methods.
//!
//! # Which blocks clients see
//!
//! Clients see the **finalized** chain only: `chain_getHead`, `chain_getFinalizedHead` and the
//! new-heads subscription all report the finalized head, and hashes of blocks not yet finalized
//! are unknown here. Simplex finalizes a block one round after it is proposed, so the lag is a
//! block at most, and in exchange every hash a client is handed stays valid: the mempool
//! validates a transaction's era against the finalized head, so a client that signs with
//! `chain_getHead` as era birth (btcli does) signs against a block the mempool knows.
//!
//! # Block hashes
//!
//! "The block hash" is the runtime header hash, `blake2b-256(SCALE(header))`
//! ([`yuma_runtime::executive::Header::hash`]), never simplex's consensus digest: it is the
//! hash `System.BlockHash` records, the next header's `parentHash`, and the era-birth hash a
//! signature covers. Block 0 is the exception: its hash is the genesis hash the genesis state
//! records (`System.BlockHash[0]`, what every transaction signs as `CheckGenesis`), and its
//! header's `parentHash` is 32 zero bytes. Header digests are empty (`{"logs": []}`); the
//! number is a hex string, as Substrate serialises it.
//!
//! # State at a block
//!
//! Storage reads and `state_call` take an optional block hash (head when absent) and read the
//! state after that block. The node keeps the last [`crate::chain::RETAINED_STATES`] finalized
//! states; older ones answer Substrate's "State already discarded" error, unknown hashes
//! "Header was not found in the database". Storage keys and values are yuma's own (the runtime
//! already lays state out as Substrate does), so reads are raw key lookups.
//!
//! # Transactions
//!
//! `author_submitExtrinsic` and `author_submitAndWatchExtrinsic` take the same bytes as
//! `yuma_submitTransaction` (the Substrate v4 envelope is yuma's transaction format). Refusals
//! carry Substrate's codes and texts (1010 "Invalid Transaction" with the reason, 1013, 1014,
//! 1016, see [`errors`]). A watched transaction reports `"ready"` (or `"future"` while its
//! nonce waits), then `{"inBlock": h}` and `{"finalized": h}` together once the block holding
//! it is finalized, so the block and its `System.Events` are readable the moment a client hears
//! of them; `"dropped"` if it leaves the pool without being included.

pub mod author;
pub mod chain;
pub mod errors;
pub mod state;
pub mod system;

use crate::view::StateView;
use crate::{chain::Executed, engine::Handle};
use jsonrpsee::{types::ErrorObjectOwned, RpcModule};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::sync::Arc;
use yuma_primitives::H256;

/// Bytes as `0x`-prefixed hex in JSON (the prefix is optional on input).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bytes(pub Vec<u8>);

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("0x{}", hex::encode(&self.0)))
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // `0x` is optional: async-substrate-interface sends `state_call` data without it.
        let s = String::deserialize(d)?;
        let digits = s.strip_prefix("0x").unwrap_or(&s);
        hex::decode(digits)
            .map(Bytes)
            .map_err(|e| serde::de::Error::custom(format!("invalid hex: {e}")))
    }
}

/// The Substrate methods over a running node (cheap to clone: one per API trait).
#[derive(Clone)]
pub struct Substrate {
    node: Handle,
}

impl Substrate {
    /// Serves `node`.
    pub fn new(node: Handle) -> Self {
        Self { node }
    }

    /// The finalized block with runtime hash `hash`, or the finalized head.
    fn find_block(&self, hash: Option<H256>) -> Option<Executed> {
        let g = self.node.chain.lock();
        match hash {
            None => Some(g.head().clone()),
            Some(h) => g.by_hash.get(&h).and_then(|n| g.finalized.get(n)).cloned(),
        }
    }

    /// The finalized block numbered `n`.
    fn block_by_number(&self, n: u64) -> Option<Executed> {
        self.node.chain.lock().finalized.get(&n).cloned()
    }

    /// The state after block `hash` (the head when absent), with that block.
    fn state(&self, hash: Option<H256>) -> Result<(Arc<StateView>, Executed), ErrorObjectOwned> {
        let Some(block) = self.find_block(hash) else {
            return Err(errors::unknown_block(hash.unwrap_or_default()));
        };
        let states_from = self.node.chain.lock().states_from;
        if block.block.header().number < states_from {
            return Err(errors::state_discarded(block.hash));
        }
        Ok((block.state.clone(), block))
    }
}

/// Adds the Substrate methods to `module` (the server's), then `rpc_methods` listing every
/// method `module` then serves.
pub fn register<C: Send + Sync + 'static>(
    module: &mut RpcModule<C>,
    node: Handle,
) -> Result<(), jsonrpsee::core::RegisterMethodError> {
    // Clients read the block time (and detect 250 ms fast-block chains) from the metadata's
    // `Aura.SlotDuration`: report this node's. The metadata is process-wide; a second node in
    // the same process with another block time keeps the first value (tests only).
    let block_ms = u64::try_from(node.block_time.as_millis()).unwrap_or(u64::MAX);
    if !yuma_compat::metadata::set_block_time_ms(block_ms) {
        tracing::warn!(block_ms, "metadata already reports another block time");
    }
    let api = Substrate::new(node);
    module.merge(chain::ChainApiServer::into_rpc(api.clone()))?;
    module.merge(state::StateApiServer::into_rpc(api.clone()))?;
    module.merge(author::AuthorApiServer::into_rpc(api.clone()))?;
    module.merge(system::SystemApiServer::into_rpc(api))?;
    let mut names: Vec<String> = module.method_names().map(str::to_owned).collect();
    names.push("rpc_methods".into());
    names.sort();
    let listing = serde_json::json!({ "version": 1, "methods": names });
    module.register_method("rpc_methods", move |_, _, _| listing.clone())?;
    Ok(())
}
