//! TAO balances (`pallet_balances` as subtensor configures it): free balances, transfers, the
//! existential deposit and total issuance.
//!
//! An account exists while it holds at least [`EXISTENTIAL_DEPOSIT`] rao; when a transfer
//! leaves less, the account is reaped and the remainder ("dust") is burned: total issuance
//! falls by it and `Yuma.Burned` counts it, so `genesis + minted == issuance + burned` always.
//! Errors are Substrate's fungible `TokenError`s, as a subtensor node reports them.

mod calls;

pub use calls::dispatch;

use crate::{
    dispatch::{ArithmeticError, DispatchError, DispatchResult, TokenError},
    event::BalancesEvent,
    ext::Ext,
    storage::{StorageError, StorageRead, StorageValue},
    system::{self, NEW_LOGIC_FLAG},
};
use yuma_primitives::AccountId;

/// Subtensor's existential deposit, rao.
pub const EXISTENTIAL_DEPOSIT: u64 = 500;

/// `Balances.TotalIssuance`: all TAO in existence.
pub const TOTAL_ISSUANCE: StorageValue<u64> = StorageValue::new("Balances", "TotalIssuance");
/// `Yuma.Burned`: all TAO ever burned (dust, fees without an author); yuma's own bookkeeping.
pub const BURNED: StorageValue<u64> = StorageValue::new("Yuma", "Burned");
/// `Yuma.Minted`: all TAO minted after genesis (coinbase, dev faucet).
pub const MINTED: StorageValue<u64> = StorageValue::new("Yuma", "Minted");

/// Free balance of `who`.
pub fn free(s: &dyn StorageRead, who: &AccountId) -> Result<u64, StorageError> {
    Ok(system::account(s, who)?.data.free)
}

/// Total issuance.
pub fn total_issuance(s: &dyn StorageRead) -> Result<u64, StorageError> {
    Ok(TOTAL_ISSUANCE.get(s)?.unwrap_or(0))
}

fn add_to(ext: &mut Ext<'_>, item: &StorageValue<u64>, delta: u64) -> Result<(), StorageError> {
    let v = item.get(&ext.state)?.unwrap_or(0).saturating_add(delta);
    item.put(&mut ext.state, &v);
    Ok(())
}

/// Removes `amount` from issuance because nobody holds it any more.
pub fn burn_issuance(ext: &mut Ext<'_>, amount: u64) -> Result<(), StorageError> {
    if amount == 0 {
        return Ok(());
    }
    let ti = total_issuance(&ext.state)?.saturating_sub(amount);
    TOTAL_ISSUANCE.put(&mut ext.state, &ti);
    add_to(ext, &BURNED, amount)
}

/// Sets `who`'s free balance, creating or reaping the account as needed. A new balance below
/// the existential deposit on an account that does not exist is `BelowMinimum`; on one that
/// does, the account is reaped and the dust burned.
pub fn set_free(ext: &mut Ext<'_>, who: &AccountId, new_free: u64) -> DispatchResult {
    // A record may exist without a provider: a fee-free signer's nonce (subtensor's CheckNonce
    // lets hotkeys with no balance set weights). Alive means "holds a provider reference".
    let mut info = system::ACCOUNT.get(&ext.state, who)?.unwrap_or_default();
    let alive = info.providers > 0;
    if new_free < EXISTENTIAL_DEPOSIT {
        if !alive {
            return if new_free == 0 {
                Ok(())
            } else {
                Err(DispatchError::Token(TokenError::BelowMinimum))
            };
        }
        info.data.free = 0;
        info.providers -= 1;
        system::set_account(ext, who, &info, true);
        if new_free > 0 {
            burn_issuance(ext, new_free)?;
            ext.deposit_event(BalancesEvent::DustLost {
                account: *who,
                amount: new_free,
            });
        }
        return Ok(());
    }
    info.data.free = new_free;
    if !alive {
        info.providers = 1;
        info.data.flags = NEW_LOGIC_FLAG;
    }
    system::set_account(ext, who, &info, alive);
    if !alive {
        ext.deposit_event(BalancesEvent::Endowed {
            account: *who,
            free_balance: new_free,
        });
    }
    Ok(())
}

/// Creates `amount` new TAO in `who`'s account (genesis excluded; dev faucet, coinbase).
pub fn mint(ext: &mut Ext<'_>, who: &AccountId, amount: u64) -> DispatchResult {
    let new = free(&ext.state, who)?
        .checked_add(amount)
        .ok_or(DispatchError::Arithmetic(ArithmeticError::Overflow))?;
    let ti = total_issuance(&ext.state)?
        .checked_add(amount)
        .ok_or(DispatchError::Arithmetic(ArithmeticError::Overflow))?;
    set_free(ext, who, new)?;
    TOTAL_ISSUANCE.put(&mut ext.state, &ti);
    add_to(ext, &MINTED, amount)?;
    ext.deposit_event(BalancesEvent::Minted { who: *who, amount });
    Ok(())
}

/// `force_set_balance` (Root): sets `who`'s free balance to `new_free` and adjusts issuance
/// by the difference, as pallet_balances does by dropping the imbalance; a value below the
/// existential deposit wipes the account out (free 0, reaped). yuma's bookkeeping counts a
/// rise in `Yuma.Minted` and a fall in `Yuma.Burned`, keeping the issuance invariant.
/// Emits `BalanceSet { who, free }` with the balance actually set.
pub fn force_set_balance(ext: &mut Ext<'_>, who: &AccountId, new_free: u64) -> DispatchResult {
    let new_free = if new_free < EXISTENTIAL_DEPOSIT {
        0
    } else {
        new_free
    };
    let old_free = free(&ext.state, who)?;
    let ti = total_issuance(&ext.state)?;
    if new_free > old_free {
        let delta = new_free - old_free;
        let ti = ti
            .checked_add(delta)
            .ok_or(DispatchError::Arithmetic(ArithmeticError::Overflow))?;
        set_free(ext, who, new_free)?;
        TOTAL_ISSUANCE.put(&mut ext.state, &ti);
        add_to(ext, &MINTED, delta)?;
    } else if new_free < old_free {
        set_free(ext, who, new_free)?;
        burn_issuance(ext, old_free - new_free)?;
    }
    ext.deposit_event(BalancesEvent::BalanceSet {
        who: *who,
        free: new_free,
    });
    Ok(())
}

/// Moves `amount` from `from` to `to`. With `keep_alive` the sender must keep the existential
/// deposit (`NotExpendable`); without, it may be reaped.
pub fn transfer(
    ext: &mut Ext<'_>,
    from: &AccountId,
    to: &AccountId,
    amount: u64,
    keep_alive: bool,
) -> DispatchResult {
    let from_free = free(&ext.state, from)?;
    let Some(left) = from_free.checked_sub(amount) else {
        return Err(DispatchError::Token(TokenError::FundsUnavailable));
    };
    if keep_alive && left < EXISTENTIAL_DEPOSIT {
        return Err(DispatchError::Token(TokenError::NotExpendable));
    }
    if from != to {
        let to_free = free(&ext.state, to)?;
        let to_new = to_free
            .checked_add(amount)
            .ok_or(DispatchError::Arithmetic(ArithmeticError::Overflow))?;
        if to_new < EXISTENTIAL_DEPOSIT {
            return Err(DispatchError::Token(TokenError::BelowMinimum));
        }
        set_free(ext, from, left)?;
        set_free(ext, to, to_new)?;
    }
    ext.deposit_event(BalancesEvent::Transfer {
        from: *from,
        to: *to,
        amount,
    });
    Ok(())
}

/// Whether `who` can pay `fee` and keep the existential deposit (fees never reap).
pub fn can_pay_fee(s: &dyn StorageRead, who: &AccountId, fee: u64) -> Result<bool, StorageError> {
    if fee == 0 {
        return Ok(true);
    }
    let f = free(s, who)?;
    Ok(f.checked_sub(fee)
        .is_some_and(|left| left >= EXISTENTIAL_DEPOSIT))
}

/// Takes a fee the caller checked with [`can_pay_fee`].
pub fn withdraw_fee(ext: &mut Ext<'_>, who: &AccountId, fee: u64) -> DispatchResult {
    if fee == 0 {
        return Ok(());
    }
    let f = free(&ext.state, who)?;
    let left = f
        .checked_sub(fee)
        .ok_or(DispatchError::Token(TokenError::FundsUnavailable))?;
    set_free(ext, who, left)?;
    ext.deposit_event(BalancesEvent::Withdraw {
        who: *who,
        amount: fee,
    });
    Ok(())
}

/// Pays a withdrawn fee to the block author, or burns it when there is none (or the author's
/// account cannot receive it), as subtensor's `TransactionFeeHandler` does.
pub fn settle_fee(ext: &mut Ext<'_>, fee: u64) -> DispatchResult {
    if fee == 0 {
        return Ok(());
    }
    if let Some(author) = ext.author {
        let cur = free(&ext.state, &author)?;
        if let Some(new) = cur.checked_add(fee).filter(|n| *n >= EXISTENTIAL_DEPOSIT) {
            set_free(ext, &author, new)?;
            ext.deposit_event(BalancesEvent::Deposit {
                who: author,
                amount: fee,
            });
            return Ok(());
        }
    }
    burn_issuance(ext, fee)?;
    ext.deposit_event(BalancesEvent::Rescinded { amount: fee });
    Ok(())
}
