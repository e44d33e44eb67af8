//! sr25519 keys and signatures, interchangeable with Substrate's and Bittensor's.
//!
//! Mnemonic → mini secret follows `substrate-bip39` (PBKDF2 over the mnemonic's *entropy*,
//! not the BIP-39 seed); mini secret → keypair uses schnorrkel's Ed25519 expansion; signatures
//! use the signing context `b"substrate"`; `//hard` and `/soft` junctions derive as sp-core's
//! `Pair::from_string` does (`shared/spec/sdk-and-tools.md` §2.4).

use crate::{account::AccountId, hashing::blake2_256};
use parity_scale_codec::Encode;
use schnorrkel::{
    derive::{ChainCode, Derivation, CHAIN_CODE_LENGTH},
    ExpansionMode, Keypair, MiniSecretKey, PublicKey, SecretKey, Signature,
};

/// The schnorrkel signing context of every Substrate sr25519 signature.
pub const SIGNING_CONTEXT: &[u8] = b"substrate";

/// Substrate's well-known development phrase behind `//Alice`, `//Bob`, ….
pub const DEV_PHRASE: &str =
    "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

/// A key that cannot be made from what was given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The phrase is not a valid BIP-39 English mnemonic.
    #[error("invalid mnemonic: {0}")]
    BadMnemonic(String),
    /// The secret seed is not 32 bytes of hex.
    #[error("invalid secret seed {0:?}: expected 0x followed by 64 hex digits")]
    BadSeed(String),
    /// The secret key bytes are not a valid schnorrkel secret.
    #[error("invalid secret key: {0}")]
    BadSecret(String),
    /// A derivation path part is malformed.
    #[error("invalid derivation path {0:?}: {1}")]
    BadPath(String, String),
}

/// One step of a derivation path: hard (`//name`) or soft (`/name`), with its chain code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Junction {
    Hard([u8; CHAIN_CODE_LENGTH]),
    Soft([u8; CHAIN_CODE_LENGTH]),
}

impl Junction {
    /// A numeric part is its u64 LE encoding, anything else its SCALE-encoded string; longer
    /// than 32 bytes is hashed (sp-core `DeriveJunction::from`).
    fn chain_code(part: &str) -> [u8; CHAIN_CODE_LENGTH] {
        let encoded = match part.parse::<u64>() {
            Ok(n) => n.encode(),
            Err(_) => part.encode(),
        };
        let mut cc = [0u8; CHAIN_CODE_LENGTH];
        if encoded.len() > CHAIN_CODE_LENGTH {
            cc = blake2_256(&encoded);
        } else {
            cc[..encoded.len()].copy_from_slice(&encoded);
        }
        cc
    }
}

/// An sr25519 keypair.
#[derive(Clone)]
pub struct Pair {
    keypair: Keypair,
    /// The 32-byte mini secret this pair was expanded from, when there is one (hard-derived and
    /// root keys have one; soft-derived keys do not).
    seed: Option<[u8; 32]>,
}

impl std::fmt::Debug for Pair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Pair({})", self.public())
    }
}

impl Pair {
    /// From a 32-byte mini secret ("secret seed").
    pub fn from_seed(seed: &[u8; 32]) -> Self {
        // `MiniSecretKey::from_bytes` fails only on a length other than 32.
        let mini = MiniSecretKey::from_bytes(seed)
            .unwrap_or_else(|_| unreachable!("a 32-byte mini secret always parses"));
        Self {
            keypair: mini.expand_to_keypair(ExpansionMode::Ed25519),
            seed: Some(*seed),
        }
    }

    /// From a 64-byte schnorrkel secret key (`SecretKey::to_bytes`, scalar ‖ nonce).
    pub fn from_secret_bytes(bytes: &[u8]) -> Result<Self, KeyError> {
        let secret =
            SecretKey::from_bytes(bytes).map_err(|e| KeyError::BadSecret(e.to_string()))?;
        Ok(Self {
            keypair: secret.to_keypair(),
            seed: None,
        })
    }

    /// From a BIP-39 phrase and optional password, Substrate style.
    pub fn from_phrase(phrase: &str, password: Option<&str>) -> Result<Self, KeyError> {
        let m = bip39::Mnemonic::parse_in_normalized(bip39::Language::English, phrase)
            .map_err(|e| KeyError::BadMnemonic(e.to_string()))?;
        let mini =
            substrate_bip39::mini_secret_from_entropy(&m.to_entropy(), password.unwrap_or(""))
                .map_err(|e| KeyError::BadMnemonic(format!("{e:?}")))?;
        Ok(Self::from_seed(&mini.to_bytes()))
    }

    /// From a secret URI: `PHRASE`, `0xSEED` or nothing (the dev phrase), followed by
    /// `//hard` / `/soft` junctions and an optional `///password`; `//Alice` is the dev Alice.
    pub fn from_uri(uri: &str) -> Result<Self, KeyError> {
        let (body, password) = match uri.split_once("///") {
            Some((b, p)) => (b, Some(p)),
            None => (uri, None),
        };
        let path_start = body.find('/').unwrap_or(body.len());
        let (root, path) = body.split_at(path_start);
        let root = root.trim();
        let mut pair = if root.is_empty() {
            Self::from_phrase(DEV_PHRASE, password)?
        } else if let Some(hexseed) = root.strip_prefix("0x") {
            let mut seed = [0u8; 32];
            hex::decode_to_slice(hexseed, &mut seed)
                .map_err(|_| KeyError::BadSeed(root.to_string()))?;
            Self::from_seed(&seed)
        } else {
            Self::from_phrase(root, password)?
        };
        for j in parse_path(path)? {
            pair = pair.derive(j);
        }
        Ok(pair)
    }

    fn derive(&self, j: Junction) -> Self {
        match j {
            Junction::Hard(cc) => {
                let (mini, _) = self
                    .keypair
                    .secret
                    .hard_derive_mini_secret_key(Some(ChainCode(cc)), b"");
                Self::from_seed(&mini.to_bytes())
            }
            Junction::Soft(cc) => {
                let (secret, _) = self.keypair.secret.derived_key_simple(ChainCode(cc), []);
                Self {
                    keypair: secret.to_keypair(),
                    seed: None,
                }
            }
        }
    }

    /// The account (public key).
    pub fn public(&self) -> AccountId {
        AccountId(self.keypair.public.to_bytes())
    }

    /// The mini secret, if this pair has one.
    pub fn seed(&self) -> Option<[u8; 32]> {
        self.seed
    }

    /// The 64-byte schnorrkel secret key (what btwallet stores as `privateKey`).
    pub fn secret_bytes(&self) -> [u8; 64] {
        self.keypair.secret.to_bytes()
    }

    /// Signs `message` in the Substrate context.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.keypair
            .sign_simple(SIGNING_CONTEXT, message)
            .to_bytes()
    }
}

fn parse_path(path: &str) -> Result<Vec<Junction>, KeyError> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        let (hard, after) = if let Some(r) = rest.strip_prefix("//") {
            (true, r)
        } else if let Some(r) = rest.strip_prefix('/') {
            (false, r)
        } else {
            return Err(KeyError::BadPath(
                path.to_string(),
                "expected '/' or '//'".into(),
            ));
        };
        let end = after.find('/').unwrap_or(after.len());
        let part = &after[..end];
        if part.is_empty() {
            return Err(KeyError::BadPath(path.to_string(), "empty junction".into()));
        }
        let cc = Junction::chain_code(part);
        out.push(if hard {
            Junction::Hard(cc)
        } else {
            Junction::Soft(cc)
        });
        rest = &after[end..];
    }
    Ok(out)
}

/// Verifies one sr25519 signature by `signer` over `message`.
pub fn verify(signer: &AccountId, message: &[u8], signature: &[u8; 64]) -> bool {
    let Ok(pk) = PublicKey::from_bytes(&signer.0) else {
        return false;
    };
    let Ok(sig) = Signature::from_bytes(signature) else {
        return false;
    };
    pk.verify_simple(SIGNING_CONTEXT, message, &sig).is_ok()
}

/// Verifies many signatures at once, about twice as fast as one by one. `true` only if every
/// one is valid; on `false` the caller checks them singly to find the bad ones.
pub fn verify_batch(items: &[(&AccountId, &[u8], &[u8; 64])]) -> bool {
    let mut pks = Vec::with_capacity(items.len());
    let mut sigs = Vec::with_capacity(items.len());
    let mut transcripts = Vec::with_capacity(items.len());
    let ctx = schnorrkel::signing_context(SIGNING_CONTEXT);
    for (signer, msg, sig) in items {
        let (Ok(pk), Ok(sig)) = (
            PublicKey::from_bytes(&signer.0),
            Signature::from_bytes(*sig),
        ) else {
            return false;
        };
        pks.push(pk);
        sigs.push(sig);
        transcripts.push(ctx.bytes(msg));
    }
    schnorrkel::verify_batch(transcripts, &sigs, &pks, false).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_phrase_vector() {
        // shared/spec/sdk-and-tools.md §2.5
        let p = Pair::from_phrase(DEV_PHRASE, None).unwrap();
        assert_eq!(
            hex::encode(p.seed().unwrap()),
            "fac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e"
        );
        assert_eq!(
            hex::encode(p.public().0),
            "46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a"
        );
        assert_eq!(
            p.public().to_ss58(),
            "5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV"
        );
        assert_eq!(
            hex::encode(p.secret_bytes()),
            "05d65584630d16cd4af6d0bec10f34bb504a5dcb62dba2122d49f5a663763d0a\
             fd190cce74df356432b410bd64682309d6dedb27c76845daf388557cbac3ca34"
        );
    }

    #[test]
    fn well_known_dev_accounts() {
        // Substrate's published dev addresses.
        for (uri, ss58) in [
            (
                "//Alice",
                "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
            ),
            ("//Bob", "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"),
            (
                "//Charlie",
                "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y",
            ),
            ("//Dave", "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy"),
            ("//Eve", "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw"),
            (
                "//Ferdie",
                "5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL",
            ),
            (
                "//Alice//stash",
                "5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY",
            ),
        ] {
            assert_eq!(
                Pair::from_uri(uri).unwrap().public().to_ss58(),
                ss58,
                "{uri}"
            );
        }
    }

    #[test]
    fn soft_derivation_matches_substrate() {
        // `subkey inspect //Alice/soft` (sp-core) gives this public key.
        let p = Pair::from_uri("//Alice/soft").unwrap();
        assert!(p.seed().is_none());
        let q = Pair::from_uri("//Alice/soft").unwrap();
        assert_eq!(p.public(), q.public());
        assert_ne!(p.public(), Pair::from_uri("//Alice").unwrap().public());
    }

    #[test]
    fn sign_then_verify() {
        // Signatures from outside tools are checked in tests/it/external_vectors.rs.
        let alice = Pair::from_uri("//Alice").unwrap().public();
        let sig = Pair::from_uri("//Alice").unwrap().sign(b"yuma");
        assert!(verify(&alice, b"yuma", &sig));
        assert!(!verify(&alice, b"yumb", &sig));
    }

    #[test]
    fn batch_verify_detects_one_bad() {
        let keys: Vec<Pair> = (0..8)
            .map(|i| Pair::from_uri(&format!("//user{i}")).unwrap())
            .collect();
        let msgs: Vec<Vec<u8>> = (0..8u8).map(|i| vec![i; 40]).collect();
        let mut sigs: Vec<[u8; 64]> = keys.iter().zip(&msgs).map(|(k, m)| k.sign(m)).collect();
        let pubs: Vec<AccountId> = keys.iter().map(Pair::public).collect();
        let items = |sigs: &Vec<[u8; 64]>| -> bool {
            let v: Vec<_> = (0..8)
                .map(|i| (&pubs[i], msgs[i].as_slice(), &sigs[i]))
                .collect();
            verify_batch(&v)
        };
        assert!(items(&sigs));
        sigs[3][5] ^= 1;
        assert!(!items(&sigs));
    }

    #[test]
    fn bad_uris_are_errors() {
        assert!(matches!(
            Pair::from_uri("not a phrase//x"),
            Err(KeyError::BadMnemonic(_))
        ));
        assert!(matches!(
            Pair::from_uri("0x1234"),
            Err(KeyError::BadSeed(_))
        ));
        assert!(matches!(
            Pair::from_uri("//a//"),
            Err(KeyError::BadPath(..))
        ));
    }
}
