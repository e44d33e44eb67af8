//! Substrate signed extrinsics, version 4, with subtensor's transaction extensions.
//!
//! Wire form (`shared/spec/substrate-compat.md` §5.1): `Compact(len) ‖ 0x84 ‖ MultiAddress ‖
//! MultiSignature ‖ extra ‖ call`, where *extra* is era ‖ compact nonce ‖ compact tip ‖
//! CheckMetadataHash mode; every other extension of subtensor's list is zero-sized. The signed
//! payload (§5.2) appends the implicit data: spec version, transaction version, genesis hash,
//! the era's birth block hash and the metadata hash option; it is blake2b-256-hashed when
//! longer than 256 bytes.

use crate::{call::RuntimeCall, crypto::Pair, hashing::blake2_256, AccountId, BlockNumber, H256};
use parity_scale_codec::{Compact, Decode, Encode, Input};

/// The extrinsic format version.
pub const EXTRINSIC_VERSION: u8 = 4;
/// Longest accepted extrinsic, in bytes (Substrate's 5 MiB default block length of a normal
/// class is larger; a transaction this big is an attack, not a use).
pub const MAX_EXTRINSIC_LEN: usize = 4 * 1024 * 1024;

/// Substrate's transaction mortality: `Immortal`, or valid for `period` blocks from the block
/// whose number is `phase` modulo `period`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Era {
    /// Valid forever (signed against the genesis hash).
    Immortal,
    /// Valid in `[birth, birth + period)`.
    Mortal {
        /// A power of two in 4..=65536.
        period: u64,
        /// `birth % period`, quantised.
        phase: u64,
    },
}

impl Era {
    /// A mortal era of about `period` blocks starting at `current` (sp-runtime `Era::mortal`).
    pub fn mortal(period: u64, current: BlockNumber) -> Self {
        let period = period
            .checked_next_power_of_two()
            .unwrap_or(1 << 16)
            .clamp(4, 1 << 16);
        let phase = current % period;
        let quantize = (period >> 12).max(1);
        Self::Mortal {
            period,
            phase: phase / quantize * quantize,
        }
    }

    /// The first block in which a transaction with this era is valid, given the block now
    /// being built: the latest block not after `current` with the era's phase.
    pub fn birth(self, current: BlockNumber) -> BlockNumber {
        match self {
            Self::Immortal => 0,
            Self::Mortal { period, phase } => {
                (current.max(phase) - phase) / period * period + phase
            }
        }
    }

    /// The first block in which it is no longer valid.
    pub fn death(self, current: BlockNumber) -> BlockNumber {
        match self {
            Self::Immortal => BlockNumber::MAX,
            Self::Mortal { period, .. } => self.birth(current).saturating_add(period),
        }
    }
}

impl Encode for Era {
    fn encode_to<T: parity_scale_codec::Output + ?Sized>(&self, dest: &mut T) {
        match *self {
            Self::Immortal => dest.push_byte(0),
            Self::Mortal { period, phase } => {
                let quantize = (period >> 12).max(1);
                let low = (period.trailing_zeros().saturating_sub(1)).clamp(1, 15) as u64;
                let encoded = (low | ((phase / quantize) << 4)) as u16;
                encoded.encode_to(dest);
            }
        }
    }
}

impl Decode for Era {
    fn decode<I: Input>(input: &mut I) -> Result<Self, parity_scale_codec::Error> {
        let first = input.read_byte()?;
        if first == 0 {
            return Ok(Self::Immortal);
        }
        let encoded = first as u64 + ((input.read_byte()? as u64) << 8);
        let period = 2u64 << (encoded % (1 << 4));
        let quantize = (period >> 12).max(1);
        let phase = (encoded >> 4) * quantize;
        if period >= 4 && phase < period {
            Ok(Self::Mortal { period, phase })
        } else {
            Err("invalid era: phase not below period".into())
        }
    }
}

/// `sp_runtime::MultiAddress<AccountId, ()>`; only `Id` names an account here.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub enum MultiAddress {
    /// A 32-byte account.
    #[codec(index = 0)]
    Id(AccountId),
    /// An account index (unsupported: no Indices pallet).
    #[codec(index = 1)]
    Index(#[codec(compact)] u32),
    /// Raw bytes.
    #[codec(index = 2)]
    Raw(Vec<u8>),
    /// A 32-byte address.
    #[codec(index = 3)]
    Address32([u8; 32]),
    /// A 20-byte (EVM) address.
    #[codec(index = 4)]
    Address20([u8; 20]),
}

impl MultiAddress {
    /// The account it names, if it names one: `Id` and `Address32` do.
    pub fn account(&self) -> Option<AccountId> {
        match self {
            Self::Id(a) => Some(*a),
            Self::Address32(b) => Some(AccountId(*b)),
            _ => None,
        }
    }
}

impl From<AccountId> for MultiAddress {
    fn from(a: AccountId) -> Self {
        Self::Id(a)
    }
}

/// `sp_runtime::MultiSignature`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub enum MultiSignature {
    /// ed25519 (not accepted: accounts are sr25519).
    #[codec(index = 0)]
    Ed25519([u8; 64]),
    /// sr25519.
    #[codec(index = 1)]
    Sr25519([u8; 64]),
    /// ECDSA (not accepted).
    #[codec(index = 2)]
    Ecdsa([u8; 65]),
}

/// The explicit data of subtensor's extension list, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignedExtra {
    /// CheckMortality.
    pub era: Era,
    /// CheckNonce (u32 as in subtensor).
    pub nonce: u32,
    /// ChargeTransactionPayment tip, rao.
    pub tip: u64,
    /// CheckMetadataHash mode: 0 disabled, 1 enabled (rejected: we publish no digest).
    pub metadata_hash_mode: u8,
}

impl Encode for SignedExtra {
    fn encode_to<T: parity_scale_codec::Output + ?Sized>(&self, dest: &mut T) {
        self.era.encode_to(dest);
        Compact(self.nonce).encode_to(dest);
        Compact(self.tip).encode_to(dest);
        dest.push_byte(self.metadata_hash_mode);
    }
}

impl Decode for SignedExtra {
    fn decode<I: Input>(input: &mut I) -> Result<Self, parity_scale_codec::Error> {
        let era = Era::decode(input)?;
        let nonce = Compact::<u32>::decode(input)?.0;
        let tip = Compact::<u64>::decode(input)?.0;
        let metadata_hash_mode = input.read_byte()?;
        if metadata_hash_mode > 1 {
            return Err("invalid CheckMetadataHash mode".into());
        }
        Ok(Self {
            era,
            nonce,
            tip,
            metadata_hash_mode,
        })
    }
}

/// What the signer commits to besides the extrinsic's own bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Implicit {
    /// Runtime spec version.
    pub spec_version: u32,
    /// Transaction format version.
    pub transaction_version: u32,
    /// Hash of block 0.
    pub genesis_hash: H256,
    /// Hash of the era's birth block (the genesis hash for immortal transactions).
    pub birth_hash: H256,
}

/// Why bytes are not an extrinsic we can use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtrinsicError {
    /// SCALE decoding failed.
    #[error("malformed extrinsic: {0}")]
    Malformed(String),
    /// Version byte other than 4 (signed or unsigned).
    #[error("unsupported extrinsic version byte 0x{0:02x} (expected 0x84 signed or 0x04 unsigned, format v4)")]
    UnsupportedVersion(u8),
    /// The length prefix disagrees with the bytes.
    #[error("extrinsic length prefix says {declared} bytes but {actual} follow")]
    BadLength {
        /// Declared.
        declared: usize,
        /// Present.
        actual: usize,
    },
    /// Too long.
    #[error("extrinsic of {0} bytes exceeds the limit of {MAX_EXTRINSIC_LEN}")]
    TooLong(usize),
}

/// A Substrate v4 extrinsic: a call and, when signed, its signer, signature and extensions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UncheckedExtrinsic {
    /// `(signer, signature, extra)` for a signed transaction; `None` for an inherent.
    pub signature: Option<(MultiAddress, MultiSignature, SignedExtra)>,
    /// The call.
    pub call: RuntimeCall,
}

/// The bytes an sr25519 signature covers.
pub fn signing_payload(call: &[u8], extra: &SignedExtra, implicit: &Implicit) -> Vec<u8> {
    let mut p = Vec::with_capacity(call.len() + 80);
    p.extend_from_slice(call);
    extra.encode_to(&mut p);
    implicit.spec_version.encode_to(&mut p);
    implicit.transaction_version.encode_to(&mut p);
    implicit.genesis_hash.encode_to(&mut p);
    implicit.birth_hash.encode_to(&mut p);
    p.push(0); // CheckMetadataHash: None
    if p.len() > 256 {
        blake2_256(&p).to_vec()
    } else {
        p
    }
}

impl UncheckedExtrinsic {
    /// Signs `call` with `pair`.
    pub fn sign(call: RuntimeCall, pair: &Pair, extra: SignedExtra, implicit: &Implicit) -> Self {
        let payload = signing_payload(&call.encode(), &extra, implicit);
        let sig = pair.sign(&payload);
        Self {
            signature: Some((
                MultiAddress::Id(pair.public()),
                MultiSignature::Sr25519(sig),
                extra,
            )),
            call,
        }
    }

    /// The SCALE encoding with its compact length prefix, as sent on the wire.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::with_capacity(128);
        match &self.signature {
            Some((addr, sig, extra)) => {
                body.push(0x80 | EXTRINSIC_VERSION);
                addr.encode_to(&mut body);
                sig.encode_to(&mut body);
                extra.encode_to(&mut body);
            }
            None => body.push(EXTRINSIC_VERSION),
        }
        self.call.encode_to(&mut body);
        let mut out = Compact(body.len() as u32).encode();
        out.extend_from_slice(&body);
        out
    }

    /// Decodes wire bytes; everything must be consumed. Returns the extrinsic and the offset
    /// where its call starts (so the signed call bytes are taken verbatim, not re-encoded).
    pub fn from_bytes(bytes: &[u8]) -> Result<(Self, usize), ExtrinsicError> {
        if bytes.len() > MAX_EXTRINSIC_LEN {
            return Err(ExtrinsicError::TooLong(bytes.len()));
        }
        let mal = |e: parity_scale_codec::Error| ExtrinsicError::Malformed(e.to_string());
        let mut input = bytes;
        let declared = Compact::<u32>::decode(&mut input).map_err(mal)?.0 as usize;
        if declared != input.len() {
            return Err(ExtrinsicError::BadLength {
                declared,
                actual: input.len(),
            });
        }
        let version = input.read_byte().map_err(mal)?;
        let signature = match version {
            0x84 => {
                let addr = MultiAddress::decode(&mut input).map_err(mal)?;
                let sig = MultiSignature::decode(&mut input).map_err(mal)?;
                let extra = SignedExtra::decode(&mut input).map_err(mal)?;
                Some((addr, sig, extra))
            }
            0x04 => None,
            v => return Err(ExtrinsicError::UnsupportedVersion(v)),
        };
        let call_offset = bytes.len() - input.len();
        let call = RuntimeCall::decode(&mut input).map_err(mal)?;
        if !input.is_empty() {
            return Err(ExtrinsicError::Malformed(format!(
                "{} trailing bytes after the call",
                input.len()
            )));
        }
        Ok((Self { signature, call }, call_offset))
    }
}

/// The extrinsic hash clients look for: blake2b-256 of the full wire bytes.
pub fn extrinsic_hash(bytes: &[u8]) -> H256 {
    H256(blake2_256(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{call::BalancesCall, Balance};
    use proptest::prelude::*;

    #[test]
    fn era_encoding_matches_substrate() {
        // sp-runtime's test: mortal(64, 42) encodes as [5 + 42 % 16 * 16, 42 / 16].
        let e = Era::mortal(64, 42);
        assert_eq!(
            e,
            Era::Mortal {
                period: 64,
                phase: 42
            }
        );
        assert_eq!(e.encode(), vec![5 + 42 % 16 * 16, 42 / 16]);
        assert_eq!(Era::decode(&mut &[165u8, 2][..]).unwrap(), e);
        // Quantised: mortal(32768, 20000) → phase 19999 → quantize 8 → 19992.
        let q = Era::mortal(32768, 20000);
        assert_eq!(
            q,
            Era::Mortal {
                period: 32768,
                phase: 20000 / 8 * 8
            }
        );
        assert_eq!(Era::decode(&mut &q.encode()[..]).unwrap(), q);
        assert_eq!(Era::Immortal.encode(), vec![0]);
    }

    #[test]
    fn era_birth_and_death() {
        let e = Era::mortal(16, 100); // phase 4
        assert_eq!(e.birth(100), 100);
        assert_eq!(e.birth(115), 100);
        assert_eq!(e.birth(116), 116);
        assert_eq!(e.death(100), 116);
        assert_eq!(Era::Immortal.birth(1000), 0);
    }

    fn sample() -> UncheckedExtrinsic {
        static SAMPLE: std::sync::OnceLock<UncheckedExtrinsic> = std::sync::OnceLock::new();
        SAMPLE.get_or_init(make_sample).clone()
    }

    fn make_sample() -> UncheckedExtrinsic {
        let pair = Pair::from_uri("//Alice").unwrap();
        let call = RuntimeCall::Balances(BalancesCall::TransferKeepAlive {
            dest: MultiAddress::Id(Pair::from_uri("//Bob").unwrap().public()),
            value: Balance(12345),
        });
        let implicit = Implicit {
            spec_version: 1,
            transaction_version: 1,
            genesis_hash: H256([1; 32]),
            birth_hash: H256([2; 32]),
        };
        UncheckedExtrinsic::sign(
            call,
            &pair,
            SignedExtra {
                era: Era::mortal(16, 5),
                nonce: 3,
                tip: 0,
                metadata_hash_mode: 0,
            },
            &implicit,
        )
    }

    #[test]
    fn round_trip() {
        let x = sample();
        let bytes = x.to_bytes();
        let (y, call_at) = UncheckedExtrinsic::from_bytes(&bytes).unwrap();
        assert_eq!(x, y);
        assert_eq!(bytes[call_at], 5);
        // Any truncation or extension is an error, never a panic.
        for cut in 0..bytes.len() {
            assert!(UncheckedExtrinsic::from_bytes(&bytes[..cut]).is_err());
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(UncheckedExtrinsic::from_bytes(&longer).is_err());
    }

    #[test]
    fn long_payload_is_hashed() {
        let extra = SignedExtra {
            era: Era::Immortal,
            nonce: 0,
            tip: 0,
            metadata_hash_mode: 0,
        };
        let implicit = Implicit {
            spec_version: 1,
            transaction_version: 1,
            genesis_hash: H256::ZERO,
            birth_hash: H256::ZERO,
        };
        assert_eq!(
            signing_payload(&[0u8; 100], &extra, &implicit).len(),
            100 + 4 + 8 + 65
        );
        assert_eq!(signing_payload(&[0u8; 300], &extra, &implicit).len(), 32);
    }

    /// 10^5 random byte strings (a fixed xorshift stream, so a failure reproduces), half of
    /// them starting like a real signed extrinsic so decoding gets past the first bytes.
    #[test]
    fn random_bytes_never_panic() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let template = sample().to_bytes();
        for i in 0..100_000 {
            let len = (next() % 200) as usize;
            let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            if i % 2 == 0 && len > 4 {
                let keep = len.min(template.len()) / 2;
                bytes[..keep].copy_from_slice(&template[..keep]);
            }
            let _ = UncheckedExtrinsic::from_bytes(&bytes);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        #[test]
        fn mutated_extrinsics_never_panic(idx in 0usize..200, byte in any::<u8>()) {
            let mut bytes = sample().to_bytes();
            let i = idx % bytes.len();
            bytes[i] = byte;
            let _ = UncheckedExtrinsic::from_bytes(&bytes);
        }
    }
}
