//! The user calls of the balances pallet.

use super::{force_set_balance, free, transfer, EXISTENTIAL_DEPOSIT};
use crate::{
    dispatch::{DispatchError, DispatchResult},
    ext::Ext,
    subtensor::Origin,
};
use yuma_primitives::{call::BalancesCall, extrinsic::MultiAddress, AccountId};

fn lookup(dest: &MultiAddress) -> Result<AccountId, DispatchError> {
    dest.account().ok_or(DispatchError::CannotLookup)
}

/// Executes a balances call made with `origin`: transfers need a signer,
/// `force_set_balance` needs Root (`Sudo.sudo`).
pub fn dispatch(ext: &mut Ext<'_>, origin: Origin, call: &BalancesCall) -> DispatchResult {
    if let BalancesCall::ForceSetBalance { who, new_free } = call {
        if !origin.is_root() {
            return Err(DispatchError::BadOrigin);
        }
        return force_set_balance(ext, &lookup(who)?, new_free.0);
    }
    let origin = &origin.signed()?;
    match call {
        BalancesCall::ForceSetBalance { .. } => Err(DispatchError::BadOrigin),
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
