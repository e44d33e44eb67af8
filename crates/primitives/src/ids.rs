//! Small identifiers: subnet and neuron ids, block numbers and 32-byte hashes.

use parity_scale_codec::{Decode, Encode, MaxEncodedLen};
use std::fmt;

/// A block height. Genesis is block 0.
pub type BlockNumber = u64;

/// A neuron's slot on a subnet.
pub type Uid = u16;

/// A subnet id; 0 is the root subnet.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Encode,
    Decode,
    MaxEncodedLen,
    scale_info::TypeInfo,
)]
pub struct NetUid(pub u16);

impl NetUid {
    /// The root network.
    pub const ROOT: Self = Self(0);
}

impl fmt::Display for NetUid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl From<u16> for NetUid {
    fn from(v: u16) -> Self {
        Self(v)
    }
}

/// A 32-byte hash (block hash, extrinsic hash, state root), Substrate's `H256`.
#[derive(
    Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Encode, Decode, MaxEncodedLen,
)]
pub struct H256(pub [u8; 32]);

impl H256 {
    /// The all-zero hash.
    pub const ZERO: Self = Self([0; 32]);

    /// Parses `0x`-prefixed (or bare) hex of exactly 32 bytes.
    pub fn from_hex(s: &str) -> Result<Self, hex::FromHexError> {
        let mut out = [0u8; 32];
        hex::decode_to_slice(s.strip_prefix("0x").unwrap_or(s), &mut out)?;
        Ok(Self(out))
    }

    /// `0x`-prefixed lowercase hex.
    pub fn to_hex(&self) -> String {
        format!("0x{}", hex::encode(self.0))
    }
}

impl fmt::Debug for H256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Display for H256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl serde::Serialize for H256 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> serde::Deserialize<'de> for H256 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::from_hex(&s).map_err(|e| serde::de::Error::custom(format!("bad 32-byte hex: {e}")))
    }
}
