//! `system_*`: the node's and chain's names and properties.

use super::Substrate;
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use serde::Serialize;
use serde_json::{json, Value};

/// SS58 address prefix (generic Substrate, as subtensor uses).
pub const SS58_FORMAT: u16 = 42;
/// Decimals of TAO (1 TAO = 10^9 rao).
pub const TOKEN_DECIMALS: u8 = 9;
/// The token's symbol.
pub const TOKEN_SYMBOL: &str = "TAO";

/// `system_health`.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Health {
    /// Connected peers.
    pub peers: u32,
    /// Whether the node is catching up.
    pub is_syncing: bool,
    /// Whether the node should have peers (not on a one-validator dev chain).
    pub should_have_peers: bool,
}

/// The `system` namespace.
#[rpc(server)]
pub trait SystemApi {
    /// The chain's name.
    #[method(name = "system_chain")]
    fn chain(&self) -> RpcResult<String>;

    /// The node implementation's name.
    #[method(name = "system_name")]
    fn name(&self) -> RpcResult<String>;

    /// The node implementation's version.
    #[method(name = "system_version")]
    fn version(&self) -> RpcResult<String>;

    /// `ss58Format`, `tokenDecimals`, `tokenSymbol`.
    #[method(name = "system_properties")]
    fn properties(&self) -> RpcResult<Value>;

    /// "Development" on a dev chain, "Live" otherwise.
    #[method(name = "system_chainType")]
    fn chain_type(&self) -> RpcResult<String>;

    /// Peers and sync state.
    #[method(name = "system_health")]
    fn health(&self) -> RpcResult<Health>;
}

impl SystemApiServer for Substrate {
    fn chain(&self) -> RpcResult<String> {
        Ok(self.node.chain.lock().chain_name.clone())
    }

    fn name(&self) -> RpcResult<String> {
        Ok("yuma".into())
    }

    fn version(&self) -> RpcResult<String> {
        Ok(env!("CARGO_PKG_VERSION").into())
    }

    fn properties(&self) -> RpcResult<Value> {
        Ok(json!({
            "ss58Format": SS58_FORMAT,
            "tokenDecimals": TOKEN_DECIMALS,
            "tokenSymbol": TOKEN_SYMBOL,
        }))
    }

    fn chain_type(&self) -> RpcResult<String> {
        Ok(if self.node.dev { "Development" } else { "Live" }.into())
    }

    fn health(&self) -> RpcResult<Health> {
        Ok(Health {
            peers: 0,
            is_syncing: false,
            should_have_peers: !self.node.dev,
        })
    }
}
