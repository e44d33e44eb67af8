//! Accounts: 32-byte sr25519 public keys written as SS58 addresses with prefix 42.

use blake2::{Blake2b512, Digest};
use parity_scale_codec::{Decode, Encode, MaxEncodedLen};
use std::{fmt, str::FromStr};

/// The SS58 address format of Bittensor (generic Substrate): addresses start with `5`.
pub const SS58_PREFIX: u8 = 42;

/// An account: the 32-byte sr25519 public key of a coldkey or hotkey.
#[derive(
    Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Encode, Decode, MaxEncodedLen,
)]
pub struct AccountId(pub [u8; 32]);

/// Why a string is not a valid SS58 address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Ss58Error {
    /// Not base58 at all.
    #[error("address {0:?} is not base58: {1}")]
    NotBase58(String, String),
    /// Decoded to the wrong number of bytes for a one-byte-prefix 32-byte account.
    #[error(
        "address {0:?} decodes to {1} bytes, expected 35 (prefix, 32-byte key, 2-byte checksum)"
    )]
    BadLength(String, usize),
    /// The prefix is not 42.
    #[error("address {0:?} has network prefix {1}, expected {SS58_PREFIX}")]
    WrongPrefix(String, u8),
    /// The checksum does not match: a typo.
    #[error("address {0:?} has a bad checksum (typo?)")]
    BadChecksum(String),
}

fn checksum(payload: &[u8]) -> [u8; 2] {
    let mut h = Blake2b512::new();
    h.update(b"SS58PRE");
    h.update(payload);
    let d = h.finalize();
    [d[0], d[1]]
}

impl AccountId {
    /// The SS58 address (prefix 42).
    pub fn to_ss58(&self) -> String {
        let mut v = Vec::with_capacity(35);
        v.push(SS58_PREFIX);
        v.extend_from_slice(&self.0);
        let c = checksum(&v);
        v.extend_from_slice(&c);
        bs58::encode(v).into_string()
    }

    /// Parses an SS58 address, rejecting other prefixes and bad checksums.
    pub fn from_ss58(s: &str) -> Result<Self, Ss58Error> {
        let raw = bs58::decode(s)
            .into_vec()
            .map_err(|e| Ss58Error::NotBase58(s.to_string(), e.to_string()))?;
        if raw.len() != 35 {
            return Err(Ss58Error::BadLength(s.to_string(), raw.len()));
        }
        if raw[0] != SS58_PREFIX {
            return Err(Ss58Error::WrongPrefix(s.to_string(), raw[0]));
        }
        if checksum(&raw[..33]) != raw[33..35] {
            return Err(Ss58Error::BadChecksum(s.to_string()));
        }
        let mut key = [0u8; 32];
        key.copy_from_slice(&raw[1..33]);
        Ok(Self(key))
    }
}

impl FromStr for AccountId {
    type Err = Ss58Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_ss58(s)
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_ss58())
    }
}

impl fmt::Debug for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_ss58())
    }
}

impl serde::Serialize for AccountId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_ss58())
    }
}

impl<'de> serde::Deserialize<'de> for AccountId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::from_ss58(&s).map_err(serde::de::Error::custom)
    }
}

/// Registered under Substrate's path `sp_core::crypto::AccountId32`: clients decode values
/// of exactly that path as SS58 addresses (`substrate-compat.md` §6.3).
impl scale_info::TypeInfo for AccountId {
    type Identity = Self;

    fn type_info() -> scale_info::Type {
        scale_info::Type::builder()
            .path(scale_info::Path::new("AccountId32", "sp_core::crypto"))
            .composite(
                scale_info::build::Fields::unnamed()
                    .field(|f| f.ty::<[u8; 32]>().type_name("[u8; 32]")),
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
    const ALICE_HEX: &str = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";

    #[test]
    fn alice_round_trip() {
        let a = AccountId::from_ss58(ALICE).unwrap();
        assert_eq!(hex::encode(a.0), ALICE_HEX);
        assert_eq!(a.to_ss58(), ALICE);
    }

    #[test]
    fn rejects_typo_prefix_and_garbage() {
        // One changed character breaks the checksum.
        let typo = format!("{}Z", &ALICE[..ALICE.len() - 1]);
        assert!(matches!(
            AccountId::from_ss58(&typo),
            Err(Ss58Error::BadChecksum(_))
        ));
        // Polkadot (prefix 0) address of the same key.
        let polkadot = "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5";
        assert!(matches!(
            AccountId::from_ss58(polkadot),
            Err(Ss58Error::WrongPrefix(_, 0))
        ));
        assert!(matches!(
            AccountId::from_ss58("0OIl"),
            Err(Ss58Error::NotBase58(..))
        ));
        assert!(matches!(
            AccountId::from_ss58("5Grw"),
            Err(Ss58Error::BadLength(..))
        ));
    }

    proptest! {
        #[test]
        fn ss58_round_trips(key in any::<[u8; 32]>()) {
            let a = AccountId(key);
            prop_assert_eq!(AccountId::from_ss58(&a.to_ss58()).unwrap(), a);
        }

        #[test]
        fn ss58_parse_never_panics(s in ".{0,64}") {
            let _ = AccountId::from_ss58(&s);
        }
    }
}
