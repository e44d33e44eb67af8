//! JSON-RPC over HTTP and WebSocket on one port (jsonrpsee), every method documented in
//! `docs/rpc.md`. Queries read the finalized state unless a block number or hash is given.
//! Request size, connections and subscriptions per connection are bounded.

mod faucet;
pub mod limits;
pub mod queries;
mod server;
pub mod substrate;

pub use limits::Limits;
pub use server::{start, start_with, RpcServer, YumaApiServer};

use jsonrpsee::types::ErrorObjectOwned;
use yuma_primitives::rpc::codes;

/// Largest request body, bytes.
pub const MAX_REQUEST_BYTES: u32 = 1024 * 1024;
/// Largest response body, bytes.
pub const MAX_RESPONSE_BYTES: u32 = 16 * 1024 * 1024;
/// Concurrent connections.
pub const MAX_CONNECTIONS: u32 = 256;
/// Subscriptions per connection.
pub const MAX_SUBSCRIPTIONS_PER_CONNECTION: u32 = 64;

/// Why an RPC call failed; each variant maps to a JSON-RPC error code.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The transaction is not valid.
    #[error("{0}")]
    Invalid(String),
    /// The mempool refused it.
    #[error("{0}")]
    Pool(String),
    /// Unknown block.
    #[error("unknown block {0}")]
    UnknownBlock(String),
    /// A parameter does not parse.
    #[error("invalid parameter: {0}")]
    Params(String),
    /// Only in `--dev`.
    #[error("{0} is only available on a dev chain (--dev)")]
    DevOnly(&'static str),
    /// Internal failure.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<Error> for ErrorObjectOwned {
    fn from(e: Error) -> Self {
        let code = match &e {
            Error::Invalid(_) => codes::INVALID_TRANSACTION,
            Error::Pool(_) => codes::POOL_REJECTED,
            Error::UnknownBlock(_) => codes::NOT_FOUND,
            Error::Params(_) => codes::INVALID_PARAMS,
            Error::DevOnly(_) => codes::DEV_ONLY,
            Error::Internal(_) => codes::INTERNAL,
        };
        ErrorObjectOwned::owned(code, e.to_string(), None::<()>)
    }
}
