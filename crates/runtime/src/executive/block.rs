//! Blocks and headers.

use parity_scale_codec::{Decode, Encode};
use yuma_primitives::{hashing::blake2_256, AccountId, BlockNumber, H256};

/// A block header. Its hash (blake2b-256 of the SCALE encoding) is the block's id.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Header {
    /// Hash of the parent block (the genesis hash for block 1).
    pub parent_hash: H256,
    /// Height.
    pub number: BlockNumber,
    /// Commitment to the state after this block.
    pub state_root: H256,
    /// Commitment to the extrinsics.
    pub extrinsics_root: H256,
    /// Milliseconds since the Unix epoch, as the proposer saw it.
    pub timestamp_ms: u64,
    /// Who is paid this block's fees; `None` burns them.
    pub author: Option<AccountId>,
}

impl Header {
    /// The block hash.
    pub fn hash(&self) -> H256 {
        H256(blake2_256(&self.encode()))
    }
}

/// A block: header and extrinsics in their wire encoding.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Block {
    /// Header.
    pub header: Header,
    /// Extrinsics, each as sent (with length prefix).
    pub extrinsics: Vec<Vec<u8>>,
}

/// blake2b-256 over the extrinsics' hashes, in order.
pub fn extrinsics_root(extrinsics: &[Vec<u8>]) -> H256 {
    let mut buf = Vec::with_capacity(extrinsics.len() * 32);
    for x in extrinsics {
        buf.extend_from_slice(&blake2_256(x));
    }
    H256(blake2_256(&buf))
}
