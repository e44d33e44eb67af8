//! The runtime APIs served through `state_call` (`substrate-compat.md` §3).
//!
//! CONTRACT (used by `metadata` and the node's RPC; keep these signatures):
//! - [`call`]`(ctx, "Api_method", args)`: the SCALE-encoded result, or an [`ApiError`] whose
//!   message reads like Substrate's (clients match "Exported method … is not found").
//! - [`declarations`]: every API for the metadata's `apis` section.

use yuma_runtime::storage::StorageRead;

/// What a runtime API call sees: the state at the block it was asked at.
pub struct ApiContext<'a> {
    /// State after the block.
    pub state: &'a dyn StorageRead,
    /// That block's number.
    pub block_number: u64,
}

/// Why a `state_call` failed.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No such API method (Substrate's wording, which clients match).
    #[error("Execution failed: Other: Exported method {0} is not found")]
    NotFound(String),
    /// The arguments do not decode as the method's inputs.
    #[error("Execution failed: Other: bad arguments for {method}: {reason}")]
    BadArguments {
        /// `Api_method`.
        method: String,
        /// The decoder's message.
        reason: String,
    },
    /// The state is corrupt.
    #[error("Execution failed: Other: {0}")]
    State(String),
}

/// Calls runtime API `method` (`Api_method`, as in `state_call`) with SCALE `args`.
pub fn call(ctx: &ApiContext<'_>, method: &str, args: &[u8]) -> Result<Vec<u8>, ApiError> {
    let _ = (ctx, args);
    Err(ApiError::NotFound(method.into()))
}

/// Every runtime API, for the metadata (V15 `apis`).
pub fn declarations() -> Vec<frame_metadata::v15::RuntimeApiMetadata<scale_info::form::MetaForm>> {
    Vec::new()
}
