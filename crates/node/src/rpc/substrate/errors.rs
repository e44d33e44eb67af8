//! Substrate's JSON-RPC error objects: the codes and texts `sc-rpc` answers with, which clients
//! match (bittensor 11 maps "Custom error: N" to subtensor's custom validity errors and the
//! nonce texts to nonce errors).

use crate::mempool;
use jsonrpsee::types::{error::ErrorCode, ErrorObjectOwned};
use yuma_primitives::H256;
use yuma_runtime::executive::TxValidityError;

/// `author`: the extrinsic does not decode.
const BAD_FORMAT: i32 = 1001;
/// `author`: `InvalidTransaction`.
const POOL_INVALID_TX: i32 = 1010;
/// `author`: `UnknownTransaction`.
const POOL_UNKNOWN_VALIDITY: i32 = 1011;
/// `author`: already pooled.
const POOL_ALREADY_IMPORTED: i32 = 1013;
/// `author`: a pooled transaction with the same sender and nonce has at least this priority.
const POOL_TOO_LOW_PRIORITY: i32 = 1014;
/// `author`: the pool is full.
const POOL_IMMEDIATELY_DROPPED: i32 = 1016;
/// `state`/`chain`: a client (block lookup, execution) error.
const CLIENT_ERROR: i32 = 4003;
/// `state`: a page size above the maximum.
const INVALID_COUNT: i32 = 4002;

/// 1010 with Substrate's text for an `InvalidTransaction` variant.
fn invalid(reason: String) -> ErrorObjectOwned {
    ErrorObjectOwned::owned(POOL_INVALID_TX, "Invalid Transaction", Some(reason))
}

/// 1011 with Substrate's text for an `UnknownTransaction` variant.
fn unknown(reason: &str) -> ErrorObjectOwned {
    ErrorObjectOwned::owned(
        POOL_UNKNOWN_VALIDITY,
        "Unknown Transaction Validity",
        Some(reason),
    )
}

/// 1001: bytes that are not an extrinsic.
pub fn bad_format(reason: impl std::fmt::Display) -> ErrorObjectOwned {
    ErrorObjectOwned::owned(
        BAD_FORMAT,
        format!("Extrinsic has invalid format: {reason}"),
        None::<()>,
    )
}

/// The error `author_submitExtrinsic` answers for a transaction the runtime refuses.
pub fn invalid_transaction(e: &TxValidityError) -> ErrorObjectOwned {
    let text = match e {
        TxValidityError::Malformed(m) => return bad_format(m),
        TxValidityError::Unsigned => {
            return unknown("Could not find an unsigned validator for the unsigned transaction")
        }
        TxValidityError::CannotLookup => {
            return unknown("Could not lookup information required to validate the transaction")
        }
        TxValidityError::UnsupportedSignature
        | TxValidityError::MetadataHashUnsupported
        | TxValidityError::BadProof => "Transaction has a bad signature".to_string(),
        TxValidityError::AncientBirthBlock { .. } => {
            "Transaction has an ancient birth block".to_string()
        }
        TxValidityError::Expired { .. } | TxValidityError::Stale { .. } => {
            "Transaction is outdated".to_string()
        }
        TxValidityError::Future { .. } => "Transaction will be valid in the future".to_string(),
        TxValidityError::Payment { .. } => {
            "Inability to pay some fees (e.g. account balance too low)".to_string()
        }
        TxValidityError::Custom { code, .. } => format!("Custom error: {}", code.code()),
    };
    invalid(text)
}

/// The error `author_submitExtrinsic` answers for a mempool refusal.
pub fn pool_error(e: &mempool::Error) -> ErrorObjectOwned {
    match e {
        mempool::Error::Invalid(v) => invalid_transaction(v),
        mempool::Error::TooLarge { .. } => {
            invalid("Transaction would exhaust the block limits".to_string())
        }
        mempool::Error::Duplicate(h) => ErrorObjectOwned::owned(
            POOL_ALREADY_IMPORTED,
            "Transaction Already Imported",
            Some(format!("{h:?}")),
        ),
        mempool::Error::Replacement { tip, .. } => ErrorObjectOwned::owned(
            POOL_TOO_LOW_PRIORITY,
            format!("Priority is too low: (the pooled transaction tips {tip})"),
            Some("The transaction has too low priority to replace another transaction already in the pool."),
        ),
        mempool::Error::Full { .. } => ErrorObjectOwned::owned(
            POOL_IMMEDIATELY_DROPPED,
            "Immediately Dropped",
            Some("The transaction couldn't enter the pool because of the limit"),
        ),
        mempool::Error::State(_) | mempool::Error::Stopped => internal(e),
    }
}

/// A block hash the node does not know.
pub fn unknown_block(hash: H256) -> ErrorObjectOwned {
    ErrorObjectOwned::owned(
        CLIENT_ERROR,
        format!("Client error: UnknownBlock: Header was not found in the database: {hash:?}"),
        None::<()>,
    )
}

/// A block whose state is no longer held. Both clients match this text (btcli the whole
/// prefix, bittensor 11 "State already discarded for ") and read the hash after it.
pub fn state_discarded(hash: H256) -> ErrorObjectOwned {
    ErrorObjectOwned::owned(
        CLIENT_ERROR,
        format!(
            "Client error: Api called for an unknown Block: State already discarded for {hash:?}"
        ),
        None::<()>,
    )
}

/// A runtime API call that failed (its text already reads as Substrate's "Execution failed").
pub fn execution(e: impl std::fmt::Display) -> ErrorObjectOwned {
    ErrorObjectOwned::owned(CLIENT_ERROR, format!("Client error: {e}"), None::<()>)
}

/// `state_getKeysPaged` asked for too many keys.
pub fn invalid_count(value: u32, max: u32) -> ErrorObjectOwned {
    ErrorObjectOwned::owned(
        INVALID_COUNT,
        format!("count exceeds maximum value. value: {value}, max: {max}"),
        None::<()>,
    )
}

/// A parameter that does not parse.
pub fn invalid_params(reason: impl std::fmt::Display) -> ErrorObjectOwned {
    ErrorObjectOwned::owned(
        ErrorCode::InvalidParams.code(),
        format!("Invalid params: {reason}"),
        None::<()>,
    )
}

/// A failure of the node itself.
pub fn internal(e: impl std::fmt::Display) -> ErrorObjectOwned {
    ErrorObjectOwned::owned(
        ErrorCode::InternalError.code(),
        format!("Internal error: {e}"),
        None::<()>,
    )
}
