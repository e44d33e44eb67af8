//! The user calls of the balances pallet.

use super::{free, transfer, EXISTENTIAL_DEPOSIT};
use crate::{
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
};
use yuma_primitives::{call::BalancesCall, extrinsic::MultiAddress, AccountId};

fn lookup(dest: &MultiAddress) -> Result<AccountId, DispatchError> {
    dest.account().ok_or(DispatchError::CannotLookup)
}

/// Executes a balances call signed by `origin`.
pub fn dispatch(ext: &mut Ext<'_>, origin: &AccountId, call: &BalancesCall) -> DispatchResult {
    match call {
        BalancesCall::TransferAllowDeath { dest, value } => {
            transfer(ext, origin, &lookup(dest)?, value.0, false)
        }
        BalancesCall::TransferKeepAlive { dest, value } => {
            transfer(ext, origin, &lookup(dest)?, value.0, true)
        }
        BalancesCall::TransferAll { dest, keep_alive } => {
            let dest = lookup(dest)?;
            let all = free(&ext.state, origin)?;
            let amount = if *keep_alive {
                all.saturating_sub(EXISTENTIAL_DEPOSIT)
            } else {
                all
            };
            transfer(ext, origin, &dest, amount, *keep_alive)
        }
    }
}
