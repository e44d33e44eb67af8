//! Block application: `on_initialize`, every transaction in order (each atomic: a failed call
//! keeps only its fee and nonce bump), then `on_finalize`, yielding the state changes, the
//! events and a receipt per transaction.
//!
//! A transaction that is not valid at all (malformed, bad signature, wrong nonce, cannot pay)
//! changes nothing and gets an `Invalid` receipt with fee 0. A node's block builder never
//! includes such transactions, but a block that does still applies deterministically.

mod block;
mod signatures;
mod validity;

pub use block::{extrinsics_root, Block, Header};
pub use validity::{TxValidityError, ValidTransaction};

use crate::{
    balances,
    dispatch::{DispatchError, DispatchResult},
    event::{EventRecord, Phase, SystemEvent, TransactionPaymentEvent},
    ext::Ext,
    fees,
    storage::{ChangeSet, StorageError, StorageRead},
    system,
};
use crate::{
    event::SudoEvent,
    hyperparams,
    subtensor::{self, Origin},
};
use std::ops::Range;
use validity::Prepared;
use yuma_primitives::{
    call::{SudoCall, SystemCall},
    hashing::blake2_256,
    AccountId, RuntimeCall, H256,
};

/// What happened to one transaction of a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Not applied at all: nothing changed, no fee.
    Invalid(TxValidityError),
    /// Applied and the call succeeded.
    Success,
    /// Applied, the call failed: only the fee and nonce changed.
    Failed(DispatchError),
}

/// A transaction's receipt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// Position in the block.
    pub index: u32,
    /// blake2b-256 of the extrinsic bytes.
    pub hash: H256,
    /// The signer, when the bytes named one.
    pub signer: Option<AccountId>,
    /// Rao paid.
    pub fee: u64,
    /// Result.
    pub outcome: Outcome,
    /// Its events: a range of [`BlockOutput::events`].
    pub events: Range<usize>,
}

/// The result of applying a block.
#[derive(Debug)]
pub struct BlockOutput {
    /// Every state write.
    pub changes: ChangeSet,
    /// Every event, in order (also stored as `System.Events`).
    pub events: Vec<EventRecord>,
    /// One receipt per transaction.
    pub receipts: Vec<Receipt>,
}

/// A block that cannot be applied at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlockError {
    /// Not the next block.
    #[error("block number {got} does not follow the current block {current}")]
    WrongNumber {
        /// Current block of the state.
        current: u64,
        /// Number in the header.
        got: u64,
    },
    /// Block 1 must build on genesis.
    #[error("block 1 has parent {got}, but the genesis hash is {genesis}")]
    WrongGenesis {
        /// Genesis hash of the state.
        genesis: H256,
        /// Parent in the header.
        got: H256,
    },
    /// The state is corrupt.
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Applies `block` on top of `base` (the state after its parent).
pub fn apply_block(base: &dyn StorageRead, block: &Block) -> Result<BlockOutput, BlockError> {
    let header = &block.header;
    let current = system::block_number(base)?;
    if header.number != current + 1 {
        return Err(BlockError::WrongNumber {
            current,
            got: header.number,
        });
    }
    if header.number == 1 {
        let genesis = system::genesis_hash(base)?;
        if header.parent_hash != genesis {
            return Err(BlockError::WrongGenesis {
                genesis,
                got: header.parent_hash,
            });
        }
    }
    let mut ext = Ext::new(base, header.number, header.author);
    system::initialize(&mut ext, header.parent_hash, header.timestamp_ms);
    on_initialize(&mut ext)?;

    let prepared = validity::prepare_all(&ext.state, header.number, &block.extrinsics)?;
    let mut receipts = Vec::with_capacity(block.extrinsics.len());
    for (i, (bytes, p)) in block.extrinsics.iter().zip(prepared).enumerate() {
        let index = i as u32;
        ext.set_phase(Phase::ApplyExtrinsic(index));
        let start = ext.events.len();
        let hash = H256(blake2_256(bytes));
        let (signer, fee, outcome) = match p {
            Err((signer, e)) => (signer, 0, Outcome::Invalid(e)),
            Ok(p) => apply_prepared(&mut ext, &p, bytes.len())?,
        };
        receipts.push(Receipt {
            index,
            hash,
            signer,
            fee,
            outcome,
            events: start..ext.events.len(),
        });
    }

    ext.set_phase(Phase::Finalization);
    system::finalize(&mut ext);
    let events = std::mem::take(&mut ext.events);
    Ok(BlockOutput {
        changes: ext.state.into_changes(),
        events,
        receipts,
    })
}

/// The hook before any transaction (spec-emission §3): registration prices decay
/// (spec-subnets §3.3), timelocked commits past their reveal epoch are dropped (§4.11), then
/// the block's TAO is minted and the coinbase runs (injection, pending alpha, the epoch
/// scheduler and the distribution of every epoch that fires), then pending child keys of
/// subnets whose epoch fired apply (subtensor `block_step` step 7), then root dividends of a
/// few coldkeys picked from the parent hash are auto-claimed (step 8, spec-emission §10.5).
///
/// No step adds or removes a subnet, so the subnet list is read once for all of them.
fn on_initialize(ext: &mut Ext<'_>) -> Result<(), StorageError> {
    let subnets = crate::subnets::all(&ext.state)?;
    crate::neurons::decay_all(ext, &subnets)?;
    crate::weights::timelocked::expire(ext, &subnets)?;
    crate::emission::block_step(ext, &subnets)?;
    crate::childkeys::on_initialize(ext, &subnets)?;
    crate::root_claim::auto_claim(ext)?;
    Ok(())
}

fn apply_prepared(
    ext: &mut Ext<'_>,
    p: &Prepared,
    len: usize,
) -> Result<(Option<AccountId>, u64, Outcome), StorageError> {
    let signer = p.signer;
    let info = fees::dispatch_info(&p.call);
    let fee = fees::compute_fee(len, &info, p.extra.tip);
    if let Err(e) = validity::check_account(&ext.state, &signer, p.extra.nonce, fee, info.pays_fee)?
    {
        return Ok((Some(signer), 0, Outcome::Invalid(e)));
    }
    if let Err(e) = validity::check_guards(&ext.state, ext.block, &signer, &p.call)? {
        return Ok((Some(signer), 0, Outcome::Invalid(e)));
    }
    // Pre-dispatch: nonce and fee, kept whatever the call does.
    let mut acct = system::account(&ext.state, &signer)?;
    acct.nonce = acct.nonce.wrapping_add(1);
    system::ACCOUNT.insert(&mut ext.state, &signer, &acct);
    if let Err(e) = balances::withdraw_fee(ext, &signer, fee) {
        // check_account guaranteed the fee is payable; failing here means corrupt state.
        return Err(StorageError {
            item: "System.Account".into(),
            reason: e.to_string(),
        });
    }

    let result = ext.transactional(|ext| dispatch_call(ext, &signer, &p.call));

    balances::settle_fee(ext, fee).map_err(|e| StorageError {
        item: "Balances".into(),
        reason: e.to_string(),
    })?;
    ext.deposit_event(TransactionPaymentEvent::TransactionFeePaid {
        who: signer,
        actual_fee: fee,
        tip: p.extra.tip,
    });
    let outcome = match result {
        Ok(()) => {
            ext.deposit_event(SystemEvent::ExtrinsicSuccess {
                dispatch_info: info,
            });
            Outcome::Success
        }
        Err(e) => {
            ext.deposit_event(SystemEvent::ExtrinsicFailed {
                dispatch_error: e,
                dispatch_info: info,
            });
            Outcome::Failed(e)
        }
    };
    Ok((Some(signer), fee, outcome))
}

/// Routes a call signed by `origin` to its module. Admin-utils calls signed by the sudo key
/// run as Root (see [`crate::hyperparams`]).
pub fn dispatch_call(ext: &mut Ext<'_>, origin: &AccountId, call: &RuntimeCall) -> DispatchResult {
    // The guards' dispatch side (subtensor's `DispatchExtension`s, spec-subnets §4.10).
    crate::guards::check(&ext.state, ext.block, origin, call)??;
    match call {
        RuntimeCall::Sudo(SudoCall::Sudo { call }) => {
            if !subtensor::is_sudo(&ext.state, origin)? {
                return Err(DispatchError::Module(crate::dispatch::ModuleError {
                    index: 12,
                    error: 0,
                    name: "RequireSudo",
                }));
            }
            let sudo_result = ext.transactional(|ext| dispatch_as(ext, Origin::Root, call));
            ext.deposit_event(SudoEvent::Sudid { sudo_result });
            Ok(())
        }
        RuntimeCall::AdminUtils(c) => {
            let o = if subtensor::is_sudo(&ext.state, origin)? {
                Origin::Root
            } else {
                Origin::Signed(*origin)
            };
            hyperparams::dispatch(ext, o, c)
        }
        other => dispatch_as(ext, Origin::Signed(*origin), other),
    }
}

/// Routes a call made with `origin` (Root only through `Sudo.sudo`).
fn dispatch_as(ext: &mut Ext<'_>, origin: Origin, call: &RuntimeCall) -> DispatchResult {
    let signed = || origin.signed();
    match call {
        RuntimeCall::SubtensorModule(c) => subtensor::dispatch(ext, origin, c),
        RuntimeCall::AdminUtils(c) => hyperparams::dispatch(ext, origin, c),
        RuntimeCall::Swap(c) => crate::swap::calls::dispatch(ext, origin, c),
        RuntimeCall::Sudo(_) => Err(DispatchError::BadOrigin),
        RuntimeCall::System(SystemCall::Remark { .. }) => signed().map(|_| ()),
        RuntimeCall::System(SystemCall::RemarkWithEvent { remark }) => {
            ext.deposit_event(SystemEvent::Remarked {
                sender: signed()?,
                hash: H256(blake2_256(remark)),
            });
            Ok(())
        }
        RuntimeCall::Balances(c) => balances::dispatch(ext, origin, c),
    }
}

/// Checks a transaction against `state` as the next block would see it, without applying
/// it: what a mempool admits. A nonce above the account's is `Future` (held, not dropped).
pub fn validate_transaction(
    state: &dyn StorageRead,
    bytes: &[u8],
) -> Result<Result<ValidTransaction, TxValidityError>, StorageError> {
    validity::validate(state, bytes)
}

/// [`validate_transaction`] on the state after the block whose runtime hash is `head_hash`:
/// the next block's `on_initialize` writes `System.BlockHash[head] = head_hash`, so a
/// transaction born at the head (the natural choice of a wallet) is valid in that block; this
/// supplies that entry in an overlay so a mempool admits it now.
pub fn validate_transaction_after(
    state: &dyn StorageRead,
    head_hash: H256,
    bytes: &[u8],
) -> Result<Result<ValidTransaction, TxValidityError>, StorageError> {
    let mut view = crate::storage::Overlay::new(state);
    let head = crate::system::block_number(state)?;
    crate::system::BLOCK_HASH.insert(&mut view, &head, &head_hash);
    validity::validate(&view, bytes)
}

/// Forgets the signatures remembered as verified (see the executive's `signatures` module),
/// so the next block or validation verifies every signature again: for benchmarks that
/// measure verification. Results never depend on it.
pub fn forget_verified_signatures() {
    signatures::forget();
}

/// [`validate_transaction_after`] of many transactions on the same state, their signatures
/// verified together in batches on every core (what a mempool uses under load). Each result
/// is exactly what [`validate_transaction_after`] gives for that transaction alone.
pub fn validate_transactions_after(
    state: &dyn StorageRead,
    head_hash: H256,
    txs: &[&[u8]],
) -> Vec<Result<Result<ValidTransaction, TxValidityError>, StorageError>> {
    let mut view = crate::storage::Overlay::new(state);
    match crate::system::block_number(state) {
        Ok(head) => crate::system::BLOCK_HASH.insert(&mut view, &head, &head_hash),
        Err(e) => return txs.iter().map(|_| Err(e.clone())).collect(),
    }
    validity::validate_many(&view, txs)
}
