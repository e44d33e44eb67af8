//! The mempool: transactions waiting for a block.
//!
//! Admission validates a transaction against the finalized state through
//! [`yuma_runtime::executive::validate_transaction`] (decoding, signature over genesis,
//! runtime version and era, nonce not stale, fee payable, not expired). A nonce above the
//! account's is held as *future* until the gap closes. Blocks take, per account, the run of
//! consecutive nonces starting at the account's nonce in the parent state, highest tip first
//! across accounts. After each finalized block every transaction whose nonce is now stale or
//! whose era has passed is evicted. The pool is bounded in count and bytes: when full, a new
//! transaction is refused ([`Error::Full`]) rather than evicting others.
//!
//! Submissions waiting together are admitted as one batch whose signatures are verified
//! together (see [`Actor`]); the results are those of admitting them one by one.

mod actor;
mod ingress;
mod pool;

pub use actor::{Actor, MAX_ADMIT_BATCH};
pub use ingress::{Mailbox, Message};
pub use pool::Pool;

use yuma_primitives::H256;
use yuma_runtime::executive::TxValidityError;

/// Largest transaction admitted, bytes.
pub const MAX_TX_BYTES: usize = 128 * 1024;
/// Default bound on the number of pooled transactions (a few seconds of 20,000 transfers/s).
pub const DEFAULT_MAX_COUNT: usize = 65_536;
/// Default bound on the pooled bytes.
pub const DEFAULT_MAX_BYTES: usize = 32 * 1024 * 1024;
/// Most transactions a proposer takes into one block: with blocks every 250 ms this lets
/// 32,768 transactions per second through; [`MAX_BLOCK_TX_BYTES`] (about 14,000 transfers)
/// binds first for larger transactions.
pub const MAX_BLOCK_TXS: usize = 8192;
/// Most transaction bytes a proposer takes into one block.
pub const MAX_BLOCK_TX_BYTES: usize = 2 * 1024 * 1024;
/// Messages the mempool's mailbox buffers.
pub const MAILBOX_SIZE: usize = 1024;

/// Mempool configuration.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Most transactions held.
    pub max_count: usize,
    /// Most bytes held.
    pub max_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            max_count: DEFAULT_MAX_COUNT,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Why a transaction was not admitted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The runtime refuses it.
    #[error("invalid transaction ({name}): {0}", name = .0.name())]
    Invalid(#[from] TxValidityError),
    /// Too large.
    #[error("transaction of {size} bytes exceeds the limit of {max} bytes")]
    TooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// Already pooled.
    #[error("transaction {0} is already in the pool")]
    Duplicate(H256),
    /// Another transaction with the same sender and nonce and at least the same tip is pooled.
    #[error("a transaction with nonce {nonce} and tip {tip} from this account is already pooled; raise the tip to replace it")]
    Replacement {
        /// The nonce.
        nonce: u32,
        /// The pooled transaction's tip.
        tip: u64,
    },
    /// The pool is at its bound.
    #[error("mempool full: {count} transactions, {bytes} bytes")]
    Full {
        /// Pooled transactions.
        count: usize,
        /// Pooled bytes.
        bytes: usize,
    },
    /// The state could not be read (fatal for the node, reported to the client).
    #[error("state read failed: {0}")]
    State(String),
    /// The mempool stopped.
    #[error("mempool stopped")]
    Stopped,
}
