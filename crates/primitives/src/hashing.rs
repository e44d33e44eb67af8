//! The hash functions of Substrate's storage layout and extrinsic format.
//!
//! `twox_128(pallet) ‖ twox_128(item) ‖ hasher(key)…` forms every storage key
//! (`shared/spec/substrate-compat.md` §4); blake2b-256 hashes blocks, extrinsics and
//! long signing payloads.

use blake2::digest::{consts::U16, consts::U32, Digest};
use std::hash::Hasher as _;

/// BLAKE2b with a 32-byte digest.
pub fn blake2_256(data: &[u8]) -> [u8; 32] {
    blake2::Blake2b::<U32>::digest(data).into()
}

/// BLAKE2b with a 16-byte digest.
pub fn blake2_128(data: &[u8]) -> [u8; 16] {
    blake2::Blake2b::<U16>::digest(data).into()
}

/// xxHash64 with seed 0, little-endian: Substrate's `twox_64`.
pub fn twox_64(data: &[u8]) -> [u8; 8] {
    let mut h = twox_hash::XxHash64::with_seed(0);
    h.write(data);
    h.finish().to_le_bytes()
}

/// Two xxHash64 digests (seeds 0 and 1) concatenated: Substrate's `twox_128`.
pub fn twox_128(data: &[u8]) -> [u8; 16] {
    let mut out = [0u8; 16];
    for (seed, chunk) in out.chunks_exact_mut(8).enumerate() {
        let mut h = twox_hash::XxHash64::with_seed(seed as u64);
        h.write(data);
        chunk.copy_from_slice(&h.finish().to_le_bytes());
    }
    out
}

/// How a storage map hashes one key part. The `Concat` hashers append the encoded key so a
/// client iterating the map can recover it; subtensor uses `Identity` for netuids and
/// `Blake2_128Concat` for accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageHasher {
    /// blake2b-128 of the key, then the key.
    Blake2_128Concat,
    /// xxHash64 of the key, then the key.
    Twox64Concat,
    /// The encoded key alone.
    Identity,
}

impl StorageHasher {
    /// Appends the hashed form of an encoded key to `out`.
    pub fn hash_into(self, encoded: &[u8], out: &mut Vec<u8>) {
        match self {
            Self::Blake2_128Concat => out.extend_from_slice(&blake2_128(encoded)),
            Self::Twox64Concat => out.extend_from_slice(&twox_64(encoded)),
            Self::Identity => {}
        }
        out.extend_from_slice(encoded);
    }

    /// Bytes the hasher puts before the encoded key.
    pub fn prefix_len(self) -> usize {
        match self {
            Self::Blake2_128Concat => 16,
            Self::Twox64Concat => 8,
            Self::Identity => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_known_prefixes() {
        // System.Account's prefix is the same on every Substrate chain.
        let mut key = twox_128(b"System").to_vec();
        key.extend_from_slice(&twox_128(b"Account"));
        assert_eq!(
            hex::encode(key),
            "26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9"
        );
        assert_eq!(
            hex::encode(twox_128(b"Balances")),
            "c2261276cc9d1f8598ea4b6a74b15c2f"
        );
        assert_eq!(
            hex::encode(twox_128(b"TotalIssuance")),
            "57c875e4cff74148e4628f264b974c80"
        );
    }

    #[test]
    fn blake2_of_empty() {
        assert_eq!(
            hex::encode(blake2_256(b"")),
            "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"
        );
    }
}
