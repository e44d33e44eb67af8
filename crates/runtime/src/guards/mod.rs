//! Dispatch guards (spec-subnets §4.10): subtensor's `SubtensorTransactionExtension`, the
//! checks that reject a signed call before it runs. They run twice, as subtensor runs them:
//! at transaction validity (a failure is `InvalidTransaction::Custom(code)`, the transaction
//! never enters the pool or a block and pays nothing) and again right before dispatch (its
//! `DispatchExtension` side, where a failure is the pallet error).
//!
//! Order: coldkey-swap freeze, then the weight checks (input lengths, stake threshold, reveal
//! pre-checks), the rate limits, and the serving endpoint checks.

mod coldkey_swap;
mod custom;
mod rate_limits;
mod serving;
mod weights;

pub use custom::CustomTransactionError;

use crate::{
    storage::{StorageError, StorageRead},
    subtensor::Error,
};
use yuma_primitives::{AccountId, RuntimeCall};

/// Runs every guard for `call` signed by `who` at block `now`; `Ok(Err(e))` is a rejection
/// with the pallet error `e`.
pub fn check(
    s: &dyn StorageRead,
    now: u64,
    who: &AccountId,
    call: &RuntimeCall,
) -> Result<Result<(), Error>, StorageError> {
    if let Err(e) = coldkey_swap::check(s, who, call)? {
        return Ok(Err(e));
    }
    let RuntimeCall::SubtensorModule(c) = call else {
        return Ok(Ok(()));
    };
    for guard in [weights::check, rate_limits::check, serving::check] {
        if let Err(e) = guard(s, now, who, c)? {
            return Ok(Err(e));
        }
    }
    Ok(Ok(()))
}
