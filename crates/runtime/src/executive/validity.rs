//! Transaction validity, in the order of subtensor's extension list: decode, signer, era and
//! birth block (CheckMortality), signature over the payload with spec version, transaction
//! version and genesis (CheckSpecVersion/TxVersion/Genesis), nonce (CheckNonce), fee
//! (ChargeTransactionPayment).

use super::signatures;
use crate::{
    balances,
    event::Pays,
    fees,
    guards::{self, CustomTransactionError},
    storage::{StorageError, StorageRead},
    subtensor::Error,
    system,
    version::{SPEC_VERSION, TRANSACTION_VERSION},
};
use yuma_primitives::{
    extrinsic::{extrinsic_hash, signing_payload, Implicit, MultiSignature},
    AccountId, BlockNumber, Era, ExtrinsicError, RuntimeCall, SignedExtra, UncheckedExtrinsic,
    H256,
};

/// Why a transaction cannot be applied. [`TxValidityError::name`] gives Substrate's name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TxValidityError {
    /// The bytes are not an extrinsic.
    #[error("{0}")]
    Malformed(#[from] ExtrinsicError),
    /// Unsigned extrinsics are not accepted.
    #[error("unsigned transactions are not accepted")]
    Unsigned,
    /// The signer address is not a plain account id.
    #[error("the signer address must be a 32-byte account id")]
    CannotLookup,
    /// Not an sr25519 signature.
    #[error("only sr25519 signatures are accepted")]
    UnsupportedSignature,
    /// CheckMetadataHash mode 1 (a metadata digest) is not supported.
    #[error("CheckMetadataHash mode 1 is not supported; sign with mode 0")]
    MetadataHashUnsupported,
    /// The era's birth block is not among the recent blocks.
    #[error("the transaction's era starts at block {birth}, which is not a recent block")]
    AncientBirthBlock {
        /// The birth block.
        birth: BlockNumber,
    },
    /// The signature does not verify: a bad signature, or signed for another chain, genesis,
    /// runtime version or era.
    #[error("bad signature (or signed for another genesis, spec version {SPEC_VERSION} or era)")]
    BadProof,
    /// A mortal transaction whose validity window has passed.
    #[error("transaction expired: valid from block {birth} for {period} blocks")]
    Expired {
        /// Birth block.
        birth: BlockNumber,
        /// Period.
        period: u64,
    },
    /// The nonce was already used.
    #[error("nonce {got} already used: the account's next nonce is {expected}")]
    Stale {
        /// The account's nonce.
        expected: u32,
        /// The transaction's.
        got: u32,
    },
    /// The nonce is ahead of the account's.
    #[error("nonce {got} is in the future: the account's next nonce is {expected}")]
    Future {
        /// The account's nonce.
        expected: u32,
        /// The transaction's.
        got: u32,
    },
    /// A subtensor guard (spec-subnets §4.10) rejected the call: `InvalidTransaction::Custom`
    /// with subtensor's code.
    #[error("invalid transaction: custom error {} ({}): {error}", code.code(), code.name())]
    Custom {
        /// subtensor's `CustomTransactionError`.
        code: CustomTransactionError,
        /// The pallet error the guard raised.
        error: Error,
    },
    /// The signer cannot pay the fee and keep the existential deposit.
    #[error("cannot pay the fee of {fee} rao: free balance {free} rao must keep {ed} rao after it", ed = balances::EXISTENTIAL_DEPOSIT)]
    Payment {
        /// Fee.
        fee: u64,
        /// Free balance.
        free: u64,
    },
}

impl TxValidityError {
    /// Substrate's name for the error (`InvalidTransaction` / `UnknownTransaction` variants).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Malformed(_) => "Malformed",
            Self::Unsigned => "NoUnsignedValidator",
            Self::CannotLookup => "CannotLookup",
            Self::UnsupportedSignature | Self::MetadataHashUnsupported | Self::BadProof => {
                "BadProof"
            }
            Self::AncientBirthBlock { .. } => "AncientBirthBlock",
            Self::Expired { .. } | Self::Stale { .. } => "Stale",
            Self::Future { .. } => "Future",
            Self::Payment { .. } => "Payment",
            Self::Custom { code, .. } => code.name(),
        }
    }
}

/// A decoded transaction whose signature verified.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    pub(crate) signer: AccountId,
    pub(crate) call: RuntimeCall,
    pub(crate) extra: SignedExtra,
}

/// What a mempool needs to know of a valid transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidTransaction {
    /// blake2b-256 of the bytes.
    pub hash: H256,
    /// Signer.
    pub signer: AccountId,
    /// Its nonce.
    pub nonce: u32,
    /// The signer's next nonce now: `nonce > account_nonce` means it must wait.
    pub account_nonce: u32,
    /// Tip, rao.
    pub tip: u64,
    /// Fee it will pay, rao.
    pub fee: u64,
    /// First block in which it is no longer valid.
    pub valid_until: BlockNumber,
    /// The call.
    pub call: RuntimeCall,
}

type Failed = (Option<AccountId>, TxValidityError);
/// A decoded transaction, the payload its signature must cover, and the signature.
type Decoded = (Prepared, Vec<u8>, [u8; 64]);

/// Decodes and checks everything but the signature; returns the payload to verify.
fn decode(
    state: &dyn StorageRead,
    number: BlockNumber,
    bytes: &[u8],
) -> Result<Result<Decoded, Failed>, StorageError> {
    let (xt, call_at) = match UncheckedExtrinsic::from_bytes(bytes) {
        Ok(x) => x,
        Err(e) => return Ok(Err((None, e.into()))),
    };
    let Some((addr, sig, extra)) = xt.signature else {
        return Ok(Err((None, TxValidityError::Unsigned)));
    };
    let Some(signer) = addr.account() else {
        return Ok(Err((None, TxValidityError::CannotLookup)));
    };
    let fail = |e| Ok(Err((Some(signer), e)));
    let MultiSignature::Sr25519(sig) = sig else {
        return fail(TxValidityError::UnsupportedSignature);
    };
    if extra.metadata_hash_mode != 0 {
        return fail(TxValidityError::MetadataHashUnsupported);
    }
    let birth = extra.era.birth(number);
    let Some(birth_hash) = (if birth >= number {
        None
    } else {
        system::block_hash(state, birth)?
    }) else {
        return fail(TxValidityError::AncientBirthBlock { birth });
    };
    let implicit = Implicit {
        spec_version: SPEC_VERSION,
        transaction_version: TRANSACTION_VERSION,
        genesis_hash: system::genesis_hash(state)?,
        birth_hash,
    };
    let payload = signing_payload(&bytes[call_at..], &extra, &implicit);
    Ok(Ok((
        Prepared {
            signer,
            call: xt.call,
            extra,
        },
        payload,
        sig,
    )))
}

/// A failed signature of a mortal transaction that verifies against the previous window's
/// birth block was valid once: it expired.
fn explain_bad_signature(
    state: &dyn StorageRead,
    number: BlockNumber,
    bytes: &[u8],
    p: &Prepared,
    sig: &[u8; 64],
) -> Result<TxValidityError, StorageError> {
    if let Era::Mortal { period, .. } = p.extra.era {
        let birth = p.extra.era.birth(number);
        if let Some(old) = birth.checked_sub(period) {
            if let Some(old_hash) = system::block_hash(state, old)? {
                let (_, call_at) =
                    UncheckedExtrinsic::from_bytes(bytes).map_err(|e| StorageError {
                        item: "extrinsic".into(),
                        reason: e.to_string(),
                    })?;
                let implicit = Implicit {
                    spec_version: SPEC_VERSION,
                    transaction_version: TRANSACTION_VERSION,
                    genesis_hash: system::genesis_hash(state)?,
                    birth_hash: old_hash,
                };
                let payload = signing_payload(&bytes[call_at..], &p.extra, &implicit);
                if yuma_primitives::crypto::verify(&p.signer, &payload, sig) {
                    return Ok(TxValidityError::Expired { birth: old, period });
                }
            }
        }
    }
    Ok(TxValidityError::BadProof)
}

/// Decodes and signature-checks a block's extrinsics, verifying signatures in batches.
pub(crate) fn prepare_all(
    state: &dyn StorageRead,
    number: BlockNumber,
    extrinsics: &[Vec<u8>],
) -> Result<Vec<Result<Prepared, Failed>>, StorageError> {
    let mut decoded = Vec::with_capacity(extrinsics.len());
    for bytes in extrinsics {
        decoded.push(decode(state, number, bytes)?);
    }
    let items: Vec<(&AccountId, &[u8], &[u8; 64])> = decoded
        .iter()
        .filter_map(|d| {
            d.as_ref()
                .ok()
                .map(|(p, payload, sig)| (&p.signer, payload.as_slice(), sig))
        })
        .collect();
    let ok = signatures::verify_all(&items);
    let mut ok = ok.into_iter();
    let mut out = Vec::with_capacity(decoded.len());
    for (bytes, d) in extrinsics.iter().zip(decoded) {
        out.push(match d {
            Err(f) => Err(f),
            Ok((p, _, sig)) => {
                if ok.next().unwrap_or(false) {
                    Ok(p)
                } else {
                    let e = explain_bad_signature(state, number, bytes, &p, &sig)?;
                    Err((Some(p.signer), e))
                }
            }
        });
    }
    Ok(out)
}

/// CheckNonce and ChargeTransactionPayment against the current state. As subtensor's
/// CheckNonce, a signer without an account (no provider) may send fee-free calls: a hotkey
/// needs no balance to set weights or serve.
pub(crate) fn check_account(
    state: &dyn StorageRead,
    signer: &AccountId,
    nonce: u32,
    fee: u64,
    pays: Pays,
) -> Result<Result<(), TxValidityError>, StorageError> {
    let acct = system::ACCOUNT.get(state, signer)?.unwrap_or_default();
    let (expected, free) = (acct.nonce, acct.data.free);
    if nonce < expected {
        return Ok(Err(TxValidityError::Stale {
            expected,
            got: nonce,
        }));
    }
    if nonce > expected {
        return Ok(Err(TxValidityError::Future {
            expected,
            got: nonce,
        }));
    }
    let no_account = acct.providers == 0 && acct.sufficients == 0;
    if (pays == Pays::Yes && no_account) || !balances::can_pay_fee(state, signer, fee)? {
        return Ok(Err(TxValidityError::Payment { fee, free }));
    }
    Ok(Ok(()))
}

/// The subtensor guards (spec-subnets §4.10) at block `now`, after nonce and fee as in
/// subtensor's extension order.
pub(crate) fn check_guards(
    state: &dyn StorageRead,
    now: BlockNumber,
    signer: &AccountId,
    call: &RuntimeCall,
) -> Result<Result<(), TxValidityError>, StorageError> {
    Ok(
        guards::check(state, now, signer, call)?.map_err(|error| TxValidityError::Custom {
            code: error.into(),
            error,
        }),
    )
}

/// Full validation for the mempool, as for the next block on top of `state`.
pub(crate) fn validate(
    state: &dyn StorageRead,
    bytes: &[u8],
) -> Result<Result<ValidTransaction, TxValidityError>, StorageError> {
    validate_many(state, &[bytes])
        .pop()
        .unwrap_or(Ok(Err(TxValidityError::Unsigned)))
}

/// [`validate`] of each of `txs` on the same `state`, with their signatures verified together
/// (batched, on every core): each result is exactly what [`validate`] alone would give, and
/// a storage failure fails only the transaction that met it.
pub(crate) fn validate_many(
    state: &dyn StorageRead,
    txs: &[&[u8]],
) -> Vec<Result<Result<ValidTransaction, TxValidityError>, StorageError>> {
    let number = match system::block_number(state) {
        Ok(n) => n + 1,
        Err(e) => return txs.iter().map(|_| Err(e.clone())).collect(),
    };
    let decoded: Vec<_> = txs.iter().map(|b| decode(state, number, b)).collect();
    let items: Vec<(&AccountId, &[u8], &[u8; 64])> = decoded
        .iter()
        .filter_map(|d| match d {
            Ok(Ok((p, payload, sig))) => Some((&p.signer, payload.as_slice(), sig)),
            _ => None,
        })
        .collect();
    let mut ok = signatures::verify_all(&items).into_iter();
    txs.iter()
        .zip(decoded)
        .map(|(bytes, d)| {
            let (p, _, sig) = match d? {
                Ok(x) => x,
                Err((_, e)) => return Ok(Err(e)),
            };
            if !ok.next().unwrap_or(false) {
                return Ok(Err(explain_bad_signature(state, number, bytes, &p, &sig)?));
            }
            check_signed(state, number, bytes, p)
        })
        .collect()
}

/// The checks after the signature: nonce (a future one is held), fee, guards.
fn check_signed(
    state: &dyn StorageRead,
    number: BlockNumber,
    bytes: &[u8],
    p: Prepared,
) -> Result<Result<ValidTransaction, TxValidityError>, StorageError> {
    let info = fees::dispatch_info(&p.call);
    let fee = fees::compute_fee(bytes.len(), &info, p.extra.tip);
    let account_nonce = system::account(state, &p.signer)?.nonce;
    match check_account(state, &p.signer, p.extra.nonce, fee, info.pays_fee)? {
        Ok(()) | Err(TxValidityError::Future { .. }) => {}
        Err(e) => return Ok(Err(e)),
    }
    if let Err(e) = check_guards(state, number, &p.signer, &p.call)? {
        return Ok(Err(e));
    }
    Ok(Ok(ValidTransaction {
        hash: extrinsic_hash(bytes),
        signer: p.signer,
        nonce: p.extra.nonce,
        account_nonce,
        tip: p.extra.tip,
        fee,
        valid_until: p.extra.era.death(number),
        call: p.call,
    }))
}
