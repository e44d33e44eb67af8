//! The hash functions of Substrate's storage layout and extrinsic format.
//!
//! `twox_128(pallet) ‖ twox_128(item) ‖ hasher(key)…` forms every storage key
//! (`shared/spec/substrate-compat.md` §4); blake2b-256 hashes blocks, extrinsics and
//! long signing payloads.

use blake2::digest::{consts::U16, consts::U32, consts::U8, Digest};

/// BLAKE2b with a 32-byte digest.
pub fn blake2_256(data: &[u8]) -> [u8; 32] {
    blake2::Blake2b::<U32>::digest(data).into()
}

/// BLAKE2b with an 8-byte digest (runtime API ids, as `sp_version` computes them).
pub fn blake2_64(data: &[u8]) -> [u8; 8] {
    blake2::Blake2b::<U8>::digest(data).into()
}

/// BLAKE2b with a 16-byte digest.
pub fn blake2_128(data: &[u8]) -> [u8; 16] {
    blake2::Blake2b::<U16>::digest(data).into()
}

const P1: u64 = 11_400_714_785_074_694_791;
const P2: u64 = 14_029_467_366_897_019_727;
const P3: u64 = 1_609_587_929_392_839_161;
const P4: u64 = 9_650_029_242_287_828_579;
const P5: u64 = 2_870_177_450_012_600_261;

const fn read_u64(d: &[u8], i: usize) -> u64 {
    u64::from_le_bytes([
        d[i],
        d[i + 1],
        d[i + 2],
        d[i + 3],
        d[i + 4],
        d[i + 5],
        d[i + 6],
        d[i + 7],
    ])
}

const fn round(acc: u64, input: u64) -> u64 {
    acc.wrapping_add(input.wrapping_mul(P2))
        .rotate_left(31)
        .wrapping_mul(P1)
}

const fn merge(acc: u64, val: u64) -> u64 {
    (acc ^ round(0, val)).wrapping_mul(P1).wrapping_add(P4)
}

/// xxHash64 (XXH64) of `data` with `seed`. A `const fn`, so storage prefixes of named items
/// are computed at compile time.
pub const fn xxh64(data: &[u8], seed: u64) -> u64 {
    let len = data.len();
    let mut i = 0;
    let mut h = if len >= 32 {
        let mut v1 = seed.wrapping_add(P1).wrapping_add(P2);
        let mut v2 = seed.wrapping_add(P2);
        let mut v3 = seed;
        let mut v4 = seed.wrapping_sub(P1);
        while i + 32 <= len {
            v1 = round(v1, read_u64(data, i));
            v2 = round(v2, read_u64(data, i + 8));
            v3 = round(v3, read_u64(data, i + 16));
            v4 = round(v4, read_u64(data, i + 24));
            i += 32;
        }
        let mut h = v1
            .rotate_left(1)
            .wrapping_add(v2.rotate_left(7))
            .wrapping_add(v3.rotate_left(12))
            .wrapping_add(v4.rotate_left(18));
        h = merge(h, v1);
        h = merge(h, v2);
        h = merge(h, v3);
        merge(h, v4)
    } else {
        seed.wrapping_add(P5)
    };
    h = h.wrapping_add(len as u64);
    while i + 8 <= len {
        h ^= round(0, read_u64(data, i));
        h = h.rotate_left(27).wrapping_mul(P1).wrapping_add(P4);
        i += 8;
    }
    if i + 4 <= len {
        let w = u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]) as u64;
        h ^= w.wrapping_mul(P1);
        h = h.rotate_left(23).wrapping_mul(P2).wrapping_add(P3);
        i += 4;
    }
    while i < len {
        h ^= (data[i] as u64).wrapping_mul(P5);
        h = h.rotate_left(11).wrapping_mul(P1);
        i += 1;
    }
    h ^= h >> 33;
    h = h.wrapping_mul(P2);
    h ^= h >> 29;
    h = h.wrapping_mul(P3);
    h ^ (h >> 32)
}

/// xxHash64 with seed 0, little-endian: Substrate's `twox_64`.
pub const fn twox_64(data: &[u8]) -> [u8; 8] {
    xxh64(data, 0).to_le_bytes()
}

/// Two xxHash64 digests (seeds 0 and 1) concatenated: Substrate's `twox_128`.
pub const fn twox_128(data: &[u8]) -> [u8; 16] {
    let a = xxh64(data, 0).to_le_bytes();
    let b = xxh64(data, 1).to_le_bytes();
    [
        a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], b[0], b[1], b[2], b[3], b[4], b[5], b[6],
        b[7],
    ]
}

/// `twox_128(pallet) ‖ twox_128(item)`: the prefix of every key of a storage item.
pub const fn storage_prefix(pallet: &str, item: &str) -> [u8; 32] {
    let a = twox_128(pallet.as_bytes());
    let b = twox_128(item.as_bytes());
    let mut out = [0u8; 32];
    let mut i = 0;
    while i < 16 {
        out[i] = a[i];
        out[16 + i] = b[i];
        i += 1;
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
    fn xxh64_reference_values() {
        // The XXH64 reference implementation's published values.
        assert_eq!(xxh64(b"", 0), 0xef46_db37_51d8_e999);
        assert_eq!(xxh64(b"a", 0), 0xd24e_c4f1_a98c_6e5b);
        assert_eq!(xxh64(b"abc", 0), 0x44bc_2cf5_ad77_0999);
        assert_eq!(
            xxh64(b"Nobody inspects the spammish repetition", 0),
            0xfbcea83c8a378bf1
        );
        // (The last input is 39 bytes: the four-lane path.)
        const AT_COMPILE_TIME: [u8; 32] = storage_prefix("System", "Account");
        assert_eq!(
            hex::encode(AT_COMPILE_TIME),
            "26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9"
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
