//! Types every yuma crate shares: accounts, balances, ids, hashing, sr25519 keys and Substrate's extrinsic format.
//!
//! Wire and state formats are Substrate's, as subtensor uses them, so that btcli and the
//! bittensor SDK can talk to a yuma node unmodified (`shared/spec/substrate-compat.md`).
//!
//! # Status
//! ALPHA: formats may still change; the extrinsic and storage-key encodings are frozen by
//! golden tests because they must equal Substrate's.

pub mod account;
pub mod balance;
pub mod call;
pub mod crypto;
pub mod extrinsic;
pub mod hashing;
pub mod ids;
pub mod rpc;
pub mod type_info;

pub use account::{AccountId, Ss58Error, SS58_PREFIX};
pub use balance::{Balance, BalanceError, RAO_PER_TAO};
pub use call::{
    AdminUtilsCall, BalancesCall, RecycleOrBurnEnum, RootClaimTypeEnum, RuntimeCall,
    SubnetIdentityV3, SubtensorCall, SudoCall, TimelockedCommit, MAX_CRV3_COMMIT_SIZE_BYTES,
};
pub use crypto::{KeyError, Pair, SIGNING_CONTEXT};
pub use extrinsic::{Era, ExtrinsicError, SignedExtra, UncheckedExtrinsic};
pub use ids::{BlockNumber, NetUid, Uid, H256};
