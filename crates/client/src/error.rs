//! Why a client call failed, in words a user can act on.

use jsonrpsee_core::client::Error as RpcError;
use yuma_primitives::H256;

/// A failed client call.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The URL is not one the client can use.
    #[error("bad node URL {url:?}: {reason}")]
    Url {
        /// The URL.
        url: String,
        /// Why.
        reason: String,
    },
    /// Nothing answers at the URL.
    #[error(
        "cannot reach the node at {url} ({reason}); is `yuma node --dev` running? (set --url)"
    )]
    Unreachable {
        /// The URL.
        url: String,
        /// The transport's message.
        reason: String,
    },
    /// The node answered with a JSON-RPC error.
    #[error("{method}: {message} (code {code})")]
    Rpc {
        /// The method.
        method: String,
        /// The JSON-RPC error code (see the node's docs/rpc.md).
        code: i32,
        /// The node's message.
        message: String,
    },
    /// The answer did not have the expected shape.
    #[error("unexpected answer to {method}: {reason}")]
    Decode {
        /// The method.
        method: String,
        /// Why.
        reason: String,
    },
    /// A transaction was not finalized in time.
    #[error("transaction {hash} was not finalized within {secs} s")]
    Timeout {
        /// Its hash.
        hash: H256,
        /// The wait, seconds.
        secs: u64,
    },
    /// A transaction was included but its call failed (it paid its fee).
    #[error("transaction {hash} failed in block {block}: {error}")]
    Failed {
        /// Its hash.
        hash: H256,
        /// The block.
        block: u64,
        /// The dispatch error.
        error: String,
    },
}

impl ClientError {
    pub(crate) fn from_rpc(url: &str, method: &str, e: RpcError) -> Self {
        match e {
            RpcError::Call(obj) => Self::Rpc {
                method: method.to_string(),
                code: obj.code(),
                message: obj.message().to_string(),
            },
            RpcError::ParseError(e) => Self::Decode {
                method: method.to_string(),
                reason: e.to_string(),
            },
            RpcError::Transport(e) => Self::Unreachable {
                url: url.to_string(),
                reason: e.to_string(),
            },
            RpcError::RestartNeeded(e) => Self::Unreachable {
                url: url.to_string(),
                reason: format!("connection lost: {e}"),
            },
            RpcError::RequestTimeout => Self::Unreachable {
                url: url.to_string(),
                reason: "request timed out".into(),
            },
            other => Self::Rpc {
                method: method.to_string(),
                code: 0,
                message: other.to_string(),
            },
        }
    }

    /// The JSON-RPC error code, if the node answered with one.
    pub fn code(&self) -> Option<i32> {
        match self {
            Self::Rpc { code, .. } => Some(*code),
            _ => None,
        }
    }
}
