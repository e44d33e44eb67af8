//! `increase_take` (call 66) and `decrease_take` (call 65), both fee-free.
//!
//! Order of checks as at subtensor HEAD: the `CheckDelegateTake` dispatch guard first
//! (take below `MinDelegateTake` → `DelegateTakeTooLow`, above `MaxDelegateTake` →
//! `DelegateTakeTooHigh`, then hotkey exists and is the signer's), then the call body, which
//! repeats the ownership checks and adds the direction and rate-limit rules.

use super::{
    last_take_change, set_last_take_change, DELEGATES, MAX_DELEGATE_TAKE, MIN_DELEGATE_TAKE,
    TX_DELEGATE_TAKE_RATE_LIMIT,
};
use crate::{
    dispatch::DispatchResult,
    ext::Ext,
    storage::StorageRead,
    subtensor::{ownership, storage::OWNER, Error, SubtensorEvent},
};
use yuma_primitives::AccountId;

/// `do_take_checks`: the hotkey exists (`HotKeyAccountNotExists`) and `coldkey` owns it
/// (`NonAssociatedColdKey`).
pub fn take_checks(s: &dyn StorageRead, coldkey: &AccountId, hotkey: &AccountId) -> DispatchResult {
    if OWNER.get(s, hotkey)?.is_none() {
        return Err(Error::HotKeyAccountNotExists.into());
    }
    if !ownership::coldkey_owns_hotkey(s, coldkey, hotkey)? {
        return Err(Error::NonAssociatedColdKey.into());
    }
    Ok(())
}

/// The `CheckDelegateTake` guard of both calls.
fn guard(
    s: &dyn StorageRead,
    coldkey: &AccountId,
    hotkey: &AccountId,
    take: u16,
) -> DispatchResult {
    if take < MIN_DELEGATE_TAKE.get(s)? {
        return Err(Error::DelegateTakeTooLow.into());
    }
    if take > MAX_DELEGATE_TAKE.get(s)? {
        return Err(Error::DelegateTakeTooHigh.into());
    }
    take_checks(s, coldkey, hotkey)
}

/// Whether a take change at `now` after one at `last` breaks the increase rate limit
/// (`exceeds_tx_delegate_take_rate_limit`: a limit or last block of 0 never does).
fn rate_limited(limit: u64, last: u64, now: u64) -> bool {
    limit != 0 && last != 0 && now.saturating_sub(last) <= limit
}

/// `increase_take(hotkey, take)`: raise the take, strictly above an explicit current entry
/// (a hotkey without one may set any value up to the maximum), at most once per rate-limit
/// window since the last change.
pub fn increase_take(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
    take: u16,
) -> DispatchResult {
    guard(&ext.state, coldkey, hotkey, take)?;
    take_checks(&ext.state, coldkey, hotkey)?;
    if let Some(current) = DELEGATES.get(&ext.state, hotkey)? {
        if take <= current {
            return Err(Error::DelegateTakeTooLow.into());
        }
    }
    if take > MAX_DELEGATE_TAKE.get(&ext.state)? {
        return Err(Error::DelegateTakeTooHigh.into());
    }
    let now = ext.block;
    let limit = TX_DELEGATE_TAKE_RATE_LIMIT.get(&ext.state)?;
    if rate_limited(limit, last_take_change(&ext.state, hotkey)?, now) {
        return Err(Error::DelegateTxRateLimitExceeded.into());
    }
    set_last_take_change(&mut ext.state, hotkey, now);
    DELEGATES.insert(&mut ext.state, hotkey, &take);
    ext.deposit_event(SubtensorEvent::TakeIncreased(*coldkey, *hotkey, take));
    Ok(())
}

/// `decrease_take(hotkey, take)`: lower the take, strictly below an explicit current entry
/// and not below `MinDelegateTake`; not rate limited, but it restarts the increase window.
pub fn decrease_take(
    ext: &mut Ext<'_>,
    coldkey: &AccountId,
    hotkey: &AccountId,
    take: u16,
) -> DispatchResult {
    guard(&ext.state, coldkey, hotkey, take)?;
    take_checks(&ext.state, coldkey, hotkey)?;
    if let Some(current) = DELEGATES.get(&ext.state, hotkey)? {
        if take >= current {
            return Err(Error::DelegateTakeTooLow.into());
        }
    }
    if take < MIN_DELEGATE_TAKE.get(&ext.state)? {
        return Err(Error::DelegateTakeTooLow.into());
    }
    DELEGATES.insert(&mut ext.state, hotkey, &take);
    set_last_take_change(&mut ext.state, hotkey, ext.block);
    ext.deposit_event(SubtensorEvent::TakeDecreased(*coldkey, *hotkey, take));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        delegation::{take as take_of, DEFAULT_DELEGATE_TAKE},
        dispatch::DispatchError,
        storage::MemoryStore,
    };

    const COLD: AccountId = AccountId([1; 32]);
    const HOT: AccountId = AccountId([2; 32]);
    const OTHER: AccountId = AccountId([3; 32]);

    fn err(e: Error) -> Result<(), DispatchError> {
        Err(e.into())
    }

    fn setup(ext: &mut Ext<'_>) {
        OWNER.insert(&mut ext.state, &HOT, &COLD);
    }

    #[test]
    fn guard_order_and_ownership() {
        let base = MemoryStore::default();
        let mut ext = Ext::new(&base, 10, None);
        // Unknown hotkey: bounds are checked before existence.
        assert_eq!(
            increase_take(&mut ext, &COLD, &HOT, 11_797),
            err(Error::DelegateTakeTooHigh)
        );
        assert_eq!(
            increase_take(&mut ext, &COLD, &HOT, 100),
            err(Error::HotKeyAccountNotExists)
        );
        setup(&mut ext);
        assert_eq!(
            decrease_take(&mut ext, &OTHER, &HOT, 100),
            err(Error::NonAssociatedColdKey)
        );
        // The default applies without an entry, and any value may be "increased" to then.
        assert_eq!(take_of(&ext.state, &HOT).unwrap(), DEFAULT_DELEGATE_TAKE);
        increase_take(&mut ext, &COLD, &HOT, 100).unwrap();
        assert_eq!(take_of(&ext.state, &HOT).unwrap(), 100);
        assert_eq!(ext.events.len(), 1);
    }

    #[test]
    fn direction_rules() {
        let base = MemoryStore::default();
        let mut ext = Ext::new(&base, 10, None);
        setup(&mut ext);
        DELEGATES.insert(&mut ext.state, &HOT, &5_000);
        assert_eq!(
            increase_take(&mut ext, &COLD, &HOT, 5_000),
            err(Error::DelegateTakeTooLow)
        );
        assert_eq!(
            decrease_take(&mut ext, &COLD, &HOT, 5_000),
            err(Error::DelegateTakeTooLow)
        );
        MIN_DELEGATE_TAKE.set(&mut ext.state, 4_000);
        assert_eq!(
            decrease_take(&mut ext, &COLD, &HOT, 3_999),
            err(Error::DelegateTakeTooLow)
        );
        decrease_take(&mut ext, &COLD, &HOT, 4_000).unwrap();
        assert_eq!(take_of(&ext.state, &HOT).unwrap(), 4_000);
    }

    #[test]
    fn increase_waits_out_the_window_after_any_change() {
        let base = MemoryStore::default();
        let mut ext = Ext::new(&base, 100, None);
        setup(&mut ext);
        TX_DELEGATE_TAKE_RATE_LIMIT.set(&mut ext.state, 10);
        // A decrease at 100 starts the window: increases fail through block 110 (now − last ≤ 10).
        decrease_take(&mut ext, &COLD, &HOT, 1_000).unwrap();
        for now in [100, 105, 110] {
            ext.block = now;
            assert_eq!(
                increase_take(&mut ext, &COLD, &HOT, 2_000),
                err(Error::DelegateTxRateLimitExceeded)
            );
        }
        // Decreases are never limited.
        decrease_take(&mut ext, &COLD, &HOT, 900).unwrap();
        ext.block = 121;
        increase_take(&mut ext, &COLD, &HOT, 2_000).unwrap();
        ext.block = 131;
        assert_eq!(
            increase_take(&mut ext, &COLD, &HOT, 3_000),
            err(Error::DelegateTxRateLimitExceeded)
        );
        ext.block = 132;
        increase_take(&mut ext, &COLD, &HOT, 3_000).unwrap();
        // A zero limit disables the rule.
        TX_DELEGATE_TAKE_RATE_LIMIT.set(&mut ext.state, 0);
        increase_take(&mut ext, &COLD, &HOT, 3_001).unwrap();
    }
}
